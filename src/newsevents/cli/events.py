"""newsevents events: list coded events from the store, filtered."""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from typing import Annotated, Any

import typer

from newsevents.cli.filters import with_event_filter
from newsevents.cli.render import Format, render
from newsevents.cli.stores import DEFAULT_STORE, DEFAULT_WAIT, StorePath, WaitSeconds, read_store
from newsevents.query import EVENT_COLUMNS, EventFilter, events


class Ontology(StrEnum):
    cameo = "cameo"
    plover = "plover"


def primary_first(row: dict[str, Any], ontology: Ontology) -> dict[str, Any]:
    """The row with PLOVER's event type where the CAMEO code was, and the CAMEO code right after it."""
    if ontology is Ontology.cameo or "plover" not in row:
        return row
    ordered: dict[str, Any] = {}
    for key, value in row.items():
        if key == "code":
            ordered["plover"] = row["plover"]
        if key != "plover":
            ordered[key] = value
    return ordered


@with_event_filter()
def events_cli(
    where: EventFilter,
    db: StorePath = DEFAULT_STORE,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many events.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    ontology: Annotated[Ontology, typer.Option(
        help="The primary event code of table and CSV output: CAMEO, or PLOVER's event type.")] = Ontology.cameo,
    wait: WaitSeconds = DEFAULT_WAIT,
) -> None:
    """List events from the store, in the order they happened."""
    where = replace(where, limit=limit)
    with read_store(db, wait) as store:
        rows = events(store, where)
    names = list(primary_first(dict.fromkeys(EVENT_COLUMNS), ontology))
    if fmt is Format.table:
        names = ["event_day", "source_code", "code", "target_code", "mode", "negated", "trigger_text", "doc_id"]
        if ontology is Ontology.plover:
            names = ["event_day", "source_code", "plover", "target_code", "code", "mode", "negated", "trigger_text",
                     "doc_id"]
        rows = [{k: ("not" if r[k] else "") if k == "negated" else r[k] for k in names} for r in rows]
    elif fmt is Format.csv:
        rows = [primary_first(r, ontology) for r in rows]
    render(rows, fmt, title=f"{len(rows)} events", columns=names)
