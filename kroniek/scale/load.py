"""Load a batch run's Parquet dataset into the DuckDB store, exactly once per article.

Only parts with a "done" line in the journal are read (a part cut short by a crash may have
left some of its files). Most tables go in as bulk ``INSERT ... SELECT FROM read_parquet``;
events go through the store's happening merge (``Store.write_events``), one part at a
time, as ``Store.write`` does it. The same article (same content hash) may sit in several parts, or be
in the store already: its id goes into ``articles`` once (the store's primary key), and its
records are taken from one part only, the first by part id, so that tables without a key
(``mentions``, ``event_actors``) get no second copy either. Loading the same dataset again
adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from kroniek.records import Event, event_from_row
from kroniek.scale.journal import Journal
from kroniek.scale.partitions import EXTRA_COLUMNS, TABLES, partition_path, schemas
from kroniek.store import Store

#: Tables whose rows belong to one article (by this column): taken from the article's owner part.
_BY_ARTICLE = {t: "doc_id" for t in ("sentences", "mentions", "quotes")}
#: Tables keyed by content alone: every copy is the same, the first one stays.
_BY_KEY = ("actors", "actor_names")
_PART = "parse_filename(r.filename, true)"


@dataclass
class LoadSummary:
    parts: int = 0
    articles: int = 0  # new in the store
    duplicates: int = 0  # copies in the dataset of articles stored once (or stored before)
    failures: int = 0  # failure rows added


def dataset_files(out: str | Path, table: str, parts: list[str]) -> list[str]:
    return [str(p) for p in (partition_path(out, table, part) for part in parts) if p.exists()]


def load_dataset(out: str | Path, store: Store) -> LoadSummary:
    state = Journal(out).state()
    parts = sorted(state.done)
    summary = LoadSummary(parts=len(parts))
    con = store.con
    with store.transaction():
        articles = dataset_files(out, "articles", parts)
        if articles:
            con.execute(
                f"""CREATE OR REPLACE TEMP TABLE _kroniek_owner AS
                    SELECT r.id, min({_PART}) AS part, count(*) AS copies
                    FROM read_parquet(?, filename = true) r GROUP BY r.id""",
                [articles],
            )
            total = con.execute("SELECT coalesce(sum(copies), 0) FROM _kroniek_owner").fetchone()[0]
            con.execute("DELETE FROM _kroniek_owner WHERE id IN (SELECT id FROM articles)")
            summary.articles = con.execute("SELECT count(*) FROM _kroniek_owner").fetchone()[0]
            summary.duplicates = int(total) - summary.articles
            _insert_owned(con, "articles", "id", articles)
            for table, column in _BY_ARTICLE.items():
                _insert_owned(con, table, column, dataset_files(out, table, parts))
            _insert_events(store, [(part, partition_path(out, "events", part)) for part in parts])
            for table in _BY_KEY:
                files = dataset_files(out, table, parts)
                if files:
                    cols = _columns(table)
                    con.execute(
                        f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM read_parquet(?)",
                        [files],
                    )
            con.execute("DROP TABLE _kroniek_owner")
        summary.failures = _load_failures(con, dataset_files(out, "failures", parts), state)
    return summary


def _columns(table: str, prefix: str = "") -> str:
    extra = {f.name for f in EXTRA_COLUMNS.get(table, [])}
    return ", ".join(f'{prefix}"{name}"' for name in schemas()[table].names if name not in extra)


def _insert_owned(con: Any, table: str, column: str, files: list[str]) -> None:
    if not files:
        return
    verb = "INSERT" if table in ("mentions", "event_actors") else "INSERT OR IGNORE"
    con.execute(
        f"""{verb} INTO {table} ({_columns(table)})
            SELECT {_columns(table, "r.")} FROM read_parquet(?, filename = true) r
            SEMI JOIN _kroniek_owner o ON r.{column} = o.id AND {_PART} = o.part""",
        [files],
    )


#: events merged into the store per call: one call for the whole run would hold every event in
#: memory, one per part fetched the stored candidates again for every part (quadratic in the run)
EVENTS_PER_WRITE = 50_000


def _insert_events(store: Store, parts: list[tuple[str, Path]]) -> None:
    """The events of the articles each part owns, merged into happenings as ``Store.write`` does.

    Merging is done in part-id order, and within a part in the order the worker wrote the
    events, so the result does not depend on which worker finished first.
    """
    pending: list[Event] = []
    for part, path in parts:
        if not path.exists():
            continue
        owned = {r[0] for r in store.con.execute("SELECT id FROM _kroniek_owner WHERE part = ?", [part]).fetchall()}
        if owned:
            pending += [event_from_row(row) for row in pq.read_table(path).to_pylist() if row["doc_id"] in owned]
        if len(pending) >= EVENTS_PER_WRITE:
            store.write_events(pending)
            pending = []
    store.write_events(pending)


def _load_failures(con: Any, files: list[str], state: Any) -> int:
    before = con.execute("SELECT count(*) FROM failures").fetchone()[0]
    new = """NOT EXISTS (SELECT 1 FROM failures g WHERE NOT g.resolved AND g.source = f.source
                         AND g.line IS NOT DISTINCT FROM f.line AND g.code = f.code)"""
    if files:
        cols = _columns("failures")
        con.execute(
            f"""INSERT INTO failures ({cols})
                SELECT {_columns("failures", "f.")} FROM (
                    SELECT DISTINCT ON (source, line, code) * FROM read_parquet(?)) f
                WHERE {new}""",
            [files],
        )
    # Shards that could not be read at all, and parts that broke: from the journal.
    for entry in [*state.failed_shards.values(), *state.failed_parts.values()]:
        con.execute(
            f"""INSERT INTO failures
                SELECT * FROM (SELECT ? AS source, NULL::INTEGER AS line, ? AS code, ? AS reason,
                               'error' AS severity, now() AS first_seen, now() AS last_seen,
                               1 AS attempts, false AS resolved) f
                WHERE {new}""",
            [entry["shard"], entry["code"], entry["reason"]],
        )
    # A shard that failed before and was read since: its old failure is resolved.
    done_shards = sorted({entry["shard"] for entry in state.done.values()})
    if done_shards:
        con.execute(
            """UPDATE failures SET resolved = true
               WHERE source IN (SELECT unnest(?)) AND line IS NULL AND code IN ('K101', 'K109')""",
            [done_shards],
        )
    return con.execute("SELECT count(*) FROM failures").fetchone()[0] - before


__all__ = ["TABLES", "LoadSummary", "dataset_files", "load_dataset"]
