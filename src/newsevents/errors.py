"""Coded errors. Every quarantined document carries one of these codes and a message in words."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a document was quarantined. Codes are stable: add new ones, never reuse a number."""

    UNDECODABLE = "NE101"
    EMPTY = "NE102"
    BAD_DATE = "NE103"
    BAD_JSON = "NE104"
    TOO_LARGE = "NE105"
    MISSING_FIELD = "NE106"
    UNREADABLE = "NE107"
    NO_CONTENT_EXTRACTED = "NE108"
    NOT_TEXT = "NE109"
    OTHER_LANGUAGE = "NE110"
    CODING_FAILED = "NE199"


class NewsEventsError(Exception):
    """Base class for errors newsevents reports to its users."""


class DocumentError(NewsEventsError):
    """A document that cannot be coded; the batch goes on without it."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(f"{reason.value}: {message}")
        self.reason = reason
        self.message = message


class LexiconError(NewsEventsError):
    """A lexicon file that cannot be loaded at all."""


class StoreError(NewsEventsError):
    """A store that cannot be opened: not a DuckDB file, a missing folder, or held by another program."""


class LexiconWarning(UserWarning):
    """A lexicon line that was skipped; the rest of the file still loads."""
