"""newsevents show: an event with its evidence, by id or by a prefix only it has."""

import csv
import io
import json

from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.cli.show import marked_sentence

runner = CliRunner()


def attack_id(store):
    listed = runner.invoke(app, ["events", "--db", str(store), "--format", "csv", "--plover", "ASSAULT"])
    return next(csv.DictReader(io.StringIO(listed.stdout)))["id"]


def test_show_prints_the_sentence_and_every_part_of_the_record(analyst_store):
    event_id = attack_id(analyst_store)
    shown = runner.invoke(app, ["show", event_id[:-3], "--db", str(analyst_store)], terminal_width=200)
    assert shown.exit_code == 0, shown.output
    for expected in ("Russian forces attacked Ukrainian troops in Kharkiv.", "190 Use conventional military force",
                     "ASSAULT", "RUSMIL", "UKRMIL", "Kharkiv, UKR", "Harbour Post", "https://example.org/d4",
                     "cameo_", "publication date"):
        assert expected in shown.output, expected
    record = json.loads(runner.invoke(app, ["show", event_id, "--db", str(analyst_store), "--format", "json"]).stdout)
    assert record["id"] == event_id and record["sentence_text"].startswith("Russian forces")


def test_show_marks_trigger_actors_and_place_where_they_are():
    sentence = "Russian forces attacked Ukrainian troops in Kharkiv."
    record = {"sentence_span_start": 100, "sentence_text": sentence}
    for field, word in (("trigger", "attacked"), ("source", "Russian forces"), ("target", "Ukrainian troops"),
                        ("location", "Kharkiv")):
        start = 100 + sentence.index(word)
        record |= {f"{field}_start": start, f"{field}_end": start + len(word)}
    marked = marked_sentence(record)
    styled = {str(span.style): sentence[span.start:span.end] for span in marked.spans}
    assert styled == {"bold reverse red": "attacked", "bold green": "Russian forces", "bold cyan": "Ukrainian troops",
                      "underline magenta": "Kharkiv"}


def test_show_unknown_or_ambiguous_ids_are_one_line_errors(analyst_store):
    unknown = runner.invoke(app, ["show", "nope", "--db", str(analyst_store)])
    assert unknown.exit_code == 2 and "no event 'nope'" in unknown.output
    ambiguous = runner.invoke(app, ["show", "d", "--db", str(analyst_store)])
    assert ambiguous.exit_code == 2 and "more than one" in ambiguous.output
