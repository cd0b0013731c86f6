"""Quotes on PolNeAR: content overlap P/R/F1, speaker accuracy, a breakdown and the misses.

``path`` is a PolNeAR part (``dev``, ``test``): ``text/*.txt`` and ``attributions/*.ann`` in brat
standoff, where ``E`` lines link an Attribution to its Source, Cue and Content (spans may be
discontinuous: ``s e;s e``). Publication dates come from ``metadata.tsv`` beside the part (or in it).
A text annotated by several annotators is scored against one of them (the first by file name), so
that it counts once.

A predicted quote matches a gold Content when their spans overlap; matching is one-to-one, greedy by
overlap size. Among matched quotes whose gold attribution names a Source, the speaker is right when our
speaker span overlaps the Source or contains its head word.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from newsevents.evaluate import Report, prf
from newsevents.model import Document, Quote
from newsevents.pipeline.tokens import sentence_of, token_at, tokens_in
from newsevents.process import Coder, analyse

TASK = "quotes"
Span = tuple[int, int]
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"
# Words after which a noun phrase's head has been passed: "spokesman for the campaign", "Smith, who ...".
HEAD_STOPS = {"of", "for", "at", "from", "in", "on", "with", "who", "which", "that", ",", "(", "-", "\u2014"}
MISS_CHARS = 300


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: where its content, source and cue are."""

    content: tuple[Span, ...]
    source: tuple[Span, ...]
    cue: tuple[Span, ...]

    @property
    def start(self) -> int:
        return self.content[0][0]


def _spans(field: str) -> tuple[Span, ...]:
    return tuple(sorted((int(s), int(e)) for s, e in (part.split() for part in field.split(";"))))


def read_attributions(ann: str) -> list[Attribution]:
    """The attributions of one brat .ann file (``E`` lines; a second Content part joins the first)."""
    spans: dict[str, tuple[Span, ...]] = {}
    for line in ann.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            _, _, offsets = fields[1].partition(" ")
            spans[fields[0]] = _spans(offsets)
    attributions = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if not line.startswith("E") or len(fields) < 2:
            continue
        parts: dict[str, list[Span]] = {"Content": [], "Source": [], "Cue": []}
        for argument in fields[1].split():
            role, _, ref = argument.partition(":")
            role = role.rstrip("0123456789")
            if role in parts and ref in spans:
                parts[role].extend(spans[ref])
        if parts["Content"]:
            attributions.append(Attribution(*(tuple(sorted(parts[r])) for r in ("Content", "Source", "Cue"))))
    return sorted(attributions, key=lambda a: a.content)


def _dates(path: Path) -> dict[str, dt.date]:
    for candidate in (path / "metadata.tsv", path.parent / "metadata.tsv"):
        if candidate.exists():
            with candidate.open(encoding="utf-8", newline="") as handle:
                rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                return {r["filename"]: dt.date.fromisoformat(r["publication_date"]) for r in rows
                        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", r.get("publication_date") or "")}
    return {}


def read_polnear(path: Path, limit: int | None = None) -> Iterator[tuple[Document, list[Attribution]]]:
    """Each annotated text of a PolNeAR part as a Document, with its gold attributions."""
    dates = _dates(path)
    annotations: dict[str, Path] = {}
    for ann in sorted((path / "attributions").glob("*.ann")):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    texts = sorted((path / "text").glob("*.txt"))
    for text_path in texts[:limit] if limit is not None else texts:
        ann = annotations.get(text_path.stem)
        if ann is None:
            continue
        with text_path.open(encoding="utf-8", newline="") as handle:
            text = handle.read()  # brat offsets count the file's characters as they are, "\r" included
        document = Document(doc_id=text_path.stem, text=text, date=dates.get(text_path.stem), origin=str(text_path))
        yield document, read_attributions(ann.read_text(encoding="utf-8"))


def overlap(a: tuple[Span, ...], b: tuple[Span, ...]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def attributions(quotes: list[Quote]) -> list[list[Quote]]:
    """The parts of a split quote ("...," he said, "...") are one attribution, like PolNeAR's
    discontinuous Content: consecutive records with the same cue and speaker."""
    groups: list[list[Quote]] = []
    for quote in quotes:
        previous = groups[-1][-1] if groups else None
        if (previous is not None and quote.cue is not None and previous.cue == quote.cue
                and previous.speaker_span == quote.speaker_span and previous.direct == quote.direct):
            groups[-1].append(quote)
        else:
            groups.append([quote])
    return groups


def match(predicted: list[tuple[Span, ...]], gold: list[tuple[Span, ...]]) -> dict[int, int]:
    """One-to-one matching of overlapping spans, largest overlaps first: {predicted index: gold index}."""
    pairs = sorted(((overlap(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)
                    if p[0][0] < g[-1][1] and g[0][0] < p[-1][1]), reverse=True)
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for size, i, j in pairs:
        if size > 0 and i not in matched and j not in taken:
            matched[i] = j
            taken.add(j)
    return matched


def is_direct(text: str, content: tuple[Span, ...]) -> bool:
    """Is gold content inside quotation marks: it opens with a mark or right after one."""
    start = content[0][0]
    before = text[max(0, start - 3) : start].rstrip()
    return text[start : start + 1] in QUOTE_MARKS or (before[-1:] in QUOTE_MARKS and before[-1:] != "\u2019")


def head_word(text: str) -> str:
    """The head word of a noun phrase, roughly: the last word before a preposition or a clause."""
    words: list[str] = []
    for word in re.findall(r"[\w'\u2019.-]+|[^\w\s]", text):
        if words and word.lower() in HEAD_STOPS:
            break
        words.append(word)
    words = [w for w in words if re.search(r"\w", w)]
    return re.sub(r"('s|\u2019s)$", "", words[-1]).lower() if words else ""


def speaker_right(text: str, quote: Quote, source: tuple[Span, ...]) -> bool:
    if quote.speaker_span is None:
        return False
    if overlap((quote.speaker_span,), source) > 0:
        return True
    head = head_word(" ".join(text[s:e] for s, e in source))
    said = text[quote.speaker_span[0] : quote.speaker_span[1]]
    names = [said] + ([quote.speaker.name] if quote.speaker and quote.speaker.name else [])
    return bool(head) and any(head in re.findall(r"[\w'\u2019.-]+", n.lower()) for n in names)


def cue_type(doc: Doc, spans: tuple[Span, ...], reporting: frozenset[str]) -> str:
    """say | reporting verb | other verb | according to | noun | punctuation | other."""
    tokens = [t for s, e in spans for t in tokens_in(doc, s, e)]
    words = [t for t in tokens if not t.is_punct]
    if not words:
        return "punctuation" if tokens else "none"
    if words[0].lower_ == "according":
        return "according to"
    verbs = [t for t in words if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() not in {"be", "have", "do"}]
    if verbs:
        lemma = verbs[0].lemma_.lower()
        return "say" if lemma == "say" else "reporting verb" if lemma in reporting else "other verb"
    if any(t.pos_ in {"NOUN", "PROPN"} for t in words):
        return "noun"
    return "other"


@dataclass
class _Tally:
    gold: int = 0
    predicted: int = 0
    matched_gold: int = 0
    matched_predicted: int = 0
    speaker_n: int = 0
    speaker_ok: int = 0

    def row(self, group: str, value: str) -> dict[str, object]:
        p = self.matched_predicted / self.predicted if self.predicted else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"group": group, "value": value, "gold": self.gold, "predicted": self.predicted,
                "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                "speaker_accuracy": round(self.speaker_ok / self.speaker_n, 4) if self.speaker_n else None}


def _clip(text: str) -> str:
    return text if len(text) <= MISS_CHARS else text[: MISS_CHARS - 3] + "..."


class Scorer:
    """Accumulates the comparison of predicted quotes with gold attributions, document by document."""

    def __init__(self, reporting: frozenset[str]) -> None:
        self.reporting = reporting
        self.total = _Tally()
        self.groups: dict[tuple[str, str], _Tally] = {}
        self.misses: list[dict[str, object]] = []
        self.documents = 0

    def _tallies(self, keys: tuple[tuple[str, str], ...]) -> list[_Tally]:
        return [self.total, *(self.groups.setdefault(k, _Tally()) for k in keys)]

    def add(self, doc_id: str, doc: Doc, gold: list[Attribution], quotes: list[Quote]) -> None:
        self.documents += 1
        text = doc.text
        parts = attributions(quotes)
        quotes = [group[0] for group in parts]
        matched = match([tuple(q.span for q in group) for group in parts], [a.content for a in gold])
        by_gold = {j: i for i, j in matched.items()}
        for j, attribution in enumerate(gold):
            keys = (("kind", "direct" if is_direct(text, attribution.content) else "indirect"),
                    ("cue", cue_type(doc, attribution.cue, self.reporting)))
            tallies = self._tallies(keys)
            i = by_gold.get(j)
            for tally in tallies:
                tally.gold += 1
                tally.matched_gold += i is not None
            if i is None:
                self._miss(doc_id, "missed", doc, attribution.start,
                           " | ".join(text[s:e] for s, e in attribution.content), "")
                continue
            if not attribution.source:
                continue
            quote = quotes[i]
            right = speaker_right(text, quote, attribution.source)
            for tally in tallies:
                tally.speaker_n += 1
                tally.speaker_ok += right
            if not right:
                said = text[quote.speaker_span[0] : quote.speaker_span[1]] if quote.speaker_span else "(none)"
                self._miss(doc_id, "speaker", doc, quote.span[0], " ".join(text[s:e] for s, e in attribution.source),
                           said)
        for i, quote in enumerate(quotes):
            keys = (("kind", "direct" if quote.direct else "indirect"),
                    ("cue", cue_type(doc, (quote.cue.span,), self.reporting) if quote.cue else "none"))
            for tally in self._tallies(keys):
                tally.predicted += 1
                tally.matched_predicted += i in matched
            if i not in matched:
                self._miss(doc_id, "spurious", doc, quote.span[0], "", quote.text)

    def _miss(self, doc_id: str, kind: str, doc: Doc, char: int, gold: str, predicted: str) -> None:
        token = token_at(doc, char) or token_at(doc, char + 1)
        sentence = sentence_of(token).text if token is not None else ""
        self.misses.append({"doc": doc_id, "kind": kind, "sentence": _clip(sentence), "gold": _clip(gold),
                            "predicted": _clip(predicted)})

    def report(self) -> Report:
        total = self.total
        scores = prf(total.matched_predicted, total.predicted - total.matched_predicted,
                     total.gold - total.matched_gold)
        metrics = {
            "documents": self.documents,
            "gold": total.gold,
            "predicted": total.predicted,
            "matched": total.matched_gold,
            "overlap_precision": scores["precision"],
            "overlap_recall": scores["recall"],
            "overlap_f1": scores["f1"],
            "speaker_accuracy": round(total.speaker_ok / total.speaker_n, 4) if total.speaker_n else 0.0,
            "speaker_scored": total.speaker_n,
        }
        keys = sorted(self.groups, key=lambda k: (k[0], -self.groups[k].gold, k[1]))
        kinds = {"missed": 0, "spurious": 1, "speaker": 2}
        misses = sorted(self.misses, key=lambda m: kinds[str(m["kind"])])
        return Report(task=TASK, metrics=metrics, breakdown=[self.groups[k].row(*k) for k in keys], misses=misses)


def evaluate(path: Path, *, coder: Coder | None = None, limit: int | None = None) -> Report:
    """Score our quotes on a PolNeAR part (see the module's docstring)."""
    coder = coder or Coder.load()
    phrases = coder.phrases
    scorer = Scorer(coder.lexicon.cues.reporting_verbs | coder.lexicon.cues.attribution_verbs)
    texts = list(read_polnear(Path(path), limit))
    for (document, gold), doc in zip(texts, coder.nlp.pipe(d.text for d, _ in texts), strict=True):
        scorer.add(document.doc_id, doc, gold, list(analyse(doc, document, coder.lexicon, phrases).quotes))
    return scorer.report()
