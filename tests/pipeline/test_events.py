"""The event coder on sentences we wrote: every CAMEO root, negation, mode, and known peer failures."""

import pytest

from tests.conftest import roots, triples

ROOT_SENTENCES = [
    ("01", "The Chinese government issued a statement on Germany's trade policy on Monday.", ("CHNGOV", "DEU")),
    ("02", "The Kenyan president appealed to Ethiopia for help with refugees.", ("KENGOV", "ETH")),
    ("03", "Japan pledged to expand economic cooperation with Vietnam.", ("JPN", "VNM")),
    ("04", "The Turkish foreign minister met his Greek counterpart in Athens.", ("TURGOV", "GRCGOV")),
    ("05", "Canada praised Mexico for its handling of the migration talks.", ("CAN", "MEX")),
    ("06", "Germany shared intelligence with France about the attack.", ("DEU", "FRA")),
    ("07", "The United States sent humanitarian aid to Haiti after the earthquake.", ("USA", "HTI")),
    ("08", "Iran released two French prisoners on Tuesday.", ("IRN", "FRA")),
    ("09", "The United Nations launched an investigation into Myanmar's treatment of the Rohingya.", ("IGOUNO", "MMR")),
    ("10", "Poland demanded that Belarus withdraw its troops from the border.", ("POL", "BLR")),
    ("11", "Britain condemned Iran for the attack on the tanker.", ("GBR", "IRN")),
    ("12", "Venezuela rejected Colombia's proposal for talks.", ("VEN", "COL")),
    ("13", "North Korea threatened to attack South Korea.", ("PRK", "KOR")),
    ("14", "Thousands of Serbian protesters rallied against the government in Belgrade.", ("SRBCVL", None)),
    ("15", "Russia deployed troops near the Ukrainian border.", ("RUS", None)),
    ("16", "Estonia expelled a Russian diplomat on Friday.", ("EST", "RUSGOV")),
    ("17", "Egyptian police arrested dozens of Sudanese migrants.", ("EGYCOP", "SDNREF")),
    ("18", "Gunmen kidnapped three Nigerian soldiers near the border.", ("UAF", "NGAMIL")),
    ("19", "Israeli aircraft bombed Hamas positions in Gaza.", ("ISRMIL", "PSEREBHMS")),
    ("20", "Islamic State militants massacred hundreds of Yazidi civilians.", ("IMGREBISI", "CVL")),
]


@pytest.mark.parametrize(("root", "text", "dyad"), ROOT_SENTENCES, ids=[r for r, _, _ in ROOT_SENTENCES])
def test_events_every_cameo_root(code, root, text, dyad):
    coded = code(text, "2022-03-10")
    matching = [e for e in coded.events if e.root == root]
    assert matching, f"no root {root} event in {[(e.code, e.rule) for e in coded.events]}"
    event = matching[0]
    assert event.source is not None and event.source.code == dyad[0]
    if dyad[1]:
        assert event.target is not None and event.target.code.startswith(dyad[1])
    assert event.quad_class == (1 if int(root) <= 5 else 2 if int(root) <= 9 else 3 if int(root) <= 14 else 4)
    assert bool(event.plover) == (root != "01")  # PLOVER does not code public statements
    assert event.rule and text[slice(*event.trigger.span)] == event.trigger.text
    assert text[slice(*event.sentence_span)].strip() == text.strip()


def test_events_negation(code):
    coded = code("Serbia did not recognise the independence of Kosovo. Russia refused to meet Ukraine. "
                 "Chile imposed no sanctions on Peru. Japan condemned China.")
    negated = {(e.source.code, e.root, e.target.code) for e in coded.events if e.negated}
    assert negated == {("SRB", "05", "XKX"), ("RUS", "04", "UKR"), ("CHL", "16", "PER")}
    assert ("JPN", "11", "CHN") in roots(coded)


def test_events_reported_gives_statement_and_reported_act(code):
    coded = code("Lithuanian President Gitanas Nauseda said that Russia attacked Ukraine.", "2021-11-29")
    modes = {(e.source.code, e.code[:2], e.target.code): e.mode for e in coded.events}
    assert modes[("RUS", "19", "UKR")] == "reported" or modes.get(("RUS", "18", "UKR")) == "reported"
    statement = [e for e in coded.events if e.rule.startswith("report:")]
    assert statement and statement[0].source.code == "LTUGOV" and statement[0].target.code == "RUS"
    assert statement[0].mode == "asserted"


def test_events_future_and_hypothetical(code):
    future = code("Germany will send tanks to Poland next month.")
    assert {e.mode for e in future.events} == {"future"}
    hypothetical = code("If talks fail, Azerbaijan could attack Armenia.")
    assert any(e.mode == "hypothetical" and e.source.code == "AZE" for e in hypothetical.events)


def test_events_no_junk_for_bare_statements_and_auxiliaries(code):
    coded = code("Russia said it will continue. The minister said the weather was fine. NATO will be there.")
    assert coded.events == ()


def test_events_target_is_not_any_noun_after_the_verb(code):
    coded = code("China criticised the decision taken in Washington by the committee.")
    assert all(e.target is None or e.target.code != "USA" for e in coded.events)


def test_events_event_date_from_its_own_clause(code):
    coded = code("On October 6, NATO expelled eight Russian diplomats.", "2021-11-29")
    [event] = [e for e in coded.events if e.code.startswith("16")]
    assert (event.date, event.date_text, event.date_source) == ("2021-10-06", "October 6", "text")
    undated = code("NATO expelled eight Russian diplomats.", "2021-11-29").events[0]
    assert undated.date is None and undated.date_source == "publication"


def test_events_nominalised_act_takes_source_from_governing_verb(code):
    coded = code("Russia announced the suspension of its mission to NATO.")
    assert ("RUS", "16", "IGOWSTNAT") in roots(coded)


def test_events_conjoined_subjects_act_towards_each_other(code):
    coded = code("Norway and Sweden signed a defence agreement.")
    assert {("NOR", "057", "SWE"), ("SWE", "057", "NOR")} <= triples(coded)


def test_events_one_sentence_does_not_explode(code):
    coded = code("Russia, Belarus, Kazakhstan, Armenia, Kyrgyzstan and Tajikistan condemned the United States, "
                 "Britain, France, Germany, Italy and Japan over sanctions on Moscow and Minsk.")
    assert 0 < len(coded.events) <= 8


def test_events_quote_voicing_criticism(code):
    coded = code('"This is an unacceptable provocation and a threat to our security," Russian Foreign Minister '
                 "Sergei Lavrov said of the NATO exercises.", "2021-11-29")
    assert any(e.rule == "quote:negative-tone" and e.source.code == "RUSGOV" for e in coded.events) or \
        ("RUSGOV", "11", "IGOWSTNAT") in roots(coded)


def test_events_targets_in_phrases_of_the_object(code):
    assert triples(code("Estonia condemned the attack by Russia.")) == {("EST", "111", "RUS")}
    assert triples(code("Estonia welcomed the talks between Russia and Ukraine.")) >= {("EST", "051", "RUS"),
                                                                                    ("EST", "051", "UKR")}
    assert ("LTU", "161", "RUSGOV") in triples(code("Lithuania is about to expel Russian diplomats."))


def test_events_several_sources_without_a_counterpart_cooperate_only(code):
    assert not triples(code("Russia and China condemned the sanctions."))


def test_events_a_list_parsed_as_apposition_and_conjuncts_is_one_list(coder):
    from spacy.tokens import Doc

    from newsevents.pipeline.actors import ActorIndex
    from newsevents.pipeline.events import EventCoder

    words = ["Estonia", ",", "the", "Latvia", ",", "Lithuania", "and", "Poland", "protested"]
    heads = [8, 0, 3, 0, 3, 3, 5, 5, 8]
    deps = ["nsubj", "punct", "det", "appos", "punct", "conj", "cc", "conj", "ROOT"]
    doc = Doc(coder.nlp.vocab, words=words, heads=heads, deps=deps)
    events = EventCoder(doc, coder.lexicon, ActorIndex(), "d", [], [], [])
    assert [t.text for t in events._with_conjuncts(doc[0])] == ["Estonia", "Latvia", "Lithuania", "Poland"]


def test_events_a_role_of_several_countries_is_each_country_s(code):
    assert triples(code("The ambassadors of Poland, Latvia and Estonia condemned Russia.")) == {
        ("POLGOV", "111", "RUS"), ("LVAGOV", "111", "RUS"), ("ESTGOV", "111", "RUS")}
    assert triples(code("Russia expelled the ambassadors of Poland and Latvia.")) == {("RUS", "161", "POLGOV"),
                                                                                     ("RUS", "161", "LVAGOV")}


def test_events_parse_artefacts_an_adverbial_noun_is_the_object():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsevents.pipeline.events import _objects

    # "contribute a million gold florin to X" with "florin" parsed as an adverbial of the verb
    words = ["Arnor", "will", "contribute", "a", "million", "gold", "florin", "to", "X"]
    doc = Doc(Vocab(), words=words, heads=[2, 2, 2, 4, 6, 6, 2, 6, 7],
              deps=["nsubj", "aux", "ROOT", "quantmod", "nummod", "compound", "advmod", "prep", "pobj"],
              pos=["PROPN", "AUX", "VERB", "DET", "NUM", "NOUN", "NOUN", "ADP", "PROPN"])
    assert [t.text for t in _objects(doc[2])] == ["florin"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Indian troops traded fire with Pakistani forces.", ("INDMIL", "190", "PAKMIL")),
    ("Indian troops fired rockets at Pakistani forces.", ("INDMIL", "190", "PAKMIL")),
    ("Palestinian youths threw stones at Israeli troops.", ("PSE", "145", "ISRMIL")),
    ("Gunmen shot at Iraqi police on Monday.", ("UAF", "193", "IRQCOP")),
    ("The United States will provide 15 million dollars in aid to North Korea.", ("USA", "071", "PRK")),
])
def test_events_weapons_and_money_aimed_at_someone(code, text, expected):
    """'fire/throw/shoot at X' names the target; 'trade fire' is fighting, not trade; a sum given is aid."""
    coded = code(text, "2022-03-10")
    assert [(e.source.code, e.code, e.target.code if e.target else None) for e in coded.events] == [expected]


def test_events_in_a_conjecture_are_hypothetical(code):
    [attack] = [e for e in code("Lithuania expects that Russia will attack Latvia.").events if e.source.code == "RUS"]
    assert (attack.root, attack.target.code, attack.mode) == ("19", "LVA", "hypothetical")
