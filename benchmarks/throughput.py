"""Throughput: the full newsevents pipeline against bare spaCy parsing of the same documents, same run.

    python benchmarks/throughput.py [--corpus ../shared/data/corpus/newswire.jsonl] [--limit N] [--event-model]

Prints documents/second and tokens/second for both, and the pipeline's cost over bare parsing.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from newsevents.engines.local import WorkerPool
from newsevents.model import Document
from newsevents.process import DEFAULT_BATCH_SIZE, Coder
from newsevents.readers import read_path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "newswire.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    parser.add_argument("--model", default=None)
    parser.add_argument("--event-model", action="store_true", help="code with the trained event model too")
    parser.add_argument("--rounds", type=int, default=2, help="alternate bare and full this many times")
    parser.add_argument("--workers", default="", help="also time the local engine's worker pool with these "
                                                      "process counts, e.g. 1,2: a cold pass (start-up included), "
                                                      "then a warm one")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} is absent: put ../shared beside the checkout or pass --corpus")
    documents = [d for d in read_path(str(args.corpus)) if isinstance(d, Document)][: args.limit]
    coder = Coder.load(args.model)
    if args.event_model:
        coder = Coder(coder.nlp, coder.lexicon.with_event_model())
    coder.code_document(documents[0])  # warm up: lexicon index, gazetteer, model
    texts = [d.text for d in documents]
    tokens = sum(len(doc) for doc in coder.nlp.tokenizer.pipe(texts))
    bare, full = [], []
    for _ in range(args.rounds):  # alternate, so that drift of the machine hits both alike
        start = time.perf_counter()
        for _doc in coder.nlp.pipe(texts, batch_size=DEFAULT_BATCH_SIZE):
            pass
        bare.append(time.perf_counter() - start)
        start = time.perf_counter()
        events = sum(len(r.events) for r in coder.code_batch(documents) if hasattr(r, "events"))
        full.append(time.perf_counter() - start)
    bare_s, full_s = min(bare), min(full)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"documents: {len(documents)}   tokens: {tokens:,}   events: {events:,}   model: {coder.nlp.meta['name']}")
    for label, seconds in (("bare spaCy parse", bare_s), ("full pipeline", full_s)):
        rate = len(documents) / seconds
        print(f"{label:17}: {rate:8.1f} docs/s  {tokens / seconds:10,.0f} tokens/s  ({seconds:.1f} s)")
    print(f"pipeline cost over bare parsing: {100 * (full_s / bare_s - 1):+.1f} %   (best of {args.rounds} rounds)")
    print(f"peak memory: {peak_mb:,.0f} MB (this process)")
    rates = {}
    for workers in (int(w) for w in args.workers.split(",") if w):
        start = time.perf_counter()
        with WorkerPool(workers, coder.lexicon, args.model) as pool:
            for _result in pool.code(documents, DEFAULT_BATCH_SIZE):
                pass
            cold = time.perf_counter() - start
            start = time.perf_counter()
            for _result in pool.code(documents, DEFAULT_BATCH_SIZE):
                pass
            rates[workers] = len(documents) / (time.perf_counter() - start)
        speedup = f"  ({rates[workers] / rates[1]:.2f}x one worker)" if 1 in rates and workers != 1 else ""
        print(f"local engine, {workers} worker(s): {rates[workers]:8.1f} docs/s warm{speedup};"
              f"  cold pass with start-up {len(documents) / cold:.1f} docs/s ({cold:.1f} s)")
    if rates:
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak memory of the largest worker process: {child_mb:,.0f} MB")

if __name__ == "__main__":
    main()
