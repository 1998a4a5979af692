"""One part's records as Parquet files: DIR/<table>/<part id>.parquet, one file per store table.

The columns are the store's own (taken from the DuckDB schema, so the two cannot drift apart),
the rows come from :func:`kroniek.records.table_rows` (as ``Store.write``'s do), and ``event_actors`` carries an
extra ``doc_id`` so that the loader can keep one copy of every article's records. Every table
is written for every part, empty or not, so a finished part is always a complete set of files.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from kroniek import records
from kroniek.records import ArticleRecords
from kroniek.store.schema import migrate

TABLES = (
    "articles",
    "sentences",
    "mentions",
    "events",
    "event_actors",
    "quotes",
    "actors",
    "actor_names",
    "failures",
)
#: Columns a partition has beyond its store table (dropped on load).
EXTRA_COLUMNS = {"event_actors": [pa.field("doc_id", pa.string())]}


@lru_cache(maxsize=1)
def schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of each partition, read off an empty in-memory store."""
    con = duckdb.connect()
    try:
        migrate(con, ":memory:")
        out = {}
        for table in TABLES:
            relation = con.sql(f"SELECT * FROM {table} LIMIT 0")
            # DuckDB 2 renamed fetch_arrow_table; the project allows DuckDB >= 1.1.
            to_arrow = getattr(relation, "to_arrow_table", None) or relation.fetch_arrow_table
            schema = to_arrow().schema
            for extra in EXTRA_COLUMNS.get(table, []):
                schema = schema.append(extra)
            out[table] = schema
        return out
    finally:
        con.close()


def table_rows(results: list[ArticleRecords], failures: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table for a batch of analysed articles: ``records.table_rows``, as ``Store.write``
    stores them, plus the writer's clock, the ``doc_id`` of ``event_actors`` and the part's failures."""
    now = datetime.now(UTC).replace(tzinfo=None)
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLES}
    for result in results:
        for table, more in records.table_rows([result]).items():
            if table == "event_actors":  # which article's: the loader keeps one copy of each article's rows
                more = [row | {"doc_id": result.article.id} for row in more]
            rows[table] += more
    for row in rows["articles"]:
        row["ingested_at"] = now
    for failure in failures:
        rows["failures"].append(failure | {"first_seen": now, "last_seen": now, "attempts": 1, "resolved": False})
    return rows


def partition_path(out: str | Path, table: str, part_id: str) -> Path:
    return Path(out) / table / f"{part_id}.parquet"


def write_part(out: str | Path, part_id: str, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Write every table of a part; each file appears whole or not at all (temp file, then rename).

    Raises OSError (disk full, say) with ``filename`` set to the file it could not write.
    """
    all_schemas = schemas()
    for table in TABLES:
        target = partition_path(out, table, part_id)
        data = pa.Table.from_pylist(rows.get(table, []), schema=all_schemas[table])
        _write_file(data, target)


def _write_file(data: pa.Table, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(data, temp)
        # The data must be on disk before the rename makes it visible.
        fd = os.open(temp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except OSError as err:
        temp.unlink(missing_ok=True)
        if not err.filename:
            err.filename = str(target)
        raise
