"""The event coder on ConfliBERT's real news sentences, through the whole pipeline, on the tuning part and on the
check part (fixed by a hash; the model trains on the tuning part only).

    python benchmarks/events_conflibert.py [--data ../shared/data/conflibert]

Prints, for the patterns alone and with the trained event model (``code --event-model``), for each part:
gold-dyad recall (an event whose source lies on the gold source span and whose target lies on the gold target
span, or both on reciprocal parties), the five-way class accuracy of the best event, the precision of dyadic
events (their pair is the gold pair), and the share of sentences with no event.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsevents.evaluate.conflibert import NEWS_DAY, Score, read_sentences
from newsevents.model import CodedDocument
from newsevents.process import Coder
from newsevents.readers import document_from_text

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "conflibert"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    if not args.data.exists():
        raise SystemExit(f"{args.data} is absent: put ../shared beside the checkout or pass --data")
    sentences = read_sentences(args.data)
    rules = Coder.load()
    documents = [document_from_text(s.text, date=NEWS_DAY.isoformat(), doc_id=f"s{i}") for i, s in enumerate(sentences)]
    print(f"{'coder':13} {'part':6} {'sentences':>9} {'dyad recall':>11} {'class acc':>9} {'dyadic prec':>11} "
          f"{'no event':>8}")
    for name, coder in (("rules", rules), ("rules + model", Coder(rules.nlp, rules.lexicon.with_event_model()))):
        scores = {"tune": Score(), "check": Score()}
        for sentence, coded in zip(sentences, coder.code_batch(documents), strict=True):
            assert isinstance(coded, CodedDocument), coded
            scores[sentence.part].add(sentence, list(coded.events))
        for part, score in scores.items():
            f = score.figures()
            print(f"{name:13} {part:6} {f['sentences']:9d} {f['gold_dyad_recall']:11.3f} {f['class_accuracy']:9.3f} "
                  f"{f['dyadic_precision']:11.3f} {f['no_event']:8.3f}")


if __name__ == "__main__":
    main()
