"""The one data model shared by the pipeline, store, CLI, API and exporters.

Every output field is a dataclass field with a ``help`` text. The JSON Lines contract, the DuckDB
tables and the docs derive from these definitions. Fields may be added; never renamed or dropped.
Spans are ``(start, end)`` character offsets into the document's ``text``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]
Mode = Literal["asserted", "reported", "future", "hypothetical"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


def _f(help_text: str, **kwargs: Any) -> Any:
    return field(metadata={"help": help_text}, **kwargs)


@dataclass(frozen=True)
class Document:
    """One input news report, as read, before any analysis."""

    doc_id: str = _f("The given id, else a hash of the content.")
    text: str = _f("The body, analysed verbatim; every span points into it.")
    date: dt.date | None = _f("Publication date.", default=None)
    title: str | None = _f("Headline.", default=None)
    source: str | None = _f("Publisher or outlet.", default=None)
    url: str | None = _f("Address the report came from.", default=None)
    origin: str | None = _f("File (and line) the document was read from.", default=None)


@dataclass(frozen=True)
class Actor:
    """A coded actor mention: a country, organisation, role or person, in CAMEO style."""

    span: Span | None = _f("Where the mention is in the text; null for actors implied by context.")
    text: str = _f("The mention as written.")
    code: str = _f("CAMEO-style code: country or IGO code plus agent codes (RUSGOV, IGOWSTNAT).")
    name: str | None = _f("Canonical name: the person, organisation or country.", default=None)
    country: str | None = _f("ISO 3166-1 alpha-3 code of the actor's country, if any.", default=None)
    type: str | None = _f(
        "country | organization | person | group | government | role, by how it was recognised.",
        default=None,
    )


@dataclass(frozen=True)
class Place:
    """A geoparsed toponym."""

    span: Span = _f("Where the toponym is in the text.")
    text: str = _f("The toponym as written.")
    name: str = _f("Gazetteer name.")
    country: str | None = _f("ISO3 of the country the place is in.", default=None)
    lat: float | None = _f("Latitude (WGS84).", default=None)
    lon: float | None = _f("Longitude (WGS84).", default=None)
    feature: str = _f("country | region | city | other.", default="other")
    geonameid: int | None = _f("GeoNames id, when the gazetteer has one.", default=None)


@dataclass(frozen=True)
class Trigger:
    """The words that express an act or a speech act."""

    span: Span = _f("Where the trigger is in the text.")
    text: str = _f("The trigger as written.")


@dataclass(frozen=True)
class Event:
    """One coded event: who did what to whom, traced to its sentence and rule."""

    id: str = _f("Stable id: document id, sentence and trigger offset.")
    sentence: int = _f("Index of the sentence in the document, from 0.")
    sentence_span: Span = _f("Where the sentence is in the text.")
    source: Actor | None = _f("Who acted.")
    target: Actor | None = _f("Who was acted upon.")
    code: str = _f("CAMEO event code (2 to 4 digits).")
    root: str = _f("CAMEO root code (2 digits).")
    quad_class: int = _f("1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.")
    goldstein: float = _f("Goldstein score of the code, -10 to +10.")
    plover: str | None = _f("PLOVER event type.")
    date: str | None = _f("When the event happened: YYYY-MM-DD, YYYY-MM or YYYY.")
    date_text: str | None = _f("The time expression that dates the event; null when dated by publication.")
    location: Place | None = _f("Where the event happened, when the sentence says so.")
    negated: bool = _f("The text says the act did not or will not happen.")
    mode: Mode = _f("asserted, reported (in someone's statement), future, or hypothetical.")
    confidence: float = _f("0 to 1: how sure the coder is of the whole record.")
    trigger: Trigger = _f("The words that express the act.")
    rule: str = _f("The lexicon pattern that fired, as file:code:pattern.")
    plover_mode: str | None = _f("PLOVER mode of the event type, where PLOVER defines one.", default=None)
    date_source: str = _f("text (a time expression in the sentence) or publication.", default="publication")
    plover_context: str | None = _f(
        "PLOVER contexts of the event type, ';'-separated (e.g. 'crime;corruption'), where PLOVER gives any.",
        default=None)


@dataclass(frozen=True)
class Quote:
    """A direct or indirect quotation with its speaker."""

    speaker: Actor | None = _f("Who said it, resolved through the in-document memory.")
    speaker_span: Span | None = _f("Where the speaker is named in the text.")
    cue: Trigger | None = _f("The speech verb or phrase (said, according to).")
    span: Span = _f("Where the quoted content is in the text.")
    text: str = _f("The quoted content.")
    direct: bool = _f("Inside quotation marks (direct) or reported speech (indirect).")


@dataclass(frozen=True)
class TimeExpr:
    """A time expression normalised to a TIMEX3 value."""

    span: Span = _f("Where the expression is in the text.")
    text: str = _f("The expression as written.")
    type: TimexType = _f("DATE, TIME, DURATION or SET.")
    value: str = _f("TIMEX3 value, resolved against the publication date (2021-10-06, 2020-05, P18M).")


@dataclass(frozen=True)
class Tone:
    """GDELT-style tone of the document."""

    tone: float = _f("positive minus negative, in percent of words.", default=0.0)
    positive: float = _f("Percent of words that are positive.", default=0.0)
    negative: float = _f("Percent of words that are negative.", default=0.0)
    polarity: float = _f("positive plus negative, in percent of words.", default=0.0)
    words: int = _f("Number of words counted.", default=0)


@dataclass(frozen=True)
class CodedDocument:
    """Everything newsevents found in one document: the record the JSON Lines contract writes."""

    document: Document
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[TimeExpr, ...] = ()
    places: tuple[Place, ...] = ()
    tone: Tone = field(default_factory=Tone)

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> CodedDocument:
        """The inverse of ``to_dict``: read a JSON Lines record back into the model."""
        document = Document(doc_id=record["doc_id"], text=record["text"],
                            date=dt.date.fromisoformat(record["date"]) if record.get("date") else None,
                            title=record.get("title"), source=record.get("source"), url=record.get("url"),
                            origin=record.get("origin"))
        return cls(
            document=document,
            actors=tuple(from_jsonable(Actor, a) for a in record.get("actors", [])),
            events=tuple(from_jsonable(Event, e) for e in record.get("events", [])),
            quotes=tuple(from_jsonable(Quote, q) for q in record.get("quotes", [])),
            dates=tuple(from_jsonable(TimeExpr, d) for d in record.get("dates", [])),
            places=tuple(from_jsonable(Place, p) for p in record.get("places", [])),
            tone=from_jsonable(Tone, record.get("tone") or {}),
        )

    def to_dict(self) -> dict[str, Any]:
        """The public JSON Lines record (see the output contract in the README)."""
        doc = self.document
        return {
            "doc_id": doc.doc_id,
            "date": doc.date.isoformat() if doc.date else None,
            "title": doc.title,
            "source": doc.source,
            "url": doc.url,
            "text": doc.text,
            "actors": [to_jsonable(a) for a in self.actors],
            "events": [to_jsonable(e) for e in self.events],
            "quotes": [to_jsonable(q) for q in self.quotes],
            "dates": [to_jsonable(d) for d in self.dates],
            "places": [to_jsonable(p) for p in self.places],
            "tone": to_jsonable(self.tone),
        }


@dataclass(frozen=True)
class Quarantined:
    """A document that could not be coded, kept with the reason."""

    doc_id: str | None = _f("The document id, when it could be read.")
    origin: str = _f("File (and line) the document came from.")
    reason: str = _f("Error code (NE1xx): see newsevents.errors.")
    message: str = _f("What was wrong, in words.")

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


def to_jsonable(value: Any) -> Any:
    """Dataclasses to dicts, tuples to lists, dates to ISO strings, recursively."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def from_jsonable(cls: type, data: dict[str, Any] | None) -> Any:
    """A dataclass from its ``to_jsonable`` form: nested records and spans rebuilt from their hints."""
    if data is None:
        return None
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value, hint = data[f.name], hints[f.name]
        nested = [a for a in typing.get_args(hint) if dataclasses.is_dataclass(a)] or (
            [hint] if dataclasses.is_dataclass(hint) else [])
        if nested and value is not None:
            value = from_jsonable(nested[0], value)
        elif isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    return cls(**values)


def field_help(cls: type) -> dict[str, str]:
    """Field name -> help text, for docs and schema generation."""
    return {f.name: f.metadata.get("help", "") for f in dataclasses.fields(cls)}
