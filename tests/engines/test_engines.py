"""Engines agree: the local engine with 1 or 2 processes and Dask on a 2-worker LocalCluster give the
same records, in input order, for the same documents."""

import pytest

from newsevents.engines import local, run
from newsevents.lexicons import default_lexicon
from newsevents.model import Quarantined
from newsevents.readers import document_from_text

TEXTS = [
    "Estonia expelled a Russian diplomat on Friday.",
    "Japan pledged to expand economic cooperation with Vietnam.",
    "NATO Secretary General Jens Stoltenberg visited Vilnius on Monday.",
    "Israeli aircraft bombed Hamas positions in Gaza.",
    "Canada praised Mexico for its handling of the migration talks.",
]


@pytest.fixture(scope="module")
def records():
    docs = [document_from_text(t, date="2021-11-29", doc_id=f"d{i}") for i, t in enumerate(TEXTS)]
    return [*docs[:2], Quarantined("bad", "x.jsonl:3", "NE104", "malformed JSON line"), *docs[2:]]


@pytest.fixture(scope="module")
def reference(records):
    return [r.to_dict() for r in run("local", records, lexicon=default_lexicon(), workers=1)]


def test_engines_local_processes_match_in_process(records, reference):
    results = [r.to_dict() for r in run("local", records, lexicon=default_lexicon(), workers=2, batch_size=2)]
    assert results == reference
    assert [r.get("doc_id") for r in results] == ["d0", "d1", "bad", "d2", "d3", "d4"]


def test_engines_spawned_workers_match_in_process(records, reference, monkeypatch):
    # Where the system cannot fork (macOS, Windows), workers are spawned and load their own coder.
    monkeypatch.setattr(local, "CAN_FORK", False)
    results = [r.to_dict() for r in run("local", records, lexicon=default_lexicon(), workers=2, batch_size=2)]
    assert results == reference


def test_engines_pool_starts_before_results_are_asked_for(records, monkeypatch):
    # A forked worker inherits the locks of the caller's threads as they were at the fork: the pool must
    # exist before the caller starts any (a progress bar), that is when ``run`` returns.
    started = []

    def record_start(self, workers, *args, **kwargs):
        started.append(workers)

    monkeypatch.setattr(local.WorkerPool, "__init__", record_start)
    run("local", records, lexicon=default_lexicon(), workers=2)
    assert started == [2]


def test_engines_dask_matches_local(records, reference, tmp_path):
    results = [r.to_dict() for r in run("dask", records, lexicon=default_lexicon(), workers=2,
                                        partition_size=2, out_dir=str(tmp_path))]
    assert results == reference


def test_engines_unknown_name(records):
    with pytest.raises(ValueError, match="unknown engine"):
        run("spark", records, lexicon=default_lexicon())
