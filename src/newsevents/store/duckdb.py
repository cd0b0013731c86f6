"""The store: one DuckDB file holding documents and everything coded from them.

This is the only module that writes to the database. Coding a document again replaces its rows in
one transaction, so a document is never stored twice, and a run killed at any moment leaves every
committed batch whole. DuckDB lets one process hold a file at a time, so the writer holds it only
while it commits a batch, and every connection waits (up to ``wait`` seconds, LOCK_WAIT by default:
longer than a commit takes) for a holder to let go: readers work while a run writes. A file another
program keeps open (a notebook) is reported at once with who holds it, unless asked to wait longer.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from newsevents.errors import StoreError
from newsevents.model import CodedDocument, Document, Quarantined, Tone
from newsevents.readers import content_id
from newsevents.store.schema import RECORD_TABLES, columns, flatten, unflatten

DEFAULT_DB = "newsevents.duckdb"
SCHEMA_VERSION = 1

DOCUMENT_EXTRA = (("lexicon_version", "VARCHAR"), ("content_hash", "VARCHAR"), ("coded_at", "TIMESTAMP"))
LOCK_WAIT = 5.0  # seconds a connection waits for another process to release the file


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


def _add_new_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Give a store written by an earlier version the fields the contract has gained since (empty in old rows)."""
    tables = {"documents": _document_columns(), **{t: columns(cls) for t, cls in RECORD_TABLES.items()}}
    for table, wanted in tables.items():
        present = {row[0] for row in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
        for name, sql_type in wanted:
            if name not in present:
                con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}")


class Store:
    """A DuckDB database of coded documents."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False, wait: float = LOCK_WAIT) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.wait = wait
        if not Path(path).parent.is_dir():
            raise StoreError(f"{path}: the folder {Path(path).parent} does not exist")
        if not read_only:
            with self._connect() as con:
                for statement in _ddl():
                    con.execute(statement)
                _add_new_columns(con)
                con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    @contextmanager
    def _connect(self, read_only: bool | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection held only as long as it is needed, waiting while another process holds the file."""
        read_only = self.read_only if read_only is None else read_only
        deadline, pause = time.monotonic() + self.wait, 0.02
        while True:
            try:
                con = duckdb.connect(self.path, read_only=read_only)
                break
            except duckdb.Error as exc:
                # Another process holds the file (a lock), or, in this process, a connection of the
                # other kind (read-only versus read-write) is open: our own let go within a commit.
                message = str(exc).lower()
                busy = any(words in message for words in ("lock", "different configuration", "file handle conflict"))
                if not busy:
                    raise StoreError(f"{self.path}: {_first_line(exc)}") from None
                if time.monotonic() > deadline:
                    holder = re.search(r"held in (.+?\(PID \d+\))", str(exc))
                    raise StoreError(f"{self.path} is held by another program"
                                     + (f" ({holder.group(1)})" if holder else "")
                                     + f"; close it, or wait for it with --wait SECONDS (waited {self.wait:g} s)"
                                     ) from None
                time.sleep(pause)
                pause = min(pause * 2, 1.0)
        try:
            yield con
        finally:
            con.close()

    def close(self) -> None:
        """Nothing stays open between calls; kept so that a Store can be used as a context manager."""

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
        with self._connect(read_only=False) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                if ids:
                    con.register("_ids", pa.table({"doc_id": pa.array(ids, pa.string())}))
                    for table in ("documents", *RECORD_TABLES):
                        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _ids)")
                    con.execute("DELETE FROM quarantine WHERE doc_id IN (SELECT doc_id FROM _ids)")
                    con.unregister("_ids")
                    _insert(con, "documents", [n for n, _ in _document_columns()], [
                        [*flatten(c.document, Document), *flatten(c.tone, Tone), lexicon_version,
                         content_id(c.document.text), now] for c in coded
                    ])
                    for table, cls in RECORD_TABLES.items():
                        rows = [[c.document.doc_id, i, c.document.date, *flatten(item, cls)]
                                for c in coded for i, item in enumerate(getattr(c, table))]
                        _insert(con, table, ["doc_id", "idx", "doc_date", *(n for n, _ in columns(cls))], rows)
                # The latest word on an input replaces earlier ones: a re-run of the same bad file does not
                # add its quarantine record again, and a file that codes now is no longer quarantined.
                origins = [r.origin for r in quarantined] + [c.document.origin for c in coded if c.document.origin]
                if origins:
                    con.register("_origins", pa.table({"origin": pa.array(origins, pa.string())}))
                    con.execute("DELETE FROM quarantine WHERE origin IN (SELECT origin FROM _origins)")
                    con.unregister("_origins")
                if quarantined:
                    _insert(con, "quarantine", [*(n for n, _ in columns(Quarantined)), "recorded_at"],
                            [[*flatten(q, Quarantined), now] for q in quarantined])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return len(coded), len(quarantined)

    # -- reading -----------------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts. Only the read side (newsevents.query) should need this."""
        with self._connect() as con:
            cursor = con.execute(sql, params or [])
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def arrow(self, sql: str, params: list[Any] | None = None) -> pa.Table:
        """Rows as an Arrow table, column types kept (for Parquet exports)."""
        with self._connect() as con:
            return con.sql(sql, params=params or None).to_arrow_table()

    def coded_documents(self, ids: Iterable[str]) -> dict[str, CodedDocument]:
        """The stored records of these documents, as the coder returned them (a re-run's output reads the
        documents it skips from here, so that it matches the run that coded them)."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        doc_names = [n for n, _ in columns(Document)] + [f"tone_{n}" for n, _ in columns(Tone)]
        with self._connect() as con:
            con.register("_ids", pa.table({"doc_id": pa.array(ids, pa.string())}))
            try:
                rows = con.execute(f"SELECT {', '.join(doc_names)} FROM documents "
                                   "WHERE doc_id IN (SELECT doc_id FROM _ids)").fetchall()
                parts: dict[str, dict[str, list[Any]]] = {}
                for table, cls in RECORD_TABLES.items():
                    names = ", ".join(n for n, _ in columns(cls))
                    for doc_id, *values in con.execute(
                            f"SELECT doc_id, {names} FROM {table} WHERE doc_id IN (SELECT doc_id FROM _ids) "
                            "ORDER BY doc_id, idx").fetchall():
                        parts.setdefault(doc_id, {}).setdefault(table, []).append(unflatten(iter(values), cls))
            finally:
                con.unregister("_ids")
        found = {}
        for row in rows:
            values = iter(row)
            document, tone = unflatten(values, Document), unflatten(values, Tone)
            tables = parts.get(document.doc_id, {})
            found[document.doc_id] = CodedDocument(document, tone=tone,
                                                   **{t: tuple(tables.get(t, ())) for t in RECORD_TABLES})
        return found

    def coded_ids(self, lexicon_version: str | None = None) -> set[str]:
        sql = "SELECT doc_id FROM documents" + (" WHERE lexicon_version = ?" if lexicon_version else "")
        return {r["doc_id"] for r in self.query(sql, [lexicon_version] if lexicon_version else [])}

    def coded_keys(self, lexicon_version: str) -> set[tuple[str, str]]:
        """(doc_id, content hash) of documents already coded with this lexicon: a re-run skips them."""
        rows = self.query("SELECT doc_id, content_hash FROM documents WHERE lexicon_version = ?", [lexicon_version])
        return {(r["doc_id"], r["content_hash"]) for r in rows}


def _first_line(exc: Exception) -> str:
    """DuckDB's message without its error class prefix ("IO Error: ...")."""
    text = str(exc).strip().splitlines()[0]
    return text.split(": ", 1)[1] if text.startswith(("IO Error", "Serialization Error")) else text


def _insert(con: duckdb.DuckDBPyConnection, table: str, names: list[str], rows: list[list[Any]]) -> None:
    if not rows:
        return
    con.register("_batch", pa.table({name: [row[i] for row in rows] for i, name in enumerate(names)}))
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {', '.join(names)} FROM _batch")
    finally:
        con.unregister("_batch")
