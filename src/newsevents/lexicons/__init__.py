"""Lexicons: loaders and validators for the data files under ``newsevents/data``.

A Lexicon is loaded once per process and is read-only afterwards, so the per-document function
stays a pure function of (text, metadata, lexicon).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsevents.learn.model import EventModel
from newsevents.lexicons.actors import ActorLexicon, PhraseIndex, load_actor_lexicon
from newsevents.lexicons.events import EventLexicon, load_event_lexicon
from newsevents.lexicons.files import DATA_DIR, fold, read_yaml


@dataclass(frozen=True)
class Cues:
    reporting_verbs: frozenset[str]
    attribution_verbs: frozenset[str]
    attribution_adjectives: frozenset[str]
    attribution_nouns: frozenset[str]
    clause_verbs: frozenset[str]
    poll_nouns: frozenset[str]
    source_phrases: tuple[str, ...]
    negating_verbs: frozenset[str]
    future_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    hypothetical_markers: frozenset[str]
    conjecture_verbs: frozenset[str]
    untargeted_roots: frozenset[str]
    support_verbs: frozenset[str]
    sport_words: frozenset[str]
    abstract_objects: frozenset[str]
    topic_verbs: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> Cues:
        data: dict[str, Any] = read_yaml(path)  # type: ignore[assignment]
        return cls(**{
            name: (tuple if name == "source_phrases" else frozenset)(fold(str(v)) for v in data.get(name) or [])
            for name in cls.__dataclass_fields__
        })


@dataclass
class Lexicon:
    """Everything the coder knows, and a version that changes whenever any of it changes."""

    actors: ActorLexicon
    events: EventLexicon
    cues: Cues
    version: str
    event_model: EventModel | None = None  # if asked for: fills, where the patterns found no dyad, what it finds
    _indexes: dict[int, PhraseIndex] = field(default_factory=dict, repr=False, compare=False)

    def phrase_index(self, tokenizer: Any) -> PhraseIndex:
        """The actor phrases tokenised like the documents are; built once per tokenizer."""
        key = id(tokenizer)
        if key not in self._indexes:
            self._indexes[key] = self.actors.compile(lambda text: [t.text for t in tokenizer(text)])
        return self._indexes[key]

    def with_event_model(self, path: Path | None = None) -> Lexicon:
        """The same lexicon with the trained event model (``path``, or the one newsevents ships) filling the
        sentences the patterns code no dyad in. Another version: the store codes again what it coded without."""
        path = path or DATA_DIR / MODEL_FILE
        model = EventModel.load(path)
        return dataclasses.replace(self, event_model=model, version=f"{self.version}+{data_version([path])[:12]}",
                                   _indexes={})

    def __getstate__(self) -> dict[str, Any]:
        # Indexes hold no state worth shipping to another process: each worker rebuilds its own.
        return {**self.__dict__, "_indexes": {}}


LEXICON_SUFFIXES = {".csv", ".yaml", ".toml"}  # what a lexicon's version depends on
MODEL_FILE = "models/events.npz"


def data_version(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Load the lexicon files under ``data_dir`` (the built-in lexicon by default)."""
    files = [p for p in data_dir.rglob("*") if p.suffix in LEXICON_SUFFIXES]
    return Lexicon(
        actors=load_actor_lexicon(data_dir),
        events=load_event_lexicon(data_dir),
        cues=Cues.load(data_dir / "cues.yaml"),
        version=data_version(files),
    )


@functools.cache
def default_lexicon() -> Lexicon:
    """The built-in lexicon, loaded once per process."""
    return load_lexicon()


__all__ = ["MODEL_FILE", "Cues", "Lexicon", "default_lexicon", "fold", "load_lexicon"]
