"""--lexicon LEXICON.toml: PETRARCH dictionaries and our own formats, relative paths, replace or merge."""

import json
import warnings

import pytest
from typer.testing import CliRunner

from newsevents.cli import app
from newsevents.errors import LexiconError, LexiconWarning
from newsevents.lexicons.config import load_lexicon_file

runner = CliRunner()


def make_lexicon(folder, replace: bool = False, extra: str = ""):
    dictionaries = folder / "dicts"
    dictionaries.mkdir(exist_ok=True)
    (dictionaries / "verbs.txt").write_text("--- REBUKE [111] ---\nREBUKE\n- * (FOR DELAYS) [1121]\n")
    (dictionaries / "actors.txt").write_text("FREEDONIA_ [FRE]\n+FREEDONIAN\nSYLVANIA [SYL]\n")
    (folder / "own").mkdir(exist_ok=True)
    (folder / "own" / "actors.csv").write_text("text,code,name\nGrand Fenwick,GFW,Duchy of Grand Fenwick\n")
    (folder / "own" / "patterns.yaml").write_text('"172":\n  verbs:\n    - outlaw\n')
    (folder / "own" / "holders.csv").write_text(
        "name,aliases,code,role,start,end\nGloriana Twelfth,,GFWGOV,Duchess,1950-01-01,\n")
    toml = folder / "lexicon.toml"
    toml.write_text(f"""
[petrarch]
verbs = "dicts/verbs.txt"
actors = ["dicts/actors.txt"]
replace_builtin = {str(replace).lower()}

[newsevents]
actors = ["own/actors.csv"]
patterns = "own/patterns.yaml"
office_holders = ["own/holders.csv"]
{extra}
""")
    return toml


def test_config_reads_both_formats_relative_to_the_toml_file(tmp_path):
    lexicon = load_lexicon_file(make_lexicon(tmp_path))
    assert lexicon.actors.phrases["freedonian"][0].code == "FRE"
    assert lexicon.actors.phrases["grand fenwick"][0].code == "GFW"
    assert lexicon.actors.phrases["gloriana twelfth"][0].kind == "person"
    assert {p.code for p in lexicon.events.verbs["rebuke"]} == {"111", "1121"}
    assert any(p.code == "172" for p in lexicon.events.verbs["outlaw"])
    assert "germany" in lexicon.actors.phrases and "expel" in lexicon.events.verbs  # ours are still there


def test_config_replace_builtin(tmp_path):
    lexicon = load_lexicon_file(make_lexicon(tmp_path, replace=True))
    assert "germany" not in lexicon.actors.phrases and "expel" not in lexicon.events.verbs
    assert "freedonia" in lexicon.actors.phrases and "outlaw" in lexicon.events.verbs
    assert lexicon.events.describe("1121").code == "1121"  # the codebook is always ours, with their codes


def test_config_errors(tmp_path):
    (tmp_path / "bad.toml").write_text("[petrarch\nverbs = 1")
    with pytest.raises(LexiconError, match="bad.toml"):
        load_lexicon_file(tmp_path / "bad.toml")
    (tmp_path / "missing.toml").write_text('[petrarch]\nverbs = "nowhere.txt"\n')
    with pytest.raises(LexiconError, match="nowhere.txt"):
        load_lexicon_file(tmp_path / "missing.toml")
    (tmp_path / "empty.toml").write_text("[petrarch]\nreplace_builtin = true\n")
    with pytest.raises(LexiconError, match="names no lexicon file"):
        load_lexicon_file(tmp_path / "empty.toml")
    with pytest.warns(LexiconWarning, match="colour"):
        load_lexicon_file(make_lexicon(tmp_path, extra='colour = "x.csv"'))


def test_config_cli_codes_with_the_users_lexicon(tmp_path):
    toml = make_lexicon(tmp_path, replace=True)
    report = tmp_path / "report.txt"
    report.write_text("date 1995-03-01 Freedonia rebuked Sylvania on Tuesday.")
    args = ["code", str(report), "--format", "jsonl", "--no-db", "-q", "--lexicon", str(toml)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(e["source"]["code"], e["code"], e["target"]["code"]) for e in record["events"]] == [("FRE", "111", "SYL")]
    bad = runner.invoke(app, ["code", str(report), "--no-db", "--lexicon", str(report)])
    assert bad.exit_code == 2 and "lexicon error" in bad.output
