"""Time expressions normalised against a fixed publication date (Monday 2021-11-29)."""

import datetime as dt
import re._parser as sre_parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.pipeline.dates import _WORD, RULES, _finds, _stops, tag_dates

CASES = [
    # calendar dates, written in full or in part
    ("NATO acted on October 6.", "October 6", "DATE", "2021-10-06"),
    ("NATO acted on Oct. 6.", "Oct. 6", "DATE", "2021-10-06"),
    ("She spoke at a briefing on October 21.", "October 21", "DATE", "2021-10-21"),
    ("They were deployed in 2017.", "2017", "DATE", "2017"),
    ("The summit opened on 12 July 2016.", "12 July 2016", "DATE", "2016-07-12"),
    ("The pact was signed on March 3, 2019.", "March 3, 2019", "DATE", "2019-03-03"),
    ("The editorial ran on Monday, Oct. 25.", "Monday, Oct. 25", "DATE", "2021-10-25"),
    ("The deal took effect in May 2020.", "May 2020", "DATE", "2020-05"),
    ("The ceasefire was agreed on 11/20/21.", "11/20/21", "DATE", "2021-11-20"),
    ("The war ended in nineteen ninety-six.", "nineteen ninety-six", "DATE", "1996"),
    ("The ministry cut its budget for fiscal 2020.", "fiscal 2020", "DATE", "2020"),
    ("Inspectors arrive the week of Dec. 6.", "the week of Dec. 6", "DATE", "2021-W49"),
    # months and parts of them: the year from the nearest one and the tense
    ("Talks resumed at the end of October.", "the end of October", "DATE", "2021-10"),
    ("Ministers will meet again in early December.", "early December", "DATE", "2021-12"),
    ("The summit will open in mid-January.", "mid-January", "DATE", "2022-01"),
    ("The rebels regrouped in April.", "April", "DATE", "2021-04"),
    ("The law passed last February.", "last February", "DATE", "2021-02"),
    ("The talks began in June last year.", "June last year", "DATE", "2020-06"),
    # relative days, weekdays and times of day
    ("Troops arrived yesterday.", "yesterday", "DATE", "2021-11-28"),
    ("The minister will travel tomorrow.", "tomorrow", "DATE", "2021-11-30"),
    ("The envoy met rebels on Friday.", "Friday", "DATE", "2021-11-26"),
    ("The envoy will meet rebels on Friday.", "Friday", "DATE", "2021-12-03"),
    ("The envoy met rebels on Tuesday.", "Tuesday", "DATE", "2021-11-23"),
    ("The envoy will meet rebels on Tuesday.", "Tuesday", "DATE", "2021-11-30"),
    ("Talks resumed Tuesday night.", "Tuesday night", "DATE", "2021-11-23"),
    ("The index is up since the previous Friday.", "the previous Friday", "DATE", "2021-11-26"),
    ("Protesters gathered this morning.", "this morning", "TIME", "2021-11-29TMO"),
    ("The minister resigned yesterday afternoon.", "yesterday afternoon", "TIME", "2021-11-28TAF"),
    ("The blast came at 10:30 a.m.", "10:30 a.m.", "TIME", "2021-11-29T10:30"),
    ("The ceasefire began at 3 p.m. Friday.", "3 p.m. Friday", "TIME", "2021-11-26T15:00"),
    ("The blast came at 10:30 a.m. local time on Saturday.", "10:30 a.m.", "TIME", "2021-11-27T10:30"),
    ("Officials met at noon.", "noon", "TIME", "2021-11-29T12:00"),
    # counted back or forward from publication
    ("It happened 18 months ago.", "18 months ago", "DATE", "2020-05"),
    ("The embassy closed two weeks ago.", "two weeks ago", "DATE", "2021-W46"),
    # weeks, months, years, seasons, quarters, halves, decades, centuries
    ("Shelling continued last week.", "last week", "DATE", "2021-W47"),
    ("Talks stalled this week.", "this week", "DATE", "2021-W48"),
    ("Talks ended late last week.", "late last week", "DATE", "2021-W47"),
    ("Exports fell last year.", "last year", "DATE", "2020"),
    ("Elections are due next month.", "next month", "DATE", "2021-12"),
    ("Fighting eased last summer.", "last summer", "DATE", "2021-SU"),
    ("Elections are due next spring.", "next spring", "DATE", "2022-SP"),
    ("The rebels were active in the spring of 2015.", "the spring of 2015", "DATE", "2015-SP"),
    ("Growth slowed in the third quarter.", "the third quarter", "DATE", "2021-Q3"),
    ("Exports fell in the third quarter of 2020.", "the third quarter of 2020", "DATE", "2020-Q3"),
    ("Third-quarter profit doubled.", "Third-quarter", "DATE", "2021-Q3"),
    ("Growth should recover in the first half of 2022.", "the first half of 2022", "DATE", "2022-H1"),
    ("Relations froze in the 1990s.", "the 1990s", "DATE", "199"),
    ("Unrest grew in the early 1980s.", "the early 1980s", "DATE", "198"),
    ("The empire collapsed in the 20th century.", "the 20th century", "DATE", "19"),
    ("Troops will be home by Christmas.", "Christmas", "DATE", "2021-12-25"),
    ("Shops closed over Thanksgiving.", "Thanksgiving", "DATE", "2021-11-25"),
    # durations
    ("The siege lasted 18 months.", "18 months", "DURATION", "P18M"),
    ("The mission will last 18 months.", "18 months", "DURATION", "P18M"),
    ("Prices have risen over the past three years.", "the past three years", "DURATION", "P3Y"),
    ("The vote lasted 5 1/2 hours.", "5 1/2 hours", "DURATION", "PT5H30M"),
    ("The truce held for two decades.", "two decades", "DURATION", "P20Y"),
    ("The pledge covers a two-year period.", "two-year", "DURATION", "P2Y"),
    ("Tensions have grown in recent years.", "recent years", "DURATION", "PXY"),
    ("The region has been unstable for years.", "years", "DURATION", "PXY"),
    ("The army withdrew. Three days later, the rebels returned.", "Three days later", "DURATION", "P3D"),
    ("The company posted a loss for the year ended Sept. 30.", "the year", "DURATION", "P1Y"),
    # sets
    ("Inspectors visit weekly.", "weekly", "SET", "P1W"),
    ("The council meets every Tuesday.", "every Tuesday", "SET", "XXXX-WXX-2"),
    ("Patrols leave every two weeks.", "every two weeks", "SET", "P2W"),
    # references to the present, past and future
    ("The vote is now over.", "now", "DATE", "PRESENT_REF"),
    ("The envoy recently visited Kyiv.", "recently", "DATE", "PAST_REF"),
    ("Such raids were common in the past.", "the past", "DATE", "PAST_REF"),
    ("The treaty may be revised in the future.", "the future", "DATE", "FUTURE_REF"),
    ("The minister will soon resign.", "soon", "DATE", "FUTURE_REF"),
]


@pytest.mark.parametrize(("text", "expr", "type_", "value"), CASES, ids=[c[0] for c in CASES])
def test_dates_normalised_against_publication_date(code, text, expr, type_, value):
    coded = code(text, "2021-11-29")
    found = {(d.text, d.type, d.value) for d in coded.dates}
    assert (expr, type_, value) in found
    for d in coded.dates:
        assert text[slice(*d.span)] == d.text


ANAPHORA = [
    # the document's own antecedent, not the publication date
    ("The war began in 2014. Later that year, the rebels seized the airport.", "Later that year", "2014"),
    ("The army attacked on March 3, 2019. The following day, talks collapsed.", "The following day", "2019-03-04"),
    ("Profit rose in the third quarter from a year ago.", "a year ago", "2020-Q3"),
    ("Sales rose in the third quarter. The quarter ended with a loss.", "The quarter", "2021-Q3"),
    ("Net fell in the quarter ended June 30 from the year-earlier quarter.", "the year-earlier quarter", "2020-Q2"),
]


@pytest.mark.parametrize(("text", "expr", "value"), ANAPHORA, ids=[a[1] for a in ANAPHORA])
def test_dates_anaphora_resolved_in_the_document(code, text, expr, value):
    found = {(d.text, d.value) for d in code(text, "2021-11-29").dates}
    assert (expr, value) in found


NOT_TIMES = [
    "Russia may 5 times increase exports.",
    "The 6-year-old boy was rescued.",
    "Theresa May spoke to reporters.",
    "Prices fall when demand weakens.",
    "The firm earns $2 million a year.",
    "Now, the question is who pays.",
    "Iraq imports three-quarters of its food.",
    "A second convoy reached the border.",
    "The minister spoke on ABC's This Week program.",
]


@pytest.mark.parametrize("text", NOT_TIMES)
def test_dates_words_that_only_look_like_times(code, text):
    assert code(text, "2021-11-29").dates == ()


@pytest.mark.parametrize(("text", "value"), [
    ("The envoy arrived yesterday.", "XXXX-XX-XX"), ("The envoy arrived on Wednesday.", "XXXX-XX-XX"),
    ("The envoy arrived on October 6.", "XXXX-10-06"), ("The envoy arrived last month.", "XXXX-XX"),
    ("The envoy arrived next year.", "XXXX"), ("The envoy stayed 18 months.", "P18M"),
    ("The envoy arrived on October 6, 2021.", "2021-10-06"),
    ("The envoy arrived at 3 p.m. Friday.", "XXXX-XX-XXT15:00"),
])
def test_dates_an_undated_document_leaves_what_its_text_does_not_fix_unresolved(coder, text, value):
    # Resolving against today, as it once did, dated a 2009 report's "Wednesday" to this week
    ((_, expr),) = tag_dates(coder.nlp(text), None)
    assert expr.value == value


def test_dates_an_undated_documents_events_take_no_date(code):
    coded = code("Russia condemned NATO on Wednesday.", None)
    assert coded.events and all(e.date is None for e in coded.events)


def test_dates_a_day_at_the_start_of_the_calendar_is_no_crash(code):
    coded = code("The week before, Russia condemned NATO on Wednesday.", "0001-01-01")
    assert coded.document.date == dt.date(1, 1, 1) and all(d.value for d in coded.dates)


FORMS = [
    # the words and anchors a rule is looked for by, in capitals, run on, abbreviated, plural or in digits
    ("TALKS RESUMED ON OCT. 6.", "OCT. 6", "DATE", "2021-10-06"),
    ("The strike began in midafternoon.", "midafternoon", "TIME", "2021-11-29TAF"),
    ("Markets open on Mondays.", "Mondays", "SET", "XXXX-WXX-1"),
    ("It happened Three Years Ago.", "Three Years Ago", "DATE", "2018"),
    ("The accord was signed on 2021-10-06.", "2021-10-06", "DATE", "2021-10-06"),
    ("The vote closed at 9 P.M.", "9 P.M.", "TIME", "2021-11-29T21:00"),
    ("Officials met at NOON.", "NOON", "TIME", "2021-11-29T12:00"),
    ("It was a decade-long war.", "a decade-long", "DURATION", "P10Y"),
    ("The talks, which began (on Monday), stalled three weeks later; then...", "three weeks later", "DURATION", "P3W"),
    ("Profits rose in the Third Quarter.", "the Third Quarter", "DATE", "2021-Q3"),
]


@pytest.mark.parametrize(("text", "expr", "type_", "value"), FORMS, ids=[f[0] for f in FORMS])
def test_dates_found_in_any_case_and_form(code, text, expr, type_, value):
    assert (expr, type_, value) in {(d.text, d.type, d.value) for d in code(text, "2021-11-29").dates}


# the rules' words, numbers and punctuation, to build texts from with the sentences above
PIECES = [
    "the", "a", "an", "this", "last", "next", "past", "previous", "coming", "following", "same", "that", "of", "in",
    "for", "over", "within", "after", "by", "every", "each", "per", "about", "more", "than", "at", "least", "three",
    "twenty-five", "few", "several", "many", "early", "late", "mid", "end", "full", "half", "first", "third",
    "fiscal", "quarter", "quarters", "period", "year", "years", "year's", "month", "months", "week", "weeks",
    "weekend", "day", "days", "night", "nights", "hour", "hours", "minutes", "decade", "decades", "century",
    "centuries", "ago", "earlier", "later", "before", "after", "from", "now", "hence", "long", "old", "or", "so",
    "high", "as", "soon", "possible", "future", "near", "term", "date", "recently", "recent", "lately", "times",
    "currently", "present", "moment", "daily", "quarterly", "monday", "mondays", "friday", "morning", "mornings",
    "afternoon", "evening", "yesterday", "today", "tonight", "tomorrow", "jan", "jan.", "january", "sept", "may",
    "march", "june", "october", "spring", "summer", "fall", "winter", "christmas", "new", "good", "election", "eve",
    "thanksgiving", "nineteen", "ninety-six", "eighteen", "two", "thousand", "twenties", "nineties", "twentieth",
    "ended", "ending", "o'clock", "gmt", "noon", "midnight", "a.m.", "p.m.", "am", "pm", "3", "6", "9", "10:30", "18",
    "20th", "1990", "1990s", "'90s", "2021", "2021-10-06", "11/20/21", "5", "1/2", "0", "%", "$", ".", ",", ";", ":",
    "!", "?", "(", ")", '"', "'", "-", "é",
]
SENTENCES = [text.lower() for text, *_ in CASES + ANAPHORA + FORMS] + [text.lower() for text in NOT_TIMES]
GLUE = [" ", " ", "", "-", "\n", ". ", ", ", "5", "z", '"', "("]


@st.composite
def texts(draw):
    """Sentences and pieces glued together, cut anywhere."""
    parts = draw(st.lists(st.tuples(st.sampled_from(SENTENCES + PIECES), st.sampled_from(GLUE)), max_size=6))
    text = "".join(part + glue for part, glue in parts)
    start, end = sorted(draw(st.tuples(st.integers(0, len(text)), st.integers(0, len(text)))))
    return text[start:end]


def finds_as_a_scan_of_the_whole_text(low):
    """Every rule finds in the stretches it reads what it finds in the whole text, and nothing without its words."""
    words = set(_WORD.findall(low))
    for rule in RULES:
        whole = [m.span() for m in rule.finder.finditer(low)]
        if any(words.isdisjoint(group) for group in rule.needs):
            assert whole == [], rule.finder.pattern  # a word it needs is missing: it cannot match
        else:
            assert [m.span() for m in _finds(rule, low, low[::-1])] == whole, rule.finder.pattern


@settings(deadline=None)
@given(texts())
def test_dates_rules_find_what_a_scan_of_the_whole_text_finds(low):
    finds_as_a_scan_of_the_whole_text(low)


# a stretch ends on a character its rule cannot read, but which its "\b" and look-aheads see
STOPS_AFTER = ["they met on monday5", "on mondayz, friday", "three days ago;", "at 3 p.m.5", "in the 1990s1",
               "jan. 5(2021", "since 2019; 18 months"]


@pytest.mark.parametrize("low", SENTENCES + STOPS_AFTER)
def test_dates_rules_find_in_a_sentence_what_a_scan_of_the_whole_text_finds(low):
    finds_as_a_scan_of_the_whole_text(low)


def test_dates_rules_never_match_nothing():
    # an empty match could fall anywhere, between the stretches _finds reads too
    assert all(sre_parse.parse(rule.finder.pattern).getwidth()[0] > 0 for rule in RULES)


def test_dates_stops_are_what_a_pattern_cannot_read():
    stops = _stops(r"\bmid-?\s?(?:afternoon|morning)", r"\d+(?=\s*[.,])")
    assert all(stops.match(c) for c in ";()\"'/x")
    assert not any(stops.match(c) for c in "mid- \n7.,")
    assert _stops(r"a.b").search("any text;()") is None  # it can read anything: no stops
    assert _stops(r"(?i:m)id").search("MID;x") is None  # it reads other cases too: no stops
