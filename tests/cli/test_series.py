"""newsevents series: zero-filled panels by dyad, country dyad, actor and country, directed or not."""

import csv
import io

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsevents.cli import app

runner = CliRunner()


def panel(store, *options):
    result = runner.invoke(app, ["series", "--db", str(store), "--format", "csv", *options])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def events(store, *options):
    result = runner.invoke(app, ["events", "--db", str(store), "--format", "csv", "--no-negated", *options])
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_series_every_key_gets_every_period_zero_filled(analyst_store):
    rows = panel(analyst_store, "--by", "country", "--period", "month")
    months = sorted({r["period"] for r in rows})
    assert months[0] == "2021-10-01" and months[-1] == "2022-03-01" and len(months) == 6
    by_country = {}
    for row in rows:
        by_country.setdefault(row["country"], []).append(row["period"])
    assert all(periods == months for periods in by_country.values())
    quiet = next(r for r in rows if r["country"] == "RUS" and r["period"] == "2021-12-01")
    assert (quiet["events"], quiet["goldstein_sum"], quiet["goldstein_mean"]) == ("0", "0.0", "")


def test_series_counts_match_the_events_listed(analyst_store):
    rows = panel(analyst_store, "--by", "dyad", "--period", "year")
    listed = events(analyst_store)
    dyadic = [e for e in listed if e["source_code"] and e["target_code"]]
    assert sum(int(r["events"]) for r in rows) == len(dyadic)
    for row in rows:
        assert int(row["events"]) == sum(int(row[q]) for q in ("verbal_cooperation", "material_cooperation",
                                                               "verbal_conflict", "material_conflict"))
    attack = next(r for r in rows if (r["source"], r["target"]) == ("RUSMIL", "UKRMIL") and r["period"] == "2022-01-01")
    assert attack["material_conflict"] == "1" and float(attack["goldstein_mean"]) < 0


def test_series_undirected_pairs_and_party_counts(analyst_store):
    directed = panel(analyst_store, "--by", "country-dyad", "--period", "year")
    undirected = panel(analyst_store, "--by", "country-dyad", "--period", "year", "--undirected")
    assert all(r["source"] <= r["target"] for r in undirected)
    assert sum(int(r["events"]) for r in undirected) == sum(int(r["events"]) for r in directed)
    pair = {r["period"]: int(r["events"]) for r in undirected if (r["source"], r["target"]) == ("BLR", "POL")}
    assert pair["2022-01-01"] == 2  # Poland -> Belarus and Belarus -> Poland
    did = {r["period"]: int(r["events"]) for r in panel(analyst_store, "--by", "country") if r["country"] == "RUS"}
    party = {r["period"]: int(r["events"])
             for r in panel(analyst_store, "--by", "country", "--undirected") if r["country"] == "RUS"}
    assert sum(party.values()) > sum(did.values())


def test_series_filters_and_gleditsch_ward_codes(analyst_store):
    rows = panel(analyst_store, "--by", "country", "--codes", "gw", "--period", "year", "--country", "RUS")
    # Events Russia was party to; a directed country panel counts them for the side that acted
    assert {(r["country"], r["country_gw"]) for r in rows} == {("RUS", "365"), ("UKR", "369")}
    header = list(rows[0])
    assert header.index("country_gw") == header.index("country") + 1
    dyads = panel(analyst_store, "--by", "country-dyad", "--codes", "gw", "--period", "year")
    assert {(r["source"], r["source_gw"]) for r in dyads} >= {("POL", "290"), ("UKR", "369")}


def test_series_parquet_and_bad_parameters(analyst_store, tmp_path):
    out = tmp_path / "panel.parquet"
    result = runner.invoke(app, ["series", "--db", str(analyst_store), "--by", "actor", "--format", "parquet",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows > 0 and table.column_names[:2] == ["period", "actor"]
    for options, named in ((["--by", "actor", "--codes", "gw"], "--codes"), (["--period", "decade"], "--period"),
                           (["--format", "parquet"], "--out"), (["--by", "region"], "--by")):
        bad = runner.invoke(app, ["series", "--db", str(analyst_store), *options])
        assert bad.exit_code == 2 and named in bad.output, options


@pytest.mark.parametrize("period", ["day", "week", "quarter"])
def test_series_periods_start_where_they_should(analyst_store, period):
    import datetime as dt

    rows = panel(analyst_store, "--by", "country", "--period", period, "--country", "RUS")
    starts = sorted({dt.date.fromisoformat(r["period"]) for r in rows})
    if period == "week":
        assert all(day.weekday() == 0 for day in starts)
    elif period == "quarter":
        assert all(day.month in (1, 4, 7, 10) and day.day == 1 for day in starts)
    else:
        assert len(starts) == (starts[-1] - starts[0]).days + 1
