"""newsevents show: one event with its evidence, the sentence marked up with trigger, actors and place."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsevents.cli.stores import DEFAULT_STORE, DEFAULT_WAIT, StorePath, WaitSeconds, read_store
from newsevents.lexicons.events import shipped_codebook
from newsevents.query import EventFilter, event_records

# What is marked in the sentence, in the order a later mark wins over an earlier one.
MARKS = (("location", "underline magenta"), ("source", "bold green"), ("target", "bold cyan"),
         ("trigger", "bold reverse red"))


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


def marked_sentence(record: dict[str, Any]) -> Text:
    """The event's sentence with its trigger, source, target and location styled where they are in it."""
    start = record["sentence_span_start"]
    text = Text(record["sentence_text"].strip("\n"))
    for field, style in MARKS:
        begin, end = record[f"{field}_start"], record[f"{field}_end"]
        if begin is not None and start <= begin < end <= start + len(record["sentence_text"]):
            text.stylize(style, begin - start, end - start)
    return text


def describe(record: dict[str, Any]) -> Table:
    entry = shipped_codebook().get(record["code"])
    plover = " / ".join(v for v in (record["plover"], record["plover_mode"], record["plover_context"]) if v)

    def actor(side: str) -> str:
        if not record[f"{side}_code"]:
            return ""
        extra = ", ".join(v for v in (record[f"{side}_name"], record[f"{side}_country"]) if v)
        return f"{record[f'{side}_code']}  ({extra})  \"{record[f'{side}_text']}\""

    rows = [
        ("event", f"{record['code']} {entry.name if entry else ''}".strip()),
        ("PLOVER", plover or "(none: PLOVER does not code public statements)"),
        ("source", actor("source")), ("target", actor("target")),
        ("when", f"{record['event_day']}" + (f"  from \"{record['date_text']}\"" if record["date_text"] else
                                             "  (publication date)")),
        ("where", ", ".join(v for v in (record["location_name"], record["location_country"]) if v)),
        ("mode", record["mode"] + ("  NEGATED" if record["negated"] else "")),
        ("QuadClass / Goldstein", f"{record['quad_class']} / {record['goldstein']:+g}"),
        ("confidence", f"{record['confidence']:.2f}"), ("rule", record["rule"]),
        ("report", "  ".join(str(v) for v in (record["doc_id"], record["doc_date"], record["news_source"],
                                               record["title"]) if v)),
        ("url", record["url"] or ""), ("sentence", f"{record['sentence'] + 1} of the report"),
    ]
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="dim", no_wrap=True)
    table.add_column(overflow="fold")
    for name, value in rows:
        if value:
            table.add_row(name, value)
    return table


def show_cli(
    event_id: Annotated[str, typer.Argument(help="The event's id, or a prefix of it that only it has.")],
    db: StorePath = DEFAULT_STORE,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="text: marked-up evidence; json: every field.")] =
        ShowFormat.text,
    wait: WaitSeconds = DEFAULT_WAIT,
) -> None:
    """Show one event with the sentence it was read from: trigger, source, target and place marked."""
    with read_store(db, wait) as store:
        found = event_records(store, EventFilter(id_prefix=event_id, limit=50))
    exact = [r for r in found if r["id"] == event_id]
    if not found:
        raise typer.BadParameter(f"no event {event_id!r} in {db} (ids are listed by 'newsevents events')",
                                 param_hint="EVENT_ID")
    if len(found) > 1 and not exact:
        raise typer.BadParameter(f"{event_id!r} starts more than one event id: give more of it",
                                 param_hint="EVENT_ID")
    record = (exact or found)[0]
    if fmt is ShowFormat.json:
        print(json.dumps(record, default=str, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    console.print(Text(record["id"], style="bold"))
    console.print(marked_sentence(record))
    console.print(Text.assemble(("trigger", "bold reverse red"), "  ", ("source", "bold green"), "  ",
                                ("target", "bold cyan"), "  ", ("place", "underline magenta"), style="dim"))
    console.print(describe(record))
