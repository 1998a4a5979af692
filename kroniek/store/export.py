"""Exports: PLOVER JSON Lines, CSV and Parquet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

import duckdb

from kroniek.errors import KroniekError, Msg
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
    """Export ``table`` (``plover`` is always events) to ``output``; returns the number of rows.

    Raises :class:`KroniekError` (K406) when ``output`` cannot be written.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    try:
        if fmt == "plover":
            with open(output, "w", encoding="utf-8") as out:
                return write_plover(store, out)
        # DuckDB writes CSV and Parquet itself: the table columns are the flat record rows.
        with store.con.cursor() as cursor:  # a relation of its own, not an open result on the store's
            relation = cursor.sql(f"SELECT * FROM {table} ORDER BY {_ORDER[table]}")
            if fmt == "csv":
                relation.write_csv(str(output), header=True)
            else:
                relation.write_parquet(str(output), compression="zstd")
            return cursor.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except (OSError, duckdb.IOException) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).splitlines()[0]
        raise KroniekError(Msg.K406, path=output, detail=detail) from exc
