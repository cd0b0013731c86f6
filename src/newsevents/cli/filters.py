"""The event filters every reading command takes (events, export, series), declared once.

``with_event_filter`` adds them to a command's options and hands the command one ``EventFilter`` as
``where``, so that the commands cannot drift apart in what a filter means.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, get_args

import typer

from newsevents.countries import parse_country
from newsevents.lexicons.events import plover_types
from newsevents.model import Mode
from newsevents.query import EventFilter

EventMode = StrEnum("EventMode", {mode: mode for mode in get_args(Mode)})  # type: ignore[misc]

FILTERS: dict[str, tuple[Any, str]] = {
    "actor": (str | None, "Source or target code prefix, e.g. RUS."),
    "dyad": (str | None, "SOURCE:TARGET code prefixes, e.g. RUS:IGOWSTNAT."),
    "country": (str | None, "An actor's country, whatever its code: ISO3 code or name, e.g. LTU or Lithuania."),
    "root": (str | None, "CAMEO root code, e.g. 16."),
    "code": (str | None, "CAMEO code prefix, e.g. 161."),
    "plover": (str | None, "PLOVER event type, e.g. SANCTION."),
    "quad": (int | None, "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                         "4 material conflict."),
    "mode": (EventMode | None, "Only events of this mode."),
    "source": (str | None, "News source (outlet) of the report, as the input names it."),
    "since": (dt.datetime | None, "First day (event date), YYYY-MM-DD."),
    "until": (dt.datetime | None, "Last day (event date), YYYY-MM-DD."),
    "negated": (bool | None, "--negated: only negated events; --no-negated: only events the text says "
                             "happen."),
    "min_confidence": (float, "Only events at least this confident (0 to 1)."),
}


def _option(name: str, kind: Any, text: str, negated_default: bool | None) -> inspect.Parameter:
    extra: dict[str, Any] = {}
    default: Any = None
    if name in {"since", "until"}:
        extra["formats"] = ["%Y-%m-%d"]
    elif name == "quad":
        extra |= {"min": 1, "max": 4}
    elif name == "min_confidence":
        extra |= {"min": 0.0, "max": 1.0}
        default = 0.0
    elif name == "negated":
        default = negated_default
        if negated_default is False:
            text += " [default: --no-negated]"
    option = typer.Option(*(["--negated/--no-negated"] if name == "negated" else []), help=text,
                          rich_help_panel="Which events", **extra)
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[kind, option],
                             default=default)


def build_filter(values: dict[str, Any]) -> EventFilter:
    """An EventFilter from the options' values; a value that means nothing is a BadParameter naming it."""
    try:
        dyad = EventFilter.parse_dyad(values["dyad"]) if values["dyad"] else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--dyad") from None
    country = values["country"]
    if country:
        try:
            country = parse_country(country)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--country") from None
    plover = values["plover"]
    if plover and plover.upper() not in plover_types():
        raise typer.BadParameter(f"{plover!r} is not a PLOVER event type ({', '.join(sorted(plover_types()))})",
                                 param_hint="--plover")
    since, until = values["since"], values["until"]
    return EventFilter(
        actor=values["actor"], dyad=dyad, root=values["root"], code=values["code"],
        plover=plover.upper() if plover else None, quad=values["quad"],
        mode=str(values["mode"]) if values["mode"] else None, country=country, news_source=values["source"],
        since=since.date() if since else None, until=until.date() if until else None,
        negated=values["negated"], min_confidence=values["min_confidence"])


def with_event_filter(negated: bool | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Give a command every event filter as an option; it receives them as ``where``. ``negated`` is the
    default of --negated/--no-negated (None: events either way)."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != "where"]
        added = [_option(name, kind, text, negated) for name, (kind, text) in FILTERS.items()]

        @functools.wraps(command)
        def run(**values: Any) -> Any:
            where = build_filter({name: values.pop(name) for name in FILTERS})
            return command(where=where, **values)

        del run.__wrapped__  # Typer must read the options below, not the command's own signature
        run.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in run.__signature__.parameters.values()}  # type: ignore[attr-defined]
        return run

    return decorate
