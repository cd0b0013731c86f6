"""Property-based tests: whatever the input, nothing crashes and every document ends up coded or
quarantined with its reason. Examples are bounded for CI; `--slow` (or HYPOTHESIS_PROFILE=long)
runs many more."""

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.model import CodedDocument, Document, Quarantined
from newsevents.readers import read_path

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                                       HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SUFFIXES = [".txt", ".jsonl", ".csv", ".html", ".dat"]
text_like = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_fuzz_readers_never_crash_on_bytes(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    for record in read_path(str(path)):
        assert isinstance(record, (Document, Quarantined))
        if isinstance(record, Quarantined):
            assert record.reason.startswith("NE") and record.message


@given(lines=st.lists(st.one_of(
    st.builds(lambda t, d, i: json.dumps({"id": i, "date": d, "text": t}), text_like,
              st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)), st.one_of(st.none(), st.integers())),
    st.text(max_size=80),
    st.just("{\"text\": " * 50),
), max_size=12))
def test_fuzz_jsonl_every_line_is_accounted_for(tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    records = list(read_path(str(path)))
    text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")  # the reader's line ends
    assert len(records) == sum(1 for line in text.split("\n") if line.strip())


@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300),
       date=st.one_of(st.none(), st.dates().map(str)))
@settings(max_examples=40)
def test_fuzz_pipeline_codes_or_quarantines_anything(coder, text, date):
    from newsevents.readers import make_document

    try:
        document = make_document(text, "<fuzz>", date=date)
    except Exception as exc:  # only coded refusals are allowed
        assert exc.__class__.__name__ == "DocumentError"
        return
    [result] = list(coder.code_batch([document]))
    assert isinstance(result, (CodedDocument, Quarantined))
    # NE199 is a crash caught and recorded, never an acceptable answer
    assert not (isinstance(result, Quarantined) and result.reason == "NE199"), result.message
    if isinstance(result, CodedDocument):
        for item in (*result.actors, *result.events, *result.dates, *result.places, *result.quotes):
            span = getattr(item, "span", None) or item.trigger.span
            assert 0 <= span[0] <= span[1] <= len(text)


def test_fuzz_extreme_inputs(tmp_path, coder):
    big = tmp_path / "big.txt"
    big.write_text("date 2021-11-29 " + "NATO met Russia. " * 3_000_000)  # about 50 MB
    nested = tmp_path / "nested.html"
    nested.write_text("<div>" * 5000 + "Russia condemned NATO." + "</div>" * 10 + "<p><b><i>broken")
    control = tmp_path / "control.txt"
    control.write_bytes(b"date 2021-11-29 NATO\x00 met\x07 Russia\x1b in Brussels.")
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(b"NATO met Russia in Brussels. " + "Caf\xe9".encode("latin-1"))
    results = list(coder.code_batch(r for p in (big, nested, control, mixed) for r in read_path(str(p))))
    assert len(results) == 4 and not any(getattr(r, "reason", None) == "NE199" for r in results)
    assert isinstance(results[0], Quarantined) and results[0].reason == "NE105"
    assert isinstance(results[2], CodedDocument)
    assert isinstance(results[3], Quarantined) and results[3].reason == "NE101"
