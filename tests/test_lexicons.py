"""The lexicons that ship load cleanly and are consistent; errors in a lexicon name file and line."""

import warnings

import pytest

from newsevents.errors import LexiconWarning
from newsevents.lexicons import load_lexicon
from newsevents.lexicons.events import load_codebook, parse_pattern


@pytest.fixture(scope="module")
def lexicon():
    with warnings.catch_warnings():
        warnings.simplefilter("error", LexiconWarning)  # every shipped line must load
        return load_lexicon()


def test_lexicons_codebook_covers_every_root_with_plover(lexicon):
    codebook = lexicon.events.codebook
    assert {c[:2] for c in codebook} == {f"{r:02d}" for r in range(1, 21)}
    assert all(bool(entry.plover) == (entry.root != "01") for entry in codebook.values())  # PLOVER skips 01
    assert all(-10 <= entry.goldstein <= 10 for entry in codebook.values())


def test_lexicons_patterns_for_every_root_and_most_leaves(lexicon):
    patterns = [p for table in (lexicon.events.verbs, lexicon.events.nouns) for ps in table.values() for p in ps]
    assert {p.code[:2] for p in patterns} == {f"{r:02d}" for r in range(1, 21)}
    coded = {p.code for p in patterns}
    leaves = [c for c in lexicon.events.codebook if len(c) >= 3]
    assert len(coded & set(leaves)) / len(leaves) > 0.95
    assert len(patterns) > 2000


def test_lexicons_office_holders_cover_g20_and_nato_heads(lexicon):
    holders = lexicon.actors.holders
    codes = {h.code[:3] for h in holders}
    assert {"USA", "RUS", "CHN", "DEU", "LTU", "EST", "TUR", "IND", "BRA"} <= codes
    assert {"IGOWSTNAT", "IGOUNO", "IGOEUREEC"} <= {h.code for h in holders}
    assert all(h.end is None or h.start <= h.end for h in holders)


def test_lexicons_report_bad_lines_with_file_and_line(tmp_path):
    path = tmp_path / "cameo.csv"
    path.write_text("code,name,goldstein\n01,Statement,0\n99,Nothing,1\n02,Appeal,x\n")
    with pytest.warns(LexiconWarning) as caught:
        codebook = load_codebook(path)
    assert set(codebook) == {"01"}
    messages = [str(w.message) for w in caught]
    assert any(f"{path}:3" in m for m in messages) and any(f"{path}:4" in m for m in messages)


@pytest.mark.parametrize(("text", "noun", "expected"), [
    ("impose +sanction|embargo @on", False, ("impose", {"sanction", "embargo"}, {"on"}, set())),
    ("threaten >attack|invade", False, ("threaten", set(), set(), {"attack", "invade"})),
    ("hunger strike @against", True, ("hunger strike", set(), {"against"}, set())),
])
def test_lexicons_pattern_language(text, noun, expected):
    pattern = parse_pattern(text, "163", noun, "test")
    assert (pattern.lemma, set(pattern.objects), set(pattern.preps), set(pattern.xcomps)) == expected


def test_lexicons_pattern_errors():
    with pytest.raises(ValueError):
        parse_pattern("+sanction impose", "163", False, "t")
    with pytest.raises(ValueError):
        parse_pattern("expulsion +diplomat", "161", True, "t")
