"""Time expressions on TempEval-3 TimeML: span and value scores of ``pipeline.dates``.

Each ``.tml`` file under ``path`` gives a text (``<TEXT>`` with its tags stripped), gold TIMEX3
spans with their type and value, and the creation time (``functionInDocument="CREATION_TIME"``)
that anchors relative expressions. The creation time itself lies outside ``<TEXT>`` and is not
scored. Metrics follow TempEval-3: relaxed spans match on any overlap (one to one), strict spans on
exact offsets, and a value counts only on a relaxed match with exactly the gold value.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.evaluate import Report, prf
from newsevents.pipeline.dates import tag_dates
from newsevents.pipeline.tokens import sentence_of, token_at

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Timex:
    """A time expression: [start, end) character offsets into the text, its TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class GoldDocument:
    """One TimeML file: its name, its text, its creation date and its gold expressions in text order."""

    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[Timex, ...]


def read_tml(path: Path) -> GoldDocument:
    """The text of ``<TEXT>`` without its tags, the gold TIMEX3 spans in it, and the creation date."""
    root = ET.parse(path).getroot()
    dct = None
    creation = next((t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"), None)
    if creation is not None:
        with suppress(ValueError):  # an unusable creation date: the tagger falls back to today's
            dct = dt.date.fromisoformat(creation.get("value", "")[:10])
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []
    length = 0

    def walk(element: ET.Element) -> None:
        nonlocal length
        start = length
        if element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if element.tag == "TIMEX3" and element.get("functionInDocument") != "CREATION_TIME" and length > start:
            timexes.append(Timex(start, length, element.get("type", ""), element.get("value", "")))

    if body is not None:
        walk(body)
    return GoldDocument(path.stem, "".join(parts), dct, tuple(sorted(timexes, key=lambda t: t.start)))


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _align(gold: tuple[Timex, ...], predicted: list[Timex]) -> list[tuple[Timex | None, Timex | None]]:
    """Pairs (gold, predicted): one to one by the largest overlap, then the unmatched of each side."""
    candidates = sorted(((_overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(predicted)
                         if _overlap(g, p) > 0), reverse=True)
    gold_to: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in candidates:
        if gi not in gold_to and pi not in used:
            gold_to[gi] = pi
            used.add(pi)
    pairs: list[tuple[Timex | None, Timex | None]] = [
        (g, predicted[gold_to[gi]] if gi in gold_to else None) for gi, g in enumerate(gold)]
    pairs += [(None, p) for pi, p in enumerate(predicted) if pi not in used]
    return pairs


def _files(path: Path) -> list[Path]:
    return [path] if path.is_file() else sorted(path.rglob("*.tml"))


def evaluate(path: Path, *, coder: Any = None, limit: int | None = None) -> Report:
    """Score ``tag_dates`` on the TimeML files under ``path`` (a folder, searched recursively, or a file)."""
    if coder is None:
        from newsevents.process import Coder

        coder = Coder.load()
    documents = [read_tml(f) for f in _files(Path(path))[:limit]]
    counts: Counter[tuple[str, str]] = Counter()  # (measure, type or "all") -> count
    misses: list[dict[str, Any]] = []
    for document, doc in zip(documents, coder.nlp.pipe(d.text for d in documents), strict=True):
        predicted = [Timex(*expr.span, expr.type, expr.value) for _, expr in tag_dates(doc, document.dct)]
        for gold, pred in _align(document.timexes, predicted):
            value_ok = gold is not None and pred is not None and gold.value == pred.value
            if gold is not None:
                for key in ("all", gold.type):
                    counts["gold", key] += 1
                    counts["relaxed_tp_gold", key] += pred is not None
                    counts["value_tp_gold", key] += value_ok
            if pred is not None:
                for key in ("all", pred.type):
                    counts["predicted", key] += 1
                    counts["relaxed_tp_pred", key] += gold is not None
                    counts["value_tp_pred", key] += value_ok
            if gold is not None and pred is not None:
                counts["matched", "all"] += 1
                counts["strict_tp", "all"] += (gold.start, gold.end) == (pred.start, pred.end)
                counts["type_ok", "all"] += gold.type == pred.type
            if not value_ok:
                misses.append(_miss(document, doc, gold, pred))
    return Report(task="timex", metrics=_metrics(counts, len(documents)), breakdown=_breakdown(counts),
                  misses=misses)


def _scores(counts: Counter[tuple[str, str]], kind: str, key: str) -> dict[str, float]:
    """P/R/F1 where, per type, precision is over predictions of that type and recall over gold ones."""
    precision = prf(counts[f"{kind}_tp_pred", key], counts["predicted", key] - counts[f"{kind}_tp_pred", key], 0)
    recall = prf(counts[f"{kind}_tp_gold", key], 0, counts["gold", key] - counts[f"{kind}_tp_gold", key])
    p, r = precision["precision"], recall["recall"]
    return {"precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _metrics(counts: Counter[tuple[str, str]], documents: int) -> dict[str, Any]:
    strict = counts["strict_tp", "all"]
    relaxed, value = _scores(counts, "relaxed", "all"), _scores(counts, "value", "all")
    strict_scores = prf(strict, counts["predicted", "all"] - strict, counts["gold", "all"] - strict)
    matched = counts["matched", "all"]
    return {
        "documents": documents, "gold": counts["gold", "all"], "predicted": counts["predicted", "all"],
        **{f"relaxed_{k}": v for k, v in relaxed.items()},
        **{f"strict_{k}": v for k, v in strict_scores.items()},
        **{f"value_{k}": v for k, v in value.items()},
        "type_accuracy": round(counts["type_ok", "all"] / matched, 4) if matched else 0.0,
    }


def _breakdown(counts: Counter[tuple[str, str]]) -> list[dict[str, Any]]:
    rows = []
    for key in TYPES:
        relaxed, value = _scores(counts, "relaxed", key), _scores(counts, "value", key)
        rows.append({"type": key, "gold": counts["gold", key], "predicted": counts["predicted", key],
                     "relaxed_p": relaxed["precision"], "relaxed_r": relaxed["recall"], "relaxed_f1": relaxed["f1"],
                     "value_p": value["precision"], "value_r": value["recall"], "value_f1": value["f1"]})
    return rows


def _miss(document: GoldDocument, doc: Any, gold: Timex | None, pred: Timex | None) -> dict[str, Any]:
    where = gold or pred
    assert where is not None
    token = token_at(doc, where.start)
    sentence = " ".join(sentence_of(token).text.split()) if token is not None else ""
    return {
        "doc": document.name,
        "kind": "missed" if pred is None else "spurious" if gold is None else "value",
        "type": gold.type if gold else pred.type if pred else "",
        "gold_text": document.text[gold.start:gold.end] if gold else None,
        "gold": gold.value if gold else None,
        "predicted_text": document.text[pred.start:pred.end] if pred else None,
        "predicted": pred.value if pred else None,
        "sentence": sentence,
    }
