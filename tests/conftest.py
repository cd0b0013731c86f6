"""Shared fixtures. Tests use sentences we wrote; tests that read ../shared skip when it is absent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsevents.model import CodedDocument
from newsevents.process import Coder
from newsevents.readers import document_from_text

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_8b4104287ca5076d.txt"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="run slow tests (whole corpora)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


def needs_shared(path: Path) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent (../shared is not beside the checkout)")


@pytest.fixture(scope="session")
def coder() -> Coder:
    return Coder.load()


@pytest.fixture(scope="session")
def code(coder: Coder):
    """code(text, date) -> CodedDocument, with the publication date fixed."""

    def run(text: str, date: str | dt.date | None = "2021-11-29") -> CodedDocument:
        day = date.isoformat() if isinstance(date, dt.date) else date
        return coder.code_document(document_from_text(text, date=day))

    return run


def triples(coded: CodedDocument) -> set[tuple[str | None, str, str | None]]:
    """(source code, CAMEO code, target code) of every event."""
    return {(e.source.code if e.source else None, e.code, e.target.code if e.target else None) for e in coded.events}


def roots(coded: CodedDocument) -> set[tuple[str | None, str, str | None]]:
    return {(e.source.code if e.source else None, e.root, e.target.code if e.target else None) for e in coded.events}


# Reports we wrote for the read side (filters, exports, panels, the evidence view): two outlets, two
# years, negation, a hypothetical, a located attack and a dictionary of countries.
ANALYST_REPORTS = [
    ("d1", "2021-10-06", "Baltic Wire", "NATO expelled eight Russian diplomats on Wednesday. Russia condemned NATO."),
    ("d2", "2021-10-20", "Baltic Wire",
     "Russia suspended its mission to NATO. Lithuania did not expel the Russian ambassador."),
    ("d3", "2021-11-15", "Harbour Post", "Germany will deploy troops in Lithuania. France praised Germany."),
    ("d4", "2022-01-12", "Harbour Post",
     "Russian forces attacked Ukrainian troops in Kharkiv. Ukraine accused Russia of war crimes."),
    ("d5", "2022-03-02", "Harbour Post", "Poland may impose sanctions on Belarus. Belarus threatened Poland."),
]


@pytest.fixture(scope="session")
def analyst_store(coder: Coder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of ANALYST_REPORTS, coded once per test session (read it; copy it to change it)."""
    from newsevents.store import Store

    path = tmp_path_factory.mktemp("analyst") / "store.duckdb"
    documents = [document_from_text(text, date=day, doc_id=doc_id, source=outlet, url=f"https://example.org/{doc_id}")
                 for doc_id, day, outlet, text in ANALYST_REPORTS]
    with Store(path) as store:
        store.save([coder.code_document(document) for document in documents], "test")
    return path
