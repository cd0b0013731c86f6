"""newsevents evaluate petrarch: records read leniently, scored per record, on a records file we wrote."""

import datetime as dt
import json
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.errors import LexiconWarning
from newsevents.evaluate.petrarch import evaluate, read_records, score
from newsevents.model import Actor, CodedDocument, Document, Event, Trigger
from tests.conftest import SHARED, needs_shared

DATA = Path(__file__).parent / "data" / "petrarch"
RECORDS = DATA / "records.xml"
VALIDATE = SHARED / "data" / "petrarch" / "validate" / "PETR_Validate_records_2_02.xml"


def test_petrarch_records_are_read_leniently():
    files, included, records = read_records(RECORDS)
    assert files["verbs"] == [(DATA / "verbs.txt").resolve()] and files["actors"] == [(DATA / "actors.txt").resolve()]
    assert included == ["BASIC", "AGENT"]
    assert [r.id for r in records] == ["BASIC-01", "BASIC-02", "AGENT-01", "CROQUET-01", "BASIC-03"]
    first, second, agent, croquet, unevaluated = records
    assert first.text == "Freedonia condemned Sylvania on Monday." and first.date == dt.date(1933, 1, 1)
    assert second.expected == (("GFW", "SYL", "051"), ("GFW", "FRE", "051"))
    assert (agent.note, agent.expected) == ("noevents", ())
    assert (croquet.category, croquet.note) == ("CROQUET", "sentencediscard")  # no category: the id's prefix
    assert not unevaluated.evaluate


def _event(source: str, target: str | None, code: str) -> Event:
    def actor(c):
        return Actor(span=None, text=c, code=c)

    return Event(id=f"{source}{target}{code}", sentence=0, sentence_span=(0, 1), source=actor(source),
                 target=actor(target) if target else None, code=code, root=code[:2], quad_class=1, goldstein=0.0,
                 plover=None, date=None, date_text=None, location=None, negated=False, mode="asserted",
                 confidence=0.5, trigger=Trigger(span=(0, 1), text="x"), rule="t")


def test_petrarch_score_counts_a_duplicated_event_once_and_extra_needs_a_dyad():
    coded = CodedDocument(document=Document(doc_id="d", text="x"), events=(
        _event("A", "B", "050"), _event("A", "B", "050"), _event("A", "C", "050"), _event("A", None, "010")))
    found, missing, extra = score((("A", "B", "050"), ("B", "A", "050")), coded)
    assert (found, missing, extra) == (1, [("B", "A", "050")], [("A", "C", "050")])


@pytest.fixture(scope="module")
def report(coder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LexiconWarning)
        return evaluate(RECORDS, coder=coder)


def test_petrarch_evaluate_scores_found_and_extra_per_record(report):
    metrics = report.metrics
    assert (metrics["records"], metrics["expected"], metrics["found"]) == (4, 3, 2)
    assert metrics["found_share"] == round(2 / 3, 4)
    assert metrics["extra"] == 1 and metrics["extra_per_record"] == 0.25  # "Freedonian troops praised ..."
    rows = {row["category"]: row for row in report.breakdown}
    assert rows["BASIC"]["found"] == 2 and rows["BASIC"]["expected"] == 3
    assert rows["AGENT"]["extra"] == 1 and rows["CROQUET"]["extra"] == 0  # the discard word stops the sentence
    assert rows["included: BASIC AGENT"]["records"] == 3


def test_petrarch_evaluate_lists_misses_with_their_sentences(report):
    misses = {m["id"]: m for m in report.misses}
    assert set(misses) == {"BASIC-02", "AGENT-01"}
    assert misses["BASIC-02"]["missing"] == "GFW/FRE/051" and misses["BASIC-02"]["sentence"].startswith("Grand")
    assert misses["AGENT-01"]["extra"] == "FREMIL/SYL/051" and misses["AGENT-01"]["note"] == "noevents"


def test_petrarch_cli():
    result = runner_invoke(["evaluate", "petrarch", str(RECORDS), "--json", "--limit", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{"):])
    assert report["task"] == "petrarch" and report["metrics"]["records"] == 2


def runner_invoke(args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return CliRunner().invoke(app, args)


@needs_shared(VALIDATE)
def test_petrarch_validation_suite_runs(coder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LexiconWarning)
        report = evaluate(VALIDATE, coder=coder)
    assert report.metrics["records"] == 158 and report.metrics["expected"] > 150
    assert report.metrics["found"] > 0
