"""newsevents export: the store's events in the field's formats."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsevents.cli.filters import with_event_filter
from newsevents.cli.render import Format, render
from newsevents.cli.stores import DEFAULT_STORE, DEFAULT_WAIT, StorePath, WaitSeconds, read_store
from newsevents.export import export_gdelt, export_parquet, export_plover
from newsevents.query import EVENT_COLUMNS, EventFilter, events


class ExportFormat(StrEnum):
    gdelt = "gdelt"
    plover = "plover"
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


FOLDER_FORMATS = {ExportFormat.gdelt, ExportFormat.parquet}


@with_event_filter()
def export_cli(
    where: EventFilter,
    fmt: Annotated[ExportFormat, typer.Option("--format", help=(
        "gdelt: GDELT 2.0 event and mention tables (TSV); plover: PLOVER JSON Lines; parquet: one file per "
        "table; csv/jsonl: the events as 'newsevents events' lists them."))],
    out: Annotated[Path | None, typer.Option(help=(
        "A folder for gdelt and parquet (created); a file for the others (standard output when left out)."))]
        = None,
    db: StorePath = DEFAULT_STORE,
    wait: WaitSeconds = DEFAULT_WAIT,
) -> None:
    """Write the store's events as GDELT 2.0, PLOVER JSON, Parquet, CSV or JSON Lines. The same store gives the
    same files. GDELT's tables have no field for negation, so negated events stay out of them."""
    if fmt in FOLDER_FORMATS and out is None:
        raise typer.BadParameter(f"--format {fmt} writes several files: give a folder", param_hint="--out")
    if fmt is ExportFormat.gdelt and where.negated:
        raise typer.BadParameter("GDELT's tables have no field for negation: export negated events as plover, "
                                 "parquet, csv or jsonl", param_hint="--negated")
    if out is not None and out.exists() and out.is_dir() != (fmt in FOLDER_FORMATS):
        kind = "a folder" if fmt in FOLDER_FORMATS else "a file"
        raise typer.BadParameter(f"{out} exists and is not {kind}", param_hint="--out")
    console = Console(stderr=True)
    with read_store(db, wait) as store:
        if fmt in FOLDER_FORMATS:
            if fmt is ExportFormat.gdelt:
                written = export_gdelt(store, out, replace(where, negated=False))
            else:
                written = export_parquet(store, out, where)
            for name, rows in written.items():
                console.print(f"wrote {rows} rows to {out / name}", highlight=False, soft_wrap=True)
            return
        with open(out, "w", encoding="utf-8", newline="") if out else nullcontext(sys.stdout) as stream:
            if fmt is ExportFormat.plover:
                written, left_out = export_plover(store, stream, where)
                note = f" ({left_out} public statements left out: PLOVER does not code them)" if left_out else ""
            else:
                rows = events(store, where)
                render(rows, Format(str(fmt)), out=stream, columns=EVENT_COLUMNS)
                written, note = len(rows), ""
    console.print(f"wrote {written} events" + (f" to {out}" if out else "") + note, highlight=False,
                  soft_wrap=True)
