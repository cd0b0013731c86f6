"""Exports: GDELT 2.0 tables load under GDELT's own column names and types, PLOVER records validate against
the shipped schema, Parquet round-trips, and the same store gives the same files."""

import csv
import io
import json

import duckdb
import jsonschema
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.export import (
    GDELT_EVENT_COLUMNS,
    GDELT_MENTION_COLUMNS,
    PARQUET_TABLES,
    actor_parts,
    global_event_id,
    plover_schema,
)
from newsevents.query import EVENT_COLUMNS

runner = CliRunner()

# Names as GDELT publishes them, written out here rather than imported, so that a renamed column fails.
GDELT_NAMES = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
    "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code", "Actor2Code", "Actor2Name",
    "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code",
    "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
    "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID", "Actor2Geo_Type",
    "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code", "Actor2Geo_Lat",
    "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
CODES = {name: str for name in GDELT_NAMES if name.endswith(("Code", "Name", "FullName")) or name == "SOURCEURL"}


def export(store, fmt, out, *options):
    result = runner.invoke(app, ["export", "--db", str(store), "--format", fmt, "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return result


def test_export_gdelt_has_gdelts_61_columns_and_types(analyst_store, tmp_path):
    assert tuple(GDELT_NAMES) == GDELT_EVENT_COLUMNS and len(GDELT_NAMES) == 61
    export(analyst_store, "gdelt", tmp_path)
    lines = (tmp_path / "gdelt.export.tsv").read_text(encoding="utf-8").splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    table = pd.read_csv(tmp_path / "gdelt.export.tsv", sep="\t", header=None, names=GDELT_NAMES, dtype=CODES,
                        keep_default_na=False, na_values={"ActionGeo_Lat": [""], "ActionGeo_Long": [""]})
    for name in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
                 "DATEADDED"):
        assert pd.api.types.is_integer_dtype(table[name]), name
    for name in ("FractionDate", "GoldsteinScale", "AvgTone", "ActionGeo_Lat", "ActionGeo_Long"):
        assert pd.api.types.is_float_dtype(table[name]), name
    assert table["QuadClass"].between(1, 4).all() and table["GoldsteinScale"].between(-10, 10).all()
    assert (table["SQLDATE"] // 100 == table["MonthYear"]).all() and table["GLOBALEVENTID"].is_unique
    assert (table["EventBaseCode"] == table["EventCode"].str[:3]).all()
    assert (table["EventRootCode"] == table["EventCode"].str[:2]).all()
    nato = table[table["Actor1Code"] == "IGOWSTNAT"].iloc[0]
    assert (nato["Actor1KnownGroupCode"], nato["Actor1Type1Code"]) == ("NAT", "IGO")
    attack = table[(table["Actor1Code"] == "RUSMIL") & (table["EventRootCode"] == "19")].iloc[0]
    assert (attack["Actor1CountryCode"], attack["Actor1Type1Code"]) == ("RUS", "MIL")
    # Kharkiv: a world city (4) in Ukraine, whose FIPS 10-4 code is UP; ADM1 codes start with it
    assert (int(attack["ActionGeo_Type"]), attack["ActionGeo_CountryCode"]) == (4, "UP")
    assert attack["ActionGeo_ADM1Code"].startswith("UP") and attack["ActionGeo_FullName"] == "Kharkiv, Ukraine"
    assert attack["SOURCEURL"] == "https://example.org/d4"


def test_export_gdelt_mentions_point_at_their_events_and_evidence(analyst_store, tmp_path):
    export(analyst_store, "gdelt", tmp_path)
    events = pd.read_csv(tmp_path / "gdelt.export.tsv", sep="\t", header=None, names=GDELT_NAMES, dtype=CODES,
                         keep_default_na=False)
    mentions = pd.read_csv(tmp_path / "gdelt.mentions.tsv", sep="\t", header=None, names=GDELT_MENTION_COLUMNS,
                           keep_default_na=False, dtype={"MentionSourceName": str, "Extras": str})
    assert len(GDELT_MENTION_COLUMNS) == 16 and list(mentions["GLOBALEVENTID"]) == list(events["GLOBALEVENTID"])
    first = mentions.iloc[0]
    ours = json.loads(first["Extras"])
    assert global_event_id(ours["newsevents_id"]) == first["GLOBALEVENTID"]
    assert first["SentenceID"] >= 1 and 0 < first["Confidence"] <= 100 and first["MentionDocLen"] > 0
    assert set(mentions["MentionSourceName"]) <= {"Baltic Wire", "Harbour Post"}


def test_export_negated_events_are_marked_and_kept_out_of_gdelt(analyst_store, tmp_path):
    export(analyst_store, "csv", tmp_path / "all.csv")
    export(analyst_store, "csv", tmp_path / "negated.csv", "--negated")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "all.csv").read_text())))
    negated = list(csv.DictReader(io.StringIO((tmp_path / "negated.csv").read_text())))
    assert {r["negated"] for r in rows} == {"True", "False"} and {r["negated"] for r in negated} == {"True"}
    assert list(rows[0]) == list(EVENT_COLUMNS)
    export(analyst_store, "gdelt", tmp_path / "gdelt")
    gdelt = (tmp_path / "gdelt" / "gdelt.export.tsv").read_text().splitlines()
    assert len(gdelt) == len(rows) - len(negated)
    asked = runner.invoke(app, ["export", "--db", str(analyst_store), "--format", "gdelt", "--negated",
                                "--out", str(tmp_path / "g2")])
    assert asked.exit_code == 2 and "negation" in asked.output


def test_export_plover_records_validate_against_the_schema(analyst_store, tmp_path):
    result = export(analyst_store, "plover", tmp_path / "events.jsonl")
    records = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    validator = jsonschema.Draft202012Validator(plover_schema(), format_checker=jsonschema.FormatChecker())
    jsonschema.Draft202012Validator.check_schema(plover_schema())
    assert records and all(not list(validator.iter_errors(r)) for r in records)
    assert f"wrote {len(records)} events" in result.output
    attack = next(r for r in records if r["event_type"] == "ASSAULT")
    assert attack["actor"]["code"] == "RUSMIL" and attack["location"]["name"] == "Kharkiv"
    assert "Kharkiv" in attack["evidence"]["sentence_text"] and attack["evidence"]["url"] == "https://example.org/d4"
    broken = {**attack, "event_type": "HUG"}
    assert list(validator.iter_errors(broken))  # the schema does reject what PLOVER does not define


def test_export_plover_leaves_out_statements_and_says_so(tmp_path, coder):
    from newsevents.readers import document_from_text
    from newsevents.store import Store

    db = tmp_path / "s.duckdb"
    coded = coder.code_document(document_from_text(
        "Lithuania's foreign ministry said that Russian jets had violated its airspace.", date="2022-02-07"))
    assert any(e.root == "01" for e in coded.events)
    with Store(db) as store:
        store.save([coded])
    result = export(db, "plover", tmp_path / "p.jsonl")
    assert "public statements left out" in result.output


def test_export_parquet_round_trips_every_table(analyst_store, tmp_path):
    export(analyst_store, "parquet", tmp_path / "pq")
    con = duckdb.connect(str(analyst_store), read_only=True)
    try:
        for table in PARQUET_TABLES:
            written = pq.read_table(tmp_path / "pq" / f"{table}.parquet")
            stored = con.sql(f"SELECT * FROM {table}").to_arrow_table()
            key = [(c, "ascending") for c in ("doc_id", "idx", "origin") if c in stored.column_names]
            assert written.sort_by(key).equals(stored.sort_by(key)), table
            assert table == "quarantine" or written.num_rows > 0
    finally:
        con.close()
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'pq' / 'events.parquet'}'").fetchall()[0][0] > 0


def test_export_parquet_filter_keeps_the_reports_of_the_events_it_keeps(analyst_store, tmp_path):
    export(analyst_store, "parquet", tmp_path / "pq", "--plover", "ASSAULT")
    events = pd.read_parquet(tmp_path / "pq" / "events.parquet")
    documents = pd.read_parquet(tmp_path / "pq" / "documents.parquet")
    assert set(events["plover"]) == {"ASSAULT"} and set(documents["doc_id"]) == set(events["doc_id"])


@pytest.mark.parametrize("fmt", ["gdelt", "plover", "parquet", "csv", "jsonl"])
def test_export_same_store_same_files(analyst_store, tmp_path, fmt):
    out = [tmp_path / f"{n}" for n in ("a", "b")]
    if fmt not in {"gdelt", "parquet"}:
        out = [path.with_suffix(".out") for path in out]
    for path in out:
        export(analyst_store, fmt, path)
    files = [sorted(p.iterdir()) if p.is_dir() else [p] for p in out]
    assert [f.name for f in files[0]] == [f.name for f in files[1]] or fmt not in {"gdelt", "parquet"}
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(*files, strict=True))


def test_export_bad_destination_is_a_one_line_error(analyst_store, tmp_path):
    missing = runner.invoke(app, ["export", "--db", str(analyst_store), "--format", "gdelt"])
    assert missing.exit_code == 2 and "--out" in missing.output
    (tmp_path / "file.txt").write_text("x")
    clash = runner.invoke(app, ["export", "--db", str(analyst_store), "--format", "parquet",
                                "--out", str(tmp_path / "file.txt")])
    assert clash.exit_code == 2 and "is not a folder" in clash.output


@pytest.mark.parametrize(("code", "country", "parts"), [
    ("RUSGOV", "RUS", {"CountryCode": "RUS", "KnownGroupCode": "", "Type1Code": "GOV"}),
    ("IGOUNOWHO", None, {"CountryCode": "", "KnownGroupCode": "WHO", "Type1Code": "IGO"}),
    ("PSEREBHMS", "PSE", {"CountryCode": "PSE", "KnownGroupCode": "HMS", "Type1Code": "REB"}),
    ("UKRMILREB", "UKR", {"CountryCode": "UKR", "KnownGroupCode": "", "Type1Code": "MIL", "Type2Code": "REB"}),
    ("LTU", "LTU", {"CountryCode": "LTU", "KnownGroupCode": ""}),
])
def test_export_actor_codes_split_as_gdelt_does(code, country, parts):
    assert actor_parts(code, country) == parts
