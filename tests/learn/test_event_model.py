"""The trained event model: arrays that score as scikit-learn does, a tiny model trained end to end on sentences
we wrote, the shipped model filling what the rules miss, and the switches that turn it off or filter it."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.evaluate.conflibert import Sentence, gold_pair, read_sentences
from newsevents.learn.features import sentence_features
from newsevents.learn.model import CLASS_ROOTS, CLASSES, EventModel, root_class
from newsevents.learn.train import _fit, train
from newsevents.lexicons import default_lexicon
from newsevents.model import Actor
from newsevents.process import Coder
from newsevents.readers import document_from_text

runner = CliRunner()
FILLED = "Germany handed Poland a list of grievances."  # no pattern of ours codes 'hand' as an act towards Poland


def written(text: str, label: int, source: str, target: str) -> Sentence:
    """A sentence we wrote, its source and target marked by their words."""
    spans = {"S": ((text.index(source), text.index(source) + len(source)),),
             "T": ((text.index(target), text.index(target) + len(target)),), "R": ()}
    return Sentence(text, label, spans)


# Four sentences a class or more, each with its reported pair.
TINY = [
    written("Sweden said Norway was a close friend.", 0, "Sweden", "Norway"),
    written("Chile urged Peru to reopen the border.", 0, "Chile", "Peru"),
    written("Kenya appealed to Uganda for calm.", 0, "Kenya", "Uganda"),
    written("Ghana asked Togo to explain the delay.", 0, "Ghana", "Togo"),
    written("Spain praised Portugal for its help.", 1, "Spain", "Portugal"),
    written("Finland agreed to talks with Estonia.", 1, "Finland", "Estonia"),
    written("Austria welcomed Hungary's offer of talks.", 1, "Austria", "Hungary"),
    written("Brazil met Argentina to discuss trade.", 1, "Brazil", "Argentina"),
    written("Japan sent aid to Vietnam after the floods.", 2, "Japan", "Vietnam"),
    written("France gave Mali two helicopters.", 2, "France", "Mali"),
    written("Canada lifted its sanctions on Cuba.", 2, "Canada", "Cuba"),
    written("Italy released the Tunisian fishermen.", 2, "Italy", "Tunisian"),
    written("India condemned Pakistan over the raid.", 3, "India", "Pakistan"),
    written("Greece accused Turkey of violating its airspace.", 3, "Greece", "Turkey"),
    written("Serbia rejected Croatia's demand.", 3, "Serbia", "Croatia"),
    written("Morocco threatened Algeria with retaliation.", 3, "Morocco", "Algeria"),
    written("Israel bombed Syria overnight.", 4, "Israel", "Syria"),
    written("Sudan attacked Chad near the border.", 4, "Sudan", "Chad"),
    written("Armenia shelled Azerbaijan for a second day.", 4, "Armenia", "Azerbaijan"),
    written("Ethiopia seized Eritrean soldiers at the border.", 4, "Ethiopia", "Eritrean"),
    # A third party beside the pair: a candidate that is not the reported one.
    written("Poland thanked Lithuania for its support against Belarus.", 1, "Poland", "Lithuania"),
    written("Iran accused Iraq of helping Kuwait.", 3, "Iran", "Iraq"),
    written("Nigeria sent troops to Niger to fight rebels from Libya.", 2, "Nigeria", "Niger"),
    written("Qatar criticised Egypt over its ties with Oman.", 3, "Qatar", "Egypt"),
]


def test_root_classes_cover_every_root_once():
    roots = [root for group in CLASS_ROOTS for root in group]
    assert sorted(roots) == [f"{n:02d}" for n in range(1, 21)]
    assert root_class("19") == CLASSES.index("material conflict") and root_class("04") == 1


def test_linear_model_scores_as_scikit_learn_does():
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(3)
    rows = [{f"w{j}": float(rng.integers(0, 3)) for j in range(6) if rng.random() < 0.6} for _ in range(60)]
    for labels in ([int(sum(r.values()) > 3) for r in rows], [len(r) % 3 for r in rows]):
        ours = _fit(rows, labels, 1.0)
        vectorizer = DictVectorizer()
        theirs = LogisticRegression(C=1.0, max_iter=3000, random_state=13).fit(vectorizer.fit_transform(rows), labels)
        unseen = [{"w1": 2.0, "w4": 1.0, "never seen": 5.0}, {}]
        expected = theirs.predict_proba(vectorizer.transform(unseen))
        assert np.allclose(ours.probabilities(unseen), expected, atol=1e-5)


def test_a_tiny_model_trains_end_to_end_and_round_trips(tmp_path, coder):
    model = train(tmp_path, default_lexicon(), sentences=TINY)
    assert model.rule == "model:conflibert-linear@1"
    assert model.about["trained_on"].startswith("24 sentences") and "GPL-3.0" in model.about["licence"]
    assert 0.05 <= model.threshold <= 0.95
    features = sentence_features(coder.nlp("Kosovo bombed Albania.")[:])
    assert CLASSES[model.event_class(features)[0]] == "material conflict"  # it learnt the verbs of its classes
    path = tmp_path / "events.npz"
    model.save(path)
    loaded = EventModel.load(path)
    assert loaded.about == model.about
    assert np.allclose(loaded.classes.probabilities([features]), model.classes.probabilities([features]))
    again = tmp_path / "again.npz"
    train(tmp_path, default_lexicon(), sentences=TINY).save(again)
    assert again.read_bytes() == path.read_bytes()  # reproducible, byte for byte


def test_a_broken_model_file_is_a_clear_error(tmp_path):
    broken = tmp_path / "events.npz"
    broken.write_bytes(b"not an archive")
    with pytest.raises(Exception, match="not an event model"):
        EventModel.load(broken)


def test_the_shipped_model_fills_a_sentence_the_rules_miss(coder, code):
    document = document_from_text(FILLED, date="2021-05-01")
    assert not [e for e in code(FILLED, "2021-05-01").events if e.target is not None]  # rules alone, by default
    lexicon = coder.lexicon.with_event_model()
    assert coder.lexicon.event_model is None and lexicon.version != coder.lexicon.version
    [event] = [e for e in Coder(coder.nlp, lexicon).code_document(document).events if e.target is not None]
    assert (event.source.code, event.target.code) == ("DEU", "POL")
    assert event.rule == lexicon.event_model.rule and 0 < event.confidence < 1
    assert event.trigger.text == "handed" and event.code == event.root + "0"


def test_joint_subjects_are_not_made_to_fight_each_other(coder):
    with_model = Coder(coder.nlp, coder.lexicon.with_event_model())
    coded = with_model.code_document(document_from_text("Russia and China condemned the sanctions.", date="2021-05-01"))
    assert not [e for e in coded.events if e.target is not None]


def test_code_no_model_and_min_confidence(tmp_path):
    (tmp_path / "a.txt").write_text(f"date 2021-05-01 {FILLED}")
    rule_events = []
    for options in (["--event-model"], [], ["--event-model", "--min-confidence", "0.99"]):
        out = tmp_path / "out.jsonl"
        db = tmp_path / f"s{len(rule_events)}.duckdb"
        result = runner.invoke(app, ["code", str(tmp_path / "a.txt"), "--db", str(db), "--format", "jsonl",
                                     "--out", str(out), *options])
        assert result.exit_code == 0, result.output
        [record] = [json.loads(line) for line in out.read_text().splitlines()]
        rule_events.append([e["rule"] for e in record["events"]])
    with_model, without, confident = rule_events
    assert any(r.startswith("model:") for r in with_model)
    assert not any(r.startswith("model:") for r in without)
    assert confident == []


def test_events_min_confidence(tmp_path):
    (tmp_path / "a.txt").write_text("date 2021-05-01 Venezuela expelled the Colombian ambassador. " + FILLED)
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["code", str(tmp_path), "--db", str(db), "-q", "--event-model"]).exit_code == 0
    listed = {}
    for least in ("0", "0.8"):
        result = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl", "--min-confidence", least])
        assert result.exit_code == 0, result.output
        listed[least] = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(r["confidence"] >= 0.8 for r in listed["0.8"])
    assert 0 < len(listed["0.8"]) < len(listed["0"])


def test_conflibert_reader_aligns_tags_through_spelling_differences(tmp_path):
    (tmp_path / "train.tsv").write_text("Peru’s army shelled Chile.\t4\nNobody tagged this one.\t0\n")
    tagged = ["Peru B-S", "'s I-S", "army I-S", "shelled O", "Chile B-T", ". O"]
    (tmp_path / "ner_train.txt").write_text("\n".join(tagged) + "\n\n")
    first, second = read_sentences(tmp_path)
    assert first.label == 4 and first.text[slice(*first.parties["S"][0])] == "Peru’s army"
    assert first.text[slice(*first.parties["T"][0])] == "Chile"
    assert not second.tagged and second.part in {"tune", "check"}
    peru, chile = (Actor(text=t, code=c, span=(first.text.index(t), first.text.index(t) + len(t)))
                   for t, c in (("Peru", "PER"), ("Chile", "CHL")))
    assert gold_pair(peru, chile, first) and not gold_pair(chile, peru, first)
