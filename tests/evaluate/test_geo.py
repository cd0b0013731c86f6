"""The LGL harness on a tiny gold file of our own sentences, and on LGL itself when ../shared is there."""

from pathlib import Path

from conftest import SHARED, needs_shared

from newsevents.evaluate.geo import Gold, distance_km, evaluate, is_demonym, read_lgl
from newsevents.lexicons import default_lexicon

TINY = Path(__file__).parent / "data" / "lgl_tiny.xml"
LGL = SHARED / "data" / "geo" / "lgl.xml"


def test_read_lgl_offsets_and_countries():
    articles = list(read_lgl(TINY))
    assert [a[0] for a in articles] == ["t1", "t2"]
    for _, text, golds in articles:
        assert all(text[g.start : g.end] == g.phrase for g in golds)
    ohio = articles[0][2][0]
    assert ohio.country == "USA" and ohio.feature == "region" and ohio.resolved
    assert not articles[1][2][-1].resolved  # "Main Street" has no gaztag


def test_demonyms_and_distance():
    lexicon = default_lexicon()
    assert is_demonym(Gold(0, 8, "Georgian", name="Georgia"), lexicon)
    assert is_demonym(Gold(0, 7, "Ohioans", name="Ohio"), lexicon)
    assert not is_demonym(Gold(0, 5, "Paris", name="Paris"), lexicon)
    assert not is_demonym(Gold(0, 5, "Sudan", name="Republic of the Sudan"), lexicon)
    assert 870 < distance_km(48.85, 2.35, 52.52, 13.41) < 890  # Paris-Berlin


def test_evaluate_tiny(coder):
    report = evaluate(TINY, coder=coder)
    m = report.metrics
    assert report.task == "geo" and m["articles"] == 2 and m["places"] == 5
    assert m["accuracy@161km"] == 1.0 and m["demonyms"] == 1 and m["demonyms_emitted_as_places"] == 0
    assert m["detection_precision"] == 1.0 and m["detection_recall"] == round(5 / 6, 4)
    assert {b["feature"] for b in report.breakdown} == {"city", "region"}
    assert report.misses == []  # "Main Street" has no gaztag: it counts for detection only


@needs_shared(LGL)
def test_evaluate_lgl_sample(coder):
    report = evaluate(LGL, coder=coder, limit=40)
    assert report.metrics["places"] > 200
    assert report.metrics["accuracy@161km"] > 0.6 and report.metrics["detection_precision"] > 0.75
