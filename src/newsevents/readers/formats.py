"""Parsers for each input format: bytes in, Documents or Quarantined records out.

A parser never raises for a bad document: it yields a ``Quarantined`` record with a coded reason,
and goes on with the next document of the same file.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections.abc import Iterator
from typing import Any

from newsevents.errors import DocumentError, Reason
from newsevents.model import Document, Quarantined

DEFAULT_MAX_CHARS = 1_000_000  # spaCy's own max_length: beyond it the parser needs > 1 GB

# A leading date line: "date" in lower case followed by something date-like (a digit or a dash), or a
# "Date:"/"Date" header (any case) followed by an ISO date. "Date palms ..." is text.
_DATE_TOKEN = re.compile(
    r"\A\s*(?:date[ \t]+(\S*[\d-]\S*)|(?i:date)[ \t]*:?[ \t]*(\d{4}-\d\d-\d\d\S*))(?:[ \t]+|\s*\n|\Z)")
_ISO_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})")

Record = Document | Quarantined


def content_id(text: str) -> str:
    """A stable id for a document without one: a hash of its text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def parse_date(value: Any) -> dt.date | None:
    """A publication date from ``YYYY-MM-DD`` (a time part after it is ignored), or None if empty.

    Raises DocumentError when the value is given but is no date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    match = _ISO_DATE.match(str(value).strip())
    if not match:
        raise DocumentError(Reason.BAD_DATE, f"date {value!r} is not YYYY-MM-DD")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise DocumentError(Reason.BAD_DATE, f"date {value!r} is no date: {exc}") from None


def decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), with Windows line ends made plain; else DocumentError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(Reason.UNDECODABLE, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    nuls = text.count("\x00")
    # Valid UTF-8, but text holds no NULs to speak of: a file of them is binary (a stray one is a scar)
    if nuls and (nuls > len(text) / 10 or not any(c.isalpha() for c in text)):
        raise DocumentError(Reason.NOT_TEXT, f"not text: {nuls:,} NUL bytes in {len(text):,} characters")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def make_document(
    text: Any,
    origin: str,
    *,
    doc_id: Any = None,
    date: Any = None,
    title: Any = None,
    source: Any = None,
    url: Any = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document:
    """Validate one document's fields; raise DocumentError naming the reason."""
    if text is None:
        raise DocumentError(Reason.MISSING_FIELD, "no 'text' field")
    if not isinstance(text, str):
        raise DocumentError(Reason.MISSING_FIELD, f"'text' is a {type(text).__name__}, not a string")
    if not text.strip():
        raise DocumentError(Reason.EMPTY, "the text is empty")
    if len(text) > max_chars:
        raise DocumentError(Reason.TOO_LARGE, f"{len(text):,} characters, over the cap of {max_chars:,}")
    given_id = str(doc_id).strip() if doc_id not in (None, "") else ""
    return Document(
        doc_id=given_id or content_id(text),
        text=text,
        date=parse_date(date),
        title=_optional_str(title),
        source=_optional_str(source),
        url=_optional_str(url),
        origin=origin,
    )


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _quarantine(origin: str, exc: DocumentError, doc_id: Any = None) -> Quarantined:
    return Quarantined(doc_id=_optional_str(doc_id), origin=origin, reason=exc.reason.value, message=exc.message)


def read_dated_text(data: bytes, origin: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record]:
    """The seed's form: an optional leading ``date YYYY-MM-DD`` token, then the body."""
    try:
        raw = decode(data)
        date = None
        match = _DATE_TOKEN.match(raw)
        if match:
            date = parse_date(match[1] or match[2])
            raw = raw[match.end() :]
        yield make_document(raw.strip(), origin, date=date, max_chars=max_chars)
    except DocumentError as exc:
        yield _quarantine(origin, exc)


def _decoded_or_quarantined(data: bytes, origin: str) -> str | Quarantined:
    try:
        return decode(data)
    except DocumentError as exc:
        return _quarantine(origin, exc)


def read_jsonl(data: bytes, origin: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record]:
    """One JSON object a line with ``id, date, title, source, url, text``; blank lines are skipped."""
    raw = _decoded_or_quarantined(data, origin)
    if isinstance(raw, Quarantined):
        yield raw
        return
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield _quarantine(where, DocumentError(Reason.BAD_JSON, f"malformed JSON line: {exc}"))
            continue
        if not isinstance(obj, dict):
            yield _quarantine(where, DocumentError(Reason.BAD_JSON, f"a JSON {type(obj).__name__}, not an object"))
            continue
        yield _record_from_fields(obj, where, max_chars)


def read_csv(data: bytes, origin: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record]:
    """CSV with a header naming the JSON Lines columns; ``text`` is required."""
    raw = _decoded_or_quarantined(data, origin)
    if isinstance(raw, Quarantined):
        yield raw
        return
    csv.field_size_limit(max(max_chars * 4, 131072))
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    try:
        if reader.fieldnames is None or "text" not in [f.strip().lower() for f in reader.fieldnames]:
            yield _quarantine(origin, DocumentError(Reason.MISSING_FIELD, "the CSV header has no 'text' column"))
            return
        for row in reader:
            row = {(k or "").strip().lower(): v for k, v in row.items()}
            yield _record_from_fields(row, f"{origin}:{reader.line_num}", max_chars)
    except csv.Error as exc:
        yield _quarantine(f"{origin}:{reader.line_num}", DocumentError(Reason.UNREADABLE, f"broken CSV: {exc}"))


def read_html(data: bytes, origin: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record]:
    """An HTML page: trafilatura extracts the main text, title and date."""
    import trafilatura  # slow to import; only HTML input needs it

    try:
        html = decode(data)
        if not html.strip():
            raise DocumentError(Reason.EMPTY, "the page is empty")
        try:
            extracted = trafilatura.extract(html, output_format="json", with_metadata=True, url=None)
        except Exception as exc:  # trafilatura raises assorted parser errors on broken pages
            raise DocumentError(Reason.NO_CONTENT_EXTRACTED, f"HTML could not be parsed: {exc}") from None
        if not extracted:
            raise DocumentError(Reason.NO_CONTENT_EXTRACTED, "no main text found in the HTML")
        meta = json.loads(extracted)
        # trafilatura ends each block (headline, paragraph, list item) with one newline; a blank line between
        # them keeps a headline without a full stop from running into the first sentence.
        body = re.sub(r"\n+", "\n\n", meta.get("text") or "")
        date = meta.get("date")
        try:
            parse_date(date)
        except DocumentError:
            date = None  # a page's guessed date is a hint, not a promise: do not quarantine for it
        yield make_document(
            body, origin, date=date, title=meta.get("title"),
            source=meta.get("sitename") or meta.get("hostname"), url=meta.get("url"), max_chars=max_chars,
        )
    except DocumentError as exc:
        yield _quarantine(origin, exc)


def _record_from_fields(obj: dict[str, Any], where: str, max_chars: int) -> Record:
    try:
        return make_document(
            obj.get("text"), where, doc_id=obj.get("id"), date=obj.get("date"), title=obj.get("title"),
            source=obj.get("source"), url=obj.get("url"), max_chars=max_chars,
        )
    except DocumentError as exc:
        return _quarantine(where, exc, obj.get("id"))


PARSERS = {
    ".txt": read_dated_text,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".html": read_html,
    ".htm": read_html,
}
