"""The local engine: in this process, or in a pool of worker processes that each load spaCy once."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from types import TracebackType

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


class WorkerPool:
    """``workers`` processes that each load spaCy and the lexicon once, and code chunks of documents.

    A pool outlives one call to ``code``, so a caller can keep it warm (the throughput benchmark does).
    """

    def __init__(self, workers: int, lexicon: Lexicon, model: str | None = None) -> None:
        # spawn: a clean interpreter per worker, as dask does.
        context = multiprocessing.get_context("spawn")
        self.workers = workers
        self._pool = context.Pool(workers, initializer=_init_worker, initargs=(model, lexicon))

    def code(self, records: Iterable[Record], batch_size: int = 32) -> Iterator[CodedDocument | Quarantined]:
        """Results in input order. At most two chunks a worker are in flight, so a huge input is read as
        the workers go rather than all at once (Pool.imap would queue every chunk up front)."""
        pending: deque[AsyncResult[list[CodedDocument | Quarantined]]] = deque()
        for chunk in chunks(records, batch_size):
            pending.append(self._pool.apply_async(_code_chunk, (chunk,)))
            if len(pending) >= 2 * self.workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._pool.terminate()
        self._pool.join()


def run_local(records: Iterable[Record], *, lexicon: Lexicon, model: str | None = None, workers: int = 1,
              batch_size: int = 32) -> Iterator[CodedDocument | Quarantined]:
    """Code in this process when ``workers`` is 1, else in ``workers`` processes; input order is kept."""
    if workers <= 1:
        yield from Coder.load(model, lexicon).code_batch(records, batch_size)
        return
    with WorkerPool(workers, lexicon, model) as pool:
        yield from pool.code(records, batch_size)
