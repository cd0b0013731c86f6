"""Dates: find time expressions and normalise them to TIMEX3 values against the publication date.

Rules are regular expressions over the text; the parse supplies only the tense that decides the
direction of underspecified expressions ("on Friday", "in March"). Values follow TimeML:
``2021-10-06``, ``2020-05``, ``2021-W47``, ``2021-SU``, ``P18M``, ``PRESENT_REF``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsevents.model import TimeExpr
from newsevents.pipeline.tokens import token_at

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "hundred": 100, "a couple of": 2, "a dozen": 12, "several": None, "few": None,
}
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y",
         "decade": "DE", "century": "CE", "weekend": "WE"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
        "hourly": "PT1H", "nightly": "P1D", "quarterly": "P3M"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_MONTH = r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"  # noqa: E501
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_NUM = r"(?P<num>\d+(?:\.\d+)?|a couple of|a dozen|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|several|a few|few)"  # noqa: E501
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?P<part>early|mid|late|the (?:end|beginning|start|middle) of|(?:the )?(?:end|beginning|start|middle) of|the first half of|the second half of)"  # noqa: E501


@dataclass(frozen=True)
class _Rule:
    type: str
    regex: re.Pattern[str]
    value: Callable[[re.Match[str], dt.date, int], str | None]  # (match, anchor, direction) -> value


def _num(text: str | None) -> float | None:
    if text is None:
        return None
    text = text.lower()
    if text in NUMBERS:
        return NUMBERS[text]
    if text == "a few":
        return None
    try:
        return float(text)
    except ValueError:
        return None


def _month(m: re.Match[str]) -> int:
    key = m["month"].lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def _valid_day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _year_for(month: int, day: int | None, anchor: dt.date, direction: int) -> int:
    """The year of a month (and day) given without one: the nearest in the tense's direction."""
    probe = dt.date(anchor.year, month, min(day or 1, 28))
    if direction < 0 and probe > anchor + dt.timedelta(days=0 if day else 31):
        return anchor.year - 1
    if direction > 0 and probe < anchor - dt.timedelta(days=0 if day else 31):
        return anchor.year + 1
    return anchor.year


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _offset(n: float, unit: str, anchor: dt.date, sign: int) -> str | None:
    count = int(n)
    if count != n:
        return None
    unit = unit.lower().rstrip("s")
    if unit.startswith("centur"):
        return f"{(anchor.year - sign * 100 * count) // 100:02d}"
    if unit == "day":
        return (anchor + dt.timedelta(days=sign * count)).isoformat()
    if unit == "week":
        return _week(anchor + dt.timedelta(weeks=sign * count))
    if unit == "month":
        return _shift_months(anchor, sign * count).strftime("%Y-%m")
    if unit == "year":
        return str(anchor.year + sign * count)
    if unit == "decade":
        return str((anchor.year + sign * 10 * count) // 10)
    return None


def _duration(n: float | None, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    if unit.startswith("centur"):
        unit = "century"
    amount = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    if unit in {"hour", "minute", "second"}:
        return f"PT{amount}{UNITS[unit]}"
    if unit == "decade":
        return f"P{amount}DE" if n is None else f"P{int(n) * 10}Y"
    if unit == "century":
        return f"P{amount}CE" if n is None else f"P{int(n) * 100}Y"
    return f"P{amount}{UNITS[unit]}"


def _relative_period(which: str, unit: str, anchor: dt.date) -> str | None:
    sign = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0, "current": 0}[which]
    unit = unit.lower()
    if unit in SEASONS:
        year = anchor.year + (sign if sign else 0)
        return f"{year}-{SEASONS[unit]}"
    if unit == "weekend":
        return _week(anchor + dt.timedelta(weeks=sign)) + "-WE"
    return {"week": _week(anchor + dt.timedelta(weeks=sign)),
            "month": _shift_months(anchor, sign).strftime("%Y-%m"),
            "year": str(anchor.year + sign),
            "decade": str((anchor.year + 10 * sign) // 10),
            "century": f"{(anchor.year + 100 * sign) // 100:02d}"}.get(unit)


def _weekday(m: re.Match[str], anchor: dt.date, direction: int) -> str:
    target = WEEKDAYS[m["weekday"].lower()]
    which = (m["which"] or "").lower()
    delta = target - anchor.weekday()
    if which == "last" or (not which and direction < 0):
        delta = delta - 7 if delta >= 0 else delta
        if not which and delta == -7:
            delta = 0  # "on Friday" in a Friday report, in the past tense, is that same day
    elif which == "next" or (not which and direction > 0):
        delta = delta + 7 if delta <= 0 else delta
        if not which and delta == 7:
            delta = 0
    elif which == "this":
        pass
    else:
        delta = delta - 7 if delta > 0 else delta
    return (anchor + dt.timedelta(days=delta)).isoformat()


def _part_of_month(m: re.Match[str], anchor: dt.date, direction: int) -> str:
    month = _month(m)
    year = int(m["year"]) if m["year"] else _year_for(month, None, anchor, direction)
    return f"{year}-{month:02d}"


def _time_of_day(m: re.Match[str], anchor: dt.date, direction: int) -> str | None:
    hour = int(m["hour"]) % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    minute = int(m["minute"] or 0)
    if hour > 23 or minute > 59:
        return None
    return f"{anchor.isoformat()}T{hour:02d}:{minute:02d}"


RULES: list[_Rule] = [
    _Rule("DATE", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
          lambda m, a, d: _valid_day(int(m["year"]), int(m["m"]), int(m["d"]))),
    _Rule("DATE", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
          lambda m, a, d: _valid_day(int(m["year"]), _month(m), int(m["day"]))),
    _Rule("DATE", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
          lambda m, a, d: _valid_day(int(m["year"]), _month(m), int(m["day"]))),
    _Rule("DATE", re.compile(rf"\b{_PART}\s+{_MONTH}(?:,?\s+{_YEAR})?\b", re.I), _part_of_month),
    _Rule("DATE", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*(?:,\s*)?\d)", re.I),
          lambda m, a, d: _valid_day(_year_for(_month(m), int(m["day"]), a, d), _month(m), int(m["day"]))),
    _Rule("DATE", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b", re.I),
          lambda m, a, d: _valid_day(_year_for(_month(m), int(m["day"]), a, d), _month(m), int(m["day"]))),
    _Rule("DATE", re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I), lambda m, a, d: f"{m['year']}-{_month(m):02d}"),
    _Rule("DATE", re.compile(rf"\b(?:(?P<which>last|next|this|past|coming)\s+)?{_WEEKDAY}(?:'s)?\b", re.I),
          _weekday),
    _Rule("DATE", re.compile(r"\b(?P<w>yesterday|today|tomorrow|tonight)\b", re.I),
          lambda m, a, d: (a + dt.timedelta(days={"yesterday": -1, "today": 0, "tonight": 0,
                                                   "tomorrow": 1}[m["w"].lower()])).isoformat()),
    _Rule("DATE", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+(?P<dir>ago|earlier|before|later|from now|hence)\b", re.I),
          lambda m, a, d: _offset(_num(m["num"]) or 0, m["unit"], a,
                                  -1 if m["dir"].lower() in {"ago", "earlier", "before"} else 1)
          if _num(m["num"]) else None),
    _Rule("DATE", re.compile(r"\b(?P<which>last|next|this|past|previous|coming|current)\s+"
                             r"(?P<unit>week|month|year|weekend|decade|century|spring|summer|autumn|fall|winter)\b",
                             re.I),
          lambda m, a, d: _relative_period(m["which"].lower(), m["unit"], a)),
    _Rule("DATE", re.compile(r"\b(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
                             rf"(?:\s+of\s+{_YEAR})?\b", re.I),
          lambda m, a, d: f"{m['year'] or a.year}-Q{ORDINALS[m['ord'].lower()]}"),
    _Rule("DATE", re.compile(r"\b(?:the\s+)?(?P<c>\d{2})(?:st|nd|rd|th)\s+century\b", re.I),
          lambda m, a, d: f"{int(m['c']) - 1:02d}"),
    _Rule("DATE", re.compile(r"\b(?:the\s+)?(?P<dec>(?:1[89]|20)\d)0s\b"), lambda m, a, d: m["dec"]),
    _Rule("DATE", re.compile(r"(?<![\d$€£.,])\b(?P<year>(?:1[89]|20)\d\d)\b(?![.,]?\d|\s*%|-\d)"),
          lambda m, a, d: m["year"]),
    _Rule("DATE", re.compile(r"\b(?P<w>now|currently|nowadays|at present|at the moment)\b", re.I),
          lambda m, a, d: "PRESENT_REF"),
    _Rule("DATE", re.compile(r"\b(?P<w>recently|lately|formerly|in the past)\b", re.I), lambda m, a, d: "PAST_REF"),
    _Rule("DATE", re.compile(r"\b(?:in the (?:near |distant )?future|in the coming (?:days|weeks|months|years))\b",
                             re.I), lambda m, a, d: "FUTURE_REF"),
    _Rule("TIME", re.compile(r"\b(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)",
                             re.I), _time_of_day),
    _Rule("TIME", re.compile(r"\bthis (?P<p>morning|afternoon|evening)\b", re.I),
          lambda m, a, d: f"{a.isoformat()}T{ {'morning': 'MO', 'afternoon': 'AF', 'evening': 'EV'}[m['p'].lower()]}"),
    _Rule("SET", re.compile(r"\b(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|quarterly)\b", re.I),
          lambda m, a, d: SETS[m["w"].lower()]),
    _Rule("SET", re.compile(r"\b(?:every|each)\s+(?P<unit>day|week|month|year|hour)\b", re.I),
          lambda m, a, d: _duration(1, m["unit"])),
    _Rule("DURATION", re.compile(rf"\b(?:the\s+(?:past|last|next|previous|coming)\s+)?{_NUM}[\s-]+{_UNIT}"
                                 r"(?:\s+long)?\b", re.I),
          lambda m, a, d: _duration(_num(m["num"]), m["unit"])),
]


def _direction(doc: Doc, start: int) -> int:
    """-1 for a past-tense clause, +1 for a future one, -1 when unknown (news reports the past)."""
    token: Token | None = token_at(doc, start)
    for _ in range(6):
        if token is None:
            break
        if token.pos_ in {"VERB", "AUX"}:
            children = [c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}]
            if any(w in {"will", "shall", "'ll"} for w in children) or "going" in children:
                return 1
            if token.tag_ in {"VBD", "VBN"} or "Past" in token.morph.get("Tense"):
                return -1
            if token.tag_ in {"VBZ", "VBP"} and any(c.lower_ == "to" for c in token.children):
                return 1
            if token.tag_ in {"VBZ", "VBP", "VBG", "VB"}:
                return 1 if any(w in {"to"} for w in children) else -1
        if token.head.i == token.i:
            break
        token = token.head
    return -1


def tag_dates(doc: Doc, published: dt.date | None) -> list[tuple[Span, TimeExpr]]:
    """Every time expression in ``doc``, normalised against the publication date (or today)."""
    anchor = published or dt.date.today()
    text = doc.text
    found: list[tuple[int, int, str, re.Match[str], _Rule]] = []
    for rule in RULES:
        for m in rule.regex.finditer(text):
            found.append((m.start(), m.end(), rule.type, m, rule))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    results: list[tuple[Span, TimeExpr]] = []
    taken_until = -1
    for start, end, type_, match, rule in found:
        if start < taken_until:
            continue
        if "month" in match.re.groupindex and match["month"] and not match["month"][0].isupper():
            continue  # "may", "march" and "sept" in lower case are words, not months
        value = rule.value(match, anchor, _direction(doc, start))
        if value is None:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        taken_until = end
        results.append((span, TimeExpr(span=(start, end), text=text[start:end], type=type_, value=value)))  # type: ignore[arg-type]
    return results
