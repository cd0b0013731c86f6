"""Store: DuckDB tables derived from the data model."""

from newsevents.store.duckdb import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
