"""The DuckDB store: idempotent writes, quarantine, and the read side."""

import datetime as dt

from newsevents.model import Quarantined
from newsevents.query import EventFilter, events, stats
from newsevents.store import Store

TEXTS = [
    ("d1", "2021-10-06", "NATO expelled eight Russian diplomats. Russia condemned NATO."),
    ("d2", "2021-10-20", "Russia suspended its mission to NATO."),
]


def coded_documents(coder):
    from newsevents.readers import document_from_text

    return [coder.code_document(document_from_text(text, date=day, doc_id=doc_id)) for doc_id, day, text in TEXTS]


def counts(store):
    return {t: store.query(f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in ("documents", "events", "actors")}


def test_store_coding_again_replaces_rows(tmp_path, coder):
    path = tmp_path / "s.duckdb"
    docs = coded_documents(coder)
    with Store(path) as store:
        store.save(docs, "v1")
        first = counts(store)
        store.save(docs, "v1")
        store.save(docs[:1], "v2")
        assert counts(store) == first
        assert first["documents"] == 2 and first["events"] >= 3
        assert store.coded_ids("v2") == {"d1"}
    with Store(path, read_only=True) as store:
        assert counts(store) == first


def test_store_columns_round_trip_the_model(tmp_path, coder):
    [doc, _] = coded_documents(coder)
    with Store(tmp_path / "s.duckdb") as store:
        store.save([doc])
        rows = store.query("SELECT * FROM events WHERE doc_id = 'd1' ORDER BY idx")
    event = doc.events[0]
    row = rows[0]
    assert (row["source_code"], row["code"], row["target_code"]) == (event.source.code, event.code, event.target.code)
    assert (row["trigger_start"], row["trigger_end"]) == event.trigger.span
    assert row["doc_date"] == dt.date(2021, 10, 6)


def test_store_keeps_quarantine(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.save([Quarantined("x", "f.jsonl:3", "NE104", "malformed JSON line")])
        assert store.query("SELECT reason, origin FROM quarantine") == [{"reason": "NE104", "origin": "f.jsonl:3"}]


def test_query_filters(tmp_path, coder):
    with Store(tmp_path / "s.duckdb") as store:
        store.save(coded_documents(coder))
        nato_rus = events(store, EventFilter(dyad=("IGOWSTNAT", "RUS")))
        assert nato_rus and all(r["root"] == "16" for r in nato_rus)
        assert all(r["source_code"].startswith("RUS") or r["target_code"].startswith("RUS")
                   for r in events(store, EventFilter(actor="RUS")))
        assert {r["doc_id"] for r in events(store, EventFilter(since=dt.date(2021, 10, 10)))} == {"d2"}
        assert {r["root"] for r in events(store, EventFilter(root="11"))} == {"11"}
        summary = stats(store)
        assert summary["documents"] == 2 and summary["events"] == sum(r["n"] for r in summary["by_root"])


def test_query_dyad_series_partners_and_roots(tmp_path, coder):
    from newsevents.query import dyad_series, root_breakdown, top_partners

    with Store(tmp_path / "s.duckdb") as store:
        store.save(coded_documents(coder))
        series = dyad_series(store, "IGOWSTNAT", "RUS")
        assert [(row["period"].isoformat()[:7], row["events"]) for row in series] == [("2021-10", 1)]
        partners = {row["partner"]: row["events"] for row in top_partners(store, "RUS")}
        assert partners.get("IGOWSTNAT", 0) >= 2
        assert sum(r["events"] for r in root_breakdown(store, 2021)) == counts(store)["events"]
        assert root_breakdown(store, 2019) == []


def test_store_readers_wait_for_a_writer(tmp_path, coder):
    import threading

    path = tmp_path / "s.duckdb"
    docs = coded_documents(coder)
    Store(path).save(docs)
    errors = []

    def read_many():
        try:
            for _ in range(20):
                Store(path, read_only=True).query("SELECT count(*) AS n FROM events")
        except Exception as exc:  # any lock error is a failure of the store's waiting
            errors.append(exc)

    reader = threading.Thread(target=read_many)
    reader.start()
    for _ in range(10):
        Store(path).save(docs)
    reader.join()
    assert errors == []


def test_store_reads_back_exactly_what_it_was_given(tmp_path, coder):
    from pathlib import Path

    from newsevents.readers import read_inputs

    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    coded = list(coder.code_batch(read_inputs([str(corpus)])))
    assert len(coded) >= 10 and sum(len(c.events) + len(c.places) + len(c.quotes) for c in coded) > 50
    with Store(tmp_path / "s.duckdb") as store:
        store.save(coded, "v1")
        back = store.coded_documents(c.document.doc_id for c in coded)
    for original in coded:
        assert back[original.document.doc_id].to_dict() == original.to_dict()
        assert back[original.document.doc_id] == original


def test_store_written_before_a_field_was_added_gains_its_column(tmp_path, coder):
    import duckdb

    path = tmp_path / "old.duckdb"
    docs = coded_documents(coder)
    with Store(path) as store:
        store.save(docs[:1], "v1")
    con = duckdb.connect(str(path))
    con.execute("DROP INDEX events_doc")  # DuckDB drops no column of an indexed table
    con.execute("ALTER TABLE events DROP COLUMN plover_context")  # as a store of an earlier version was
    con.close()
    with Store(path) as store:
        store.save(docs, "v1")
        saved = store.coded_documents(["d1", "d2"])
    assert sorted(saved) == ["d1", "d2"]
    assert any(e.plover_context for c in saved.values() for e in c.events)
