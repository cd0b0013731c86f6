"""newsevents series: event counts per period for every dyad, actor or country (a panel), zero-filled."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import pyarrow.parquet as pq
import typer

from newsevents.cli.filters import with_event_filter
from newsevents.cli.render import Format, render
from newsevents.cli.stores import DEFAULT_STORE, DEFAULT_WAIT, StorePath, WaitSeconds, read_store
from newsevents.countries import country
from newsevents.query import PERIODS, QUAD_COLUMNS, SERIES_BY, EventFilter, series

By = StrEnum("By", {name: name for name in SERIES_BY})  # type: ignore[misc]
Period = StrEnum("Period", {name: name for name in PERIODS})  # type: ignore[misc]


class Codes(StrEnum):
    iso3 = "iso3"
    gw = "gw"


class SeriesFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


def with_gleditsch_ward(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Each country key followed by its Gleditsch-Ward number (empty for a country outside their list)."""
    out = []
    for row in rows:
        ordered: dict[str, Any] = {}
        for name, value in row.items():
            ordered[name] = value
            if name in keys:
                found = country(value)
                ordered[f"{name}_gw"] = found.gw if found else None
        out.append(ordered)
    return out


@with_event_filter(negated=False)
def series_cli(
    where: EventFilter,
    by: Annotated[By, typer.Option(help="Rows per actor-code dyad, country dyad, actor code or country.")] =
        By.dyad,  # type: ignore[attr-defined]
    period: Annotated[Period, typer.Option(help="Length of a period.")] = Period.month,  # type: ignore[attr-defined]
    directed: Annotated[bool, typer.Option(
        "--directed/--undirected",
        help="Directed: source -> target, and an actor's own acts. Undirected: unordered pairs, and every event "
             "an actor was party to.")] = True,
    codes: Annotated[Codes, typer.Option(
        help="Country codes: ISO3, or ISO3 with Gleditsch-Ward numbers beside them (country panels).")] =
        Codes.iso3,
    fmt: Annotated[SeriesFormat, typer.Option("--format", help="Output format.")] = SeriesFormat.table,
    out: Annotated[Path | None, typer.Option(help="Write here instead of standard output (needed for "
                                                  "parquet).")] = None,
    db: StorePath = DEFAULT_STORE,
    wait: WaitSeconds = DEFAULT_WAIT,
) -> None:
    """Events per period for every dyad, actor or country that has any, with zero-filled periods: counts,
    Goldstein sum and mean, and counts per QuadClass. Negated events are left out unless asked for."""
    keys = SERIES_BY[str(by)][0]
    if codes is Codes.gw and not str(by).startswith("country"):
        raise typer.BadParameter("Gleditsch-Ward numbers are for countries: use --by country or country-dyad",
                                 param_hint="--codes")
    if fmt is SeriesFormat.parquet and out is None:
        raise typer.BadParameter("--format parquet writes a file: give --out", param_hint="--out")
    with read_store(db, wait) as store:
        rows = series(store, where, by=str(by), period=str(period), directed=directed)
    if codes is Codes.gw:
        rows = with_gleditsch_ward(rows, keys)
    names = ["period", *keys, *(f"{k}_gw" for k in keys if codes is Codes.gw), "events", "goldstein_sum",
             "goldstein_mean", *QUAD_COLUMNS]
    if fmt is SeriesFormat.parquet:
        table = pa.Table.from_pylist(rows) if rows else pa.table({name: pa.array([], pa.null()) for name in names})
        pq.write_table(table, out)
        return
    with open(out, "w", encoding="utf-8", newline="") if out else nullcontext(sys.stdout) as stream:
        render(rows, Format(str(fmt)), out=stream, columns=names,
               title=f"{len(rows)} rows: {by} by {period}")
