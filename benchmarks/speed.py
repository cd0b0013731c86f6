"""Speed of whole runs, as a user waits for them: bare spaCy parsing against `newsevents code` with one
and with two workers, on the same reports, each on a fresh store, in one process tree and one run.

    python benchmarks/speed.py [--corpus ../shared/data/corpus/newswire.jsonl] [--scaling 300] [--bare 200]
                               [--rounds 3] [--cmp-all]

Every timed run is a whole process (start-up, reading, the store, the JSON Lines included):
- bare: a Python process that loads the same spaCy pipeline and runs ``nlp.pipe`` (batch 64) over the texts;
- code: ``newsevents code REPORTS --db FRESH --workers N --format jsonl --out OUT -q``.
Runs alternate, so that drift of the machine hits each alike; the median of ``--rounds`` is reported.
Peak memory is each process's high-water resident set, sampled from /proc while it runs.
``--cmp-all`` also codes the whole corpus with one and with two workers and compares the outputs byte for byte.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from newsevents.nlp import default_model

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "newswire.jsonl"
NEWSEVENTS = [sys.executable, "-c", "from newsevents.cli import main; main()"]
BARE = """
import json, sys, spacy
nlp = spacy.load(sys.argv[1])
texts = [json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
for _ in nlp.pipe(texts, batch_size=64):
    pass
"""


def timed(command: list[str]) -> tuple[float, list[float]]:
    """Wall seconds of the command, and the peak resident MB of each process of its tree."""
    start = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL)
    peaks: dict[int, float] = {}
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for member in tree:
            with contextlib.suppress(psutil.NoSuchProcess):  # it ended between the listing and the reading
                peaks[member.pid] = max(peaks.get(member.pid, 0.0), member.memory_info().rss / 2**20)
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"{' '.join(command[:4])}... failed with exit code {process.returncode}")
    return seconds, sorted(peaks.values(), reverse=True)


def code_command(reports: Path, work: Path, workers: int, tag: str) -> list[str]:
    store = work / f"{tag}.duckdb"
    for stale in (store, store.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)  # a fresh store each run: nothing skipped as already coded
    return [*NEWSEVENTS, "code", str(reports), "--db", str(store), "--workers", str(workers),
            "--format", "jsonl", "--out", str(work / f"{tag}.jsonl"), "-q"]


def first_reports(corpus: Path, n: int, path: Path) -> Path:
    with corpus.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        out.writelines(line for _, line in zip(range(n), lines, strict=False))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--scaling", type=int, default=300, help="reports for one against two workers")
    parser.add_argument("--bare", type=int, default=200, help="reports for one worker against bare parsing")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--model", default=None, help="spaCy pipeline [default: the one newsevents uses]")
    parser.add_argument("--cmp-all", action="store_true", help="also compare 1- and 2-worker output on the corpus")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} is absent: put ../shared beside the checkout or pass --corpus")
    model = args.model or default_model()
    with tempfile.TemporaryDirectory(prefix="newsevents-speed-") as tmp:
        work = Path(tmp)
        small = first_reports(args.corpus, args.bare, work / "bare.jsonl")
        large = first_reports(args.corpus, args.scaling, work / "scaling.jsonl")
        runs: dict[str, list[tuple[float, list[float]]]] = {}
        plan = {
            f"bare spaCy parse, {args.bare}": lambda: [sys.executable, "-c", BARE, model, str(small)],
            f"code 1 worker, {args.bare}": lambda: code_command(small, work, 1, "small1"),
            f"code 1 worker, {args.scaling}": lambda: code_command(large, work, 1, "large1"),
            f"code 2 workers, {args.scaling}": lambda: code_command(large, work, 2, "large2"),
        }
        for _ in range(args.rounds):  # alternate the kinds of run
            for label, command in plan.items():
                runs.setdefault(label, []).append(timed(command()))
        print(f"model {model}; median of {args.rounds} rounds; {psutil.cpu_count()} cores")
        median = {label: statistics.median(s for s, _ in results) for label, results in runs.items()}
        for label, results in runs.items():
            n = int(label.rsplit(", ", 1)[1])
            peaks = max((p for _, p in results), key=len)
            print(f"{label:28}: {median[label]:6.2f} s  {n / median[label]:6.1f} docs/s   "
                  f"peak MB per process {', '.join(f'{p:.0f}' for p in peaks)}")
        one, two = median[f"code 1 worker, {args.scaling}"], median[f"code 2 workers, {args.scaling}"]
        bare = median[f"bare spaCy parse, {args.bare}"]
        print(f"2 workers / 1 worker ({args.scaling} reports): {one / two:.2f}x the docs/s   (aim >= 1.7)")
        print(f"1 worker / bare parsing ({args.bare} reports): {median[f'code 1 worker, {args.bare}'] / bare:.2f}x "
              "the time   (aim <= 1.15)")
        same = filecmp.cmp(work / "large1.jsonl", work / "large2.jsonl", shallow=False)
        print(f"1- and 2-worker output identical on {args.scaling} reports: {same}")
        if args.cmp_all:
            for workers in (1, 2):
                timed(code_command(args.corpus, work, workers, f"all{workers}"))
            same = filecmp.cmp(work / "all1.jsonl", work / "all2.jsonl", shallow=False)
            print(f"1- and 2-worker output identical on the whole corpus: {same}")


if __name__ == "__main__":
    main()
