"""The local engine: in this process, or in a pool of worker processes.

Where the system can fork (Linux), the workers are forked from a parent that has loaded spaCy, the
lexicon and the gazetteer once: they share those pages copy-on-write and start at once, instead of
each spending seconds loading its own copy (what made two workers far slower than twice one).
Elsewhere they are spawned and each loads its own.
"""

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
CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
# A chunk is the unit of load balance: a worker's last chunk ends at most one chunk's time after the others'.
# Sixteen reports are about a second of parsing, and spaCy parses no faster in larger batches.
MAX_CHUNK = 16


def _init_worker(model: str | None, lexicon: Lexicon) -> None:
    global _worker_coder
    _worker_coder = Coder.load(model, lexicon)
    _worker_coder.warm()


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
    """``workers`` processes, each with spaCy and the lexicon loaded once, that code chunks of documents.

    A pool outlives one call to ``code``, so a caller can keep it warm (the throughput benchmark does).
    Create it before the caller starts threads of its own (a progress bar): a forked child inherits
    locks as they were at the fork.
    """

    def __init__(self, workers: int, lexicon: Lexicon, model: str | None = None) -> None:
        global _worker_coder
        self.workers = workers
        if CAN_FORK:
            _worker_coder = Coder.load(model, lexicon)
            _worker_coder.warm()
            self._pool = multiprocessing.get_context("fork").Pool(workers)
        else:
            self._pool = multiprocessing.get_context("spawn").Pool(
                workers, initializer=_init_worker, initargs=(model, lexicon))

    def code(self, records: Iterable[Record], batch_size: int = 32) -> Iterator[CodedDocument | Quarantined]:
        """Results in input order. At most two chunks a worker are in flight, so a huge input is read as
        the workers go rather than all at once (Pool.imap would queue every chunk up front)."""
        pending: deque[AsyncResult[list[CodedDocument | Quarantined]]] = deque()
        for chunk in chunks(records, min(batch_size, MAX_CHUNK)):
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
    """Code in this process when ``workers`` is 1, else in ``workers`` processes; input order is kept.

    The pool starts here, not when the results are first asked for, so that it forks before the caller
    starts threads."""
    if workers <= 1:
        return Coder.load(model, lexicon).code_batch(records, batch_size)
    return _drain(WorkerPool(workers, lexicon, model), records, batch_size)


def _drain(pool: WorkerPool, records: Iterable[Record], batch_size: int) -> Iterator[CodedDocument | Quarantined]:
    with pool:
        yield from pool.code(records, batch_size)
