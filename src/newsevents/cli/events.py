"""newsevents events: list coded events from the store, filtered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.render import Format, render
from newsevents.query import EventFilter, events
from newsevents.store import DEFAULT_DB, Store


def events_cli(
    db: Annotated[Path, typer.Option(help="DuckDB store to read.")] = Path(DEFAULT_DB),
    actor: Annotated[str | None, typer.Option(help="Source or target code prefix, e.g. RUS.")] = None,
    dyad: Annotated[str | None, typer.Option(help="SOURCE:TARGET code prefixes, e.g. RUS:IGOWSTNAT.")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root code, e.g. 16.")] = None,
    code: Annotated[str | None, typer.Option(help="CAMEO code prefix, e.g. 161.")] = None,
    since: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="First day (event date).")] = None,
    until: Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Last day (event date).")] = None,
    negated: Annotated[bool, typer.Option("--negated", help="Include negated events.")] = False,
    limit: Annotated[int | None, typer.Option(help="At most this many events.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List events from the store, in the order they happened."""
    if not db.exists():
        raise typer.BadParameter(f"no store at {db}; run 'newsevents code' first", param_hint="--db")
    try:
        where = EventFilter(actor=actor, dyad=EventFilter.parse_dyad(dyad) if dyad else None, root=root, code=code,
                            since=since.date() if since else None, until=until.date() if until else None,
                            include_negated=negated, limit=limit)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    with Store(db, read_only=True) as store:
        rows = events(store, where)
    if fmt is Format.table:
        keep = ("event_day", "source_code", "code", "target_code", "mode", "trigger_text", "doc_id")
        rows = [{k: r[k] for k in keep} for r in rows]
    render(rows, fmt, title=f"{len(rows)} events")
