"""Two lexicons side by side on the same reports: the built-in one and a user's (by default the Phoenix
PETRARCH dictionaries in ../shared/data/petrarch/phoenix).

    python benchmarks/compare_lexicons.py [--lexicon LEXICON.toml] [--limit 300] [--sample 30]

Prints the other lexicon's load time and the lines it skipped (by reason), the coding speed of both
(best of --rounds, alternating), events per report, agreement on the root code where both code the same
sentence, and a random sample of disagreeing sentences with both codings, for a hand check.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
import warnings
from collections import Counter, defaultdict
from pathlib import Path

from newsevents.errors import LexiconWarning
from newsevents.lexicons import default_lexicon
from newsevents.lexicons.config import load_lexicon_file
from newsevents.model import CodedDocument, Document, Event
from newsevents.nlp import load_nlp
from newsevents.process import Coder
from newsevents.readers import read_path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_CORPUS = SHARED / "corpus" / "newswire.jsonl"
PHOENIX = SHARED / "petrarch" / "phoenix"
PHOENIX_TOML = """[petrarch]
verbs = "{dir}/CAMEO.2.0.txt"
actors = ["{dir}/Phoenix.Countries.actors.txt", "{dir}/Phoenix.International.actors.txt",
          "{dir}/Phoenix.MilNonState.actors.txt"]
agents = "{dir}/Phoenix.agents.txt"
discards = "{dir}/Phoenix.discards.txt"
replace_builtin = true
"""


def skipped_reason(message: str) -> str:
    """A warning's reason without its file, line and quoted text, so that like reasons count together."""
    reason = re.sub(r"^\S+?:\d+: ", "", message)
    reason = re.sub(r"'[^']*'|\{[^}]*\}|&\w+|\b\d+\b", "…", reason)
    return reason.split(": …")[0]


def coding(event: Event) -> str:
    source = event.source.code if event.source else "-"
    target = event.target.code if event.target else "-"
    return f"{source} {'not ' if event.negated else ''}{event.code} {target}"


def by_sentence(results: list[CodedDocument]) -> dict[tuple[str, int], list[Event]]:
    sentences: dict[tuple[str, int], list[Event]] = defaultdict(list)
    for result in results:
        for event in result.events:
            sentences[(result.document.doc_id, event.sentence)].append(event)
    return sentences


def timed_run(coder: Coder, documents: list[Document]) -> tuple[float, list[CodedDocument]]:
    start = time.perf_counter()
    results = [r for r in coder.code_batch(documents) if isinstance(r, CodedDocument)]
    return time.perf_counter() - start, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", type=Path, default=None, help="LEXICON.toml (default: the Phoenix set)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300, help="first N documents")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--sample", type=int, default=30, help="disagreements to print")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    toml = args.lexicon
    if toml is None:
        if not PHOENIX.is_dir():
            raise SystemExit(f"{PHOENIX} is absent: put ../shared beside the checkout or pass --lexicon")
        toml = Path(tempfile.mkdtemp(prefix="newsevents-phoenix-")) / "phoenix.toml"
        toml.write_text(PHOENIX_TOML.format(dir=PHOENIX))
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} is absent: put ../shared beside the checkout or pass --corpus")
    documents = [d for d in read_path(str(args.corpus)) if isinstance(d, Document)][: args.limit]

    nlp = load_nlp()
    builtin = Coder(nlp, default_lexicon())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LexiconWarning)
        start = time.perf_counter()
        other = Coder(nlp, load_lexicon_file(toml))
        other.phrases  # noqa: B018 -- the phrase index is part of loading
        load_s = time.perf_counter() - start
    skipped = Counter(skipped_reason(str(w.message)) for w in caught if issubclass(w.category, LexiconWarning))
    print(f"{toml.name}: loaded in {load_s:.1f} s; {sum(skipped.values())} warnings")
    for reason, n in skipped.most_common():
        print(f"  {n:6} × {reason}")

    builtin.code_document(documents[0])  # warm both: gazetteer, indexes
    other.code_document(documents[0])
    times: dict[str, list[float]] = {"built-in": [], "other": []}
    for _ in range(args.rounds):
        seconds, ours = timed_run(builtin, documents)
        times["built-in"].append(seconds)
        seconds, theirs = timed_run(other, documents)
        times["other"].append(seconds)
    best = {name: min(values) for name, values in times.items()}
    print(f"\n{len(documents)} reports of {args.corpus.name}")
    for name, results in (("built-in", ours), ("other", theirs)):
        events = sum(len(r.events) for r in results)
        print(f"{name:9}: {len(documents) / best[name]:6.1f} docs/s   {events:5} events = "
              f"{events / len(documents):.2f} a report")
    print(f"speed of the other lexicon: {100 * (best['built-in'] / best['other'] - 1):+.1f} % against built-in")

    mine, yours = by_sentence(ours), by_sentence(theirs)
    both = sorted(set(mine) & set(yours))
    agree = {key for key in both if {e.root for e in mine[key]} & {e.root for e in yours[key]}}
    print(f"sentences coded: built-in {len(mine)}, other {len(yours)}, both {len(both)}; "
          f"a root in common in {len(agree)} of {len(both)} = {len(agree) / max(len(both), 1):.3f}")
    only = Counter("built-in only" if key in mine else "other only" for key in set(mine) ^ set(yours))
    print(f"coded by one side only: {dict(only)}")

    texts = {r.document.doc_id: r.document.text for r in ours}
    spans = {(r.document.doc_id, e.sentence): e.sentence_span for r in ours + theirs for e in r.events}
    disagreements = [key for key in both if key not in agree] + sorted(set(mine) ^ set(yours))
    rng = random.Random(args.seed)
    print(f"\n{min(args.sample, len(disagreements))} of {len(disagreements)} disagreements "
          f"(random.Random({args.seed})):")
    for key in rng.sample(disagreements, min(args.sample, len(disagreements))):
        start, end = spans[key]
        sentence = " ".join(texts[key[0]][start:end].split())
        print(f"\n[{key[0]} #{key[1]}] {sentence}")
        print(f"   built-in: {'; '.join(coding(e) for e in mine.get(key, [])) or '—'}")
        print(f"   other   : {'; '.join(coding(e) for e in yours.get(key, [])) or '—'}")


if __name__ == "__main__":
    main()
