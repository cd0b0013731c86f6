"""Ingest: files, folders, globs and standard input -> Documents (or Quarantined records)."""

from __future__ import annotations

import csv
import glob
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsevents.errors import Reason
from newsevents.model import Document, Quarantined
from newsevents.readers.formats import (
    DEFAULT_MAX_CHARS,
    PARSERS,
    Record,
    content_id,
    make_document,
    read_dated_text,
    read_jsonl,
)

__all__ = [
    "DEFAULT_MAX_CHARS", "Record", "content_id", "count_records", "discover", "document_from_text", "read_inputs",
    "read_path",
]

STDIN = "-"


def discover(inputs: Iterable[str]) -> Iterator[str]:
    """Expand folders (recursively, readable formats only), globs and ``-`` into file names, in order."""
    for item in inputs:
        if item == STDIN:
            yield STDIN
            continue
        path = Path(item)
        if path.is_dir():
            yield from sorted(
                str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in PARSERS
            )
        elif path.exists():
            yield str(path)
        else:
            matches = sorted(glob.glob(item, recursive=True))
            # An input that names nothing is reported like any bad document, not silently dropped.
            yield from (matches or [item])


def read_path(name: str, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record]:
    """Every document in one file (or ``-`` for standard input)."""
    if name == STDIN:
        data = sys.stdin.buffer.read()
        parser = read_jsonl if data.lstrip()[:1] == b"{" else read_dated_text
        yield from parser(data, "<stdin>", max_chars)
        return
    path = Path(name)
    try:
        if path.is_dir():
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Quarantined(None, name, Reason.UNREADABLE.value, f"cannot read: {exc.strerror or exc}")
        return
    parser = PARSERS.get(path.suffix.lower(), read_dated_text)
    yield from parser(data, name, max_chars)


def read_inputs(inputs: Iterable[str], max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Record]:
    """All documents named by ``inputs``: files, folders, globs or ``-``."""
    for name in discover(inputs):
        yield from read_path(name, max_chars)


def count_records(inputs: Iterable[str]) -> int | None:
    """About how many records ``read_inputs`` will yield, from a cheap pass over the files (a progress bar's
    total); None when standard input is among them, since it can be read only once."""
    total = 0
    for name in discover(inputs):
        if name == STDIN:
            return None
        suffix = Path(name).suffix.lower()
        if PARSERS.get(suffix) is read_jsonl:
            try:
                with open(name, "rb") as lines:
                    total += sum(1 for line in lines if line.strip())
            except OSError:
                total += 1  # read_path quarantines it: one record
        elif suffix == ".csv":
            try:
                text = Path(name).read_text(errors="replace")
                rows = sum(1 for row in csv.reader(io.StringIO(text, newline="")) if row)
            except (OSError, csv.Error):
                rows = 2
            total += max(rows - 1, 1)  # the header is no record; an empty or broken file is one quarantined
        else:
            total += 1
    return total


def document_from_text(text: str, date: object = None, doc_id: str | None = None, **meta: object) -> Document:
    """A Document from a string (the Python API); raises DocumentError when it cannot be coded."""
    return make_document(text, "<api>", doc_id=doc_id, date=date, **meta)

