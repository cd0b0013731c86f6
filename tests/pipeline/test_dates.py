"""Time expressions normalised against a fixed publication date (Monday 2021-11-29)."""

import pytest

CASES = [
    ("NATO acted on October 6.", "October 6", "DATE", "2021-10-06"),
    ("It happened 18 months ago.", "18 months ago", "DATE", "2020-05"),
    ("She spoke at a briefing on October 21.", "October 21", "DATE", "2021-10-21"),
    ("They were deployed in 2017.", "2017", "DATE", "2017"),
    ("The summit opened on 12 July 2016.", "12 July 2016", "DATE", "2016-07-12"),
    ("The pact was signed on March 3, 2019.", "March 3, 2019", "DATE", "2019-03-03"),
    ("The deal took effect in May 2020.", "May 2020", "DATE", "2020-05"),
    ("Talks resumed at the end of October.", "the end of October", "DATE", "2021-10"),
    ("Troops arrived yesterday.", "yesterday", "DATE", "2021-11-28"),
    ("The minister will travel tomorrow.", "tomorrow", "DATE", "2021-11-30"),
    ("The envoy met rebels on Friday.", "Friday", "DATE", "2021-11-26"),
    ("The envoy will meet rebels on Friday.", "Friday", "DATE", "2021-12-03"),
    ("Shelling continued last week.", "last week", "DATE", "2021-W47"),
    ("Exports fell last year.", "last year", "DATE", "2020"),
    ("Elections are due next month.", "next month", "DATE", "2021-12"),
    ("Relations froze in the 1990s.", "the 1990s", "DATE", "199"),
    ("The siege lasted 18 months.", "18 months", "DURATION", "P18M"),
    ("Inspectors visit weekly.", "weekly", "SET", "P1W"),
    ("The vote is now over.", "now", "DATE", "PRESENT_REF"),
    ("The blast came at 10:30 a.m.", "10:30 a.m.", "TIME", "2021-11-29T10:30"),
    ("Growth slowed in the third quarter.", "the third quarter", "DATE", "2021-Q3"),
]


@pytest.mark.parametrize(("text", "expr", "type_", "value"), CASES, ids=[c[1] for c in CASES])
def test_dates_normalised_against_publication_date(code, text, expr, type_, value):
    coded = code(text, "2021-11-29")
    found = {(d.text, d.type, d.value) for d in coded.dates}
    assert (expr, type_, value) in found
    for d in coded.dates:
        assert text[slice(*d.span)] == d.text


def test_dates_lowercase_may_is_not_a_month(code):
    assert code("Russia may 5 times increase exports.", "2021-11-29").dates == ()
