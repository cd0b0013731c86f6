"""Dates: find time expressions and normalise them to TIMEX3 values against the publication date.

Rules are regular expressions over the text. The parse supplies only the tense that decides the
direction of underspecified expressions ("on Friday", "in March"); the document supplies the
antecedent of anaphoric ones ("the quarter", "a year earlier", "that year"). Values follow TimeML
as annotated in TempEval-3: ``2021-10-06``, ``2020-05``, ``2021-W47``, ``2021-SU``, ``2021-Q3``,
``2021-11-26TNI``, ``P18M``, ``PRESENT_REF``, ``XXXX-WXX-4``.
"""

from __future__ import annotations

import datetime as dt
import re
import re._constants as sre  # a parsed pattern: which characters it can read
import re._parser as sre_parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from newsevents.model import TimeExpr
from newsevents.pipeline.tokens import lower_text, sentence_number, token_at
from newsevents.pipeline.tokens import text as doc_text

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"mon": 0, "tues": 1, "wednes": 2, "thurs": 3, "fri": 4, "satur": 5, "sun": 6}
SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
VAGUE = {"several", "few", "a few", "many", "some", "a number of", "dozens of"}
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "month": "M",
         "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SETS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
        "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "semiannually": "P6M", "hourly": "PT1H"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}
# words before a bare "May" that make it the month, not the modal or a name
MAY_CUES = {"in", "since", "until", "till", "by", "during", "through", "from", "of", "early", "late", "mid", "last",
            "next", "this", "and", "or", "to", "before", "after", "between", ","}

# verbs whose object or complement is still to come
PROSPECTIVE = {"plan", "schedule", "expect", "intend", "slate", "propose", "promise", "vow", "threaten", "prepare",
               "aim"}

_W = "|".join
_SMALL = _W(sorted(SMALL, key=len, reverse=True))
_TENS = _W(TENS)
_DIGIT_WORD = "one|two|three|four|five|six|seven|eight|nine"
_NUMWORD = rf"(?:(?:{_TENS})(?:[\s-](?:{_DIGIT_WORD})\b)?|{_SMALL}|(?:a|one)\s+hundred|hundred)"
_NUM = (rf"(?P<num>\d+(?:\.\d+)?(?:\s+\d/\d)?|{_NUMWORD}|(?:a\s+)?couple\s+of|a\s+couple|a\s+number\s+of|dozens\s+of"
        r"|a\s+few|several|few|many|some|an?(?:\s+half)?)")
_UNIT = r"(?P<unit>second|minute|hour|day|night|week|month|quarter|year|decade|centur(?:y|ie))s?"
_FULL_MONTH = r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december)"
_MONTH = (r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?"
          r"|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_SPELLED_YEAR = (rf"(?:eighteen|nineteen)[\s-]+(?:(?:{_TENS})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
                 rf"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred"
                 r"|oh[\s-](?:one|two|three|four|five|six|seven|eight|nine))")
_YEAR = rf"(?P<year>(?:1[89]|20)\d\d(?!\d)|{_SPELLED_YEAR})"
_WD = r"(?P<weekday>mon|tues|wednes|thurs|fri|satur|sun)day"
_TOD = r"(?P<tod>morning|afternoon|evening|night)"
_ORD = r"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
_MOD = (r"(?:(?P<mod>about|around|almost|nearly|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|roughly"
        r"|approximately|some|over|under|up\s+to|just|only|barely|close\s+to|upwards\s+of)\s+)?")
_CLOCK = (r"(?:(?P<hour>[01]?\d)(?::(?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\b\.?|[ap]m\b)"
          r"|(?<!high\s)(?P<named>noon|midnight|midday)"
          r"|(?P<hour2>[01]?\d)(?::(?P<minute2>[0-5]\d))?\s+(?:o'clock\s+)?in\s+the\s+(?P<half>morning|afternoon|evening|night))")
_DAYREF = rf"(?:{_WD}|{_MONTH}\s+{_DAY}|(?P<rel>yesterday|today|tomorrow|tonight))"
_RELATIVE = (r"(?P<which>this\s+past|this\s+coming|the\s+past|the\s+last|the\s+previous|the\s+next|the\s+coming"
             r"|the\s+current|last|next|this|past|previous|coming|current)")
_PART = r"(?P<part>early|late|earlier|later|sometime|mid|the\s+(?:end|beginning|start|middle|rest|remainder)\s+of)"
_HOLIDAYS = (r"(?P<holiday>christmas\s+eve|christmas(?:\s+day)?|new\s+year's\s+eve|new\s+year's(?:\s+day)?"
             r"|thanksgiving(?:\s+day)?|easter(?:\s+sunday)?|good\s+friday|election\s+day|labor\s+day|memorial\s+day"
             r"|independence\s+day|veterans\s+day|halloween|valentine's\s+day)")


@dataclass
class _State:
    """The publication date, the parse, and the last explicit quarter, month, day and year the document named."""

    doc: Doc
    anchor: dt.date
    quarter: tuple[int, int] | None = None
    month: dt.date | None = None  # its first day
    day: dt.date | None = None
    year: int | None = None
    _directions: dict[int, int] = field(default_factory=dict)

    def direction(self, start: int) -> int:
        if start not in self._directions:
            self._directions[start] = _direction(self.doc, start)
        return self._directions[start]


Value = Callable[[re.Match[str], _State, int], str | None]


@dataclass(frozen=True)
class _Rule:
    """A pattern, where in a text it can match, and how its matches become values.

    ``finder`` runs case-sensitively over the lower-cased text (much faster than ``re.I``), and only
    over the stretches of it that can hold a match (see ``_finds``); ``regex`` then re-reads each hit
    in its original case.
    """

    type: str
    finder: re.Pattern[str]
    regex: re.Pattern[str]
    # groups of words (whole runs of letters) the pattern cannot match without one of, each: looked up
    # in the document's words, collected once, they skip a rule for the cost of a set look-up
    needs: tuple[frozenset[str], ...]
    anchor: re.Pattern[str]  # found in every match: the first group's words, or a part of the pattern
    stops: re.Pattern[str]  # a character neither the pattern nor the anchor can read
    value: Value  # (match, state, start) -> TIMEX3 value, or None to reject the match
    anaphoric: bool = False  # read the document's context without setting it ("a year earlier")


def _rule(type_: str, pattern: str, value: Value, needs: tuple[str | Iterable[str], ...] = (),
          anchor: str | None = None, anaphoric: bool = False) -> _Rule:
    """A rule. Each group of ``needs`` is words, as an iterable or separated by "|"; without an
    ``anchor``, the first group's words are the anchor, so the rarest group comes first."""
    groups = tuple(frozenset(g.split("|") if isinstance(g, str) else g) for g in needs)
    anchor = anchor or "|".join(sorted(groups[0]))
    return _Rule(type_, re.compile(pattern), re.compile(pattern, re.I), groups, re.compile(anchor),
                 _stops(pattern, anchor), value, anaphoric)


_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_WORD: r"\w"}


def _readable(items: Iterable[tuple[Any, Any]]) -> Iterator[str | None]:
    """Character-class items for what a parsed pattern can read (match or look at); None for anything."""
    for op, arg in items:
        if op is sre.LITERAL:
            yield re.escape(chr(arg))
        elif op is sre.IN:
            for kind, value in arg:
                if kind is sre.LITERAL:
                    yield re.escape(chr(value))
                elif kind is sre.RANGE:
                    yield f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}"
                else:  # a category, or a negated set
                    yield _CATEGORIES.get(value) if kind is sre.CATEGORY else None
        elif op is sre.BRANCH:
            for branch in arg[1]:
                yield from _readable(branch)
        elif op is sre.SUBPATTERN and not arg[1] & re.IGNORECASE:  # "(?i:...)" would read other cases too
            yield from _readable(arg[3])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            yield from _readable(arg[2])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            yield from _readable(arg[1])
        elif op is sre.AT:
            if arg is sre.AT_END:
                yield r"\n"  # "$" also holds before a final newline: where a stretch ends on one, not the text
        else:
            yield None  # any character, a group reference, ...


def _stops(*patterns: str) -> re.Pattern[str]:
    """A character none of the patterns can read; none at all if one can read any."""
    parsed = [sre_parse.parse(pattern) for pattern in patterns]
    items = {item for p in parsed for item in _readable(p)}
    if None in items or any(p.state.flags & re.IGNORECASE for p in parsed):
        return re.compile(r"[^\s\S]")
    return re.compile(f"[^{''.join(sorted(filter(None, items)))}]")


def _finds(rule: _Rule, low: str, wol: str) -> Iterator[re.Match[str]]:
    """What ``rule.finder.finditer(low)`` finds, read only from the stretches between stops that hold an anchor.

    No match takes in a stop and no look-ahead reads past one, so a stretch, with the stop that ends
    it, yields exactly the (never empty) matches the whole text has there, and a stretch without an
    anchor yields none. ``wol`` is ``low`` reversed, to find the stop before an anchor.
    """
    end = 0
    for anchor in rule.anchor.finditer(low):
        if anchor.start() < end:
            continue  # in the stretch just read
        before = rule.stops.search(wol, len(low) - anchor.start())
        after = rule.stops.search(low, anchor.start())
        start = len(low) - before.start() if before else 0
        end = after.end() if after else len(low)
        yield from rule.finder.finditer(low, start, end)


# --- numbers and calendar arithmetic -------------------------------------------------------------


def _num(text: str | None) -> float | None:
    """The number a numeral means; None for vague ones ("several", "a few")."""
    if text is None:
        return None
    text = " ".join(text.lower().replace("-", " ").split())
    if text in VAGUE:
        return None
    if text in {"a", "an", "one"}:
        return 1
    if text in {"a couple of", "couple of", "a couple"}:
        return 2
    if text in {"a half", "an half"}:
        return 0.5
    if text in {"a hundred", "one hundred", "hundred"}:
        return 100
    whole, _, fraction = text.partition(" ")
    if whole.replace(".", "", 1).isdigit():
        value = float(whole)
        if fraction and "/" in fraction:
            top, bottom = fraction.split("/")
            value += int(top) / int(bottom) if int(bottom) else 0
        return value
    words = text.split()
    if words[0] in TENS:
        return TENS[words[0]] + (SMALL.get(words[1], 0) if len(words) > 1 else 0)
    return SMALL.get(text)


def _year(text: str) -> int:
    """A year written in digits or in words ("nineteen ninety-six", "two thousand")."""
    if text.isdigit():
        return int(text)
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + (SMALL[rest[0]] if rest else 0)
    century = SMALL[words[0]] * 100
    rest = [w for w in words[1:] if w != "oh"]
    if rest == ["hundred"]:
        return century
    if rest[0] in TENS:
        return century + TENS[rest[0]] + (SMALL[rest[1]] if len(rest) > 1 else 0)
    return century + SMALL[rest[0]]


def _month(m: re.Match[str]) -> int:
    key = m["month"].lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _week(day: dt.date) -> str:
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _year_for(month: int, day: int | None, state: _State, start: int) -> int:
    """The year of a month (and day) written without one.

    The nearest such date to publication, unless the clause's tense points the other way and the
    nearest one is more than a month (two for a day) off in the wrong direction.
    """
    anchor = state.anchor

    def months_off(year: int) -> float:
        if day is None:
            return year * 12 + month - anchor.year * 12 - anchor.month
        return ((_date(year, month, day) or dt.date(year, month, 28)) - anchor).days / 30.4

    # half a month's lean towards the past: news reports it more than it announces the future
    year = min((anchor.year - 1, anchor.year, anchor.year + 1),
               key=lambda y: abs(months_off(y)) + (0.5 if months_off(y) > 0 else 0))
    direction = state.direction(start)
    slack = 1 if day is None else 2
    if direction < 0 and months_off(year) > slack:
        return year - 1
    if direction > 0 and months_off(year) < -slack:
        return year + 1
    return year


def _weekday_date(target: int, which: str, state: _State, start: int) -> dt.date:
    """The date of a weekday: the one just past (news reports the past), or the next one in a future clause."""
    anchor = state.anchor
    delta = target - anchor.weekday()
    if which in {"last", "this past", "past", "previous"}:
        delta = delta - 7 if delta >= 0 else delta
    elif which in {"next", "this coming", "coming"}:
        delta = delta + 7 if delta <= 0 else delta
    elif which == "this" or state.direction(start) > 0:
        delta = delta + 7 if delta < 0 else delta
    else:
        delta = delta - 7 if delta > 0 else delta
    return anchor + dt.timedelta(days=delta)


def _which(m: re.Match[str]) -> str:
    which = m.groupdict().get("which")
    return " ".join(which.lower().split()).removeprefix("the ") if which else ""


def _direction(doc: Doc, start: int) -> int:
    """+1 for a future clause, -1 for a past one, 0 when the tense does not say.

    The verb that governs the expression decides; on the way up to it, "since" points to the past
    and "until" or "as soon as" to the future, unless the verb is a past perfect.
    """
    token: Token | None = token_at(doc, start)
    cue = 0
    for _ in range(6):
        if token is None:
            break
        if not cue and token.lower_ == "since":
            cue = -1
        elif not cue and token.lower_ in {"until", "till", "soon"}:
            cue = 1
        if token.pos_ in {"VERB", "AUX"}:
            auxes = [c for c in token.children if c.dep_ in {"aux", "auxpass"}]
            words = {c.lower_ for c in auxes}
            if "had" in words:
                return -1
            if cue:
                return cue
            if token.lemma_ in PROSPECTIVE:
                return 1  # "planned a rally on Saturday": what is planned lies ahead
            if words & {"will", "shall", "'ll", "wo"} or "going" in words:
                return 1
            if any(c.tag_ == "MD" for c in auxes) and token.tag_ == "VB" and "have" not in words:
                return 1
            if any(c.tag_ == "VBD" for c in auxes) or token.tag_ == "VBD" or (words & {"has", "have", "'ve"}):
                return -1
            if token.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"} and "been" not in words:
                return 1  # "is meeting on Friday"
            if token.tag_ == "VB" and any(c.lower_ == "to" for c in token.children):
                return 1  # "plans to leave on Thursday"
            if token.tag_ in {"VBN", "VBZ", "VBP", "VB"}:
                return 0  # a participle or a present says nothing ("set for April", "expire Nov. 21")
        if token.head.i == token.i:
            break
        token = token.head
    return cue


# --- value functions ---------------------------------------------------------------------------


def _explicit_date(m: re.Match[str], state: _State, start: int) -> str | None:
    month, day, year_text = _month(m), int(m["day"]), m.groupdict().get("year")
    year = _year(year_text) if year_text else _year_for(month, day, state, start)
    date = _date(year, month, day)
    return date.isoformat() if date else None


def _numeric_date(m: re.Match[str], state: _State, start: int) -> str | None:
    year = int(m["y"])
    if year < 100:  # two digits: the century that puts it no more than ten years after publication
        year += 2000 if 2000 + year <= state.anchor.year + 10 else 1900
    date = _date(year, int(m["m"]), int(m["d"]))
    return date.isoformat() if date else None


def _month_value(m: re.Match[str], state: _State, start: int) -> str | None:
    month = _month(m)
    if m.groupdict().get("year"):
        return f"{_year(m['year'])}-{month:02d}"
    which = _which(m)
    anchor = state.anchor
    if which in {"last", "this past", "past", "previous"}:
        # the month just before publication is "last month": "last February" in March is a year back
        year = anchor.year if month < anchor.month - 1 or (which == "this past" and month < anchor.month) \
            else anchor.year - 1
    elif which in {"next", "this coming", "coming"}:
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif which == "this":
        year = anchor.year
    else:
        year = _year_for(month, None, state, start)
    return f"{year}-{month:02d}"


def _day_of(m: re.Match[str], state: _State, start: int) -> dt.date | None:
    """The day a weekday, a month and day, or yesterday/today/tomorrow names."""
    groups = m.groupdict()
    if groups.get("weekday"):
        return _weekday_date(WEEKDAYS[m["weekday"].lower()], _which(m), state, start)
    if groups.get("month"):
        value = _explicit_date(m, state, start)
        return dt.date.fromisoformat(value) if value else None
    rel = (groups.get("rel") or "today").lower()
    return state.anchor + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(rel, 0))


def _weekday_around(m: re.Match[str], state: _State, start: int) -> str | None:
    """"the previous Friday", "the following Monday": around the day the story has reached."""
    base = state.day or state.anchor
    target = WEEKDAYS[m["weekday"].lower()]
    if m["which"].lower() in {"previous", "prior"}:
        delta = -((base.weekday() - target) % 7 or 7)
    else:
        delta = (target - base.weekday()) % 7 or 7
    return (base + dt.timedelta(days=delta)).isoformat()


def _day_with_part(m: re.Match[str], state: _State, start: int) -> str | None:
    day = _day_of(m, state, start)
    if day is None:
        return None
    tod = m.groupdict().get("tod")
    if tod:
        return f"{day.isoformat()}T{PARTS_OF_DAY[tod.lower()]}"
    if (m.groupdict().get("rel") or "").lower() == "tonight":
        return f"{day.isoformat()}TNI"
    return day.isoformat()


def _clock_time(m: re.Match[str], state: _State, start: int) -> str | None:
    if m["named"]:
        clock = "24:00" if m["named"].lower() == "midnight" else "12:00"
    else:
        hour = int(m["hour"] or m["hour2"])
        minute = int(m["minute"] or m["minute2"] or 0)
        afternoon = (m["ampm"] or "a").lower().startswith("p") or (m["half"] or "").lower() in {"afternoon", "evening"}
        if (m["half"] or "").lower() == "night" and hour >= 6:
            afternoon = True
        if hour > 12 or hour == 0:
            return None
        hour = hour % 12 + (12 if afternoon else 0)
        clock = f"{hour:02d}:{minute:02d}"
    has_day = any(m.groupdict().get(g) for g in ("weekday", "month", "rel"))
    day = _day_of(m, state, start) if has_day else state.anchor
    return f"{day.isoformat()}T{clock}" if day else None


def _offset(n: float, unit: str, base: dt.date, sign: int) -> str | None:
    """The date ``n`` units before (sign -1) or after (+1) ``base``, at the unit's granularity."""
    if n != int(n):
        return None
    count = sign * int(n)
    if unit in {"day", "night"}:
        return (base + dt.timedelta(days=count)).isoformat()
    if unit == "week":
        return _week(base + dt.timedelta(weeks=count))
    if unit == "month":
        return _shift_months(base, count).strftime("%Y-%m")
    if unit == "quarter":
        year, quarter = _quarter_of(_shift_months(base, 3 * count))
        return f"{year}-Q{quarter}"
    if unit in {"hour", "minute", "second"}:
        return None
    return str(base.year + count * {"year": 1, "decade": 10, "century": 100}[unit])


def _unit(m: re.Match[str]) -> str:
    unit = m["unit"].lower()
    return "century" if unit.startswith("centur") else unit.removesuffix("s")


def _ago(m: re.Match[str], state: _State, start: int) -> str | None:
    word = " ".join(m["dir"].lower().split())
    sign = -1 if word in {"ago", "earlier", "before"} else 1
    n = _num(m["num"])
    if n is None:
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    unit = _unit(m)
    if unit == "year" and n == 1 and state.quarter:
        # in a report about a quarter, "a year ago" is that quarter a year back
        return f"{state.quarter[0] - 1}-Q{state.quarter[1]}"
    return _offset(n, unit, state.anchor, sign)


def _duration(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: P3D, PT4H, P18M, P20Y for two decades, PXY for "years"."""
    if unit in {"decade", "century"} and n is not None:
        n, unit = n * (10 if unit == "decade" else 100), "year"
    if n is not None and n != int(n):
        # a fraction is written in the next smaller unit: 5 1/2 hours is PT5H30M
        smaller = {"year": ("month", 12), "day": ("hour", 24), "week": ("day", 7), "hour": ("minute", 60),
                   "minute": ("second", 60)}.get(unit)
        if smaller and (n * smaller[1]).is_integer():
            whole = int(n)
            rest = int(round((n - whole) * smaller[1]))
            head = _duration(whole, unit) if whole else ("PT" if smaller[0] in {"hour", "minute", "second"} else "P")
            tail = f"{rest}{UNITS[smaller[0]]}"
            if smaller[0] in {"hour", "minute", "second"} and "T" not in head:
                tail = "T" + tail
            return head + tail
    amount = "X" if n is None else (str(int(n)) if n == int(n) else str(n))
    time = "T" if unit in {"hour", "minute", "second"} else ""
    return f"P{time}{amount}{UNITS[unit]}"


def _duration_value(m: re.Match[str], state: _State, start: int) -> str | None:
    n = _num(m["num"])
    if m.groupdict().get("half"):
        n = (n or 0) + 0.5
    return _duration(n, _unit(m))


def _relative_period(m: re.Match[str], state: _State, start: int) -> str | None:
    which, unit, anchor = _which(m), m["unit"].lower(), state.anchor
    sign = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(
        which, 0)
    if unit in SEASONS:
        return _season(SEASONS[unit], which, None, state, start)
    if unit == "weekend":
        return _weekend(which, state, start)
    if unit == "quarter":
        year, quarter = _quarter_of(_shift_months(anchor, 3 * sign))
        return f"{year}-Q{quarter}"
    return {"week": _week(anchor + dt.timedelta(weeks=sign)),
            "month": _shift_months(anchor, sign).strftime("%Y-%m"),
            "year": str(anchor.year + sign),
            "decade": f"{(anchor.year + 10 * sign) // 10:03d}",
            "century": f"{(anchor.year + 100 * sign) // 100:02d}"}.get(unit)


def _season(code: str, which: str, year: int | None, state: _State, start: int) -> str:
    if year is None:
        anchor = state.anchor
        year = anchor.year
        begun = anchor.month >= SEASON_START[code]
        ended = anchor.month >= SEASON_START[code] + 3
        direction = -1 if which in {"last", "this past", "past", "previous"} else (
            1 if which in {"next", "this coming", "coming"} else 0 if which == "this" else state.direction(start))
        if direction < 0 and not ended:
            year -= 1
        elif direction > 0 and begun:
            year += 1
    return f"{year}-{code}"


def _season_value(m: re.Match[str], state: _State, start: int) -> str | None:
    if not (m["which"] or m["prep"] or m["year"]):
        return None  # a bare "fall" or "spring" is a verb more often than a season
    year = _year(m["year"]) if m["year"] else None
    return _season(SEASONS[m["season"].lower()], _which(m), year, state, start)


def _weekend(which: str, state: _State, start: int) -> str:
    anchor = state.anchor
    sign = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(which)
    if sign is None:  # "the weekend", "this weekend": the one around publication, in the clause's direction
        in_weekend = anchor.weekday() >= 5
        sign = 0 if in_weekend or which == "this" or state.direction(start) > 0 else -1
    return _week(anchor + dt.timedelta(weeks=sign)) + "-WE"


def _quarter_year(quarter: int, state: _State, start: int) -> int:
    """A quarter without a year is this year's, unless it has not begun and the clause is not future."""
    anchor = state.anchor
    begun = anchor.month >= 3 * quarter - 2
    return anchor.year if begun or state.direction(start) > 0 else anchor.year - 1


def _quarter_value(m: re.Match[str], state: _State, start: int) -> str | None:
    quarter = ORDINALS[m["ord"].lower()]
    groups = m.groupdict()
    if groups.get("year"):
        year = _year(m["year"])
    elif groups.get("qyear"):
        year = int(m["qyear"])
    elif groups.get("rel") or groups.get("suf"):
        year = state.anchor.year + {"this": 0, "last": -1, "next": 1}[(m["rel"] or m["suf"]).lower()]
    else:
        year = _quarter_year(quarter, state, start)
    return f"{year}-Q{quarter}"


def _half_value(m: re.Match[str], state: _State, start: int) -> str | None:
    half = 1 if m["h"].lower() == "first" else 2
    if m["year"]:
        year = _year(m["year"])
    else:
        year = state.anchor.year + {"this": 0, "last": -1, "next": 1, "": 0}[(m["rel"] or "").lower()]
    return f"{year}-H{half}"


def _anaphoric_quarter(m: re.Match[str], state: _State, start: int) -> str | None:
    """"the quarter", "the latest period", "the year-ago quarter": the quarter the document is about."""
    mods = (m["mods"] or "").lower()
    noun = m["noun"]
    if not noun.islower() and m.start("noun") != m.start():
        return None  # "the French Quarter"
    if m["ord"]:  # "the year-ago third quarter": that quarter of the year the document is about
        quarter = ORDINALS[m["ord"].lower()]
        year = state.quarter[0] if state.quarter else _quarter_year(quarter, state, start)
    elif "current" in mods or (m["det"].lower() == "this" and noun.lower() == "quarter"):
        year, quarter = _quarter_of(state.anchor)
    elif state.quarter and not ("latest" in mods and state.quarter >= _quarter_of(state.anchor)):
        year, quarter = state.quarter
    elif noun.lower() == "quarter" or "latest" in mods:
        # the latest completed quarter: "the latest quarter" cannot be one still running
        year, quarter = _quarter_of(_shift_months(state.anchor, -3))
    else:
        return None  # "the period" with no quarter in sight
    if "year-ago" in mods or "year-earlier" in mods or m["suf"] or m["det"].lower().startswith("last"):
        return f"{year - 1}-Q{quarter}"
    state.quarter = (year, quarter)  # unshifted, it is the quarter the document is now about
    return f"{year}-Q{quarter}"


def _quarter_ended(m: re.Match[str], state: _State, start: int) -> str | None:
    """"the quarter ended Sept. 30": the calendar quarter that holds that day."""
    value = _explicit_date(m, state, start)
    return "{}-Q{}".format(*_quarter_of(dt.date.fromisoformat(value))) if value else None


def _year_ago(m: re.Match[str], state: _State, start: int) -> str | None:
    if state.quarter:
        return f"{state.quarter[0] - 1}-Q{state.quarter[1]}"
    return str(state.anchor.year - 1)


def _year_value(m: re.Match[str], state: _State, start: int) -> str | None:
    year = _year(m["year"])
    groups = m.groupdict()
    if groups.get("period") and state.quarter:
        return f"{year}-Q{state.quarter[1]}"  # "the 1988 quarter": the document's quarter, that year
    return str(year)


def _decade_value(m: re.Match[str], state: _State, start: int) -> str | None:
    if m["dec"]:
        return m["dec"]
    if m["short"]:
        return f"19{m['short']}"
    return f"19{DECADE_WORDS[m['word'].lower()]}"


def _century_value(m: re.Match[str], state: _State, start: int) -> str | None:
    number = int(m["c"]) if m["c"] else CENTURY_WORDS[" ".join(m["cw"].lower().replace("-", " ").split())]
    return f"{number - 1:02d}"


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * ell) // 433
    month = (h + ell - 7 * m + 90) // 25
    return dt.date(year, month, (h + ell - 7 * m + 33 * month + 19) % 32)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 for the last) given weekday of a month."""
    if n < 0:
        last = _shift_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


HOLIDAYS: dict[str, Callable[[int], dt.date]] = {
    "christmas eve": lambda y: dt.date(y, 12, 24),
    "christmas": lambda y: dt.date(y, 12, 25),
    "new year's eve": lambda y: dt.date(y, 12, 31),
    "new year's": lambda y: dt.date(y, 1, 1),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 3, 4),
    "easter": _easter,
    "good friday": lambda y: _easter(y) - dt.timedelta(days=2),
    "election day": lambda y: _nth_weekday(y, 11, 0, 1) + dt.timedelta(days=1),
    "labor day": lambda y: _nth_weekday(y, 9, 0, 1),
    "memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    "independence day": lambda y: dt.date(y, 7, 4),
    "veterans day": lambda y: dt.date(y, 11, 11),
    "halloween": lambda y: dt.date(y, 10, 31),
    "valentine's day": lambda y: dt.date(y, 2, 14),
}


def _holiday_value(m: re.Match[str], state: _State, start: int) -> str | None:
    name = " ".join(m["holiday"].lower().split()).removesuffix(" day").removesuffix(" sunday")
    when = HOLIDAYS.get(name) or HOLIDAYS[name + " day"]
    if m["year"]:
        return when(_year(m["year"])).isoformat()
    which, anchor = _which(m), state.anchor
    this_year = when(anchor.year)
    if which in {"last", "this past", "past"}:
        year = anchor.year if this_year < anchor else anchor.year - 1
    elif which in {"next", "this coming", "coming"}:
        year = anchor.year if this_year > anchor else anchor.year + 1
    else:
        year = _year_for(this_year.month, this_year.day, state, start)
    return when(year).isoformat()


def _context_period(m: re.Match[str], state: _State, start: int) -> str | None:
    """"that year", "the following day": the document's last explicit day or year, moved."""
    which, unit = _which(m), m["unit"].lower()
    shift = {"following": 1, "next": 1, "previous": -1, "prior": -1}.get(which, 0)
    if unit == "day":
        return (state.day + dt.timedelta(days=shift)).isoformat() if state.day else None
    if unit == "month":
        return _shift_months(state.month, shift).strftime("%Y-%m") if state.month else None
    if state.year is not None:
        return str(state.year + shift)
    return str(state.anchor.year - 1) if shift < 0 else None


def _set_every(m: re.Match[str], state: _State, start: int) -> str | None:
    groups = m.groupdict()
    if groups.get("weekday"):
        tod = f"T{PARTS_OF_DAY[m['tod'].lower()]}" if groups.get("tod") else ""
        return f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()] + 1}{tod}"
    if groups.get("month"):
        return f"XXXX-{_month(m):02d}"
    unit = m["unit"].lower()
    if unit in SEASONS:
        return f"XXXX-{SEASONS[unit]}"
    if unit in PARTS_OF_DAY:
        return f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}"
    if unit == "weekend":
        return "XXXX-WXX-WE"
    n = _num(groups.get("num")) or 1
    return _duration(n * (2 if groups.get("other") else 1), unit)


def _const(value: str) -> Value:
    return lambda m, state, start: value


# --- the rules ---------------------------------------------------------------------------------

_AGO_DIR = r"(?P<dir>ago|earlier|later|from\s+now|hence|(?:before|after)(?=\s*(?:[.,;:!?)]|$)))"

# what the rules need (see _Rule): words, as whole words of the text, and anchors; an anchor is mostly the
# tail of a pattern from a part it cannot do without, rarer than its words and without the optional
# words before it that make a scan of the pattern slow
_W_MONTH = frozenset(MONTHS)  # as _MONTH spells them: "jan", "sept", "march"
_W_FULL_MONTH = "january|february|march|april|may|june|july|august|september|october|november|december"
_W_WEEKDAY = frozenset(f"{day}day" for day in WEEKDAYS)
_W_UNIT = frozenset(UNITS) | {f"{unit}s" for unit in UNITS} | {"centurie", "centuries"}  # as _UNIT spells them
_G_YEAR = r"1[89]\d\d|20\d\d|nineteen|eighteen"

RULES: list[_Rule] = [
    _rule("DATE", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b",
          lambda m, s, i: (d.isoformat() if (d := _date(int(m["year"]), int(m["month"]), int(m["day"]))) else None),
          anchor=r"-[01]\d-"),
    _rule("DATE", r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d\d|(?:19|20)\d\d)(?![\d/])", _numeric_date,
          anchor=r"/[0-3]?\d/"),
    _rule("DATE", rf"\b(?:{_WD},?\s+)?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", _explicit_date, needs=(_W_MONTH,),
          anchor=rf"{_MONTH}\s+\d"),
    _rule("DATE", rf"\bthe\s+week\s+of\s+{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b",
          lambda m, s, i: _week(dt.date.fromisoformat(v)) if (v := _explicit_date(m, s, i)) else None,
          needs=("week", _W_MONTH)),
    _rule("DATE", rf"\bthe\s+(?P<which>previous|prior|following|next)\s+{_WD}\b", _weekday_around,
          needs=(_W_WEEKDAY, "previous|prior|following|next"), anaphoric=True),
    _rule("DATE", rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", _explicit_date,
          needs=(_W_MONTH,), anchor=rf"\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}"),
    _rule("DATE", rf"\b(?:{_PART}[\s-]+)?{_MONTH}(?:,?\s+|\s+of\s+){_YEAR}\b", _month_value, needs=(_W_MONTH,),
          anchor=_G_YEAR),
    _rule("DATE", rf"\b(?:{_PART}[\s-]+)?{_FULL_MONTH},?\s+(?P<rel>this|last|next)\s+year\b",
          lambda m, s, i: f"{s.anchor.year + {'this': 0, 'last': -1, 'next': 1}[m['rel'].lower()]}-{_month(m):02d}",
          needs=(_W_FULL_MONTH, "this|last|next", "year")),
    _rule("DATE", rf"\b(?:(?:{_RELATIVE}\s+)|{_PART}[\s-]+)?{_FULL_MONTH}\b(?!\s*\.?\s*\d)", _month_value,
          needs=(_W_FULL_MONTH,)),
    _rule("DATE", rf"\b(?:(?P<which>last|next|this|this\s+past|this\s+coming)\s+)?{_WD}\b", _day_with_part,
          needs=(_W_WEEKDAY,)),
    _rule("DATE", rf"\b(?:(?P<which>last|next|this|this\s+past|this\s+coming)\s+)?{_WD}\s+{_TOD}\b",
          lambda m, s, i: _weekday_date(WEEKDAYS[m["weekday"].lower()], _which(m), s, i).isoformat(),
          needs=(PARTS_OF_DAY, _W_WEEKDAY)),
    _rule("TIME", rf"\b(?:(?:around|about|approximately|shortly\s+after|shortly\s+before)\s+)?{_CLOCK}"
                  rf"(?:\s+(?:[ecmp][sd]t|gmt|utc)\b)?(?:,?\s+(?:on\s+)?{_DAYREF})?", _clock_time,
          anchor=r"a\.?\s?m\b|p\.?\s?m\b|noon|midnight|midday|in\s+the\s+(?:morning|afternoon|evening|night)"),
    _rule("DATE", r"\b(?:(?:earlier|later|late|early)\s+)?(?P<rel>yesterday|today|tomorrow|tonight)\b", _day_with_part,
          needs=("yesterday|today|tomorrow|tonight",)),
    _rule("TIME", rf"\b(?:(?:earlier|later|late|early)\s+)?(?P<rel>yesterday|today|tomorrow)\s+{_TOD}\b",
          _day_with_part, needs=("yesterday|today|tomorrow", PARTS_OF_DAY)),
    _rule("TIME", rf"\b(?:(?:earlier|later)\s+)?this\s+{_TOD}\b", _day_with_part, needs=(PARTS_OF_DAY, "this")),
    _rule("TIME", r"\blast\s+night\b", lambda m, s, i: f"{(s.anchor - dt.timedelta(days=1)).isoformat()}TNI",
          needs=("night", "last")),
    _rule("TIME", r"\bmid-?\s?(?P<p>afternoon|morning)(?:\s+(?P<rel>yesterday|today|tomorrow))?\b",
          lambda m, s, i: f"{_day_of(m, s, i)}T{PARTS_OF_DAY[m['p'].lower()]}",
          anchor=r"mid-?\s?(?:afternoon|morning)"),
    # "three days later": a stretch after some event of the story, not a date counted from publication
    _rule("DURATION", rf"\b{_MOD}{_NUM}[\s-]+(?P<unit>second|minute|hour|day|night|week)s?\s+(?:later|earlier)\b",
          _duration_value, needs=("later|earlier",),
          anchor=r"(?:second|minute|hour|day|night|week)s?\s+(?:later|earlier)\b"),
    _rule("DATE", rf"\b{_MOD}{_NUM}(?:\s+or\s+so)?[\s-]+{_UNIT}(?:\s+or\s+so)?\s+{_AGO_DIR}", _ago,
          needs=(_W_UNIT,), anchor=rf"{_UNIT}(?:\s+or\s+so)?\s+{_AGO_DIR}", anaphoric=True),
    _rule("DATE", rf"\b(?:{_PART}[\s-]+)?{_RELATIVE}\s+(?:fiscal\s+)?(?P<unit>week|weekend|month|year|quarter|decade"
                  r"|century|spring|summer|autumn|fall|winter)\b", _relative_period,
          needs=("last|next|this|past|previous|coming|current",
                 "week|weekend|month|year|quarter|decade|century|spring|summer|autumn|fall|winter")),
    _rule("DATE", r"\b(?:(?:the|its|their)\s+)?(?:(?P<rel>this|last|next)\s+year's\s+|(?P<qyear>(?:19|20)\d\d)\s+)?"
                  rf"(?:(?:fiscal|comparable|corresponding)[\s-]+)?{_ORD}[\s-]+(?:fiscal\s+)?quarter\b"
                  rf"(?:\s+of\s+(?:fiscal\s+)?{_YEAR}|,?\s+(?P<suf>last|this|next)\s+year\b)?", _quarter_value,
          needs=("quarter",)),
    _rule("DATE", r"\b(?:the\s+)?(?P<h>first|second|last|latter)\s+half\s+of\s+(?:(?P<rel>this|last|next)\s+year"
                  rf"|the\s+year|(?:fiscal\s+)?{_YEAR})", _half_value, needs=("first|second|last|latter", "half")),
    _rule("DATE", rf"\b(?P<t>the\s+(?:(?:latest|fiscal|third|second|first|fourth)\s+)?quarter)\s+end(?:ed|ing)\s+"
                  rf"{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?", _quarter_ended, needs=("quarter", "ended|ending", _W_MONTH)),
    _rule("DATE", r"\b(?P<det>the|this|that|its|last\s+year's)\s+(?P<mods>(?:(?:latest|current|recent|most\s+recent"
                  r"|same|comparable|corresponding|just-ended|just\s+ended|year-ago|year-earlier|fiscal)[\s-]+)*)"
                  rf"(?:(?:(?<=year-ago\s)|(?<=year-earlier\s)){_ORD}[\s-]+)?(?P<noun>quarter|period)"
                  r"\b(?!-)(?P<suf>\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))?", _anaphoric_quarter,
          needs=("quarter|period",), anaphoric=True),
    _rule("DATE", r"\b(?:the\s+)?year[\s-](?:ago|earlier)\b(?!\s+(?:quarter|period))", _year_ago,
          needs=("ago|earlier", "year"), anaphoric=True),
    _rule("DATE", rf"\b(?:(?P<fiscal>fiscal)\s+)?(?:{_PART}[\s-]+)?(?<![\d$€£.,]){_YEAR}\b(?![.,]?\d|\s*%|-\d)"
                  r"(?:\s+or\s+(?:later|earlier))?", _year_value, anchor=_G_YEAR),
    _rule("DATE", rf"\bthe\s+{_YEAR}\s+(?P<period>quarter|period)\b", _year_value,
          needs=("quarter|period",), anchor=_G_YEAR, anaphoric=True),
    _rule("DATE", rf"\b(?:the\s+)?year\s+(?P<year>{_SPELLED_YEAR}|two\s+thousand(?:\s+(?:and\s+)?{_SMALL})?)\b",
          _year_value, needs=("eighteen|nineteen|two", "year")),
    _rule("DATE", r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<dec>(?:1[89]|20)\d)0'?s\b|'(?P<short>\d)0s\b"
                  r"|(?:nineteen[\s-])?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
          _decade_value, anchor=r"0'?s\b|ties\b"),
    _rule("DATE", r"\b(?:the\s+)?(?:(?P<c>\d{1,2})(?:st|nd|rd|th)|(?P<cw>eighteenth|nineteenth|twentieth"
                  r"|twenty[\s-]first))\s+century\b", _century_value, needs=("century",)),
    _rule("DATE", r"\b(?:(?P<prep>in|during|since|until|through|over|by)\s+)?(?P<t>(?:(?P<which>the|this|last|next"
                  r"|this\s+past|this\s+coming)\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<season>spring|summer|autumn|fall"
                  rf"|winter)(?:(?:\s+of\s+|,?\s+){_YEAR})?)\b(?!\s+(?:of|in|to|from|off|apart|through)\b)",
          _season_value, needs=("spring|summer|autumn|fall|winter",)),
    _rule("DATE", r"\bthe\s+weekend\b", lambda m, s, i: _weekend("", s, i), needs=("weekend",)),
    _rule("DATE", r"\b(?:year[\s-]end|year's\s+end|the\s+end\s+of\s+the\s+year)\b", lambda m, s, i: str(s.anchor.year),
          needs=("end", "year")),
    _rule("DATE", r"\bthe\s+end\s+of\s+the\s+month\b", lambda m, s, i: s.anchor.strftime("%Y-%m"),
          needs=("month", "end")),
    _rule("DATE", rf"\b(?:(?P<which>last|next|this|this\s+past|this\s+coming)\s+)?{_HOLIDAYS}(?:,?\s+{_YEAR})?\b",
          _holiday_value, anchor=r"christmas|new\s+year's|thanksgiving|easter|good\s+friday|election\s+day|labor\s+day"
                                 r"|memorial\s+day|independence\s+day|veterans\s+day|halloween|valentine"),
    _rule("DURATION", r"\b(?P<t>the\s+(?:fiscal\s+)?year)\s+end(?:ed|ing)\b", _const("P1Y"),
          needs=("ended|ending", "year")),
    _rule("DATE", r"\b(?:the\s+full\s+year|(?:earlier|later)\s+in\s+the\s+year)\b",
          lambda m, s, i: str(s.anchor.year) if "full" in m[0].lower() else str(s.year or s.anchor.year),
          needs=("full|earlier|later", "year")),
    _rule("DATE", r"\b(?:(?:earlier|later|early|late)\s+)?(?P<which>that|the\s+same|the\s+following|the\s+previous"
                  r"|the\s+prior|the\s+next)\s+(?P<unit>year|month|day)\b", _context_period,
          needs=("that|same|following|previous|prior|next", "year|month|day"),
          anchor=r"(?:that|same|following|previous|prior|next)\s+(?:year|month|day)\b", anaphoric=True),
    _rule("DATE", r"\b(?:now|currently|nowadays|these\s+days|at\s+present|at\s+the\s+moment|the\s+present\s+time"
                  r"|current(?!\s+(?:account|assets|liabilities|dollars|prices))(?:ly)?)\b", _const("PRESENT_REF"),
          needs=("now|currently|nowadays|days|present|moment|current",)),
    _rule("DATE", r"\b(?:recently|lately|recent\s+times"
                  r"|(?:the\s+)?past\s+(?:years|decades)|the\s+past(?!\s+(?:\w+\s+)?(?:[\d-]|(?:year|month|week|day"
                  r"|decade|centur|quarter|hour|minute|time|record|president|practice|performance)\w*\b)))\b",
          _const("PAST_REF"), needs=("recently|lately|recent|past",)),
    _rule("DATE", r"\b(?:(?<!as\s)soon(?!\s+(?:after|before|as)\b)|(?:the\s+)?(?:near|distant|foreseeable|immediate)"
                  r"\s+future|the\s+future|the\s+(?:near|short)\s+term|as\s+soon\s+as\s+possible|a\s+later\s+date)\b",
          _const("FUTURE_REF"), needs=("soon|future|term|date",)),
    _rule("SET", r"\b(?P<w>daily|nightly|weekly|biweekly|monthly|quarterly|annually|yearly|semiannually|hourly)\b",
          lambda m, s, i: SETS[m["w"].lower()], needs=(SETS,)),
    _rule("SET", rf"\b(?:every|each|per)\s+(?:(?P<other>other)\s+|{_NUM}\s+)?(?:{_WD}|{_FULL_MONTH}|(?P<unit>day|week"
                  r"|month|year|quarter|hour|minute|night|morning|evening|weekend|summer|winter|spring|fall|autumn)s?)\b",
          _set_every, needs=("every|each|per",)),
    _rule("SET", rf"\b{_WD}s\b", _set_every, needs=({f"{day}s" for day in _W_WEEKDAY},)),
    _rule("SET", rf"\b{_WD}\s+{_TOD}s\b", _set_every,
          needs=("mornings|afternoons|evenings|nights", _W_WEEKDAY)),
    # "last" needs its article: in "will last 18 months" it is the verb
    _rule("DURATION", r"\b(?P<pre>(?:(?:the|its|their)\s+(?:last\s+)?)?(?:past|next|previous|coming|first|final"
                      r"|following|remaining|initial|latest|year-earlier|year-ago)\s+|(?:the|its|their)\s+last\s+)?"
                      + _MOD + _NUM
                      + r"(?:\s+or\s+so)?[\s-]+(?:(?:more|additional|full|straight|consecutive|trading|business"
                      r"|calendar|working)\s+)?" + _UNIT + r"(?P<half>\s+and\s+a\s+half)?(?:[\s-]long)?\b(?![\s-]old)",
          _duration_value, needs=(_W_UNIT,), anchor=rf"[\s-]{_UNIT}\b"),
    _rule("DURATION", rf"\b(?P<vague>(?:several|many|few)[\s-]+)?{_UNIT}[\s-]long\b",
          lambda m, s, i: _duration(None if m["vague"] or m["unit"].lower().endswith("s") else 1, _unit(m)),
          needs=("long", _W_UNIT)),
    _rule("DURATION", r"\b(?:for|over|within|after|in)\s+(?P<t>(?:(?:many|several)\s+)?(?P<unit>years|months|weeks"
                      r"|days|decades|hours|minutes|centuries))\b(?!\s+(?:of|ago|old|later|earlier|before|after))",
          lambda m, s, i: _duration(None, _unit(m)),
          needs=("years|months|weeks|days|decades|hours|minutes|centuries", "for|over|within|after|in")),
    # "in recent years", "in the coming weeks": a stretch of unknown length up to or from now
    _rule("DURATION", r"\b(?:recent|(?:the\s+)?coming|the\s+(?:past|last|next)\s+(?:few|several))\s+(?P<unit>years"
                      r"|months|weeks|days|decades|quarters)\b", lambda m, s, i: _duration(None, _unit(m)),
          needs=("recent|coming|few|several", "years|months|weeks|days|decades|quarters")),
]


def _rate(doc: Doc, start: int) -> bool:
    """"$2 million a year", "24 hours a day": a rate, not a duration."""
    token = token_at(doc, start)
    if token is None or token.i == 0:
        return False
    return doc[token.i - 1].pos_ in {"NUM", "NOUN", "PROPN", "SYM"} or doc[token.i - 1].text in {"$", "%"}


_PROPER_BEFORE = re.compile(r"\b([A-Z][a-z]+\.?)\s+$")
_OF_THE = re.compile(r"\s+of\s+the\b")
_OF = re.compile(r"\s+of\b")
_TITLE = re.compile(r"(?:This|Last|Next|Today|Tonight|Tomorrow|Yesterday)(?:\s+[A-Z]\w*)*$")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _acceptable(rule: _Rule, match: re.Match[str], text: str, doc: Doc) -> bool:
    """Cheap checks that reject a match before it competes with others."""
    start, groups = match.start(), match.groupdict()
    month = groups.get("month")
    if month and not month[0].isupper() and not month[0].isdigit():
        return False  # "may", "march" and "sept" in lower case are words, not months
    if month and rule.value is _month_value and not groups.get("year") and not groups.get("which") \
            and not groups.get("part"):
        before = text[max(0, start - 30):start]
        proper = _PROPER_BEFORE.search(before)
        if proper and not before.rstrip().endswith((".", '"', "'")) and proper[1].lower() not in MAY_CUES | {"the"}:
            return False  # "Theresa May", "Prime Minister June ...": a name
        if month.lower() == "may":
            words = before.lower().replace(",", " , ").split()
            if not words or words[-1] not in MAY_CUES:
                return False
        if _OF_THE.match(text, match.end()):
            return False  # "the March of the Combatant Mothers"
    if _TITLE.match(match[0]) and (" " in match[0] or start > 0 and text[start - 1] not in "\n\"'`("
                                   and text[:start].rstrip()[-1:] not in {".", "!", "?", ""}):
        return False  # a title: ABC's "This Week", "VOA Today"
    if match[0] == "Now" and text.startswith(",", match.end()):
        return False  # the sentence-opening "Now, ..." moves the argument, not the time
    unit = groups.get("unit")
    if rule.type == "DURATION" and unit:
        if unit[0].isupper() and groups.get("num") and groups["num"][0].isdigit():
            return False  # "60 Minutes": a title
        num = (groups.get("num") or "").lower()
        if unit.lower().startswith("quarter") and (_OF.match(text, match.end()) or num in {"a", "an"}):
            return False  # "three-quarters of its food", "a quarter": fractions
        if num in {"a", "an"} and not groups.get("pre") \
                and not groups.get("mod") and (_rate(doc, start) or unit.lower() == "second"):
            return False  # "$2 million a year" is a rate, "a second group" an ordinal
    if rule.type == "SET" and groups.get("w") and groups["w"].lower() in {"quarterly", "annually", "yearly"}:
        token = token_at(doc, start)
        return token is not None and token.pos_ == "ADV"  # "a quarterly dividend" is no set of times
    return True


_REFERENCE = re.compile(r"(?P<year>\d{4})(?:-(?:Q(?P<q>\d)|(?P<month>\d\d)(?:-(?P<day>\d\d))?))?$")


def _remember(state: _State, value: str) -> None:
    """Keep the explicit quarter, day and year a value names, for the anaphora that follow."""
    m = _REFERENCE.match(value)
    if m is None:
        if value.startswith("P") and value.endswith("M"):
            state.quarter = None  # "the nine months": the document now compares longer periods than quarters
        return
    state.year = int(m["year"])
    if m["q"]:
        state.quarter = (state.year, int(m["q"]))
    if m["month"]:
        state.month = dt.date(state.year, int(m["month"]), 1)
    if m["day"]:
        state.day = dt.date(state.year, int(m["month"]), int(m["day"]))


_WORD = re.compile(r"[a-z]+")  # the words of a text, as _Rule.needs counts them


# Two anchors far apart in every component, for documents without a publication date: what an
# expression's value shares under both does not depend on the missing date.
UNDATED_ANCHORS = (dt.date(1901, 3, 5), dt.date(2082, 10, 21))


def tag_dates(doc: Doc, published: dt.date | None) -> list[tuple[Span, TimeExpr]]:
    """Every time expression in ``doc``, normalised against the publication date. Without one, what the
    text does not fix stays unresolved: "on Wednesday" is XXXX-XX-XX, "October 6" XXXX-10-06, "18 months"
    P18M, "2021" 2021 (TIMEX3's X for an unknown digit)."""
    if published is not None:
        return _tag_dates(doc, published)
    first, second = (_tag_dates(doc, anchor) for anchor in UNDATED_ANCHORS)
    other = {expr.span: expr.value for _, expr in second}
    return [(span, replace(expr, value=_unanchored(expr.value, other[expr.span])))
            for span, expr in first if expr.span in other]


def _unanchored(one: str, other: str) -> str:
    """The value two anchors agree on: a part (year, month, day, time) that differs becomes X, and so does
    every part of the date finer than a month that differs."""
    if one == other:
        return one
    day_one, _, time_one = one.partition("T")
    day_other, _, time_other = other.partition("T")
    parts_one, parts_other = day_one.split("-"), day_other.split("-")
    if len(parts_one) != len(parts_other):
        return re.sub(r"\d", "X", day_one)
    kept, finer_unknown = [], False
    for index, (a, b) in enumerate(zip(parts_one, parts_other, strict=True)):
        unknown = a != b or (index > 1 and finer_unknown)
        finer_unknown = finer_unknown or (index > 0 and a != b)
        kept.append(re.sub(r"[0-9]", "X", a) if unknown else a)
    day = "-".join(kept)
    if not time_one:
        return day
    return f"{day}T{time_one if time_one == time_other else re.sub(r'[0-9]', 'X', time_one)}"


def _tag_dates(doc: Doc, anchor: dt.date) -> list[tuple[Span, TimeExpr]]:
    text, low = doc_text(doc), lower_text(doc)
    words, wol = set(_WORD.findall(low)), low[::-1]
    candidates: list[tuple[int, int, int, re.Match[str], _Rule]] = []
    for order, rule in enumerate(RULES):
        if any(words.isdisjoint(group) for group in rule.needs):
            continue
        for found in _finds(rule, low, wol):
            m = rule.regex.match(text, found.start())
            if m is None:
                continue
            # a group named "t" is the expression itself, the rest of the match only its context
            start, end = m.span("t") if "t" in rule.regex.groupindex else m.span()
            if end > start and _acceptable(rule, m, text, doc):
                candidates.append((start, end, order, m, rule))
    # the longest expression wins an overlap ("the past three months" over "in the past")
    candidates.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken: list[tuple[int, int, re.Match[str], _Rule]] = []
    for start, end, _, match, rule in candidates:
        if all(end <= s or start >= e for s, e, _, _ in taken):
            taken.append((start, end, match, rule))
    taken.sort(key=lambda t: t[0])
    state = _State(doc, anchor)
    results: list[tuple[Span, TimeExpr]] = []
    clocks: list[int] = []  # clock times without a day of their own
    for start, end, match, rule in taken:
        try:
            value = rule.value(match, state, start)
        except OverflowError:  # "last week" of 0001-01-02 falls before the calendar begins: no value
            continue
        if value is None:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if not rule.anaphoric:
            _remember(state, value)
        if rule.value is _clock_time and not any(match.groupdict().get(g) for g in ("weekday", "month", "rel")):
            clocks.append(len(results))
        results.append((span, TimeExpr(span=(start, end), text=text[start:end], type=rule.type, value=value)))  # type: ignore[arg-type]
    return _date_clocks(results, clocks) if clocks else results


def _date_clocks(results: list[tuple[Span, TimeExpr]], clocks: list[int]) -> list[tuple[Span, TimeExpr]]:
    """"at 10:35 a.m. (0735 GMT) Friday": a clock time takes the day its sentence names, if any."""
    days: dict[int, str] = {}
    bare = set(clocks)
    for i, (span, expr) in enumerate(results):
        if i not in bare and expr.type in {"DATE", "TIME"} and _ISO_DAY.match(expr.value):
            days.setdefault(sentence_number(span[0]), expr.value[:10])
    for i in clocks:
        span, expr = results[i]
        day = days.get(sentence_number(span[0]))
        if day:
            results[i] = (span, replace(expr, value=day + expr.value[10:]))
    return results
