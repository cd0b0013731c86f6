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
