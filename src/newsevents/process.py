"""The per-document function and the batching around it.

``analyse`` is a pure function of (parsed text, document metadata, lexicon): the engines call it
through ``Coder.code_batch``, which adds only spaCy's ``nlp.pipe`` batching and turns any failure
of one document into a quarantine record, so that one bad document never stops a batch.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.errors import Reason
from newsevents.lexicons import Lexicon, default_lexicon
from newsevents.lexicons.actors import PhraseIndex
from newsevents.model import CodedDocument, Document, Quarantined
from newsevents.nlp import load_nlp, other_language
from newsevents.pipeline.actors import resolve_actors
from newsevents.pipeline.dates import tag_dates
from newsevents.pipeline.events import code_events
from newsevents.pipeline.places import find_places
from newsevents.pipeline.quotes import find_quotes
from newsevents.pipeline.tone import score_tone
from newsevents.readers import Record

DEFAULT_BATCH_SIZE = 32
# Touches every stage (actors, a quote, a date, a place, an event), so that each loads its caches.
WARM_UP_TEXT = 'The French president met the prime minister of Japan in Paris on Monday. "We agree," he said.'


def analyse(doc: Doc, document: Document, lexicon: Lexicon, phrases: PhraseIndex) -> CodedDocument:
    """Everything newsevents finds in one parsed document: actors, events, quotes, dates, places, tone."""
    actors = resolve_actors(doc, lexicon, phrases, document.date)
    times = tag_dates(doc, document.date)
    places = find_places(doc, actors)
    quotes = find_quotes(doc, lexicon, actors)
    events = code_events(doc, lexicon, actors, document.doc_id, times, places, quotes)
    return CodedDocument(
        document=document,
        actors=tuple(actors.actors()),
        events=tuple(events),
        quotes=tuple(quotes),
        dates=tuple(t for _, t in times),
        places=tuple(p for _, p in places),
        tone=score_tone(doc),
    )


@dataclass
class Coder:
    """A spaCy pipeline and a lexicon, loaded once, that code documents."""

    nlp: Language
    lexicon: Lexicon

    @classmethod
    def load(cls, model: str | None = None, lexicon: Lexicon | None = None) -> Coder:
        return cls(load_nlp(model), lexicon or default_lexicon())

    def warm(self) -> None:
        """Load now what the first document would load: the phrase index, the gazetteer and every other
        per-process cache, so that workers forked from this process share them."""
        self.code_document(Document(doc_id="warm-up", text=WARM_UP_TEXT, date=dt.date(2020, 1, 1)))
        other_language(WARM_UP_TEXT, self.nlp.lang)

    @property
    def phrases(self) -> PhraseIndex:
        return self.lexicon.phrase_index(self.nlp.tokenizer)

    def code_document(self, document: Document) -> CodedDocument:
        return analyse(self.nlp(document.text), document, self.lexicon, self.phrases)

    def code_batch(self, records: Iterable[Record], batch_size: int = DEFAULT_BATCH_SIZE
                   ) -> Iterator[CodedDocument | Quarantined]:
        """Code documents in order; quarantined records pass through, failures are quarantined."""
        pending: list[Document] = []
        for record in records:
            if isinstance(record, Document) and (found := other_language(record.text, self.nlp.lang)):
                language, probability = found
                record = Quarantined(record.doc_id, record.origin or "<unknown>", Reason.OTHER_LANGUAGE.value,
                                     f"written in {language} (p={probability:.2f}), not in {self.nlp.lang}, the "
                                     f"language of the pipeline")
            if isinstance(record, Quarantined):
                yield from self._flush(pending)
                pending = []
                yield record
                continue
            pending.append(record)
            if len(pending) >= batch_size:
                yield from self._flush(pending)
                pending = []
        yield from self._flush(pending)

    def _flush(self, documents: list[Document]) -> Iterator[CodedDocument | Quarantined]:
        if not documents:
            return
        phrases = self.phrases
        try:
            parsed: list[Doc | BaseException] = list(self.nlp.pipe(d.text for d in documents))
        except Exception:  # one document broke the batch: parse one by one to find it
            parsed = [self._parse_one(d) for d in documents]
        for document, doc in zip(documents, parsed, strict=True):
            if isinstance(doc, BaseException):
                yield _failed(document, doc, "parsing")
                continue
            try:
                yield analyse(doc, document, self.lexicon, phrases)
            except Exception as exc:  # coded and kept: the batch goes on
                yield _failed(document, exc, "coding")

    def _parse_one(self, document: Document) -> Doc | BaseException:
        try:
            return self.nlp(document.text)
        except Exception as exc:
            return exc


def _failed(document: Document, exc: BaseException, stage: str) -> Quarantined:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return Quarantined(document.doc_id, document.origin or "<unknown>", Reason.CODING_FAILED.value,
                       f"{stage} failed: {type(exc).__name__}: {exc}{at}")
