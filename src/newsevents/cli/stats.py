"""newsevents stats: what the store holds."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console

from newsevents.cli.render import Format, render
from newsevents.cli.stores import DEFAULT_STORE, DEFAULT_WAIT, StorePath, WaitSeconds, read_store
from newsevents.query import stats


def stats_cli(
    db: StorePath = DEFAULT_STORE,
    top: Annotated[int, typer.Option(min=0, help="How many dyads to list.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    wait: WaitSeconds = DEFAULT_WAIT,
) -> None:
    """Documents, events by CAMEO root and QuadClass, top dyads, quarantined documents."""
    with read_store(db, wait) as store:
        summary = stats(store, top)
    if as_json:
        print(json.dumps(summary, indent=2, default=str))
        return
    console = Console()
    console.print(f"[bold]{summary['documents']}[/] documents, [bold]{summary['events']}[/] events "
                  f"({summary['events_with_both_actors']} with source and target, {summary['negated_events']} negated)")
    for key, title in (("by_root", "events by CAMEO root"), ("by_quad_class", "events by QuadClass"),
                       ("top_dyads", "top dyads"), ("quarantined", "quarantined documents")):
        if summary[key]:
            render(summary[key], Format.table, title=title)
