"""The read side: filters over the store, and summaries. The CLI (and later the API) render these rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from newsevents.store import Store

# The day an event happened: its own date (a month or year taken at its first day), else publication.
EVENT_DAY = (
    "COALESCE(TRY_CAST(CASE WHEN length(date) = 4 THEN date || '-01-01' WHEN length(date) = 7 "
    "THEN date || '-01' ELSE date END AS DATE), doc_date)"
)
EVENT_COLUMNS = (
    "doc_id", "id", "event_day", "date", "date_source", "source_code", "source_name", "target_code", "target_name",
    "code", "root", "quad_class", "goldstein", "plover", "negated", "mode", "confidence", "trigger_text",
    "location_name", "location_country", "sentence", "rule",
    "plover_mode", "plover_context", "source_country", "target_country",
)


@dataclass(frozen=True)
class EventFilter:
    """Which events to return. Actor codes match by prefix: RUS matches RUSGOV and RUSMIL; ``country`` is an
    actor's country (ISO3), whatever its code; ``news_source`` the reporting outlet; ``negated`` None takes
    events either way, True only negated ones, False only the ones the text asserts happened (or will)."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    root: str | None = None
    code: str | None = None
    plover: str | None = None
    quad: int | None = None
    mode: str | None = None
    country: str | None = None
    news_source: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    negated: bool | None = None
    min_confidence: float = 0.0
    id_prefix: str | None = None
    limit: int | None = None

    @staticmethod
    def parse_dyad(text: str) -> tuple[str, str]:
        source, sep, target = text.partition(":")
        if not sep or not source or not target:
            raise ValueError(f"a dyad is SOURCE:TARGET, e.g. RUS:IGOWSTNAT, not {text!r}")
        return source.upper(), target.upper()

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = ["TRUE"], []
        if self.actor:
            clauses.append("(starts_with(source_code, ?) OR starts_with(target_code, ?))")
            params += [self.actor.upper()] * 2
        if self.dyad:
            clauses.append("starts_with(source_code, ?) AND starts_with(target_code, ?)")
            params += list(self.dyad)
        if self.root:
            clauses.append("root = ?")
            params.append(self.root.zfill(2))
        if self.code:
            clauses.append("starts_with(code, ?)")
            params.append(self.code)
        if self.plover:
            clauses.append("plover = ?")
            params.append(self.plover.upper())
        if self.quad:
            clauses.append("quad_class = ?")
            params.append(self.quad)
        if self.mode:
            clauses.append("mode = ?")
            params.append(self.mode)
        if self.country:
            clauses.append("(source_country = ? OR target_country = ?)")
            params += [self.country.upper()] * 2
        if self.news_source:
            clauses.append("doc_id IN (SELECT doc_id FROM documents WHERE lower(source) = lower(?))")
            params.append(self.news_source)
        if self.since:
            clauses.append(f"{EVENT_DAY} >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"{EVENT_DAY} <= ?")
            params.append(self.until)
        if self.negated is not None:
            clauses.append("negated = ?")
            params.append(self.negated)
        if self.id_prefix:
            clauses.append("starts_with(id, ?)")
            params.append(self.id_prefix)
        if self.min_confidence > 0:
            clauses.append("confidence >= ?")
            params.append(self.min_confidence)
        return " AND ".join(clauses), params


def events(store: Store, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
    """Events matching the filter, in the order they happened."""
    sql_where, params = where.where()
    columns = ", ".join(c if c != "event_day" else f"{EVENT_DAY} AS event_day" for c in EVENT_COLUMNS)
    sql = f"SELECT {columns} FROM events WHERE {sql_where} ORDER BY event_day, doc_id, sentence, trigger_start"
    if where.limit is not None:
        sql += f" LIMIT {int(where.limit)}"
    return store.query(sql, params)


def event_records(store: Store, where: EventFilter = EventFilter()) -> list[dict[str, Any]]:
    """Every stored field of the matching events with their evidence: the day they happened, the sentence,
    and the report's outlet, URL, headline, length, tone and coding time (what the exporters need)."""
    sql_where, params = where.where()
    sql = (
        f"SELECT e.*, d.source AS news_source, d.url, d.title, d.tone_tone AS doc_tone, d.coded_at, "
        "length(d.text) AS doc_length, "
        "substring(d.text, e.sentence_span_start + 1, e.sentence_span_end - e.sentence_span_start) AS sentence_text "
        f"FROM (SELECT *, {EVENT_DAY} AS event_day FROM events WHERE {sql_where}) AS e "
        "JOIN documents AS d USING (doc_id) ORDER BY e.event_day, e.doc_id, e.sentence, e.trigger_start, e.idx")
    if where.limit is not None:
        sql += f" LIMIT {int(where.limit)}"
    return store.query(sql, params)


def stats(store: Store, top: int = 10) -> dict[str, Any]:
    """Documents, events by root and QuadClass, top dyads, and quarantined documents by reason. Events are
    counted as ``events`` lists them by default: negated ones too (``negated_events`` says how many)."""
    one = store.query
    return {
        "documents": one("SELECT count(*) AS n FROM documents")[0]["n"],
        "events": one("SELECT count(*) AS n FROM events")[0]["n"],
        "negated_events": one("SELECT count(*) AS n FROM events WHERE negated")[0]["n"],
        "events_with_both_actors": one(
            "SELECT count(*) AS n FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL")[0]["n"],
        "quarantined": one("SELECT reason, count(*) AS n FROM quarantine GROUP BY reason ORDER BY n DESC"),
        "by_root": one("SELECT root, count(*) AS n FROM events GROUP BY root ORDER BY root"),
        "by_quad_class": one("SELECT quad_class, count(*) AS n FROM events GROUP BY quad_class ORDER BY quad_class"),
        "top_dyads": one(
            "SELECT source_code, target_code, count(*) AS n FROM events WHERE target_code IS NOT NULL "
            f"GROUP BY ALL ORDER BY n DESC, source_code, target_code LIMIT {int(top)}"),
    }


def dyad_series(store: Store, source: str, target: str, interval: str = "month") -> list[dict[str, Any]]:
    """Events a period for one dyad (code prefixes), with their mean Goldstein score."""
    if interval not in {"day", "week", "month", "quarter", "year"}:
        raise ValueError(f"interval {interval!r} is not day, week, month, quarter or year")
    return store.query(
        f"SELECT date_trunc('{interval}', {EVENT_DAY}) AS period, count(*) AS events, "
        "round(avg(goldstein), 3) AS goldstein FROM events "
        "WHERE starts_with(source_code, ?) AND starts_with(target_code, ?) AND NOT negated "
        "GROUP BY period ORDER BY period", [source.upper(), target.upper()])


def top_partners(store: Store, actor: str, top: int = 10) -> list[dict[str, Any]]:
    """The actors an actor (code prefix) deals with most, either way round."""
    return store.query(
        "SELECT partner, count(*) AS events FROM ("
        "  SELECT target_code AS partner FROM events WHERE starts_with(source_code, ?) AND target_code IS NOT NULL"
        "  UNION ALL"
        "  SELECT source_code FROM events WHERE starts_with(target_code, ?) AND source_code IS NOT NULL"
        f") GROUP BY partner ORDER BY events DESC, partner LIMIT {int(top)}", [actor.upper(), actor.upper()])


def root_breakdown(store: Store, year: int) -> list[dict[str, Any]]:
    """Events by CAMEO root in one year (by the day the events happened)."""
    return store.query(
        f"SELECT root, count(*) AS events FROM events WHERE {EVENT_DAY} >= ? AND {EVENT_DAY} < ? "
        "GROUP BY root ORDER BY root", [dt.date(year, 1, 1), dt.date(year + 1, 1, 1)])


PERIODS = ("day", "week", "month", "quarter", "year")
QUAD_COLUMNS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
# What a panel's rows are about: (key columns, the sides of an event they are read from, directed/undirected).
SERIES_BY = {
    "dyad": (("source", "target"), ("source_code", "target_code")),
    "country-dyad": (("source", "target"), ("source_country", "target_country")),
    "actor": (("actor",), ("source_code", "target_code")),
    "country": (("country",), ("source_country", "target_country")),
}


def series(store: Store, where: EventFilter = EventFilter(), by: str = "dyad", period: str = "month",
           directed: bool = True) -> list[dict[str, Any]]:
    """A panel: for every dyad, actor or country with an event, every period from the first to the last
    (or ``where.since``/``until``), with zeros where nothing happened: events, Goldstein sum and mean,
    and events per QuadClass.

    Directed, a dyad is source -> target and an actor or country counts the events it did; undirected, a
    dyad is an unordered pair (listed alphabetically) and an actor or country counts every event it was
    party to, once each.
    """
    if period not in PERIODS:
        raise ValueError(f"period {period!r} is not one of {', '.join(PERIODS)}")
    if by not in SERIES_BY:
        raise ValueError(f"--by {by!r} is not one of {', '.join(SERIES_BY)}")
    keys, (first, second) = SERIES_BY[by]
    sql_where, params = where.where()
    picked = f"SELECT {EVENT_DAY} AS day, goldstein, quad_class, {first} AS a, {second} AS b FROM events " \
             f"WHERE {sql_where}"
    if len(keys) == 2:
        pair = "a AS source, b AS target" if directed else "least(a, b) AS source, greatest(a, b) AS target"
        sides = f"SELECT day, goldstein, quad_class, {pair} FROM picked WHERE a IS NOT NULL AND b IS NOT NULL"
    elif directed:
        sides = f"SELECT day, goldstein, quad_class, a AS {keys[0]} FROM picked WHERE a IS NOT NULL"
    else:
        sides = (f"SELECT day, goldstein, quad_class, a AS {keys[0]} FROM picked WHERE a IS NOT NULL UNION ALL "
                 f"SELECT day, goldstein, quad_class, b FROM picked WHERE b IS NOT NULL AND b IS DISTINCT FROM a")
    key_list = ", ".join(keys)
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {n}) AS {name}"
                      for n, name in enumerate(QUAD_COLUMNS, start=1))
    sql = f"""
        WITH picked AS ({picked}), sides AS ({sides}),
        counts AS (
            SELECT CAST(date_trunc('{period}', day) AS DATE) AS period, {key_list}, count(*) AS events,
                   sum(goldstein) AS goldstein_sum, {quads}
            FROM sides GROUP BY ALL),
        bounds AS (
            SELECT CAST(date_trunc('{period}', coalesce(CAST(? AS DATE), min(day))) AS DATE) AS first,
                   CAST(date_trunc('{period}', coalesce(CAST(? AS DATE), max(day))) AS DATE) AS last FROM sides),
        periods AS (
            SELECT CAST(unnest(generate_series(first, last, INTERVAL 1 {period})) AS DATE) AS period FROM bounds
            WHERE first IS NOT NULL),
        keys AS (SELECT DISTINCT {key_list} FROM counts)
        SELECT p.period, {", ".join(f"k.{k}" for k in keys)}, coalesce(c.events, 0) AS events,
               round(coalesce(c.goldstein_sum, 0), 3) AS goldstein_sum,
               round(c.goldstein_sum / c.events, 3) AS goldstein_mean,
               {", ".join(f"coalesce(c.{name}, 0) AS {name}" for name in QUAD_COLUMNS)}
        FROM periods AS p CROSS JOIN keys AS k LEFT JOIN counts AS c ON c.period = p.period
             AND {" AND ".join(f"c.{k} = k.{k}" for k in keys)}
        ORDER BY {", ".join(f"k.{k}" for k in keys)}, p.period"""
    return store.query(sql, [*params, where.since, where.until])
