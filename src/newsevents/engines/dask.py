"""The Dask engine: partitions of documents coded on a Dask cluster by the same per-document function.

Each partition's results land as a Parquet file written atomically (to a temporary name, then
renamed), so a partition is either complete or absent; the driver reads them back in input order.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.engines.local import chunks
from newsevents.lexicons import Lexicon
from newsevents.model import CodedDocument, Quarantined
from newsevents.process import Coder
from newsevents.readers import Record

_coders: dict[tuple[str | None, str], Coder] = {}


def code_partition(records: list[Record], lexicon: Lexicon, model: str | None, out_dir: str, number: int,
                   batch_size: int) -> str:
    """Code one partition on a worker and write its results as one Parquet file; return its path."""
    key = (model, lexicon.version)
    if key not in _coders:  # once per worker process, not once per partition
        _coders[key] = Coder.load(model, lexicon)
    rows = {"kind": [], "record": []}
    for result in _coders[key].code_batch(records, batch_size):
        rows["kind"].append("coded" if isinstance(result, CodedDocument) else "quarantined")
        rows["record"].append(json.dumps(result.to_dict(), ensure_ascii=False))
    path = Path(out_dir) / f"part-{number:06d}.parquet"
    handle, tmp = tempfile.mkstemp(dir=out_dir, suffix=".tmp")
    os.close(handle)
    pq.write_table(pa.table(rows), tmp)
    os.replace(tmp, path)
    return str(path)


def read_partition(path: str) -> Iterator[CodedDocument | Quarantined]:
    table = pq.read_table(path).to_pydict()
    for kind, record in zip(table["kind"], table["record"], strict=True):
        data = json.loads(record)
        yield CodedDocument.from_dict(data) if kind == "coded" else Quarantined(**data)


def run_dask(records: Iterable[Record], *, lexicon: Lexicon, model: str | None = None, workers: int = 2,
             batch_size: int = 32, scheduler: str | None = None, partition_size: int = 256,
             out_dir: str | None = None) -> Iterator[CodedDocument | Quarantined]:
    """Code on a Dask cluster: the scheduler at ``scheduler``, else a LocalCluster of ``workers`` processes."""
    from dask.distributed import Client, LocalCluster

    cluster = None if scheduler else LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    with Client(scheduler or cluster) as client, tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        shared = client.scatter(lexicon, broadcast=True)
        futures = [client.submit(code_partition, part, shared, model, tmp, number, batch_size, pure=False)
                   for number, part in enumerate(chunks(records, partition_size))]
        for future in futures:  # in input order; later partitions keep running meanwhile
            yield from read_partition(future.result())
    if cluster is not None:
        cluster.close()
