"""DuckDB schema, writes, queries and exports."""

from kroniek.store.store import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
