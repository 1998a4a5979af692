"""Exports: PLOVER JSON Lines, CSV and Parquet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from kroniek.records import event_to_plover
from kroniek.store.store import Store

FORMATS = ("plover", "csv", "parquet")
TABLES = ("events", "quotes", "actors", "articles")
_ORDER = {
    "events": "date DESC NULLS LAST, doc_id, start",
    "quotes": "date DESC NULLS LAST, doc_id, start",
    "actors": "id",
    "articles": "published DESC NULLS LAST, id",
}


def write_plover(store: Store, out: TextIO, **filters: str | None) -> int:
    """Write events as PLOVER-style JSON Lines; returns how many were written."""
    articles: dict[str, object] = {}
    count = 0
    for event in store.events(**filters):
        if event.doc_id not in articles:
            articles[event.doc_id] = store.article(event.doc_id)
        out.write(json.dumps(event_to_plover(event, articles[event.doc_id]), ensure_ascii=False) + "\n")
        count += 1
    return count


def export(store: Store, fmt: str, output: Path, table: str = "events") -> int:
    """Export ``table`` (``plover`` is always events) to ``output``; returns the number of rows."""
    if fmt == "plover":
        with open(output, "w", encoding="utf-8") as out:
            return write_plover(store, out)
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    # DuckDB writes CSV and Parquet itself: the table columns are the flat record rows.
    options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet, COMPRESSION zstd"
    query = f"SELECT * FROM {table} ORDER BY {_ORDER[table]}"
    store.con.execute(f"COPY ({query}) TO '{_sql_path(output)}' ({options})")
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
