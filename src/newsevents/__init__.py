"""newsevents: turn dated news reports into political event data, with evidence for every record.

    >>> import newsevents
    >>> coded = newsevents.code("NATO expelled eight Russian diplomats.", date="2021-10-06")
    >>> [(e.source.code, e.code, e.target.code) for e in coded.events]
"""

from __future__ import annotations

import datetime as dt

from newsevents.model import Actor, CodedDocument, Document, Event, Place, Quarantined, Quote, TimeExpr, Tone

__version__ = "0.1.0"


def code(text: str, date: str | dt.date | None = None, *, doc_id: str | None = None, title: str | None = None,
         source: str | None = None, url: str | None = None, model: str | None = None) -> CodedDocument:
    """Code one report. Raises ``newsevents.errors.DocumentError`` for a document that cannot be coded."""
    from newsevents.process import Coder
    from newsevents.readers import document_from_text

    date_value = date.isoformat() if isinstance(date, dt.date) else date
    document = document_from_text(text, date=date_value, doc_id=doc_id, title=title, source=source, url=url)
    return Coder.load(model).code_document(document)


__all__ = ["Actor", "CodedDocument", "Document", "Event", "Place", "Quarantined", "Quote", "TimeExpr", "Tone",
           "code"]
