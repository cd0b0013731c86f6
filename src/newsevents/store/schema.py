"""Table columns derived from the data model: one column per leaf field, nested records flattened.

``Event.source`` (an Actor) becomes ``source_code``, ``source_name`` ...; a span becomes
``..._start`` and ``..._end``. Adding a field to model.py adds a column; nothing here lists them by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Iterator
from typing import Any

from newsevents.model import Actor, Event, Place, Quote, TimeExpr, Trigger

SQL_TYPES = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN", dt.date: "DATE"}
NESTED = (Actor, Place, Trigger)


def _strip_optional(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _is_span(hint: Any) -> bool:
    return typing.get_origin(hint) is tuple and typing.get_args(hint) == (int, int)


@functools.cache
def _leaves(cls: type) -> tuple[tuple[str, str, Any], ...]:
    """(field, kind, hint) for every field of ``cls``: kind is span, nested or value. Read once per class,
    because resolving type hints costs far more than flattening a record."""
    out = []
    for name, hint in typing.get_type_hints(cls).items():
        hint = _strip_optional(hint)
        kind = "span" if _is_span(hint) else "nested" if hint in NESTED else "value"
        out.append((name, kind, hint))
    return tuple(out)


@functools.cache
def columns(cls: type, nested: bool = False) -> tuple[tuple[str, str], ...]:
    """(column, SQL type) for every leaf field of the dataclass ``cls``.

    A nested record's own ``span`` becomes ``<field>_start``/``<field>_end`` (``source_start``),
    so that it cannot clash with a sibling span field (``Quote.speaker_span``).
    """
    out: list[tuple[str, str]] = []
    for name, kind, hint in _leaves(cls):
        if kind == "span":
            stem = "" if nested and name == "span" else f"{name}_"
            out += [(f"{stem}start", "INTEGER"), (f"{stem}end", "INTEGER")]
        elif kind == "nested":
            out += [(f"{name}_{sub}", sql) for sub, sql in columns(hint, nested=True)]
        elif typing.get_origin(hint) is typing.Literal:
            out.append((name, "VARCHAR"))
        else:
            out.append((name, SQL_TYPES.get(hint, "VARCHAR")))
    return tuple(out)


def flatten(value: Any, cls: type) -> list[Any]:
    """The column values of one record, in ``columns(cls)`` order (None for an absent nested record)."""
    row: list[Any] = []
    for name, kind, hint in _leaves(cls):
        field_value = getattr(value, name) if value is not None else None
        if kind == "span":
            row += list(field_value) if field_value is not None else [None, None]
        elif kind == "nested":
            row += flatten(field_value, hint)
        else:
            row.append(field_value)
    return row


def unflatten(values: Iterator[Any], cls: type) -> Any:
    """The inverse of ``flatten``: one record of ``cls`` from its column values, taken in order from
    ``values``; a nested record or span whose columns are all null is None."""
    fields: dict[str, Any] = {}
    for name, kind, hint in _leaves(cls):
        if kind == "span":
            start, end = next(values), next(values)
            fields[name] = None if start is None and end is None else (start, end)
        elif kind == "nested":
            fields[name] = unflatten(values, hint)
        else:
            fields[name] = next(values)
    if all(v is None for v in fields.values()):
        return None
    return cls(**fields)


RECORD_TABLES: dict[str, type] = {"actors": Actor, "events": Event, "quotes": Quote, "dates": TimeExpr,
                                  "places": Place}


def field_names(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]
