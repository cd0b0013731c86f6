"""Kill test: runs killed with SIGKILL at a random moment, then run again, must leave the same store as
an uninterrupted run: nothing lost, nothing stored twice.

    python benchmarks/kill_test.py [--runs 10] [--limit N] [--workers 2] [--corpus newswire.jsonl]

Prints, for each run, when it was killed, how many documents had been stored by then, and whether the
finished store equals the reference.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "newswire.jsonl"
NEWSEVENTS = [sys.executable, "-m", "newsevents"]
# Every stored table, compared row for row (without the time a row was written).
SNAPSHOT = {
    "documents": "SELECT * EXCLUDE (coded_at) FROM documents ORDER BY doc_id",
    "events": "SELECT * FROM events ORDER BY doc_id, idx",
    "actors": "SELECT * FROM actors ORDER BY doc_id, idx",
    "quotes": "SELECT * FROM quotes ORDER BY doc_id, idx",
    "dates": "SELECT * FROM dates ORDER BY doc_id, idx",
    "places": "SELECT * FROM places ORDER BY doc_id, idx",
}


def code(corpus: Path, db: Path, workers: int) -> subprocess.Popen:
    return subprocess.Popen([*NEWSEVENTS, "code", str(corpus), "--db", str(db), "--workers", str(workers), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def snapshot(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {table: con.execute(sql).fetchall() for table, sql in SNAPSHOT.items()}


def stored(db: Path) -> tuple[int, int]:
    """(documents, distinct document ids) in a store, or (0, 0) if none was created yet."""
    if not db.exists():
        return 0, 0
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--limit", type=int, default=None, help="first N lines of the corpus only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2021)
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} is absent: put ../shared beside the checkout or pass --corpus")
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="newsevents-kill-"))
    corpus = args.corpus
    if args.limit:
        corpus = work / "corpus.jsonl"
        with args.corpus.open(encoding="utf-8") as source:
            corpus.write_text("".join(itertools.islice(source, args.limit)), encoding="utf-8")
    reference_db = work / "reference.duckdb"
    start = time.perf_counter()
    code(corpus, reference_db, args.workers).wait()
    full = time.perf_counter() - start
    reference = snapshot(reference_db)
    total = len(reference["documents"])
    print(f"reference: {total} documents, {len(reference['events'])} events in {full:.1f} s")
    failures = 0
    for run in range(1, args.runs + 1):
        db = work / f"run{run}.duckdb"
        delay = rng.uniform(0.5, full)
        process = code(corpus, db, args.workers)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        at_kill, _ = stored(db)
        code(corpus, db, args.workers).wait()
        documents, distinct = stored(db)
        same = snapshot(db) == reference
        failures += not (same and documents == distinct == total)
        print(f"run {run:2}: killed after {delay:5.1f} s with {at_kill:5} stored; after the re-run {documents} "
              f"documents, {documents - distinct} stored twice, {total - distinct} lost, "
              f"store {'identical' if same else 'DIFFERENT'}")
    shutil.rmtree(work)
    print(f"{args.runs - failures} of {args.runs} runs recovered exactly")
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
