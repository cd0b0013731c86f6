"""Engines: where the per-document function runs. Each takes the same arguments and yields, in input
order, a CodedDocument or a Quarantined record for every input record.

- ``local``: in this process (``workers=1``, the reference) or in N worker processes;
- ``dask``: on a Dask cluster (a LocalCluster unless a scheduler address is given).
Both call ``Coder.code_batch``, so they give identical records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsevents.engines.local import run_local
from newsevents.lexicons import Lexicon
from newsevents.model import CodedDocument, Quarantined
from newsevents.readers import Record

Engine = Callable[..., Iterator[CodedDocument | Quarantined]]


def _run_dask(*args: Any, **kwargs: Any) -> Iterator[CodedDocument | Quarantined]:
    from newsevents.engines.dask import run_dask  # dask is heavy: import it only when asked for

    return run_dask(*args, **kwargs)


ENGINES: dict[str, Engine] = {"local": run_local, "dask": _run_dask}


def run(engine: str, records: Iterable[Record], *, lexicon: Lexicon, model: str | None = None, workers: int = 1,
        batch_size: int = 32, **options: Any) -> Iterator[CodedDocument | Quarantined]:
    """Code ``records`` with the engine named ``engine``."""
    try:
        chosen = ENGINES[engine]
    except KeyError:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}") from None
    return chosen(records, lexicon=lexicon, model=model, workers=workers, batch_size=batch_size, **options)
