"""The local engine: in this process, or in a pool of worker processes that each load spaCy once."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator

from newsevents.lexicons import Lexicon
from newsevents.model import CodedDocument, Document, Quarantined
from newsevents.process import Coder
from newsevents.readers import Record

_worker_coder: Coder | None = None


def _init_worker(model: str | None, lexicon: Lexicon) -> None:
    global _worker_coder
    _worker_coder = Coder.load(model, lexicon)


def _code_chunk(chunk: list[Record]) -> list[CodedDocument | Quarantined]:
    assert _worker_coder is not None, "worker not initialised"
    return list(_worker_coder.code_batch(chunk, len(chunk)))


def chunks(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Consecutive lists of ``size`` documents, quarantined records travelling with their neighbours."""
    chunk: list[Record] = []
    documents = 0
    for record in records:
        chunk.append(record)
        documents += isinstance(record, Document)
        if documents >= size:
            yield chunk
            chunk, documents = [], 0
    if chunk:
        yield chunk


def run_local(records: Iterable[Record], *, lexicon: Lexicon, model: str | None = None, workers: int = 1,
              batch_size: int = 32) -> Iterator[CodedDocument | Quarantined]:
    """Code in this process when ``workers`` is 1, else in ``workers`` processes; input order is kept."""
    if workers <= 1:
        yield from Coder.load(model, lexicon).code_batch(records, batch_size)
        return
    # spawn: a clean interpreter per worker, as dask does; each loads the model once.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(model, lexicon)) as pool:
        for results in pool.imap(_code_chunk, chunks(records, batch_size), chunksize=1):
            yield from results
