"""Quotes: every quotation style, split and running quotes, reported speech and speakers, on sentences we wrote."""

import dataclasses

import pytest

from newsevents.evaluate.quotes import attributions
from newsevents.pipeline.quotes import direct_quote_spans, nominalises, quoted


def quotes_of(coded):
    return [(q.text, q.direct, coded.document.text[slice(*q.speaker_span)] if q.speaker_span else None,
             q.speaker.name if q.speaker else None) for q in coded.quotes]


def only(coded):
    """The one attribution of a text; the parts of a split quote (records sharing cue and speaker) joined."""
    groups = attributions(list(coded.quotes))
    assert len(groups) == 1, quotes_of(coded)
    parts = groups[0]
    for part in parts:
        assert coded.document.text[slice(*part.span)] == part.text  # every record is the text at its span
    return dataclasses.replace(parts[0], span=(parts[0].span[0], parts[-1].span[1]),
                               text=" ".join(p.text for p in parts))


# -- quotation marks ---------------------------------------------------------------------------------
def test_quotes_marks_and_nesting():
    text = "“We said: “Let us talk.” Nothing came,” he said. «Non», dit-il. „Nein“, sagte er."
    spans = [text[s:e] for s, e in direct_quote_spans(text)]
    assert spans == ["We said: “Let us talk.” Nothing came,", "Non", "Nein"]


@pytest.mark.parametrize("text", [
    "“The border will stay closed until further notice,” the Lithuanian interior minister said.",
    '"The border will stay closed until further notice," the Lithuanian interior minister said.',
    "«The border will stay closed until further notice», the Lithuanian interior minister said.",
    "»The border will stay closed until further notice«, the Lithuanian interior minister said.",
    "„The border will stay closed until further notice“, the Lithuanian interior minister said.",
    "„The border will stay closed until further notice”, the Lithuanian interior minister said.",
    "‘The border will stay closed until further notice,’ the Lithuanian interior minister said.",
    "''The border will stay closed until further notice,'' the Lithuanian interior minister said.",
    "“The border will stay closed until further notice,\" the Lithuanian interior minister said.",
])
def test_quotes_in_every_style_with_their_speaker(code, text):
    quote = only(code(text))
    assert quote.direct and quote.text.strip(",") == "The border will stay closed until further notice"
    assert quote.cue.text == "said" and text[slice(*quote.speaker_span)] == "Lithuanian interior minister"
    assert quote.speaker.code == "LTUGOV"


def test_quotes_apostrophes_do_not_open_or_close_single_quotes():
    text = "‘Russia’s troops aren’t leaving,’ she said of the ministers’ talks."
    assert [text[s:e] for s, e in direct_quote_spans(text)] == ["Russia’s troops aren’t leaving,"]


def test_quotes_of_another_double_style_nest_inside():
    text = 'The deputy minister wrote: "The alliance calls its missiles “defensive” but nobody believes it."'
    assert [text[s:e] for s, e in direct_quote_spans(text)] == [
        "The alliance calls its missiles “defensive” but nobody believes it."]


def test_quotes_short_scare_quotes_are_not_speech(code):
    assert code("The “special military operation” began in February.").quotes == ()


# -- quotes over several sentences, paragraphs and cues ----------------------------------------------------
def test_quotes_multi_sentence(code):
    quote = only(code("“The alliance is ready. Our troops are in place. We will defend every inch of allied "
                      "territory,” NATO Secretary General Jens Stoltenberg said."))
    assert quote.text.startswith("The alliance is ready.") and quote.text.endswith("territory,")
    assert quote.speaker.name == "Jens Stoltenberg"


def test_quotes_multi_paragraph_unclosed_paragraph_goes_on():
    text = "He said:\n\n“We have to act together.\n\n“Poland faces the same pressure.”\n\nThe talks ended."
    [fragments] = quoted(text)
    assert [text[s:e] for s, e in fragments] == ["We have to act together.", "Poland faces the same pressure."]


def test_quotes_multi_paragraph_with_pronoun_speaker(code):
    text = ("Lithuanian President Gitanas Nauseda met the press in Vilnius on Monday.\n\n"
            "“The situation on the border is a new challenge to our security. We have to act with our allies.\n\n"
            "“Poland and Latvia face the same pressure, and we will coordinate every step,” he said.")
    quote = only(code(text))
    assert quote.text.startswith("The situation on the border") and quote.text.endswith("every step,")
    assert text[slice(*quote.speaker_span)] == "he" and quote.speaker.name == "Gitanas Nausėda"


def test_quotes_split_quote_is_one_quote_without_the_cue(code):
    text = ("“We will not accept any new deployments,” Russian Foreign Minister Sergei Lavrov said, "
            "“and we will respond with military and technical measures.”")
    quote = only(code(text))
    assert quote.text == ("We will not accept any new deployments, and we will respond with military and "
                          "technical measures.")
    assert quote.span == (1, len(text) - 1) and quote.speaker.name == "Sergei Lavrov"


def test_quotes_next_paragraph_of_quotation_continues_the_speaker(code):
    quote = only(code("“We will not accept any new deployments,” Russian Foreign Minister Sergei Lavrov said.\n\n"
                      "“The answer will be military and technical.”"))
    assert quote.text.endswith("military and technical.") and quote.speaker.name == "Sergei Lavrov"


def test_quotes_without_a_cue_keep_the_speaker_of_the_quote_before(code):
    coded = code("“We will respond to any provocation,” Russian Foreign Minister Sergei Lavrov said on Monday after "
                 "the talks in Geneva with the American delegation ended without any result.\n\n"
                 "“Nobody in Washington listens to us.”")
    assert [(q.text, q.cue.text if q.cue else None, q.speaker.name) for q in coded.quotes] == [
        ("We will respond to any provocation,", "said", "Sergei Lavrov"),
        ("Nobody in Washington listens to us.", None, "Sergei Lavrov"),
    ]


def test_quotes_cue_in_the_previous_sentence(code):
    quote = only(code("NATO Secretary General Jens Stoltenberg told the summit:\n\n“We are stronger when we stand "
                      "together.”"))
    assert quote.cue.text == "told" and quote.speaker.name == "Jens Stoltenberg"


def test_quotes_cue_in_the_next_sentence(code):
    quote = only(code("“Will the sanctions ever be lifted?” Russian Foreign Minister Sergei Lavrov asked. "
                      "“Nobody in Brussels can answer that.”"))
    assert quote.cue.text == "asked" and quote.speaker.name == "Sergei Lavrov"
    assert quote.text == "Will the sanctions ever be lifted? Nobody in Brussels can answer that."


def test_quotes_speaker_labels_and_dashes(code):
    coded = code("STOLTENBERG: We remain committed to dialogue with Russia.\n"
                 "LAVROV: The alliance has never been interested in dialogue.\n"
                 "“The border is closed to anyone who crosses it illegally.” ― Gitanas Nauseda")
    assert quotes_of(coded) == [
        ("We remain committed to dialogue with Russia.", True, "STOLTENBERG", None),
        ("The alliance has never been interested in dialogue.", True, "LAVROV", None),
        ("The border is closed to anyone who crosses it illegally.", True, "Gitanas Nauseda", "Gitanas Nausėda"),
    ]


def test_quotes_block_quote_from_another_text_is_not_one_quote(code):
    text = ('The newspaper reports:\n\n"The minister arrived late. “This is a betrayal of our allies,” an '
            'aide said.\n\n"Nobody in the room had an answer.')
    coded = code(text)
    assert "The minister arrived late" not in [q.text[:25] for q in coded.quotes]
    [quote] = coded.quotes
    assert quote.text == "This is a betrayal of our allies," and "aide" in text[slice(*quote.speaker_span)]


# -- reported speech -----------------------------------------------------------------------------------
def test_quotes_direct_and_indirect_with_speakers(code):
    coded = code('"Our support for partners is not a threat to anyone," NATO Secretary General Jens Stoltenberg '
                 "said. Russian Foreign Minister Sergei Lavrov noted that the bloc wants no dialogue at all.",
                 "2021-11-29")
    direct = [q for q in coded.quotes if q.direct]
    indirect = [q for q in coded.quotes if not q.direct]
    assert direct[0].speaker.name == "Jens Stoltenberg" and direct[0].cue.text == "said"
    assert indirect[0].speaker.name == "Sergei Lavrov" and indirect[0].text.startswith("the bloc wants")


@pytest.mark.parametrize(("text", "content", "speaker", "cue"), [
    ("Russian Foreign Minister Sergei Lavrov said the alliance had ignored every Russian proposal.",
     "the alliance had ignored every Russian proposal", "Sergei Lavrov", "said"),
    ("According to Lithuanian President Gitanas Nauseda, the migrants were brought to the border by force.",
     "the migrants were brought to the border by force", "Gitanas Nausėda", "According to"),
    ("The migrants were brought to the border by force, according to Lithuanian President Gitanas Nauseda.",
     "The migrants were brought to the border by force", "Gitanas Nausėda", "according to"),
    ("As NATO Secretary General Jens Stoltenberg emphasised, the alliance does not seek confrontation.",
     "the alliance does not seek confrontation", "Jens Stoltenberg", "emphasised"),
    ("NATO called on Moscow to withdraw its troops from the border.",
     "Moscow to withdraw its troops from the border", "North Atlantic Treaty Organization", "called"),
    ("The alliance has no plans to deploy new missiles in Europe, said NATO Secretary General Jens Stoltenberg.",
     "The alliance has no plans to deploy new missiles in Europe", "Jens Stoltenberg", "said"),
    ("The alliance, NATO Secretary General Jens Stoltenberg said, does not seek confrontation with Moscow.",
     "The alliance does not seek confrontation with Moscow", "Jens Stoltenberg", "said"),
])
def test_quotes_reported_speech(code, text, content, speaker, cue):
    quote = only(code(text))
    assert not quote.direct and quote.text == content and quote.speaker.name == speaker and quote.cue.text == cue


def test_quotes_cue_as_a_noun(code):
    statement = only(code("In a statement, the Lithuanian foreign ministry stood by its decision to expel the "
                          "Russian diplomats."))
    assert statement.cue.text == "statement" and statement.speaker.code == "LTUGOV"
    assert statement.text == "stood by its decision to expel the Russian diplomats"
    claim = only(code("Moscow's claim that the exercises were a provocation surprised nobody in Brussels."))
    assert claim.cue.text == "claim" and claim.speaker.code == "RUSGOV"
    assert claim.text.startswith("the exercises were a provocation")


def test_quotes_nouns_named_after_cue_verbs():
    verbs = frozenset({"state", "allege", "criticize", "suggest", "warn", "complain", "deny", "believe"})
    for noun in ("statement", "allegation", "criticism", "suggestion", "warning", "complaint", "denial", "belief"):
        assert nominalises(noun, verbs), noun
    assert not nominalises("nation", verbs) and not nominalises("government", verbs)


def test_quotes_relayed_by_an_outlet_belong_to_the_person(code):
    intro = "Lithuanian President Gitanas Nauseda met the press in Vilnius. "
    for text in (intro + "TASS quotes the Lithuanian leader as saying that the border would stay closed.",
                 intro + "TASS quotes the Lithuanian leader: “The border will stay closed for as long as needed.”"):
        quote = only(code(text))
        assert text[slice(*quote.speaker_span)] == "Lithuanian leader" and quote.speaker.name == "Gitanas Nausėda"


@pytest.mark.parametrize(("text", "said_by", "name"), [
    ("Russian Foreign Ministry spokeswoman Maria Zakharova arrived. The diplomat said the deployment was a "
     "provocation.", "diplomat", "Maria Zakharova"),
    ("Lithuanian President Gitanas Nauseda met military expert Yuri Knutov in Vilnius. The analyst said the "
     "exercises would go on until spring.", "analyst", "Yuri Knutov"),
    ("NATO Secretary General Jens Stoltenberg visited Vilnius on Monday. He said the alliance was ready to "
     "defend its members.", "He", "Jens Stoltenberg"),
])
def test_quotes_speakers_through_the_document_memory(code, text, said_by, name):
    quote = only(code(text))
    assert text[slice(*quote.speaker_span)] == said_by and quote.speaker.name == name


def test_quotes_participle_and_conjunct_cues_are_quotes_of_their_own(code):
    coded = code('NATO Secretary General Jens Stoltenberg arrived in Vilnius. "We stand with Lithuania," he told '
                 "reporters, adding that the alliance would send more troops.")
    assert [(q.text, q.direct, q.speaker.name) for q in coded.quotes] == [
        ("We stand with Lithuania,", True, "Jens Stoltenberg"),
        ("the alliance would send more troops", False, "Jens Stoltenberg"),
    ]
    coded = code("Russian Foreign Minister Sergei Lavrov said Moscow would respond, and he warned against any new "
                 "deployments in the Baltic states.")
    assert [q.text for q in coded.quotes] == ["Moscow would respond", "any new deployments in the Baltic states"]


def test_quotes_outermost_attribution_only_and_partial_quotes_inside(code):
    quote = only(code("Russian Foreign Minister Sergei Lavrov said that NATO had claimed that the alliance was "
                      "defensive."))
    assert quote.text == "NATO had claimed that the alliance was defensive"
    quote = only(code("NATO Secretary General Jens Stoltenberg said NATO would “defend every inch” of allied "
                      "territory."))
    assert not quote.direct and quote.text == "NATO would “defend every inch” of allied territory"


def test_quotes_addressee_is_not_what_was_said(code):
    coded = code("Lithuanian President Gitanas Nauseda spoke to Lavrov on Monday.")
    assert coded.quotes == ()


@pytest.mark.parametrize(("text", "content", "cue"), [
    ("Lithuanian President Gitanas Nauseda understands that the border must stay closed.",
     "the border must stay closed", "understands"),
    ("Lithuanian President Gitanas Nauseda focused on the threat from Belarus.", "the threat from Belarus", "focused"),
    ("Lithuanian President Gitanas Nauseda referred to the alliance as the guarantor of Baltic security.",
     "the alliance as the guarantor of Baltic security", "referred"),
    ("Lithuanian President Gitanas Nauseda described as reckless the Russian exercises near the border.",
     "reckless the Russian exercises near the border", "described"),
])
def test_quotes_cues_of_thought_and_focus(code, text, content, cue):
    quote = only(code(text))
    assert quote.text == content and quote.cue.text == cue and quote.speaker.name == "Gitanas Nausėda"


def test_quotes_reported_speech_ends_where_a_contrast_begins(code):
    coded = code("Russian Foreign Minister Sergei Lavrov said the alliance was hostile, while NATO insisted that it "
                 "sought dialogue.")
    assert [(q.text, q.speaker.name) for q in coded.quotes] == [
        ("the alliance was hostile", "Sergei Lavrov"), ("it sought dialogue", "North Atlantic Treaty Organization")]
    coded = code("Russian Foreign Minister Sergei Lavrov says the alliance is hostile, but insists Moscow is open to "
                 "talks.")
    assert [q.text for q in coded.quotes] == ["the alliance is hostile", "Moscow is open to talks"]


def test_quotes_any_verb_after_a_quote_is_its_cue(code):
    coded = code("Lithuanian President Gitanas Nauseda arrived in Warsaw.\n\n“We will not leave our allies alone,” he "
                 "continued.")
    quote = only(coded)
    assert quote.cue.text == "continued" and quote.speaker.name == "Gitanas Nausėda"


def test_quotes_an_opening_mark_typed_for_the_closing_one(code):
    text = "“The alliance has taken many steps against us this year, “military expert Yuri Knutov said."
    quote = only(code(text))
    assert quote.text == "The alliance has taken many steps against us this year,"
    assert text[slice(*quote.speaker_span)] == "military expert Yuri Knutov"


def test_quotes_headings_and_asides_to_the_reader_are_not_quotes(code):
    coded = code("Experts met in Moscow.\n\n“In search of identity”\n\nExperts agree that the alliance has not "
                 "changed.")
    assert [q.text for q in coded.quotes] == ["the alliance has not changed"]
    quote = only(code("Recall that on October 6, NATO demanded that Russia reduce its mission."))
    assert quote.cue.text == "demanded" and quote.speaker.name == "North Atlantic Treaty Organization"


def test_quotes_speaker_of_an_infinitive_is_the_subject_above(code):
    quote = only(code("NATO Secretary General Jens Stoltenberg held a press conference to warn that the alliance "
                      "would respond."))
    assert quote.text == "the alliance would respond" and quote.speaker.name == "Jens Stoltenberg"


def test_quotes_the_role_noun_after_a_quote_is_the_person_quoted(code):
    # Memory alone would take "the diplomat" for the official last mentioned, inside the quote.
    coded = code("NATO Secretary General Jens Stoltenberg visited Vilnius on Monday.\n\nRussian Foreign Ministry "
                 "spokeswoman Maria Zakharova also spoke. “Nothing that the secretary general says can be taken "
                 "seriously,” Zakharova said.\n\nIn addition, as the diplomat emphasized, the alliance had buried "
                 "the council.")
    assert [q.speaker.name for q in coded.quotes] == ["Maria Zakharova"] * 2
    assert coded.quotes[-1].text == "the alliance had buried the council"


def test_quotes_as_someone_put_it(code):
    quote = only(code("As NATO Secretary General Jens Stoltenberg put it, the alliance does not seek confrontation."))
    assert quote.text == "the alliance does not seek confrontation" and quote.speaker.name == "Jens Stoltenberg"


@pytest.mark.parametrize(("opening", "cue"), [
    ("Russian Foreign Minister Sergei Lavrov went on, ", "went"),
    ("According to Russian Foreign Minister Sergei Lavrov, ", "According to"),
])
def test_quotes_after_a_clause_that_names_the_speaker(code, opening, cue):
    coded = code("Lithuanian President Gitanas Nauseda spoke first. " + opening
                 + "“The council is dead and nobody will revive it.”")
    quote = only(coded)
    assert quote.direct and quote.cue.text == cue and quote.speaker.name == "Sergei Lavrov"


def test_quotes_a_relative_word_stands_for_what_was_said(code):
    quote = only(code("The plan, which Russian Foreign Minister Sergei Lavrov opposes, was adopted in Brussels."))
    assert quote.text == "which" and quote.cue.text == "opposes" and quote.speaker.name == "Sergei Lavrov"
    quote = only(code("Russian Foreign Minister Sergei Lavrov does not think so."))
    assert quote.text == "so" and quote.speaker.name == "Sergei Lavrov"


@pytest.mark.parametrize(("text", "content", "cue"), [
    ("Russian Foreign Minister Sergei Lavrov is confident that the talks will fail.", "the talks will fail",
     "confident"),
    ("Russian Foreign Minister Sergei Lavrov was eager to end the meeting early.", "to end the meeting early",
     "eager"),
    ("Russian Foreign Minister Sergei Lavrov has been critical of the new missile base.", "the new missile base",
     "critical"),
])
def test_quotes_a_stance_adjective_attributes_to_its_subject(code, text, content, cue):
    quote = only(code(text))
    assert quote.text == content and quote.cue.text == cue and quote.speaker.name == "Sergei Lavrov"


def test_quotes_a_further_cue_that_is_no_speech_stays_in_the_content(code):
    quote = only(code("Russian Foreign Minister Sergei Lavrov said the ministry would keep its staff and supports "
                      "the new talks."))
    assert quote.text == "the ministry would keep its staff and supports the new talks" and quote.cue.text == "said"
    coded = code("Russian Foreign Minister Sergei Lavrov said the ministry would keep its staff and warned that "
                 "talks were over.")
    assert [q.text for q in coded.quotes] == ["the ministry would keep its staff", "talks were over"]


def test_quotes_a_clause_verb_attributes_its_clause_not_its_object(code):
    quote = only(code("Russian Foreign Minister Sergei Lavrov found that the talks had failed."))
    assert quote.text == "the talks had failed" and quote.speaker.name == "Sergei Lavrov"
    assert code("Russian Foreign Minister Sergei Lavrov found a way out of the talks.").quotes == ()
    assert code("The Lithuanian army added two battalions to the border force.").quotes == ()


@pytest.mark.parametrize(("text", "content", "cue"), [
    ("Russian Foreign Minister Sergei Lavrov holds the view that the council is dead.",
     "the council is dead", "view"),
    ("Russian Foreign Minister Sergei Lavrov's idea of a new security treaty got a cold reception in Brussels.",
     "a new security treaty", "idea"),
])
def test_quotes_nouns_of_a_view_or_aim(code, text, content, cue):
    quote = only(code(text))
    assert quote.text == content and quote.cue.text == cue and quote.speaker.name == "Sergei Lavrov"


def test_quotes_a_relative_clause_with_a_cue_is_an_attribution_of_its_own(code):
    coded = code("Russian Foreign Minister Sergei Lavrov said the ministry had met the Lithuanian envoy, who warned "
                 "that the border would stay closed.")
    assert [q.text for q in coded.quotes] == ["the ministry had met the Lithuanian envoy",
                                              "the border would stay closed"]


def test_quotes_what_a_poll_finds_is_the_polls(code):
    text = "In the latest poll, the ruling party leads the opposition by ten points."
    quote = only(code(text))
    assert quote.text == "the ruling party leads the opposition by ten points" and quote.cue.text == "poll"
    assert text[slice(*quote.speaker_span)] == "the latest poll"
    assert code("The ruling party, which leads in the polls, met in Vilnius.").quotes == ()


def test_quotes_what_someone_looks_to_do(code):
    quote = only(code("Russian Foreign Minister Sergei Lavrov is looking to end the talks early."))
    assert quote.text == "to end the talks early" and quote.speaker.name == "Sergei Lavrov"
    assert code("Russian Foreign Minister Sergei Lavrov looked at the map.").quotes == ()


def test_quotes_whom_it_was_told_to_is_no_content(code):
    assert code("Russian Foreign Minister Sergei Lavrov told reporters in Moscow on Monday.").quotes == ()
    quote = only(code("Russian Foreign Minister Sergei Lavrov told the truth."))
    assert quote.text == "the truth" and quote.speaker.name == "Sergei Lavrov"


def test_quotes_a_quotation_inside_a_later_cues_speech_is_not_the_split_quotes(code):
    coded = code("“The border will stay closed for now,” the Lithuanian interior minister said, adding that the "
                 "new fence was “almost finished.”")
    assert [(q.text, q.cue.text) for q in coded.quotes] == [
        ("The border will stay closed for now,", "said"), ("the new fence was “almost finished", "adding")]


@pytest.mark.parametrize("text", [
    "Russian Foreign Minister Sergei Lavrov told Rossiya's “Evening Talk” that the talks had failed.",
    "On Sunday's edition of “Evening Talk,” Russian Foreign Minister Sergei Lavrov said the talks had failed.",
])
def test_quotes_the_quoted_name_of_a_show_is_no_quote(code, text):
    quote = only(code(text))
    assert quote.text == "the talks had failed" and quote.speaker.name == "Sergei Lavrov" and not quote.direct


def test_quotes_a_quoted_name_given_is_what_was_said(code):
    quote = only(code("Russian Foreign Minister Sergei Lavrov called the plan “Operation Border Shield.”"))
    assert "Operation Border Shield" in quote.text


def test_quotes_whom_a_speech_verb_is_addressed_to_is_no_content(code):
    assert code("Russian Foreign Minister Sergei Lavrov spoke to a gathering of students in Moscow.").quotes == ()
    quote = only(code("Russian Foreign Minister Sergei Lavrov spoke about the new fence."))
    assert quote.text == "the new fence"


def test_quotes_a_noun_with_its_clause_needs_no_speaker(code):
    quote = only(code("A Vilnius Daily report that the fence was unfinished angered the ministry."))
    assert quote.text == "the fence was unfinished" and quote.cue.text == "report"
    quote = only(code("The decision to close the border surprised the farmers."))
    assert quote.text == "to close the border" and quote.speaker is None


def test_quotes_the_subject_of_a_passive_cue_without_agent_is_what_was_said(code):
    quote = only(code("The new border regime was announced in Vilnius on Monday."))
    assert quote.text == "The new border regime" and quote.cue.text == "announced"
    assert code("He was asked in Vilnius on Monday.").quotes == ()


def test_quotes_according_to_the_parser_took_for_the_root(code):
    quote = only(code("According to Lithuanian border guard chief Rustamas Liubajevas, the fence reeks of haste."))
    assert quote.text == "the fence reeks of haste" and quote.cue.text == "According to"


def test_quotes_whom_someone_asks_or_urges_is_no_content(code):
    quote = only(code("Russian Foreign Minister Sergei Lavrov urged them to leave the talks."))
    assert quote.text == "to leave the talks" and quote.speaker.name == "Sergei Lavrov"


def test_quotes_any_verb_with_a_that_clause_is_a_cue(code):
    quote = only(code("The Lithuanian interior minister bet that the fence would be finished by spring."))
    assert quote.text == "the fence would be finished by spring" and quote.cue.text == "bet"
    assert quote.speaker is not None
    assert code("The Lithuanian interior minister bet on the fence.").quotes == ()


def test_quotes_hearsay_adverbs_attribute_their_clause(code):
    quote = only(code("The Russian envoy reportedly left Vilnius on Monday."))
    assert quote.text == "The Russian envoy left Vilnius on Monday"
    assert quote.cue.text == "reportedly" and quote.speaker is None


def test_quotes_where_it_was_said_is_no_content(code):
    assert code("Russian Foreign Minister Sergei Lavrov commented on Twitter.").quotes == ()
    quote = only(code("Russian Foreign Minister Sergei Lavrov commented on the fence."))
    assert quote.text == "the fence"


def test_quotes_compared_with_as_a_connective_is_no_cue(code):
    assert code("Lithuania spent 2 percent of its budget on defence, compared with 1 percent in 2014.").quotes == ()


def test_quotes_what_a_noun_is_about_needs_no_speaker(code):
    quote = only(code("Questions about the new fence dominated the meeting in Vilnius."))
    assert quote.text == "the new fence" and quote.cue.text == "Questions" and quote.speaker is None
    assert code("Support for the new fence grew in Vilnius.").quotes == ()


def test_quotes_nouns_spelt_like_cue_verbs_that_name_things_are_no_cues(code):
    assert code("The fence became a target for the farmers.").quotes == ()


@pytest.mark.parametrize(("text", "content", "cue"), [
    ("Russian Foreign Minister Sergei Lavrov's speech on the new fence angered Vilnius.", "the new fence", "speech"),
    ("Russian Foreign Minister Sergei Lavrov's skepticism about the talks was plain.", "the talks", "skepticism"),
])
def test_quotes_nouns_of_speech_and_attitude(code, text, content, cue):
    quote = only(code(text))
    assert quote.text == content and quote.cue.text == cue and quote.speaker.name == "Sergei Lavrov"


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Border panel votes to hold the Russian envoy in contempt.", "to hold the Russian envoy in contempt",
     "Border panel"),
    ("Lithuanian court rules against border fence.", "border fence", "Lithuanian court"),
])
def test_quotes_a_headline_verb_taken_for_a_plural_noun(code, text, content, speaker):
    quote = only(code(text))
    assert quote.text == content and text[slice(*quote.speaker_span)] == speaker


def test_quotes_speaker_of_two_subjects_is_the_one_in_the_cues_paragraph(code):
    coded = code("The Latest: talks resume.\n\n12:15 p.m.\n\nRussian Foreign Minister Sergei Lavrov says the fence "
                 "is illegal.\n")
    quote = only(coded)
    assert quote.text == "the fence is illegal" and quote.speaker.name == "Sergei Lavrov"


def test_quotes_a_noun_without_its_speaker_is_the_stance_of_the_clauses_subject(code):
    quote = only(code("Russian Foreign Minister Sergei Lavrov took offense at suggestions that Moscow had lied."))
    assert quote.text == "Moscow had lied" and quote.speaker.name == "Sergei Lavrov"


def test_quotes_a_polls_or_actors_label_speaks(code):
    quote = only(code("Poll: Lithuanians Back the Border Fence.\n\nThe poll was taken last week.\n"))
    assert quote.text == "Lithuanians Back the Border Fence." and quote.cue.text == ":"
    assert code("Update: The border is open again.\n").quotes == ()


def test_quotes_said_as_much(code):
    quote = only(code("Russian Foreign Minister Sergei Lavrov said as much on Monday."))
    assert quote.text == "as much" and quote.speaker.name == "Sergei Lavrov"


def test_quotes_a_that_clause_hung_on_whom_it_was_said_to(code):
    quote = only(code("Sergei Lavrov can be heard yelling to the guards that his driver was unarmed."))
    assert quote.text == "his driver was unarmed" and quote.speaker.name == "Sergei Lavrov"


def test_quotes_editorial_labels_and_inch_marks_are_no_quotes(code):
    assert code("Correction: An earlier version of this article misstated the date of the talks.\n").quotes == ()
    assert quoted('The envoy is 6\'3" tall and weighs 90 kilograms, "a giant," one guard said.') == [
        [(len('The envoy is 6\'3" tall and weighs 90 kilograms, "'),
          len('The envoy is 6\'3" tall and weighs 90 kilograms, "a giant,'))]]


def test_quotes_a_connective_before_as_x_said_is_the_writers(code):
    quote = only(code("However, as Russian Foreign Minister Sergei Lavrov noted, the talks are over."))
    assert quote.text == "the talks are over" and quote.speaker.name == "Sergei Lavrov"


@pytest.mark.parametrize(("text", "content"), [
    ("Russian Foreign Minister Sergei Lavrov admires the Lithuanian minister as a “steady hand,” comparing him "
     "favorably to his predecessor.", "him favorably to his predecessor"),
    ("“The fence is a provocation.” Russian Foreign Minister Sergei Lavrov warned on Monday that Moscow would "
     "respond.", "Moscow would respond"),
])
def test_quotes_a_quotation_that_runs_on_or_only_stands_near_its_cue_leaves_it_its_content(code, text, content):
    coded = code(text)
    assert content in [q.text for q in coded.quotes], quotes_of(coded)


def test_quotes_a_closing_mark_at_a_paragraphs_start_opens(code):
    quote = only(code("The readers wrote in.\n\n”The fence has cut our town in two. The minister should take it "
                      "down.” ― Jane Doe\n"))
    assert quote.direct and quote.text.startswith("The fence has cut") and quote.cue.text == "―"


def test_quotes_the_language_spoken_is_no_content(code):
    assert code("Russian Foreign Minister Sergei Lavrov spoke Lithuanian at the border on Monday.").quotes == ()
    assert only(code("Russian Foreign Minister Sergei Lavrov spoke about the fence on Monday.")).text == "the fence"


def test_quotes_an_opening_mark_typed_to_close_before_the_cue(code):
    text = "“Do you want to be a satellite of Moscow?“ the Lithuanian president asked. Then he left."
    assert [[text[s:e] for s, e in q] for q in quoted(text)] == [["Do you want to be a satellite of Moscow?"]]


@pytest.mark.parametrize(("text", "speaker"), [
    # a gerund's speaker is the subject of the clause its phrase belongs to
    ("The mayor made the point of saying that the bridge would reopen in May.", "mayor"),
    # a gerund the parser took for a noun
    ("The senator spent much of his campaign railing against the new tax.", "senator"),
    # a participle on a pronoun: those who criticise
    ("The treasurer was among those criticizing the plan to sell the port.", "those"),
    # an infinitive on the object: the subject has words to say
    ("The union leaders had harsh words to say about the new contract.", "union leaders"),
])
def test_quotes_speaker_of_a_verb_inside_a_phrase(code, text, speaker):
    quote = only(code(text))
    assert text[slice(*quote.speaker_span)].startswith(speaker)


@pytest.mark.parametrize("verb", ["said", "has argued"])
def test_quotes_a_subject_the_parser_hung_in_the_opening_phrase_speaks(code, verb):
    text = f"In a speech to the farmers of Dayton, Jane Doe, a retired nurse, {verb} that the clinic should stay open."
    quote = only(code(text))
    assert quote.text == "the clinic should stay open" and "Jane Doe" in text[slice(*quote.speaker_span)]


def test_quotes_a_name_the_parser_took_for_an_adverb_speaks(code):
    text = "Farm Lives Matter issued a statement saying the dam had harmed the valley."
    assert only(code(text)).speaker_span == (0, len("Farm Lives Matter"))


def test_quotes_a_verb_that_shares_the_subject_of_a_clause_taken_for_its_object(code):
    text = "The minister promised “a new era of growth,” warned that the budget would be tight."
    quote = next(q for q in code(text).quotes if q.cue.text == "warned")
    assert text[slice(*quote.speaker_span)] == "minister"


def test_quotes_a_label_right_before_the_mark_speaks(code):
    text = "Doe: ‘Our town will not be bullied by anyone.’"
    quote = only(code(text))
    assert quote.text == "Our town will not be bullied by anyone." and text[slice(*quote.speaker_span)] == "Doe"


@pytest.mark.parametrize(("text", "speaker"), [
    # the parser hung the cue on the verb of the subject's modifier ("clamoring") or of a first clause
    ("But union activists clamoring to block the merger say they’re suddenly gaining ground.", "union activists"),
    ("The mayor paused, then revealed that the budget was short by a million dollars.", "mayor"),
    # whoever issues a statement says what it says
    ("The city council released a statement saying that the bridge would stay closed.", "city council"),
    # a speech noun in a phrase of the clause: the clause's subject takes the stance
    ("The mayor backed away from a suggestion that the city would pay for the new stadium.", "mayor"),
    # of two subjects, the one right after a cue that follows a comma
    ("Part of the trouble with the new bridge, say engineers like Tom Hale, is that the river moves.", "engineers"),
])
def test_quotes_speaker_the_parse_puts_out_of_place(code, text, speaker):
    quote = only(code(text))
    assert text[slice(*quote.speaker_span)].startswith(speaker)


def test_quotes_a_headlines_label_speaks_a_quotation_later_in_it(code):
    text = "Jane Doe: Mill Closure Is ‘A Slap In The Face For Workers.’"
    quote = only(code(text))
    assert quote.text == "A Slap In The Face For Workers." and text[slice(*quote.speaker_span)] == "Jane Doe"


def test_quotes_a_signature_in_the_next_paragraph_speaks(code):
    text = "“The river has never been this low in my lifetime, and we are worried.”\n\n- Jane Doe, Dayton\n"
    quote = only(code(text))
    assert quote.cue.text == "-" and text[slice(*quote.speaker_span)] == "Jane Doe"


def test_quotes_of_two_subjects_the_later_speaks(code):
    text = "LONDON — Jane Doe said on Monday that the bridge would reopen."
    quote = only(code(text))
    assert quote.text == "the bridge would reopen" and text[slice(*quote.speaker_span)] == "Jane Doe"


def test_quotes_a_paragraph_of_quotation_without_a_cue_is_whom_the_paragraph_before_ends_on(code):
    text = "The mayor praised the new bridge on Monday.\n\n“It will bring the two halves of our town together again.”\n"
    quote = next(q for q in code(text).quotes if q.direct)
    assert quote.cue is None and text[slice(*quote.speaker_span)] == "mayor"
