"""The store options every command that reads the store takes, and opening it: declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsevents.store import DEFAULT_DB, LOCK_WAIT, Store

StorePath = Annotated[Path, typer.Option("--db", help="DuckDB store to read.")]
WaitSeconds = Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for a store another program "
                                                                   "holds.")]
DEFAULT_STORE = Path(DEFAULT_DB)
DEFAULT_WAIT = LOCK_WAIT


def read_store(db: Path, wait: float) -> Store:
    """The store at ``db``, read-only; a missing one is a one-line error that says what to run."""
    if not db.exists():
        raise typer.BadParameter(f"no store at {db}; run 'newsevents code' first", param_hint="--db")
    return Store(db, read_only=True, wait=wait)
