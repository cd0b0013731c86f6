"""Store benchmark: fill a store with N synthetic events, then time three analyst queries.

    python benchmarks/store.py [--events 10000000] [--db /tmp/store-bench.duckdb]

Prints the fill time and, for each query, the best of three runs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from newsevents.query import dyad_series, root_breakdown, top_partners
from newsevents.store import Store

ACTORS = ["USA", "USAGOV", "RUS", "RUSGOV", "RUSMIL", "CHN", "CHNGOV", "IGOWSTNAT", "UKR", "UKRMIL", "DEU", "FRA",
          "GBR", "IRN", "ISR", "PSE", "TUR", "IND", "PAK", "LTU", "POL", "BLR", "JPN", "KOR", "PRK", "SYR", "IRQ",
          "EGY", "SAU", "IGOUNO", "IGOEUREEC", "CVL", "GOV", "MIL"]


def fill(path: Path, events: int) -> float:
    Store(path)  # creates the schema
    actors = "[" + ", ".join(f"'{a}'" for a in ACTORS) + "]"
    start = time.perf_counter()
    with duckdb.connect(str(path)) as con:
        con.execute(f"""
            INSERT INTO events (doc_id, idx, doc_date, id, sentence, source_code, target_code, code, root,
                                quad_class, goldstein, date, negated, mode, confidence, rule)
            SELECT 'doc' || (i // 5), i % 5, DATE '2000-01-01' + CAST(hash(i) % 9000 AS INTEGER),
                   'e' || i, 0, {actors}[CAST(1 + hash(i * 7) % {len(ACTORS)} AS BIGINT)],
                   {actors}[CAST(1 + hash(i * 13) % {len(ACTORS)} AS BIGINT)],
                   lpad(CAST(1 + hash(i * 3) % 20 AS VARCHAR), 2, '0') || '0',
                   lpad(CAST(1 + hash(i * 3) % 20 AS VARCHAR), 2, '0'), 1 + (hash(i * 3) % 20) // 5,
                   (hash(i * 11) % 200) / 10.0 - 10, NULL, hash(i) % 50 = 0, 'asserted', 0.8, 'synthetic'
            FROM range({events}) t(i)""")
    return time.perf_counter() - start


def best_of(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsevents-store-bench.duckdb"))
    args = parser.parse_args()
    args.db.unlink(missing_ok=True)
    print(f"filled {args.events:,} events in {fill(args.db, args.events):.1f} s  ({args.db})")
    store = Store(args.db, read_only=True)
    for label, query in (
        ("monthly series for one dyad (RUS -> IGOWSTNAT)", lambda: dyad_series(store, "RUS", "IGOWSTNAT")),
        ("top 10 partners of an actor (CHN)", lambda: top_partners(store, "CHN")),
        ("root-code breakdown for a year (2015)", lambda: root_breakdown(store, 2015)),
    ):
        print(f"{label:50} {best_of(query) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
