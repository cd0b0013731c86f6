"""Train the event model on ConfliBERT's sentences (their tuning part only), reproducibly, in a minute on a CPU.

    newsevents train [--data ../shared/data/conflibert] [--out src/newsevents/data/models/events.npz]

Two logistic regressions (scikit-learn, needed here only): the five-way class of a sentence, and, over the
candidate dyads the rules' syntax proposes (a subject's actor, an object slot's actor), whether a candidate is
the sentence's reported pair. The CAMEO root of a class comes from the rules' own events on the same sentences.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.errors import NewsEventsError
from newsevents.evaluate.conflibert import NEWS_DAY, Sentence, gold_pair, read_sentences
from newsevents.learn.features import Features, dyad_features, sentence_features
from newsevents.learn.linear import LinearModel
from newsevents.learn.model import CLASSES, EventModel, root_class
from newsevents.lexicons import Lexicon
from newsevents.nlp import load_nlp
from newsevents.pipeline.actors import resolve_actors
from newsevents.pipeline.events import EventCoder
from newsevents.pipeline.tokens import token_at

NAME = "conflibert-linear"
VERSION = "1"
SEED = 13
LICENCE = ("GPL-3.0: trained on ConfliBERT's data (github.com/eventdata/ConfliBERT, data/cameo_class and "
           "data/cameo_ner, train parts); this model is derived from it")
REGULARISATION = (0.1, 0.3, 1.0, 3.0)  # inverse strengths tried, by cross-validation on the training sentences
# The dyad threshold: the lowest at which the cross-validated precision of the best candidate reaches this.
MIN_PRECISION = 0.7


@dataclass
class Examples:
    class_rows: list[Features] = field(default_factory=list)
    class_labels: list[int] = field(default_factory=list)
    dyad_rows: list[Features] = field(default_factory=list)
    dyad_labels: list[int] = field(default_factory=list)
    dyad_groups: list[int] = field(default_factory=list)  # the sentence each candidate belongs to
    roots: dict[int, Counter[tuple[str, str]]] = field(default_factory=lambda: defaultdict(Counter))
    triggers: set[str] = field(default_factory=set)  # the verbs of the reported pairs


def examples(sentences: Iterable[Sentence], lexicon: Lexicon, model: str | None = None) -> Examples:
    """Features and labels of every sentence and of every candidate dyad in the tagged ones."""
    nlp = load_nlp(model)
    phrases = lexicon.phrase_index(nlp.tokenizer)
    found = Examples()
    sentences = list(sentences)
    for number, (sentence, doc) in enumerate(zip(sentences, nlp.pipe(s.text for s in sentences), strict=True)):
        actors = resolve_actors(doc, lexicon, phrases, NEWS_DAY)
        coder = EventCoder(doc, lexicon, actors, f"train{number}", [], [], [])
        found.class_rows.append(sentence_features(doc[:]))
        found.class_labels.append(sentence.label)
        for event in coder.code():
            trigger = token_at(doc, event.trigger.span[0])
            if trigger is not None and root_class(event.root) == sentence.label:
                found.roots[sentence.label][(trigger.lemma_.lower(), event.root)] += 1
        if not sentence.tagged:
            continue
        for sent in doc.sents:
            for verb, source, target, how in coder.open_dyads(sent):
                found.dyad_rows.append(dyad_features(doc, verb, source.mention, target.mention, source.direct, how))
                reported = gold_pair(source.mention.actor, target.mention.actor, sentence)
                found.dyad_labels.append(int(reported))
                if reported:
                    found.triggers.add(verb.lemma_.lower())
                found.dyad_groups.append(number)
    return found


def _fit(rows: Sequence[Features], labels: Sequence[int], c: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(rows)
    fitted = LogisticRegression(C=c, max_iter=3000, random_state=SEED).fit(x, labels)
    names = list(vectorizer.get_feature_names_out())
    return LinearModel(labels=tuple(str(label) for label in fitted.classes_),
                       vocabulary={name: i for i, name in enumerate(names)},
                       weights=fitted.coef_.T.astype(np.float32), bias=fitted.intercept_.astype(np.float32))


def _folds(groups: Sequence[int], k: int = 5) -> list[np.ndarray]:
    """k folds of row indexes, a group (a sentence) never split across folds, fixed by a hash of the group."""
    fold = np.array([int(hashlib.sha1(str(g).encode()).hexdigest()[:8], 16) % k for g in groups])
    return [np.flatnonzero(fold == i) for i in range(k)]


def _cross_validated(rows: Sequence[Features], labels: Sequence[int], groups: Sequence[int], c: float) -> np.ndarray:
    """Every row's probabilities from a model fitted without its fold."""
    column = {str(label): n for n, label in enumerate(sorted(set(labels)))}
    out = np.zeros((len(rows), len(column)))
    everything = np.arange(len(rows))
    for held in _folds(groups):
        kept = np.setdiff1d(everything, held)
        model = _fit([rows[i] for i in kept], [labels[i] for i in kept], c)
        # A fold may lack a label the others have: each of the model's labels goes to its own column.
        out[np.ix_(held, [column[label] for label in model.labels])] = model.probabilities([rows[i] for i in held])
    return out


def _threshold(p: np.ndarray, labels: Sequence[int], groups: Sequence[int]) -> tuple[float, float, float]:
    """The lowest probability at which the best candidate of each sentence is right often enough, with its
    cross-validated precision and the share of sentences it finds the pair in."""
    best: dict[int, int] = {}
    for i, group in enumerate(groups):
        if group not in best or p[i] > p[best[group]]:
            best[group] = i
    chosen = sorted(best.values(), key=lambda i: -p[i])
    sentences_with_pair = len({g for g, y in zip(groups, labels, strict=True) if y}) or 1
    threshold, precision, recall = 0.5, 0.0, 0.0
    for t in np.arange(0.95, 0.05, -0.05):
        kept = [i for i in chosen if p[i] >= t]
        if kept and (right := sum(labels[i] for i in kept)) / len(kept) >= MIN_PRECISION:
            threshold, precision, recall = float(t), right / len(kept), right / sentences_with_pair
    return round(threshold, 2), precision, recall


def train(data: Path, lexicon: Lexicon, model: str | None = None, parts: tuple[str, ...] = ("tune",),
          sentences: Sequence[Sentence] | None = None) -> EventModel:
    """Fit the event model on the given parts of ConfliBERT's sentences (or on ``sentences``)."""
    chosen = list(sentences) if sentences is not None else [s for s in read_sentences(data) if s.part in parts]
    found = examples(chosen, lexicon, model)
    if len(set(found.class_labels)) < 2 or set(found.dyad_labels) != {0, 1}:
        raise NewsEventsError("training needs sentences of two classes or more, and among their candidate dyads "
                              "both reported pairs and others")
    class_groups = list(range(len(found.class_rows)))
    accuracy = {}
    for c in REGULARISATION:
        p = _cross_validated(found.class_rows, found.class_labels, class_groups, c)
        accuracy[c] = float(np.mean(np.argmax(p, axis=1) == np.array(found.class_labels)))
    class_c = max(REGULARISATION, key=lambda c: (accuracy[c], -c))
    dyad_p = _cross_validated(found.dyad_rows, found.dyad_labels, found.dyad_groups, 1.0)[:, 1]
    threshold, precision, recall = _threshold(dyad_p, found.dyad_labels, found.dyad_groups)
    roots: dict[str, dict[str, str]] = {}
    for label, counts in found.roots.items():
        by_verb: dict[str, Counter[str]] = defaultdict(Counter)
        for (verb, root), n in counts.items():
            by_verb[verb][root] += n
            by_verb[""][root] += n
        roots[str(label)] = {verb: c.most_common(1)[0][0] for verb, c in sorted(by_verb.items())}
    nlp = load_nlp(model)
    about: dict[str, Any] = {
        "name": NAME, "version": VERSION, "licence": LICENCE, "classes": list(CLASSES),
        "trained_on": f"{len(chosen)} sentences ({', '.join(parts)} part: newsevents.evaluate.split), "
                      f"{len(found.dyad_rows)} candidate dyads",
        "spacy_pipeline": f"{nlp.meta['name']} {nlp.meta['version']}",
        "class_regularisation": class_c, "cross_validated_class_accuracy": round(accuracy[class_c], 3),
        "threshold": threshold, "cross_validated_dyad_precision": round(precision, 3),
        "cross_validated_dyad_recall": round(recall, 3), "roots": roots, "triggers": sorted(found.triggers),
    }
    return EventModel(classes=_fit(found.class_rows, found.class_labels, class_c),
                      dyads=_fit(found.dyad_rows, found.dyad_labels, 1.0), about=about)
