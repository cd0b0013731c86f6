"""Store benchmark: fill a store with N synthetic events, then time the analyst's queries and panels.

    python benchmarks/store.py [--events 10000000] [--db /tmp/store-bench.duckdb]

Prints the fill time and, for each query, the best of three runs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from newsevents.lexicons.actors import ISO3_CODES
from newsevents.query import EventFilter, dyad_series, root_breakdown, series, top_partners
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
            INSERT INTO events (doc_id, idx, doc_date, id, sentence, source_code, target_code, source_country,
                                target_country, code, root, quad_class, goldstein, date, negated, mode, confidence,
                                rule)
            SELECT doc_id, idx, doc_date, id, sentence, source_code, target_code,
                   {country_of("source_code")}, {country_of("target_code")}, code, root, quad_class, goldstein,
                   date, negated, mode, confidence, rule
            FROM (SELECT 'doc' || (i // 5) AS doc_id, i % 5 AS idx,
                         DATE '2000-01-01' + CAST(hash(i) % 9000 AS INTEGER) AS doc_date, 'e' || i AS id,
                         0 AS sentence, {actors}[CAST(1 + hash(i * 7) % {len(ACTORS)} AS BIGINT)] AS source_code,
                         {actors}[CAST(1 + hash(i * 13) % {len(ACTORS)} AS BIGINT)] AS target_code,
                         lpad(CAST(1 + hash(i * 3) % 20 AS VARCHAR), 2, '0') || '0' AS code,
                         lpad(CAST(1 + hash(i * 3) % 20 AS VARCHAR), 2, '0') AS root,
                         1 + (hash(i * 3) % 20) // 5 AS quad_class, (hash(i * 11) % 200) / 10.0 - 10 AS goldstein,
                         NULL AS date, hash(i) % 50 = 0 AS negated, 'asserted' AS mode, 0.8 AS confidence,
                         'synthetic' AS rule
                  FROM range({events}) t(i))""")
    return time.perf_counter() - start


def country_of(column: str) -> str:
    """SQL: the country of a synthetic actor code (its first three letters when they are a country)."""
    countries = ", ".join(f"'{a}'" for a in sorted({a[:3] for a in ACTORS if a[:3] in ISO3_CODES}))
    return f"CASE WHEN left({column}, 3) IN ({countries}) THEN left({column}, 3) END"


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
        ("country-month panel, all countries (series)",
         lambda: series(store, EventFilter(negated=False), by="country", period="month")),
        ("country-dyad-month panel, all pairs (series)",
         lambda: series(store, EventFilter(negated=False), by="country-dyad", period="month", directed=False)),
    ):
        print(f"{label:50} {best_of(query) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
