"""ConfliBERT's event sentences: a five-way CAMEO class and source/target spans, read for training and scoring.

``train.tsv`` holds ``sentence TAB class``; ``ner_train.txt`` the same sentences (most of them) as ``token TAG``
lines, BIO tags for the source (S), target (T) and reciprocal parties (R). The two files spell some characters
differently (apostrophes, spaces), so sentences are matched, and token tags mapped onto the sentence's
characters, by their letters and digits alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsevents.evaluate.split import part_of
from newsevents.learn.model import root_class
from newsevents.model import Actor, Event

# The sentences carry no dates; they report 2017-2020 news, so office holders are looked up in mid-2019.
NEWS_DAY = dt.date(2019, 6, 30)


@dataclass(frozen=True)
class Sentence:
    text: str
    label: int  # index into newsevents.learn.model.CLASSES
    parties: dict[str, tuple[tuple[int, int], ...]]  # S, T, R -> character spans in ``text``; empty if untagged

    @property
    def part(self) -> str:
        return part_of(self.text)

    @property
    def tagged(self) -> bool:
        return any(self.parties.values())


def _is_letter(char: str) -> bool:
    # ASCII only: the files differ in characters such as U+02BC for an apostrophe, which Python counts as a letter.
    return char.isascii() and char.isalnum()


def _letters(text: str) -> str:
    return "".join(c for c in text if _is_letter(c)).lower()


def _read_tagged(path: Path) -> Iterator[list[tuple[str, str]]]:
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        token, _, tag = line.rpartition(" ")
        sentence.append((token, tag))
    if sentence:
        yield sentence


def _spans(text: str, tagged: list[tuple[str, str]]) -> dict[str, tuple[tuple[int, int], ...]]:
    """The tagged tokens' parties as character spans of ``text``, found through the letters both spell."""
    offsets = [i for i, c in enumerate(text) if _is_letter(c)]  # the n-th letter of text is at offsets[n]
    spans: dict[str, list[list[int]]] = {"S": [], "T": [], "R": []}
    n = 0
    for token, tag in tagged:
        letters = len(_letters(token))
        if letters == 0 or n + letters > len(offsets):
            continue
        start, end = offsets[n], offsets[n + letters - 1] + 1
        n += letters
        kind, _, party = tag.partition("-")
        if party not in spans:
            continue
        if kind == "B" or not spans[party]:
            spans[party].append([start, end])
        else:
            spans[party][-1][1] = end
    return {party: tuple((s, e) for s, e in found) for party, found in spans.items()}


def read_sentences(folder: Path) -> list[Sentence]:
    """Every sentence of ``train.tsv``, with its parties where ``ner_train.txt`` tags it."""
    rows = []
    for line in (folder / "train.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            text, _, label = line.rpartition("\t")
            rows.append((text, int(label)))
    tags = {_letters("".join(t for t, _ in tagged)): tagged for tagged in _read_tagged(folder / "ner_train.txt")}
    return [Sentence(text, label, _spans(text, tags[_letters(text)]) if _letters(text) in tags else {})
            for text, label in rows]


def _on(actor: Actor | None, spans: tuple[tuple[int, int], ...]) -> bool:
    return actor is not None and actor.span is not None and any(
        actor.span[0] < end and start < actor.span[1] for start, end in spans)


def gold_pair(source: Actor | None, target: Actor | None, sentence: Sentence) -> bool:
    """Source on the gold source and target on the gold target, or both on reciprocal parties."""
    parties = sentence.parties
    if _on(source, parties.get("S", ())) and _on(target, parties.get("T", ())):
        return True
    return _on(source, parties.get("R", ())) and _on(target, parties.get("R", ()))


def gold_dyad(event: Event, sentence: Sentence) -> bool:
    return gold_pair(event.source, event.target, sentence)


@dataclass
class Score:
    sentences: int = 0
    tagged: int = 0
    no_event: int = 0
    class_right: int = 0
    dyad_found: int = 0
    dyadic_events: int = 0
    dyadic_right: int = 0

    def add(self, sentence: Sentence, events: list[Event]) -> None:
        self.sentences += 1
        self.no_event += not events
        matched = [e for e in events if sentence.tagged and gold_dyad(e, sentence)]
        best = max(matched or events, key=lambda e: e.confidence, default=None)
        self.class_right += best is not None and root_class(best.root) == sentence.label
        if sentence.tagged:
            self.tagged += 1
            self.dyad_found += bool(matched)
            dyadic = [e for e in events if e.source is not None and e.target is not None]
            self.dyadic_events += len(dyadic)
            self.dyadic_right += sum(gold_dyad(e, sentence) for e in dyadic)

    def figures(self) -> dict[str, float]:
        return {
            "sentences": self.sentences,
            "gold_dyad_recall": self.dyad_found / max(self.tagged, 1),
            "class_accuracy": self.class_right / max(self.sentences, 1),
            "dyadic_precision": self.dyadic_right / max(self.dyadic_events, 1),
            "no_event": self.no_event / max(self.sentences, 1),
        }
