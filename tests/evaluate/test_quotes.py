"""newsevents evaluate quotes: PolNeAR standoff read, quotes matched one to one, on a gold folder we wrote."""

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.evaluate.quotes import (
    Attribution,
    evaluate,
    head_word,
    is_direct,
    match,
    read_attributions,
    read_polnear,
    speaker_right,
)
from newsevents.model import Quote
from tests.conftest import SHARED, needs_shared

GOLD = Path(__file__).parent / "data" / "polnear" / "dev"
POLNEAR_DEV = SHARED / "data" / "polnear" / "dev"


def test_quotes_gold_standoff_with_discontinuous_spans_and_no_source():
    ann = ("T1\tContent 0 5;10 15\tab cd\nT2\tCue 6 9\tsaid\nT3\tSource 20 23\tshe\nT4\tContent2 30 35\tmore\n"
           "T5\tAttribution 6 9\tsaid\nE1\tAttribution:T5 Content:T1 Cue:T2 Source:T3 Content2:T4\n"
           "T6\tContent 40 45\tx\nT7\tCue 46 48\tsays\nE2\tAttribution:T6 Content:T6 Cue:T7\nT8\tDiscard 50 52\tzz\n")
    assert read_attributions(ann) == [
        Attribution(content=((0, 5), (10, 15), (30, 35)), source=((20, 23),), cue=((6, 9),)),
        Attribution(content=((40, 45),), source=(), cue=((46, 48),)),
    ]


def test_quotes_gold_folder_one_annotator_per_text_and_dates():
    read = list(read_polnear(GOLD))
    assert [d.doc_id for d, _ in read] == ["wire_2021-11-29_border-closed", "wire_2021-12-01_alliance-ready"]
    first, gold = read[0]
    assert first.date == dt.date(2021, 11, 29) and len(gold) == 4  # annotator aaaa, not bbbb
    content = gold[0].content
    assert [first.text[s:e] for s, e in content] == ["“The border will stay closed,”", "“until the pressure stops.”"]
    assert is_direct(first.text, content) and not is_direct(first.text, gold[1].content)
    assert len(list(read_polnear(GOLD, limit=1))) == 1


def test_quotes_matching_is_one_to_one_by_largest_overlap():
    predicted = [((0, 50),), ((60, 70),), ((100, 110),)]
    gold = [((0, 10),), ((5, 45),), ((65, 80),), ((200, 210),)]
    assert match(predicted, gold) == {0: 1, 1: 2}


def test_quotes_speaker_by_overlap_or_head_word():
    text = "Russian Foreign Minister Sergei Lavrov arrived. Lavrov said so."
    quote = Quote(speaker=None, speaker_span=(48, 54), cue=None, span=(60, 62), text="so", direct=False)
    assert head_word("Russian Foreign Minister Sergei Lavrov") == "lavrov"
    assert head_word("a spokesman for the ministry, who asked not to be named") == "spokesman"
    assert speaker_right(text, quote, ((0, 38),)) and speaker_right(text, quote, ((48, 54),))
    assert not speaker_right(text, quote, ((0, 7),))


def test_quotes_evaluate_on_a_gold_folder(coder):
    report = evaluate(GOLD, coder=coder)
    assert report.task == "quotes"
    metrics = report.metrics
    assert (metrics["documents"], metrics["gold"], metrics["predicted"], metrics["matched"]) == (2, 7, 7, 6)
    assert metrics["overlap_precision"] == round(6 / 7, 4) and metrics["overlap_recall"] == round(6 / 7, 4)
    assert metrics["speaker_accuracy"] == 1.0 and metrics["speaker_scored"] == 5  # one attribution names no source
    rows = {(r["group"], r["value"]): r for r in report.breakdown}
    assert rows[("kind", "direct")]["gold"] == 2 and rows[("kind", "direct")]["recall"] == 1.0
    assert rows[("cue", "according to")]["recall"] == 1.0 and rows[("cue", "other verb")]["recall"] == 0.0
    kinds = [(m["kind"], m["gold"] or m["predicted"], m["sentence"].strip()) for m in report.misses]
    assert kinds == [("missed", "the threat", "Lithuania played down the threat."),
                     ("spurious", "the weather improves", "Officials hope the weather improves.")]


def test_quotes_evaluate_command_prints_the_report():
    result = CliRunner().invoke(app, ["evaluate", "quotes", str(GOLD), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{"):])
    assert report["task"] == "quotes" and report["metrics"]["gold"] == 7


@needs_shared(POLNEAR_DEV)
def test_quotes_evaluate_on_polnear_dev_smoke(coder):
    report = evaluate(POLNEAR_DEV, coder=coder, limit=3)
    assert report.metrics["documents"] == 3 and report.metrics["gold"] > 0
    assert 0.5 < report.metrics["overlap_f1"] <= 1.0


@pytest.mark.slow
@needs_shared(POLNEAR_DEV)
def test_quotes_evaluate_on_polnear_dev_holds_its_level(coder):
    metrics = evaluate(POLNEAR_DEV, coder=coder).metrics
    assert metrics["overlap_f1"] >= 0.80 and metrics["speaker_accuracy"] >= 0.87, metrics
