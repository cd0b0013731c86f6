"""Ingest: files, folders, globs and standard input -> Documents (or Quarantined records)."""

from __future__ import annotations

import csv
import glob
import io
import os
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


def discover(inputs: Iterable[str], exclude: Iterable[str | Path] = ()) -> Iterator[str]:
    """Expand folders (recursively), globs and ``-`` into file names, in order, each file once however many
    ways it is reached (a symbolic link back up a folder makes a glob's ``**`` reach files again and again).

    A folder gives every file in it but hidden ones (``.git``, ``.DS_Store``); a suffix without a parser of its
    own is read as text, so a file that is not text is quarantined with its reason, never skipped unseen.
    ``exclude`` names files that are never inputs (the run's own store and outputs, should they lie among them).
    """
    seen: set[str] = {os.path.realpath(path) for path in exclude}
    for item in inputs:
        if item == STDIN:
            yield STDIN
            continue
        path = Path(item)
        if path.is_dir():
            names = sorted(str(p) for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.exists():
            names = [str(path)]
        else:
            # An input that names nothing is reported like any bad document, not silently dropped.
            names = sorted(name for name in glob.glob(item, recursive=True) if not os.path.isdir(name)) or [item]
        shortest: dict[str, str] = {}  # a file reached by several names is read under its shortest one
        for name in names:
            real = os.path.realpath(name)
            if real not in seen and (real not in shortest or len(name) < len(shortest[real])):
                shortest[real] = name
        seen.update(shortest)
        yield from sorted(shortest.values())


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


def read_inputs(inputs: Iterable[str], max_chars: int = DEFAULT_MAX_CHARS, exclude: Iterable[str | Path] = ()
                ) -> Iterator[Record]:
    """All documents named by ``inputs``: files, folders, globs or ``-``; ``exclude`` as for ``discover``."""
    for name in discover(inputs, exclude):
        yield from read_path(name, max_chars)


def count_records(inputs: Iterable[str], exclude: Iterable[str | Path] = ()) -> int | None:
    """About how many records ``read_inputs`` will yield, from a cheap pass over the files (a progress bar's
    total); None when standard input is among them, since it can be read only once."""
    total = 0
    for name in discover(inputs, exclude):
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

