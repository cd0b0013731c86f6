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
