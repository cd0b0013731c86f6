"""PETRARCH-format dictionaries: each construct, read from small dictionaries we wrote, and applied by our
coder to sentences we wrote. Freedonia (FRE) and Sylvania (SYL) are invented."""

import datetime as dt
import warnings
from collections import Counter
from pathlib import Path

import pytest

from newsevents.errors import LexiconWarning
from newsevents.lexicons.actors import ActorLexicon
from newsevents.lexicons.config import build_lexicon
from newsevents.lexicons.events import EventLexicon, load_codebook
from newsevents.lexicons.files import DATA_DIR
from newsevents.lexicons.petrarch import (
    dictionary_lines,
    parse_petrarch_pattern,
    read_actors,
    read_agents,
    read_coding_ontology,
    read_discards,
    read_verbs,
)
from newsevents.process import Coder
from newsevents.readers import document_from_text
from tests.conftest import SHARED, needs_shared, triples

VERBS = """\
# A verb dictionary in PETRARCH's format, written for these tests.
<!-- a comment
   over two lines -->
&TIETYPES
+ECONOMIC
+CULTURAL

&MONEY_
+DOLLAR
+GOLD COIN
+&TIETYPES

--- CONDEMN [111] ---
CONDEMN   # a comment after the verb
DENOUNCE [112]
- * {&TIETYPES POLICY}  [1121]
- * (FOR AGGRESSION)    [1122]

--- LEAVE [042:043] ---
LEFT
- * (TO LEAVE)          [066]

--- DONATE [070] ---
DONATE
GIVE {GAVE GIVEN GIVING}
- * &MONEY              [071]
- % *                   [057]
- (AFTER) *             [0711]
- CHARITY *             [0712]
- * BUDGET              [---]
- * PEACE               [xyz]
- * &UNDEFINED          [071]
- * (TO {ELECTIONS      [083]

--- SEAL [---] ---
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF +CORDONING_OFF}
WIRE_+TAP
- * BORDER              [0579]

--- SPEAK [010] ---
SAY {SAYS SAID SAYING}
- * SKEPTICISM          [012]

~ a (a b CONDEMN) SAY = a b 111

--- MARK [051] ---
MARK
- * ANNIVERSARY (IN ^) (WITH +)  [017]
- * FESTIVAL (IN ^)  [017]

--- YIELD [013] ---
YIELD
- (TO) *  [073]

--- CAUTION [130] ---
CAUTION
- * (AT) ^ +  [131]

--- VOW [170] ---
VOW
- * WAR  [190]

--- WELCOME [050] ---
WELCOME

--- CLASH [190] ---
CLASH
- * (OVER PLANS)  [110]

--- RECEIVE [---] ---
RECEIVE
- * AID (FROM $)  [071]
- * TRIBUTE $  [072]
"""

ONTOLOGY = """\
# An internal coding ontology in PETRARCH's format, written for these tests: 110 negated is 050.
050:0x0080  # cooperate
110:0x1007f#0xFFFF+0x0080
121:-0xFFFF+0x0070
060:0x0070
1x9:0x00A0
---:0
"""

ACTORS = """\
<!-- An actor dictionary in PETRARCH's format, written for these tests. -->
FREEDONIA_  [FRE]
+FREEDONIAN
SYLVANIA [SYL]   # Sylvania
+SYLVANIAN_
TRENTINO
\t[SYLGOV]
RUFUS_T._FIREFLY_
+FIREFLY
\t[FREGOV 330101-331231]
\t[FREELI]
AMBASSADOR_TRENTINO
\t[SYLGOV <321231]
\t[SYLELI >330101]
CHICOLINI [---]
PINKY
\t[FRE 33013-331231]
NOBODY_IN_PARTICULAR
ZEMBLA [ZEM]
RURITANIA [RUR]
OZ [OZZ]
THE_FU [FREEDU]
+F.U.
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
TROOP [~MIL]
POLICE {} [~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
CONGRESS!PERSON! [~LEG]
RELIEF_AGENCY [NGO~]
SPY [SPY]
"""

DISCARDS = """\
# sentence discards, and a story discard with '+'
BASEBALL
+WORLD_SERIES
CROQUET_
"""


def write(folder: Path, **files: str) -> dict[str, Path]:
    paths = {}
    for name, text in files.items():
        paths[name] = folder / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def load(paths: dict[str, Path]) -> tuple[EventLexicon, ActorLexicon, list[str], Counter]:
    events = EventLexicon(codebook=load_codebook(DATA_DIR / "cameo.csv"))
    actors = ActorLexicon()
    counts: Counter = Counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LexiconWarning)
        if "verbs" in paths:
            read_verbs(paths["verbs"], events, counts, frozenset({"say"}))
        if "actors" in paths:
            read_actors(paths["actors"], actors, counts)
        if "agents" in paths:
            read_agents(paths["agents"], actors, counts)
    return events, actors, [str(w.message) for w in caught], counts


@pytest.fixture(scope="module")
def verbs(tmp_path_factory):
    paths = write(tmp_path_factory.mktemp("verbs"), verbs=VERBS)
    events, _, messages, counts = load(paths)
    return events, messages, counts, paths["verbs"]


def patterns(events: EventLexicon, lemma: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for pattern in events.verbs.get(lemma, []):
        found.setdefault(pattern.code, []).append(pattern)
    return found


def test_petrarch_comments_are_removed_and_lines_keep_their_numbers(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("A # one\n<!-- two\nthree -->\nB <!-- four --> C\n\n[X###] ; five\n")
    assert list(dictionary_lines(path)) == [(1, "A "), (4, "B  C"), (6, "[X###] ")]


def test_petrarch_pattern_parts():
    before, after = parse_petrarch_pattern("HARSHLY $ * {NEW &TIETYPES TIES} (WITH +) ^")
    assert [(e.kind, e.words) for e in before] == [("np", ("HARSHLY",)), ("mark", ("$",))]
    assert [(e.kind, e.words) for e in after] == [("np", ("NEW", "&TIETYPES", "TIES")), ("pp", ("WITH", "+")),
                                                  ("mark", ("^",))]
    assert [e.words for e in parse_petrarch_pattern("*GLADLY")[1]] == [("GLADLY",)]  # a '*' joined to a word
    for broken in ("* (WITH", "* {A", "NO VERB", "* A * B", "* ()"):
        with pytest.raises(ValueError):
            parse_petrarch_pattern(broken)


def test_petrarch_verb_block_code_and_own_code(verbs):
    events, *_ = verbs
    [bare] = [p for p in events.verbs["condemn"] if p.specificity == 0]
    assert bare.code == "111"
    assert [p.code for p in events.verbs["denounce"] if p.specificity == 0] == ["112"]
    assert bare.rule.startswith("verbs.txt:")


def test_petrarch_synsets_noun_phrases_and_prepositional_phrases(verbs):
    events, *_ = verbs
    found = patterns(events, "condemn")
    [policy] = found["1121"]
    assert policy.objects >= {"policy"} and policy.object_words == (frozenset({"economic", "cultural"}),)
    [aggression] = found["1122"]
    assert aggression.preps == {"for"} and aggression.prep_objects == {"aggression"}
    # Before the verb, a phrase is one of its clause, a noun phrase its subject's.
    [after] = patterns(events, "donate")["0711"]
    [charity] = patterns(events, "donate")["0712"]
    assert after.before == (frozenset({"after"}),) and not after.subject_words
    assert charity.subject_words == (frozenset({"charity"}),) and not charity.before


def test_petrarch_nested_and_multi_word_synset_members(verbs):
    events, *_ = verbs
    money = patterns(events, "donate")["071"]
    heads = {h for p in money for h in p.objects}
    assert {"dollar", "economic", "cultural", "coin"} <= heads  # members of a set inside the set count too
    [coin] = [p for p in money if "coin" in p.objects]
    assert coin.object_words == (frozenset({"gold"}),)


def test_petrarch_irregular_and_inflected_forms(verbs):
    events, *_ = verbs
    assert "give" in events.verbs and "gave" not in events.verbs  # forms in {...} are forms of the lemma
    [left] = [p for p in events.verbs["leave"] if p.specificity == 1]
    assert left.forms == {"left"} and (left.code, left.reverse_code) == ("042", "043")
    clause = patterns(events, "leave")["066"]  # "(TO LEAVE)": a phrase or a clause
    assert {p.xcomps for p in clause} == {frozenset(), frozenset({"leave"})}
    assert all(p.reverse_code is None for p in clause)


def test_petrarch_compound_verbs(verbs):
    events, *_ = verbs
    cordon = {p.code: p for p in events.verbs["cordon"]}
    assert cordon["0579"].after == (frozenset({"off"}),) and cordon["0579"].objects >= {"border"}
    [tap] = events.verbs["tap"]
    assert tap.lemma == "wire tap"
    assert "seal" not in events.verbs  # a block's name is not a verb


def test_petrarch_compound_actor_marker_and_dictionary_codes(verbs):
    events, *_ = verbs
    [reciprocal] = patterns(events, "donate")["057"]
    assert reciprocal.compound
    entry = events.describe("0579")  # a code of the dictionary's own, reported as itself
    assert entry.code == "0579" and entry.plover == events.codebook["057"].plover


def test_petrarch_reporting_verbs_leave_bare_statements_to_the_coder(verbs):
    events, _, counts, _ = verbs
    assert [p.code for p in events.verbs["say"]] == ["012"]
    assert counts["bare statement codes of reporting verbs left to the coder's statement rule"] == 1


def test_petrarch_verb_errors_name_file_and_line(verbs):
    events, messages, counts, path = verbs
    line = {text.split("[")[0].strip(): n for n, text in enumerate(VERBS.splitlines(), 1) if text.startswith("- ")}
    for pattern, why in (("- * PEACE", "not an event code"), ("- * &UNDEFINED", "not defined"),
                         ("- * (TO {ELECTIONS", "no closing")):
        assert any(m.startswith(f"{path}:{line[pattern]}:") and why in m for m in messages), (pattern, messages)
    assert [p.code for p in events.verbs["donate"] if p.objects == {"budget"}] == ["---"]  # an exception
    assert any("1 transformation(s) not applied" in m or "transformations not applied" in m for m in messages)
    assert "071" in patterns(events, "donate")  # the rest of the block still loads


def test_petrarch_actors_synonyms_and_codes(tmp_path):
    _, actors, messages, counts = load(write(tmp_path, actors=ACTORS))
    assert [e.code for e in actors.phrases["freedonian"]] == ["FRE"]
    assert [e.code for e in actors.phrases["sylvanian"]] == ["SYL"]
    assert actors.phrases["trentino"][0].code == "SYLGOV"  # the code on the next line
    assert actors.phrases["trentino"][0].kind == "organization"
    assert "chicolini" not in actors.phrases  # a null code codes nothing
    assert "nobody in particular" not in actors.phrases
    assert counts["actor records"] == 9
    assert any(":17:" in m and "33013" in m for m in messages)  # a malformed date, with its line
    assert any("without any code" in m for m in messages)


def test_petrarch_actor_date_ranges(tmp_path):
    _, actors, _, _ = load(write(tmp_path, actors=ACTORS))
    [firefly] = actors.phrases["firefly"]
    assert firefly.kind == "person"

    def code_on(entry, day):
        return next(h.code for h in entry.holders if h.holds_on(day))

    assert code_on(firefly, dt.date(1933, 6, 1)) == "FREGOV"
    assert code_on(firefly, dt.date(1933, 12, 31)) == "FREGOV"  # the last day is included
    assert code_on(firefly, dt.date(1950, 1, 1)) == "FREELI"  # the undated code is the default
    [ambassador] = actors.phrases["ambassador trentino"]
    assert code_on(ambassador, dt.date(1932, 12, 31)) == "SYLGOV"
    assert code_on(ambassador, dt.date(1933, 1, 1)) == "SYLELI"


def test_petrarch_agents(tmp_path):
    _, actors, messages, counts = load(write(tmp_path, agents=AGENTS))
    assert actors.phrases["troop"][0].code == "MIL" and "troops" in actors.phrases
    assert "polices" not in actors.phrases  # {} : no plural
    assert actors.phrases["attorneys general"][0].code == "JUD"
    assert {"congressman", "congresswomen"} <= set(actors.phrases)  # substitution sets
    [relief] = actors.phrases["relief agency"]
    assert relief.prefix and relief.code == "NGO"
    assert any(":7:" in m and "~CODE or CODE~" in m for m in messages)


def test_petrarch_discards(tmp_path):
    counts: Counter = Counter()
    path = write(tmp_path, discards=DISCARDS)["discards"]
    assert read_discards(path, counts) == {"baseball", "world series", "croquet"}


def test_petrarch_coding_ontology_pairs_codes_with_their_negation(tmp_path):
    paths = write(tmp_path, ontology=ONTOLOGY)
    counts: Counter = Counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LexiconWarning)
        negations = read_coding_ontology(paths["ontology"], counts)
    # A value less 0xFFFF: 110 (0x1007f) is 050, 060 (0x70) is 121; the null code negates nothing.
    assert negations == {"110": "050", "060": "121"} and counts["negated codes"] == 2
    assert [str(w.message).split(": ", 1)[1] for w in caught] == ["not a 'CODE:VALUE' line: '1x9:0x00A0'"]


def test_petrarch_actors_in_capitals_are_no_acronyms_unless_short_or_dotted(tmp_path):
    _, actors, _, _ = load(write(tmp_path, actors=ACTORS, agents=AGENTS))
    assert not actors.phrases["zembla"][0].acronym  # the whole file is in capitals: that says nothing
    assert actors.phrases["oz"][0].acronym and actors.phrases["f.u."][0].acronym
    assert not actors.phrases["police"][0].plural and actors.phrases["troop"][0].plural  # {}: no plural


@pytest.fixture(scope="module")
def petrarch_coder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("coder")
    paths = write(folder, verbs=VERBS, actors=ACTORS, agents=AGENTS, discards=DISCARDS, coding_ontology=ONTOLOGY)
    files = {"petrarch": {k: [v] for k, v in paths.items()}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LexiconWarning)
        lexicon = build_lexicon(files, replace=True, sources=[])
    return Coder.load(lexicon=lexicon)


def coded(coder, text, date="1995-01-01"):
    return triples(coder.code_document(document_from_text(text, date=date)))


def test_petrarch_dictionaries_code_through_our_coder(petrarch_coder):
    assert ("FRE", "111", "SYL") in coded(petrarch_coder, "Freedonia condemned Sylvania on Monday.")
    assert ("FRE", "112", "SYL") in coded(petrarch_coder, "Freedonia denounced Sylvania.")
    assert ("FREMIL", "111", "SYL") in coded(petrarch_coder, "Freedonian troops condemned Sylvania.")


def test_petrarch_date_ranged_actors_code_by_the_report_date(petrarch_coder):
    text = "Firefly condemned Sylvania."
    assert ("FREGOV", "111", "SYL") in coded(petrarch_coder, text, "1933-05-01")
    assert ("FREELI", "111", "SYL") in coded(petrarch_coder, text, "1940-05-01")


def test_petrarch_discards_stop_the_sentence(petrarch_coder):
    assert not coded(petrarch_coder, "Freedonia condemned Sylvania at the baseball game.")
    assert not coded(petrarch_coder, "Freedonia condemned Sylvania before the World Series.")  # a phrase
    # Their discard list replaces our sport words: football is not on it.
    assert ("FRE", "111", "SYL") in coded(petrarch_coder, "Freedonia condemned Sylvania after the football match.")


def test_petrarch_names_in_capitals_match_capitalised_words(petrarch_coder):
    assert ("ZEM", "111", "SYL") in coded(petrarch_coder, "Zembla condemned Sylvania.")
    assert not coded(petrarch_coder, "Oz condemned Sylvania.")  # a short word stays an acronym
    assert ("FREEDU", "111", "SYL") in coded(petrarch_coder, "The F.U. team condemned Sylvania.")


def test_petrarch_markers_choose_the_target_phrase_and_reverse_codes_pair_events(petrarch_coder):
    # (IN ^) (WITH +): the phrase marked '+' holds the target, the one marked '^' does not.
    assert coded(petrarch_coder, "Freedonia marked the anniversary in Zembla with Sylvania.") == {("FRE", "017", "SYL")}
    assert coded(petrarch_coder, "Freedonia marked the festival in Zembla with Sylvania.") == {("FRE", "017", "SYL")}
    # "(TO) *" is a phrase before the verb, not the verb's own infinitive "to".
    assert coded(petrarch_coder, "Freedonia decided to yield to Sylvania.") == {("FRE", "013", "SYL")}
    # [042:043]: the host receives the visit; PETRARCH's targets come from any phrase of the verb ("for").
    assert coded(petrarch_coder, "Freedonia left for Sylvania on Monday.") == {("FRE", "042", "SYL"),
                                                                              ("SYL", "043", "FRE")}


def test_petrarch_markers_outside_a_phrase_and_absent_phrases(verbs, petrarch_coder):
    events, *_ = verbs
    [at] = patterns(events, "caution")["131"]
    # '^' and '+' outside a phrase name no word and no phrase: only "(AT)" is left to fit.
    assert at.preps == {"at"} and not (at.objects or at.after or at.skipped or at.source_preps)
    # As in PETRARCH-2, a bracketed phrase the sentence lacks fails the pattern; the verb's own code applies, and
    # its object stays the target: '^ +' sends it to no later phrase.
    assert coded(petrarch_coder, "Freedonia cautioned Sylvania about the envoy of Zembla.") == {("FRE", "130", "SYL")}
    assert coded(petrarch_coder, "Freedonia cautioned Sylvania at the summit.") == {("FRE", "131", "SYL")}


def test_petrarch_object_phrases_read_back_from_their_head(petrarch_coder):
    assert ("FRE", "1121", "SYL") in coded(petrarch_coder, "Freedonia condemned the cultural policy of Sylvania.")
    secret = coded(petrarch_coder, "Freedonia condemned the cultural secret policy of Sylvania.")
    assert secret == {("FRE", "111", "SYL")}  # {CULTURAL POLICY}: the word before the head must fit
    # (FOR AGGRESSION): the word may modify the preposition's object.
    assert ("FRE", "1122", "SYL") in coded(petrarch_coder, "Freedonia condemned Sylvania for aggression plans.")
    # * WAR: the object of the clause the verb governs; that clause is no event of its own.
    assert coded(petrarch_coder, "Freedonia vowed to wage war on Sylvania.") == {("FRE", "190", "SYL")}


def test_petrarch_coder_sources_and_targets(petrarch_coder):
    assert ("FRE", "111", "SYL") in coded(petrarch_coder, "Freedonia is about to condemn Sylvania.")
    assert ("FRE", "111", "SYL") in coded(petrarch_coder, "Freedonia said it condemned Sylvania.")
    assert ("FRE", "111", "SYL") in coded(petrarch_coder, "Freedonia condemned an attack by Sylvania.")
    assert coded(petrarch_coder, "Freedonia welcomed the talks between Sylvania and Zembla.") == {
        ("FRE", "050", "SYL"), ("FRE", "050", "ZEM")}
    assert coded(petrarch_coder, "Freedonia, Zembla and Ruritania condemned Sylvania.") == {
        ("FRE", "111", "SYL"), ("ZEM", "111", "SYL"), ("RUR", "111", "SYL")}
    # Several sources act towards each other in cooperation only.
    assert not coded(petrarch_coder, "Freedonia and Sylvania condemned the plan.")
    assert coded(petrarch_coder, "Freedonia and Sylvania donated money.") == {("FRE", "057", "SYL"),
                                                                             ("SYL", "057", "FRE")}


def test_petrarch_null_coded_patterns_are_exceptions(petrarch_coder):
    assert ("FRE", "070", "SYL") in coded(petrarch_coder, "Freedonia donated a car to Sylvania.")
    assert not coded(petrarch_coder, "Freedonia donated the budget to Sylvania.")  # "- * BUDGET [---]"


def test_petrarch_conventions_named_actors_and_no_statement_events(petrarch_coder):
    assert not coded(petrarch_coder, "Sylvania condemned their plan.")  # pronouns stand for no one
    negated = petrarch_coder.code_document(document_from_text("Freedonia did not even ever condemn Sylvania."))
    assert negated.events and all(e.negated for e in negated.events)  # "not" parsed under an adverb
    # "hopes that X ...": the subject of the content clause is the target, not a name deeper in it.
    assert coded(petrarch_coder, "Freedonia welcomed hopes that Sylvania would be drawn into talks by Zembla.") == {
        ("FRE", "050", "SYL")}
    assert coded(petrarch_coder, "Sylvania said that Freedonia condemned Zembla.") == {("FRE", "111", "ZEM")}


def test_petrarch_negated_verbs_take_the_code_of_their_negation(petrarch_coder):
    assert coded(petrarch_coder, "Freedonia clashed over the plans of Sylvania.") == {("FRE", "110", "SYL")}
    # Negated in its own clause, the verb codes its negation, an event like any other ("over" read as a particle).
    for text in ("Freedonia didn't clash over the plans of Sylvania.", "Freedonia will not ever clash over the plans "
                 "of Sylvania."):
        events = petrarch_coder.code_document(document_from_text(text)).events
        assert [(e.code, e.negated) for e in events] == [("050", False)]
    # A code the ontology does not negate, or a negation through the governing verb: the event stays negated.
    for text in ("Freedonia did not clash with Sylvania.", "Freedonia refused to clash over the plans of Sylvania."):
        events = petrarch_coder.code_document(document_from_text(text)).events
        assert events and all(e.negated and e.code in {"190", "110"} for e in events)


def test_petrarch_verbs_are_met_in_the_forms_petrarch_generates(petrarch_coder):
    from newsevents.lexicons.petrarch import verb_forms

    assert verb_forms("donate") == {"donate", "donates", "donated", "donating"}
    forms = verb_forms("try") | verb_forms("stop") | verb_forms("say") | verb_forms("agree")
    assert {"tried", "tries", "stopped", "said", "agreeing", "agreed"} <= forms
    assert ("FRE", "111", "SYL") in coded(petrarch_coder, "Freedonia condemns Sylvania.")
    assert not coded(petrarch_coder, "Freedonia condemnes Sylvania.")  # no form of "condemn"


def test_petrarch_source_marker_after_the_verb(verbs, petrarch_coder):
    events, *_ = verbs
    [aid] = patterns(events, "receive")["071"]
    [tribute] = patterns(events, "receive")["072"]
    assert aid.source_preps == {"from"} and "with" in tribute.source_preps  # '$' alone: a further phrase
    # The phrase holds the source; the subject is acted upon.
    assert coded(petrarch_coder, "Sylvania received aid from Freedonia.") == {("FRE", "071", "SYL")}
    assert coded(petrarch_coder, "Sylvania received a tribute with Freedonia.") == {("FRE", "072", "SYL")}


def test_petrarch_words_before_the_verb_are_its_subjects(petrarch_coder):
    assert coded(petrarch_coder, "The Freedonia charity donated a car to Sylvania.") == {("FRE", "0712", "SYL")}
    assert coded(petrarch_coder, "Freedonia donated a car to the charity of Sylvania.") == {("FRE", "070", "SYL")}


def test_petrarch_conventions_passives_and_participles(petrarch_coder):
    # Without "by", a passive takes its source from another phrase of the verb, down its chain.
    assert coded(petrarch_coder, "Sylvania was condemned over its quarrel with Freedonia.") == {("FRE", "111", "SYL")}
    assert not coded(petrarch_coder, "Sylvania was condemned at the summit of Freedonia.")  # a place names no source
    # The passive's subject parsed as its auxiliary's is acted upon all the same.
    assert coded(petrarch_coder, "Sylvania was heavily and unjustly condemned over its quarrel with Freedonia.") == {
        ("FRE", "111", "SYL")}
    # A subject that names no actor holds its sources in its phrases; of several sources, one may be another's
    # target, never its own.
    assert coded(petrarch_coder, "The quarrel between Freedonia and Zembla condemned the pact between Sylvania and "
                                 "Zembla.") == {("FRE", "111", "SYL"), ("FRE", "111", "ZEM"), ("ZEM", "111", "SYL")}
    # A clause that holds an act of its own is the target of an act, which names no actor.
    assert coded(petrarch_coder, "Freedonia welcomed that Sylvania condemned Zembla.") == {("SYL", "111", "ZEM")}
    # A participle that modifies the object: its phrases and its object hold the target.
    assert coded(petrarch_coder, "Freedonia condemned the roads leading into Sylvania.") == {("FRE", "111", "SYL")}
    assert coded(petrarch_coder, "Freedonia condemned the rally supporting Sylvania.") == {("FRE", "111", "SYL")}


def test_petrarch_statement_patterns_code_what_the_clause_does_not(petrarch_coder):
    # SAY [010]: a statement about the first actor of the reported clause, when that clause codes nothing ...
    assert coded(petrarch_coder, "Freedonia said that an embargo against Sylvania would fail.") == {
        ("FRE", "010", "SYL")}
    # ... the reported act alone when it does, and nothing by a bare role ("troops said").
    assert coded(petrarch_coder, "Freedonia said that Zembla condemned Sylvania.") == {("ZEM", "111", "SYL")}
    assert not coded(petrarch_coder, "Troops said that an embargo against Sylvania would fail.")
    # A participle's "from" phrase names the target.
    assert coded(petrarch_coder, "Freedonia welcomed assurances on trade sent from Sylvania.") == {
        ("FRE", "050", "SYL")}


def test_petrarch_agents_combine_with_their_country(petrarch_coder):
    assert ("SYLMIL", "111", "FRE") in coded(petrarch_coder, "Sylvania's troops condemned Freedonia.")
    assert ("SYLMIL", "111", "FRE") in coded(petrarch_coder, "Troops from Sylvania condemned Freedonia.")
    assert ("NGOFRE", "111", "SYL") in coded(petrarch_coder, "The Freedonia relief agency condemned Sylvania.")
    assert coded(petrarch_coder, "Freedonian troops and police condemned Sylvania.") == {
        ("FREMIL", "111", "SYL"), ("FRECOP", "111", "SYL")}
    assert ("SYLCOP", "111", "FRE") not in coded(petrarch_coder, "Sylvania's polices condemned Freedonia.")


def test_petrarch_replace_builtin_false_keeps_our_lexicon_and_theirs_wins(tmp_path):
    paths = write(tmp_path, actors="RUSSIA [RUX]\nFREEDONIA [FRE]\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LexiconWarning)
        merged = build_lexicon({"petrarch": {"actors": [paths["actors"]]}}, replace=False, sources=[])
        alone = build_lexicon({"petrarch": {"actors": [paths["actors"]]}}, replace=True, sources=[])
    assert [e.code for e in merged.actors.phrases["russia"]] == ["RUX"]  # the user's entry wins
    assert "germany" in merged.actors.phrases and "freedonia" in merged.actors.phrases
    assert "germany" not in alone.actors.phrases and not alone.events.verbs
    assert merged.version != alone.version


PHOENIX = SHARED / "data" / "petrarch" / "phoenix"


@pytest.mark.slow
@needs_shared(PHOENIX)
def test_petrarch_phoenix_dictionaries_load():
    files = {"verbs": [PHOENIX / "CAMEO.2.0.txt"], "agents": [PHOENIX / "Phoenix.agents.txt"],
             "discards": [PHOENIX / "Phoenix.discards.txt"],
             "actors": sorted(PHOENIX.glob("Phoenix.*.actors.txt"))}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LexiconWarning)
        lexicon = build_lexicon({"petrarch": files}, replace=True, sources=[])
    assert sum(len(v) for v in lexicon.events.verbs.values()) > 20000
    assert len(lexicon.actors.phrases) > 30000
    assert len(caught) < 60  # a few dozen malformed lines, each named
