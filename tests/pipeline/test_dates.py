"""Time expressions normalised against a fixed publication date (Monday 2021-11-29)."""

import datetime as dt

import pytest

from newsevents.pipeline.dates import tag_dates

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


def test_dates_without_publication_date_use_today(coder):
    doc = coder.nlp("The envoy arrived yesterday.")
    ((_, expr),) = tag_dates(doc, None)
    assert expr.value == (dt.date.today() - dt.timedelta(days=1)).isoformat()
