"""Render rows (dicts) as a Rich table, CSV or JSON Lines: one data set, many renderings."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table


class Format(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def table_width(out: TextIO) -> int | None:
    """A terminal's own width; elsewhere (a pipe, a file) wide enough that rows do not fold."""
    return None if out.isatty() else 200


def render(rows: Sequence[dict[str, Any]], fmt: Format, out: TextIO | None = None, title: str | None = None,
           columns: Sequence[str] | None = None) -> None:
    """Print ``rows``; ``columns`` names the header when there may be no row to take it from."""
    out = out or sys.stdout
    names = list(rows[0]) if rows else list(columns or [])
    if fmt is Format.jsonl:
        for row in rows:
            out.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
    elif fmt is Format.csv:
        if names:
            writer = csv.DictWriter(out, fieldnames=names)
            writer.writeheader()
            writer.writerows({k: _plain(v) for k, v in row.items()} for row in rows)
    else:
        table = Table(title=title, show_lines=False)
        for name in names or ["(no rows)"]:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else str(_plain(v)) for v in row.values()))
        Console(file=out, width=table_width(out)).print(table)
