"""Store: DuckDB tables derived from the data model."""

from newsevents.store.duckdb import DEFAULT_DB, LOCK_WAIT, Store

__all__ = ["DEFAULT_DB", "LOCK_WAIT", "Store"]
