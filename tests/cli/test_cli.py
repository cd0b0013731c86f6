"""The command line, through Typer's runner: the JSON Lines contract, bad input, store and queries."""

import json

from typer.testing import CliRunner

from newsevents.cli import app

runner = CliRunner()
CONTRACT = ["doc_id", "date", "title", "source", "url", "text", "actors", "events", "quotes", "dates", "places",
            "tone"]
EVENT_KEYS = {"id", "sentence", "sentence_span", "source", "target", "code", "root", "quad_class", "goldstein",
              "plover", "date", "date_text", "location", "negated", "mode", "confidence", "trigger", "rule",
              "plover_mode", "date_source", "plover_context"}


def write_inputs(folder):
    (folder / "good.txt").write_text("date 2021-10-06 NATO expelled eight Russian diplomats on Wednesday.")
    (folder / "bad_date.txt").write_text("date 2021-02-30 Text.")
    (folder / "empty.txt").write_text("   ")
    (folder / "lines.jsonl").write_text(
        json.dumps({"id": "j1", "date": "2021-10-07", "text": "Russia condemned NATO."}) + "\n{broken\n")
    (folder / "undecodable.txt").write_bytes(b"\xff\xfe\xfd")


def test_cli_code_writes_the_contract_and_quarantines_bad_input(tmp_path):
    write_inputs(tmp_path)
    out, db = tmp_path / "out.jsonl", tmp_path / "s.duckdb"
    result = runner.invoke(app, ["code", str(tmp_path), "--format", "jsonl", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 2
    for record in records:
        assert list(record)[: len(CONTRACT)] == CONTRACT
        for event in record["events"]:
            assert set(event) >= EVENT_KEYS
            assert record["text"][slice(*event["trigger"]["span"])] == event["trigger"]["text"]
    assert "coded 2 documents" in result.output and "quarantined 4" in result.output
    for reason in ("NE101", "NE102", "NE103", "NE104"):
        assert reason in result.output


def test_cli_code_to_stdout_and_query(tmp_path):
    write_inputs(tmp_path)
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["code", str(tmp_path / "good.txt"), "--format", "jsonl", "--db", str(db), "-q"])
    assert result.exit_code == 0
    [record] = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert record["events"][0]["code"].startswith("16")
    listed = runner.invoke(app, ["events", "--db", str(db), "--dyad", "IGOWSTNAT:RUS", "--format", "csv"])
    assert listed.exit_code == 0 and "IGOWSTNAT" in listed.stdout
    stats = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert json.loads(stats.stdout)["documents"] == 1


def test_cli_reports_a_missing_store(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0 and "no store" in result.output


def test_api_code_returns_the_data_model():
    import newsevents

    coded = newsevents.code("Estonia expelled a Russian diplomat.", date="2023-09-12")
    assert coded.document.date.isoformat() == "2023-09-12"
    assert [(e.source.code, e.root, e.target.code) for e in coded.events] == [("EST", "16", "RUSGOV")]


def test_cli_rerun_skips_what_is_stored(tmp_path):
    (tmp_path / "a.txt").write_text("date 2021-10-06 NATO expelled eight Russian diplomats.")
    (tmp_path / "b.txt").write_text("date 2021-10-07 Russia condemned NATO.")
    db = tmp_path / "s.duckdb"
    first = runner.invoke(app, ["code", str(tmp_path), "--db", str(db)])
    assert "coded 2 documents" in first.output
    (tmp_path / "c.txt").write_text("date 2021-10-08 Estonia expelled a Russian diplomat.")
    again = runner.invoke(app, ["code", str(tmp_path), "--db", str(db)])
    assert "coded 1 documents" in again.output and "skipped 2 already coded" in again.output  # only the new one
    nothing_new = runner.invoke(app, ["code", str(tmp_path), "--db", str(db)])
    assert nothing_new.exit_code == 0 and "skipped 3 already coded" in nothing_new.output
    redo = runner.invoke(app, ["code", str(tmp_path), "--db", str(db), "--redo"])
    assert "coded 3 documents" in redo.output
    stats = runner.invoke(app, ["stats", "--db", str(db), "--json"])
    assert json.loads(stats.stdout)["documents"] == 3


def test_cli_unknown_engine(tmp_path):
    (tmp_path / "a.txt").write_text("NATO met Russia.")
    result = runner.invoke(app, ["code", str(tmp_path), "--no-db", "--engine", "spark"])
    assert result.exit_code != 0 and "unknown engine" in result.output


def test_cli_default_workers_one_a_core_but_no_more_than_batches(monkeypatch):
    from newsevents.cli import code

    monkeypatch.setattr(code, "available_cores", lambda: 8)
    assert code.default_workers(None, 32) == 8  # standard input: the size is unknown
    assert code.default_workers(13, 32) == 1
    assert code.default_workers(100, 32) == 4
    assert code.default_workers(10_000, 32) == 8


def test_cli_out_holds_every_document_on_a_rerun(tmp_path):
    (tmp_path / "in").mkdir()
    for n, text in enumerate(["NATO expelled eight Russian diplomats.", "Russia condemned NATO on Monday.",
                              "Lithuania summoned the Belarusian ambassador.", "   "]):
        (tmp_path / "in" / f"{n}.txt").write_text(f"date 2021-10-0{n + 1} {text}")
    db = tmp_path / "s.duckdb"
    outputs = []
    for run, extra in enumerate(([], [], ["--workers", "2"])):
        if run == 2:  # a new document among stored ones: it goes where the first run would have put it
            (tmp_path / "in" / "1b.txt").write_text("date 2021-10-02 Estonia expelled a Russian diplomat.")
        out = tmp_path / f"out{run}.jsonl"
        result = runner.invoke(app, ["code", str(tmp_path / "in"), "--db", str(db), "--format", "jsonl",
                                     "--out", str(out), *extra])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 3  # the empty one is quarantined
    fresh = tmp_path / "fresh.jsonl"
    runner.invoke(app, ["code", str(tmp_path / "in"), "--db", str(tmp_path / "f.duckdb"), "--format", "jsonl",
                        "--out", str(fresh)])
    assert outputs[2] == fresh.read_bytes() and outputs[2].count(b"\n") == 4


def test_cli_fails_when_no_document_could_be_coded(tmp_path):
    (tmp_path / "empty.txt").write_text("  ")
    result = runner.invoke(app, ["code", str(tmp_path), "--no-db"])
    assert result.exit_code == 1 and "no document could be coded" in result.output
