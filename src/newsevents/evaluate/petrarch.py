"""PETRARCH validation records: code each ``evaluate="true"`` sentence, with its date, using the
dictionaries its ``<Environment>`` names, and score the (source, target, code) codings of each record.

Per record, *found* is the size of the multiset intersection of the expected codings and the distinct
codings produced (an event produced twice counts once; negated events are not codings); *extra* counts the
distinct produced codings with both a source and a target that match no expected coding (PETRARCH's
require_dyad). The report gives
found/expected and extra per evaluated record, overall and per category, and every record that missed.

The records files are not quite XML (comments hold ``--``, ``<PLEvent {...}>`` lines are not elements), so
they are read leniently, element by element.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsevents.errors import LexiconError
from newsevents.evaluate import Report
from newsevents.evaluate.split import part_of
from newsevents.lexicons import Lexicon
from newsevents.lexicons.config import build_lexicon
from newsevents.model import CodedDocument, Document
from newsevents.process import Coder

Coding = tuple[str, str, str]  # (source, target, event code)
ENVIRONMENT_FILES = {"Verbfile": "verbs", "Actorfile": "actors", "Agentfile": "agents", "Discardfile": "discards",
                     "PICOfile": "coding_ontology"}


@dataclass(frozen=True)
class ValidationRecord:
    id: str
    category: str
    date: dt.date | None
    evaluate: bool
    text: str
    expected: tuple[Coding, ...]
    note: str | None  # "noevents", or the error the record expects ("storydiscard", ...)


def _attributes(text: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in re.findall(r'(\w+)\s*=\s*"([^"]*)"', text)}


def _day(value: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def read_records(path: Path) -> tuple[dict[str, list[Path]], list[str], list[ValidationRecord]]:
    """The dictionaries of ``<Environment>`` (resolved against the file), its ``<Include>`` categories,
    and the records."""
    try:
        source = re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read: {exc.strerror or exc}") from None
    environment = re.search(r"<Environment>(.*?)</Environment>", source, re.S)
    files: dict[str, list[Path]] = {}
    included: list[str] = []
    if environment:
        for tag, value in re.findall(r"<(\w+)>\s*([^<]*?)\s*</\1>", environment.group(1)):
            if tag in ENVIRONMENT_FILES and value:
                files.setdefault(ENVIRONMENT_FILES[tag], []).extend(
                    (path.parent / name.strip()).resolve() for name in value.split(",") if name.strip())
            elif tag == "Include":
                included = value.split()
    records = []
    for attrs, body in re.findall(r"<Sentence\b([^>]*)>(.*?)</Sentence>", source, re.S):
        a = _attributes(attrs)
        codings = [_attributes(c) for c in re.findall(r"<EventCoding\b([^>]*?)/?>", body)]
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        note = next((("noevents" if "noevents" in c else c["error"]) for c in codings
                     if "noevents" in c or "error" in c), None)
        records.append(ValidationRecord(
            id=a.get("id", ""), category=a.get("category") or a.get("id", "").split("-")[0],
            date=_day(a.get("date", "")), evaluate=a.get("evaluate", "true").lower() == "true",
            text=" ".join(html.unescape(text.group(1)).split()) if text else "",
            expected=tuple((c["sourcecode"], c["targetcode"], c["eventcode"]) for c in codings
                           if {"sourcecode", "targetcode", "eventcode"} <= set(c)),
            note=note,
        ))
    return files, included, records


def environment_lexicon(path: Path) -> Lexicon:
    """The lexicon PETRARCH would code the records with: the ``<Environment>`` dictionaries alone."""
    files, _, _ = read_records(path)
    if not files:
        raise LexiconError(f"{path}: <Environment> names no dictionary")
    return build_lexicon({"petrarch": files}, replace=True, sources=[])


def score(expected: tuple[Coding, ...], coded: CodedDocument) -> tuple[int, list[Coding], list[Coding]]:
    """(found, missing expected codings, extra produced codings) for one record. A negated event ("did not
    clash") is not a coding, as in the store's default view."""
    produced = {(e.source.code if e.source else "", e.target.code if e.target else "", e.code)
                for e in coded.events if not e.negated}
    wanted = Counter(expected)
    found = sum(min(n, 1) for coding, n in wanted.items() if coding in produced)
    missing = [c for c in wanted if c not in produced]
    extra = sorted(c for c in produced if c[0] and c[1] and c not in wanted)
    return found, missing, extra


def _row(name: str, records: int, expected: int, found: int, extra: int) -> dict[str, object]:
    return {"category": name, "records": records, "expected": expected, "found": found,
            "found_share": round(found / expected, 3) if expected else None, "extra": extra,
            "extra_per_record": round(extra / records, 3) if records else None}


def evaluate(path: Path, *, coder: Coder | None = None, limit: int | None = None,
             lexicon: Lexicon | None = None) -> Report:
    """Score the records of ``path``. The coder's spaCy pipeline codes them; its lexicon is replaced by the
    ``<Environment>`` dictionaries unless ``lexicon`` is given (e.g. the built-in one, for comparison)."""
    _, included, records = read_records(path)
    records = [r for r in records if r.evaluate][:limit]
    lexicon = lexicon or environment_lexicon(path)
    coder = Coder(coder.nlp, lexicon) if coder is not None else Coder.load(lexicon=lexicon)
    documents = [Document(doc_id=r.id or f"record-{i}", text=r.text, date=r.date) for i, r in enumerate(records)]
    by_category: dict[str, list[int]] = {}
    by_part: dict[str, list[int]] = {}  # the records we tune on, and those we only check (evaluate.split)
    totals = [0, 0, 0]
    misses = []
    for record, result in zip(records, coder.code_batch(documents), strict=True):
        if not isinstance(result, CodedDocument):
            raise RuntimeError(f"{record.id}: the coder failed: {result.message}")
        found, missing, extra = score(record.expected, result)
        counts = [len(record.expected), found, len(extra)]
        part = f"part: {part_of(record.id or record.text)}"
        for bucket in (totals, by_category.setdefault(record.category, [0, 0, 0, 0]),
                       by_part.setdefault(part, [0, 0, 0, 0])):
            for k, n in enumerate(counts):
                bucket[k] += n
        by_category[record.category][3] += 1
        by_part[part][3] += 1
        if missing or extra:
            misses.append({"id": record.id, "category": record.category, "date": record.date,
                           "missing": " ".join("/".join(c) for c in missing),
                           "extra": " ".join("/".join(c) for c in extra), "note": record.note or "",
                           "sentence": record.text})
    expected, found, extra = totals
    metrics: dict[str, object] = {
        "records": len(records), "expected": expected, "found": found,
        "found_share": round(found / expected, 4) if expected else None, "extra": extra,
        "extra_per_record": round(extra / len(records), 4) if records else None,
        "records_exact": len(records) - len(misses), "lexicon": lexicon.version,
    }
    breakdown = [_row(name, n, e, f, x) for name, (e, f, x, n) in sorted(by_category.items())]
    if included:
        rows = [by_category[c] for c in included if c in by_category]
        sums = [sum(r[k] for r in rows) for k in range(4)]
        breakdown.append(_row("included: " + " ".join(included), sums[3], sums[0], sums[1], sums[2]))
    breakdown += [_row(name, n, e, f, x) for name, (e, f, x, n) in sorted(by_part.items())]
    return Report(task="petrarch", metrics=metrics, breakdown=breakdown, misses=misses)
