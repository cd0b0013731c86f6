"""PLOVER: our table follows the 2021 crosswalk; every code we emit beyond statements has a type; --ontology."""

import csv
import io
import re

import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.lexicons import default_lexicon
from newsevents.lexicons.events import EventLexicon
from tests.conftest import SHARED, needs_shared

CROSSWALK = SHARED / "data" / "plover" / "CAMEO2PLOVER-2021.txt"

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
runner = CliRunner()


def emittable(events: EventLexicon) -> set[str]:
    """Codes of our patterns, the statement (010) and criticism (111) the coder adds, and the codebook."""
    codes = {p.code for table in (events.verbs, events.nouns) for ps in table.values() for p in ps}
    return codes | {"010", "111"} | set(events.codebook)


def test_plover_every_code_we_can_emit_has_a_plover_type_except_statements():
    events = default_lexicon().events
    for code in emittable(events):
        entry = events.describe(code)
        assert entry.code == code, f"{code} is not in the codebook"
        if entry.root == "01":  # PLOVER does not code public statements
            assert (entry.plover, entry.plover_mode, entry.plover_context) == (None, None, None), code
            continue
        assert entry.plover in PLOVER_TYPES, code
        assert entry.plover_mode is None or re.fullmatch(r"[a-z_]+(-[a-z_]+)*", entry.plover_mode), code
        assert entry.plover_context is None or re.fullmatch(r"[a-z_]+(;[a-z_]+)*", entry.plover_context), code


@pytest.mark.parametrize(("code", "plover", "mode", "context"), [
    ("010", None, None, None), ("042", "CONSULT", "visit", None), ("091", "ACCUSE", "investigate", "crime;corruption"),
    ("1121", "ACCUSE", "allege", "crime;corruption"), ("116", "ACCUSE", "disapprove", "legal"),
    ("163", "COERCE", "restrict", "diplomatic"), ("173", "COERCE", "arrest", "legal"),
    ("195", "ASSAULT", "heavy-weapons", "military"), ("0841", "RETREAT", "release", "legal"),
    ("0813", "RETREAT", None, "legal"),
    # Appeals: PLOVER's REQUEST covers CAMEO's appeals (02) and demands (10); 02x takes its 10x twin's mode
    ("026", "REQUEST", "meet", "diplomatic"), ("106", "REQUEST", "meet", "diplomatic"),
    # A code the crosswalk does not list takes its listed parent's type and context, no mode
    ("1951", "ASSAULT", None, "military"),
])
def test_plover_known_mappings(code, plover, mode, context):
    entry = default_lexicon().events.describe(code)
    assert (entry.plover, entry.plover_mode, entry.plover_context) == (plover, mode, context)


def read_crosswalk() -> dict[str, tuple[str, str | None, str | None]]:
    """CODE: TYPE, MODE, CONTEXT lines of the crosswalk (first listing of a code wins), up to its ~~~~~ rule."""
    listed: dict[str, tuple[str, str | None, str | None]] = {}
    for line in CROSSWALK.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("~"):
            break
        if match := re.fullmatch(r"(\d{3,4}):\s*(.*)", line):
            kind, mode, context = ([part.strip() for part in match.group(2).split(",")] + ["", ""])[:3]
            context = ";".join(c.strip() for c in context.split(";") if c.strip())
            listed.setdefault(match.group(1), (kind, mode or None, context or None))
    return listed


@needs_shared(CROSSWALK)
def test_plover_table_follows_the_2021_crosswalk_for_every_code_it_lists():
    codebook = default_lexicon().events.codebook
    listed = read_crosswalk()
    assert len(listed) > 200
    # The crosswalk also lists 1213/1214, which CAMEO 1.1b3 does not define: nothing to follow there.
    wrong = {code: ((entry.plover, entry.plover_mode, entry.plover_context), listed[code])
             for code, entry in codebook.items() if code in listed
             and (entry.plover, entry.plover_mode, entry.plover_context) != listed[code]}
    assert not wrong


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
