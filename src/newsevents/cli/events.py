"""newsevents events: list coded events from the store, filtered."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsevents.cli.render import Format, render
from newsevents.query import EVENT_COLUMNS, EventFilter, events
from newsevents.store import DEFAULT_DB, LOCK_WAIT, Store


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


def events_cli(
    db: Annotated[Path, typer.Option(help="DuckDB store to read.")] = Path(DEFAULT_DB),
    actor: Annotated[str | None, typer.Option(help="Source or target code prefix, e.g. RUS.")] = None,
    dyad: Annotated[str | None, typer.Option(help="SOURCE:TARGET code prefixes, e.g. RUS:IGOWSTNAT.")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root code, e.g. 16.")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code prefix, e.g. 161.")] = None,
    since: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="First day (event date).")] = None,
    until: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Last day (event date).")] = None,
    negated: Annotated[bool, typer.Option("--negated", help="Include negated events.")] = False,
    min_confidence: Annotated[float, typer.Option(min=0.0, max=1.0, help="Only events at least this "
                                                                          "confident.")] = 0.0,
    limit: Annotated[int | None, typer.Option(min=0, help="At most this many events.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    ontology: Annotated[Ontology, typer.Option(
        help="The primary event code of table and CSV output: CAMEO, or PLOVER's event type.")] = Ontology.cameo,
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait for a store another program holds.")] =
        LOCK_WAIT,
) -> None:
    """List events from the store, in the order they happened."""
    if not db.exists():
        raise typer.BadParameter(f"no store at {db}; run 'newsevents code' first", param_hint="--db")
    try:
        where = EventFilter(actor=actor, dyad=EventFilter.parse_dyad(dyad) if dyad else None, root=root, code=code,
                            since=since.date() if since else None, until=until.date() if until else None,
                            include_negated=negated, min_confidence=min_confidence,
                            limit=limit)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    with Store(db, read_only=True, wait=wait) as store:
        rows = events(store, where)
    names = list(primary_first(dict.fromkeys(EVENT_COLUMNS), ontology))
    if fmt is Format.table:
        names = ["event_day", "source_code", "code", "target_code", "mode", "trigger_text", "doc_id"]
        if ontology is Ontology.plover:
            names = ["event_day", "source_code", "plover", "target_code", "code", "mode", "trigger_text", "doc_id"]
        rows = [{k: r[k] for k in names} for r in rows]
    elif fmt is Format.csv:
        rows = [primary_first(r, ontology) for r in rows]
    render(rows, fmt, title=f"{len(rows)} events", columns=names)
