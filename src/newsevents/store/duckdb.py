"""The store: one DuckDB file holding documents and everything coded from them.

This is the only module that writes to the database. Coding a document again replaces its rows in
one transaction, so a document is never stored twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsevents.model import CodedDocument, Document, Quarantined, Tone
from newsevents.store.schema import RECORD_TABLES, columns, flatten

DEFAULT_DB = "newsevents.duckdb"
SCHEMA_VERSION = 1

DOCUMENT_EXTRA = (("lexicon_version", "VARCHAR"), ("coded_at", "TIMESTAMP"))


def _document_columns() -> list[tuple[str, str]]:
    return [*columns(Document), *((f"tone_{n}", t) for n, t in columns(Tone)), *DOCUMENT_EXTRA]


def _ddl() -> list[str]:
    docs = ", ".join(f"{n} {t}" + (" PRIMARY KEY" if n == "doc_id" else "") for n, t in _document_columns())
    statements = [f"CREATE TABLE IF NOT EXISTS documents ({docs})"]
    for table, cls in RECORD_TABLES.items():
        cols = ", ".join(f"{n} {t}" for n, t in columns(cls))
        statements.append(f"CREATE TABLE IF NOT EXISTS {table} (doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, "
                          f"doc_date DATE, {cols})")
        statements.append(f"CREATE INDEX IF NOT EXISTS {table}_doc ON {table} (doc_id)")
    cols = ", ".join(f"{n} {t}" for n, t in columns(Quarantined))
    statements.append(f"CREATE TABLE IF NOT EXISTS quarantine ({cols}, recorded_at TIMESTAMP)")
    statements.append("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    return statements


class Store:
    """A DuckDB database of coded documents."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            for statement in _ddl():
                self.con.execute(statement)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------------
    def save(self, records: Iterable[CodedDocument | Quarantined], lexicon_version: str = "") -> tuple[int, int]:
        """Store coded documents (replacing earlier rows of the same ids) and quarantine records.

        Returns (coded, quarantined) counts. All of it lands in one transaction or none of it does.
        """
        records = list(records)
        coded = [r for r in records if isinstance(r, CodedDocument)]
        quarantined = [r for r in records if isinstance(r, Quarantined)]
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        # A document id seen twice in one batch keeps its last version, as a later run would.
        latest = {c.document.doc_id: c for c in coded}
        coded = list(latest.values())
        ids = list(latest)
        self.con.execute("BEGIN TRANSACTION")
        try:
            if ids:
                id_table = pa.table({"doc_id": pa.array(ids, pa.string())})
                self.con.register("_ids", id_table)
                for table in ("documents", *RECORD_TABLES):
                    self.con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _ids)")
                self.con.execute("DELETE FROM quarantine WHERE doc_id IN (SELECT doc_id FROM _ids)")
                self.con.unregister("_ids")
                self._insert("documents", [n for n, _ in _document_columns()], [
                    [*flatten(c.document, Document), *flatten(c.tone, Tone), lexicon_version, now] for c in coded
                ])
                for table, cls in RECORD_TABLES.items():
                    rows = [[c.document.doc_id, i, c.document.date, *flatten(item, cls)]
                            for c in coded for i, item in enumerate(getattr(c, table))]
                    self._insert(table, ["doc_id", "idx", "doc_date", *(n for n, _ in columns(cls))], rows)
            if quarantined:
                self._insert("quarantine", [*(n for n, _ in columns(Quarantined)), "recorded_at"],
                             [[*flatten(q, Quarantined), now] for q in quarantined])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(coded), len(quarantined)

    def _insert(self, table: str, names: list[str], rows: list[list[Any]]) -> None:
        if not rows:
            return
        batch = pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)})
        self.con.register("_batch", batch)
        try:
            self.con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(names)} FROM _batch")
        finally:
            self.con.unregister("_batch")

    # -- reading -----------------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts. Only the read side (newsevents.query) should need this."""
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def coded_ids(self, lexicon_version: str | None = None) -> set[str]:
        sql = "SELECT doc_id FROM documents" + (" WHERE lexicon_version = ?" if lexicon_version else "")
        return {r[0] for r in self.con.execute(sql, [lexicon_version] if lexicon_version else []).fetchall()}
