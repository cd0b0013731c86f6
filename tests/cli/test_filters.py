"""The event filters shared by events, export and series: each one selects what it says, bad values are
one-line errors naming the option."""

import csv
import io

import pytest
from typer.testing import CliRunner

from newsevents.cli import app

runner = CliRunner()


def listed(store, *options):
    result = runner.invoke(app, ["events", "--db", str(store), "--format", "csv", *options])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_filters_each_option_selects_what_it_says(analyst_store):
    every = listed(analyst_store)
    assert len(every) >= 8
    assert {r["doc_id"] for r in listed(analyst_store, "--source", "baltic wire")} == {"d1", "d2"}
    assert {r["plover"] for r in listed(analyst_store, "--plover", "sanction")} == {"SANCTION"}
    assert {r["quad_class"] for r in listed(analyst_store, "--quad", "4")} == {"4"}
    assert [r["doc_id"] for r in listed(analyst_store, "--mode", "hypothetical")] == ["d5"]
    lithuania = listed(analyst_store, "--country", "Lithuania")
    assert lithuania and all("LTU" in (r["source_country"], r["target_country"]) for r in lithuania)
    assert listed(analyst_store, "--country", "LTU") == lithuania
    negated = listed(analyst_store, "--negated")
    affirmed = listed(analyst_store, "--no-negated")
    assert negated and {r["negated"] for r in negated} == {"True"} and {r["negated"] for r in affirmed} == {"False"}
    assert len(negated) + len(affirmed) == len(every)
    assert {r["doc_id"] for r in listed(analyst_store, "--since", "2022-01-01", "--quad", "4")} == {"d4", "d5"}


def test_filters_stats_counts_what_events_lists(analyst_store):
    import json

    summary = json.loads(runner.invoke(app, ["stats", "--db", str(analyst_store), "--json"]).stdout)
    assert summary["events"] == len(listed(analyst_store))
    assert summary["negated_events"] == len(listed(analyst_store, "--negated"))


@pytest.mark.parametrize(("options", "named"), [
    (["--country", "Narnia"], "--country"), (["--plover", "HUG"], "--plover"), (["--quad", "5"], "--quad"),
    (["--mode", "rumoured"], "--mode"), (["--dyad", "RUS"], "--dyad"), (["--since", "2021-13-01"], "--since"),
    (["--min-confidence", "2"], "--min-confidence"),
])
def test_filters_a_bad_value_is_a_one_line_error_naming_the_option(analyst_store, options, named):
    result = runner.invoke(app, ["events", "--db", str(analyst_store), *options])
    assert result.exit_code == 2 and named in result.output and "Traceback" not in result.output
