"""PLOVER: every CAMEO code the coder can emit has a PLOVER event type; --ontology plover puts it first."""

import csv
import io

import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.lexicons import default_lexicon
from newsevents.lexicons.events import EventLexicon

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
runner = CliRunner()


def emittable(events: EventLexicon) -> set[str]:
    """Codes of our patterns, the statement (010) and criticism (111) the coder adds, and the codebook."""
    codes = {p.code for table in (events.verbs, events.nouns) for ps in table.values() for p in ps}
    return codes | {"010", "111"} | set(events.codebook)


def test_plover_every_code_we_can_emit_has_a_plover_type():
    events = default_lexicon().events
    for code in emittable(events):
        entry = events.describe(code)
        assert entry.code == code, f"{code} is not in the codebook"
        assert entry.plover in PLOVER_TYPES, code
        assert entry.plover_mode is None or entry.plover_mode.replace("-", "").isalpha()


@pytest.mark.parametrize(("code", "plover", "mode"), [
    ("042", "CONSULT", "visit"), ("1711", "COERCE", "confiscate"), ("173", "COERCE", "arrest"),
    ("174", "COERCE", "deport"), ("186", "ASSAULT", "assassinate"), ("195", "ASSAULT", "aerial"),
    ("141", "PROTEST", "demo"), ("130", "THREATEN", None), ("0874", "RETREAT", "withdraw"),
])
def test_plover_known_mappings(code, plover, mode):
    entry = default_lexicon().events.describe(code)
    assert (entry.plover, entry.plover_mode) == (plover, mode)


def test_plover_a_dictionary_code_takes_its_cameo_parents_type():
    events = EventLexicon(codebook=dict(default_lexicon().events.codebook))
    events.admit("1734")
    assert events.describe("1734").plover == events.codebook["173"].plover


def test_plover_ontology_option_puts_plover_first(tmp_path):
    report, db = tmp_path / "r.txt", tmp_path / "s.duckdb"
    report.write_text("date 2021-10-06 NATO expelled eight Russian diplomats on Wednesday.")
    assert runner.invoke(app, ["code", str(report), "--db", str(db), "-q"]).exit_code == 0
    listed = runner.invoke(app, ["events", "--db", str(db), "--format", "csv", "--ontology", "plover"])
    assert listed.exit_code == 0, listed.output
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    header = list(rows[0])
    assert header.index("plover") + 1 == header.index("code")
    assert rows[0]["plover"] in PLOVER_TYPES
    table = runner.invoke(app, ["events", "--db", str(db), "--ontology", "plover"])
    assert table.exit_code == 0 and rows[0]["plover"] in table.stdout
    cameo = runner.invoke(app, ["events", "--db", str(db), "--format", "csv"])
    assert list(csv.DictReader(io.StringIO(cameo.stdout)))[0] == {**rows[0]}  # same data, other order
