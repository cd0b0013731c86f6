"""Defects found by trying the CLI as a new user would: each one a line of error, never a traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.cli.render import table_width

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("store")
    (folder / "a.txt").write_text("date 2021-10-06 NATO expelled eight Russian diplomats.")
    db = folder / "s.duckdb"
    assert runner.invoke(app, ["code", str(folder / "a.txt"), "--db", str(db), "-q"]).exit_code == 0
    return db


def one_line_error(result, words: str) -> None:
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [["events", "--limit", "-1"], ["stats", "--top", "-1"]])
def test_negative_counts_are_refused(store, args):
    result = runner.invoke(app, [*args, "--db", str(store)])
    assert result.exit_code == 2 and "Invalid value" in result.output


def test_limit_zero_gives_no_rows_but_a_header(store):
    result = runner.invoke(app, ["events", "--db", str(store), "--limit", "0", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [result.stdout.splitlines()[0]] and "source_code" in result.stdout


def test_an_empty_csv_result_has_its_header(store):
    for ontology in ("cameo", "plover"):
        result = runner.invoke(app, ["events", "--db", str(store), "--actor", "ZZZ", "--format", "csv",
                                     "--ontology", ontology])
        [header] = result.stdout.splitlines()
        names = header.split(",")
        assert names[:3] == ["doc_id", "id", "event_day"]
        assert (names.index("plover") < names.index("code")) == (ontology == "plover")


def test_a_file_that_is_no_store(tmp_path):
    not_a_store = tmp_path / "passwd"
    not_a_store.write_text("root:x:0:0:root:/root:/bin/bash\n")
    for command in (["events"], ["stats"], ["code", str(not_a_store)]):
        one_line_error(runner.invoke(app, [*command, "--db", str(not_a_store)]), "not a valid DuckDB")


def test_a_store_in_a_missing_folder(tmp_path):
    (tmp_path / "a.txt").write_text("NATO met Russia.")
    result = runner.invoke(app, ["code", str(tmp_path / "a.txt"), "--db", str(tmp_path / "no" / "s.duckdb")])
    one_line_error(result, "does not exist")


def test_a_missing_spacy_pipeline(tmp_path):
    (tmp_path / "a.txt").write_text("NATO met Russia.")
    result = runner.invoke(app, ["code", str(tmp_path / "a.txt"), "--no-db", "--model", "xx_nonexistent"])
    one_line_error(result, "'xx_nonexistent' is not installed")


def test_a_store_another_program_holds_is_named_at_once(store):
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; held = duckdb.connect({str(store)!r}); "
                               "print('open', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        started = time.monotonic()
        result = runner.invoke(app, ["events", "--db", str(store), "--wait", "0.5"])
        assert time.monotonic() - started < 10
        one_line_error(result, "held by another program")
        assert f"PID {holder.pid}" in result.output
    finally:
        holder.kill()
        holder.wait()


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("newsevents 0.")


def test_tables_fit_the_terminal_they_are_shown_on():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert table_width(Terminal()) is None  # Rich measures the terminal
    assert table_width(io.StringIO()) == 200  # a pipe or a file: rows do not fold


def test_quarantine_does_not_grow_when_the_same_bad_input_is_coded_again(tmp_path):
    import duckdb

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.txt").write_bytes(b"\xff\xfe")
    (tmp_path / "in" / "good.txt").write_text("date 2021-10-06 NATO expelled eight Russian diplomats.")
    db = tmp_path / "s.duckdb"
    for _ in range(3):
        assert runner.invoke(app, ["code", str(tmp_path / "in"), "--db", str(db), "-q"]).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM quarantine").fetchall() == [(1,)]
    (tmp_path / "in" / "bad.txt").write_text("Russia condemned NATO on Wednesday.")  # mended: coded now
    assert runner.invoke(app, ["code", str(tmp_path / "in"), "--db", str(db), "-q"]).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM quarantine").fetchall() == [(0,)]


def test_a_report_in_another_language_is_quarantined_not_misread(tmp_path):
    import json

    (tmp_path / "es.txt").write_text("date 2021-10-06 La Unión Europea condenó a Rusia por el ataque del miércoles "
                                     "contra la población civil de la región.")
    (tmp_path / "en.txt").write_text("date 2021-10-06 The European Union condemned Russia for the attack.")
    q = tmp_path / "q.jsonl"
    result = runner.invoke(app, ["code", str(tmp_path), "--db", str(tmp_path / "s.duckdb"), "--quarantine", str(q),
                                 "--format", "jsonl", "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output
    [quarantined] = [json.loads(line) for line in q.read_text().splitlines()]
    assert quarantined["reason"] == "NE110" and "written in es" in quarantined["message"]
    [coded] = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert coded["text"].startswith("The European Union")


def test_default_date_dates_undated_reports_only(tmp_path):
    import json

    (tmp_path / "undated.txt").write_text("Russia condemned NATO on Wednesday.")
    (tmp_path / "dated.txt").write_text("date 2021-10-06 NATO expelled eight Russian diplomats on Monday.")
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["code", str(tmp_path), "--no-db", "--format", "jsonl", "--out", str(out),
                                 "--default-date", "2021-11-29"])
    assert result.exit_code == 0, result.output
    records = {r["text"][:6]: r for r in map(json.loads, out.read_text().splitlines())}
    assert records["Russia"]["date"] == "2021-11-29" and records["Russia"]["dates"][0]["value"] == "2021-11-24"
    assert records["NATO e"]["date"] == "2021-10-06"
    bad = runner.invoke(app, ["code", str(tmp_path), "--no-db", "--default-date", "29/11/2021"])
    one_line_error(bad, "--default-date")


def test_the_store_inside_the_folder_coded_is_not_an_input(tmp_path):
    (tmp_path / "a.txt").write_text("date 2021-10-06 NATO expelled eight Russian diplomats.")
    db = tmp_path / "s.duckdb"
    for _ in range(2):
        result = runner.invoke(app, ["code", str(tmp_path), "--db", str(db), "--redo",
                                     "--format", "jsonl", "--out", str(tmp_path / "o.jsonl")])
        assert result.exit_code == 0 and "coded 1 documents" in result.output and "quarantined 0" in result.output
