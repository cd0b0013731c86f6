"""The TempEval-3 harness on two tiny TimeML files we wrote (tests/evaluate/data/timex), publication 2021-11-29.

council.tml holds six gold expressions: four the tagger gets right ("Friday", "three days", "weekly",
and "in December", whose span it reads as "December"), one whose value it normalises otherwise
("last month": 2021-10 against the gold 2021-10-XX) and one it cannot find ("the flood year"); it
also tags "yesterday", which the gold leaves out. quiet.tml holds one expression, found and right.
"""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.evaluate.timex import evaluate, read_tml
from tests.conftest import SHARED, needs_shared

DATA = Path(__file__).parent / "data" / "timex"
TEMPEVAL = SHARED / "data" / "tempeval3"


def test_timex_reads_text_offsets_and_creation_time():
    gold = read_tml(DATA / "council.tml")
    assert gold.dct.isoformat() == "2021-11-29"
    assert "&" in gold.text and "<" not in gold.text  # entities decoded, tags stripped
    assert [gold.text[t.start:t.end] for t in gold.timexes] == [
        "Friday", "in December", "three days", "weekly", "last month", "the flood year"]
    assert [t.type for t in gold.timexes] == ["DATE", "DATE", "DURATION", "SET", "DATE", "DATE"]
    assert read_tml(DATA / "quiet.tml").dct.isoformat() == "2021-11-29"  # a TIME value, cut to its day


def test_timex_metrics_on_one_document(coder):
    report = evaluate(DATA / "council.tml", coder=coder)
    m = report.metrics
    assert (m["documents"], m["gold"], m["predicted"]) == (1, 6, 6)  # the creation time is not scored
    assert (m["relaxed_precision"], m["relaxed_recall"], m["relaxed_f1"]) == (0.8333, 0.8333, 0.8333)
    assert m["strict_f1"] == 0.6667  # "December" overlaps "in December" but is not the same span
    assert (m["value_precision"], m["value_recall"], m["value_f1"]) == (0.6667, 0.6667, 0.6667)
    assert m["type_accuracy"] == 1.0
    rows = {row["type"]: row for row in report.breakdown}
    assert (rows["DATE"]["gold"], rows["DATE"]["relaxed_r"], rows["DATE"]["value_f1"]) == (4, 0.75, 0.5)
    assert rows["DURATION"]["value_f1"] == rows["SET"]["value_f1"] == 1.0
    assert rows["TIME"]["gold"] == 0
    misses = {(x["kind"], x["gold_text"], x["predicted_text"]) for x in report.misses}
    assert misses == {("value", "last month", "last month"), ("missed", "the flood year", None),
                      ("spurious", None, "yesterday")}
    value = next(x for x in report.misses if x["kind"] == "value")
    assert (value["gold"], value["predicted"]) == ("2021-10-XX", "2021-10")
    assert value["sentence"] == "The treasurer resigned last month, and her deputy left yesterday."


def test_timex_folder_and_limit(coder):
    both = evaluate(DATA, coder=coder).metrics
    assert (both["documents"], both["gold"], both["predicted"]) == (2, 7, 7)
    assert both["value_f1"] == 0.7143
    assert evaluate(DATA, coder=coder, limit=1).metrics["documents"] == 1


def test_timex_command_prints_the_report_as_json():
    result = CliRunner().invoke(app, ["evaluate", "timex", str(DATA), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["task"] == "timex" and report["metrics"]["value_f1"] == 0.7143


@pytest.mark.slow
@needs_shared(TEMPEVAL)
def test_timex_on_tempeval3(coder):
    m = evaluate(TEMPEVAL, coder=coder).metrics
    assert m["documents"] == 256
    assert m["relaxed_f1"] >= 0.92 and m["value_f1"] >= 0.80
