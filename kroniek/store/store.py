"""The embedded store: one DuckDB file holding articles and everything extracted from them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from kroniek.errors import KroniekError, Msg
from kroniek.records import (
    Article,
    ArticleRecords,
    Event,
    Quote,
    RecordList,
    actor_from_row,
    event_from_row,
    event_table_rows,
    quote_from_row,
    table_rows,
)
from kroniek.store import dedup
from kroniek.store.arrow import registered
from kroniek.store.filters import PAGE_ORDER, Filters, event_where, folded_contains, like_pattern, quote_where
from kroniek.store.schema import check_readable, migrate

DEFAULT_DB = "kroniek.duckdb"
_KEYED_TABLES = {"articles", "sentences", "events", "quotes", "actors", "actor_names"}

#: Actors with their spellings (``names``) and how many articles mention them (``articles``):
#: what :func:`kroniek.records.actor_from_row` reads. Callers append WHERE / ORDER BY on ``a``.
ACTOR_LISTING_SQL = """
    SELECT a.id, a.canonical, a.country, a.sector, a.kind,
           (SELECT list(name ORDER BY name) FROM actor_names n WHERE n.actor_id = a.id) AS names,
           (SELECT count(DISTINCT doc_id) FROM mentions m WHERE m.actor_id = a.id) AS articles
    FROM actors a"""


class Store:
    """A kroniek store. Use as a context manager, or call :meth:`close`."""

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        read_only: bool = False,
        name_resolver: Callable[[str], list[str]] | None = None,
    ) -> None:
        self.path = str(path)
        #: Maps a name in any spelling to actor ids (kroniek.actors.resolver.actor_ids_for); the
        #: store itself only knows the spellings it has seen.
        self.name_resolver = name_resolver
        exists = Path(self.path).exists()
        # Reading a store that does not exist yet shows an empty one, without creating a file.
        target = ":memory:" if read_only and not exists else self.path
        self._transactions = 0
        try:
            self.con = duckdb.connect(target, read_only=read_only and exists)
        except duckdb.Error as exc:
            raise KroniekError(Msg.K402, db=self.path, detail=str(exc).splitlines()[0]) from exc
        try:
            if read_only and exists:
                # A read-only store cannot be upgraded: refuse a schema this code does not read.
                check_readable(self.con, self.path)
            else:
                migrate(self.con, self.path)
        except BaseException:
            self.con.close()
            raise

    def close(self) -> None:
        self.con.close()

    def cursor(self) -> Store:
        """This store on a cursor of its own: DuckDB connections are not shared between threads."""
        view = object.__new__(Store)
        view.path, view.con, view.name_resolver = self.path, self.con.cursor(), self.name_resolver
        view._transactions = 0
        return view

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(set(ids))
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def write(self, batch: list[ArticleRecords]) -> None:
        """Store a batch of analysed articles in one transaction: all of it or none of it."""
        if not batch:
            return
        # events are written after the happening merge, from the records (write_events)
        rows = table_rows(batch, events=False)
        with self.transaction():
            self._insert("articles", rows["articles"], extra={"ingested_at": "now()"})
            self._insert("sentences", rows["sentences"])
            self._insert("mentions", rows["mentions"])
            self.write_events([event for result in batch for event in result.events])
            self._insert("quotes", rows["quotes"])
            self._insert("actors", rows["actors"])
            self._insert("actor_names", rows["actor_names"])

    def write_events(self, events: list[Event]) -> list[Event]:
        """Store events as happenings, in one transaction (or the caller's); returns the new ones.

        One event per real-world happening (:mod:`kroniek.store.dedup`): an event that reports a
        happening already stored, or already earlier in ``events``, becomes a row of
        ``event_mentions`` and adds one to that event's ``mentions``.
        """
        if not events:
            return []
        with self.transaction():
            kept, repeats = dedup.merge_batch(events, dedup.stored_candidates(self.con, events))
            rows = event_table_rows(kept)
            self._insert("events", rows["events"])
            self._insert("event_actors", rows["event_actors"])
            self._insert("event_mentions", [dedup.mention_row(i, e) for i, e in repeats])
            counts = Counter(i for i, _ in repeats)
            if counts:
                added = pa.table({"event_id": list(counts), "n": list(counts.values())})
                with registered(self.con, "_kroniek_mentions", added):
                    self.con.execute(
                        """UPDATE events SET mentions = events.mentions + c.n
                           FROM _kroniek_mentions c WHERE events.id = c.event_id"""
                    )
        return kept

    def _insert(self, table: str, rows: list[dict[str, Any]], extra: dict[str, str] | None = None) -> None:
        if not rows:
            return
        batch = pa.Table.from_pylist(rows)
        columns = [f'"{c}"' for c in batch.column_names]
        values = list(columns)
        for column, sql in (extra or {}).items():
            columns.append(f'"{column}"')
            values.append(sql)
        # Records keyed by content (articles, events, quotes, actors) may arrive twice: keep the first.
        verb = "INSERT OR IGNORE" if table in _KEYED_TABLES else "INSERT"
        with registered(self.con, "_kroniek_batch", batch):
            sql = f"{verb} INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM _kroniek_batch"
            self.con.execute(sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; used inside another, it joins that one (DuckDB does not nest them)."""
        if self._transactions:
            self._transactions += 1
            try:
                yield
            finally:
                self._transactions -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._transactions = 1
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self._transactions = 0
        self.con.execute("COMMIT")

    # -- failures -----------------------------------------------------------------------------

    def record_failure(
        self, source: str, code: str, reason: str, line: int | None = None, severity: str = "error"
    ) -> None:
        updated = self.con.execute(
            """UPDATE failures SET last_seen = now(), attempts = attempts + 1, resolved = false, reason = ?
               WHERE source = ? AND line IS NOT DISTINCT FROM ? AND code = ? RETURNING 1""",
            [reason, source, line, code],
        ).fetchall()
        if not updated:
            self.con.execute(
                "INSERT INTO failures VALUES (?, ?, ?, ?, ?, now(), now(), 1, false)",
                [source, line, code, reason, severity],
            )

    def failures(self, include_resolved: bool = False) -> list[dict[str, Any]]:
        where = "" if include_resolved else "WHERE NOT resolved"
        return self._dicts(f"SELECT * FROM failures {where} ORDER BY last_seen DESC, source, line")

    def failed_sources(self) -> list[str]:
        rows = self.con.execute(
            "SELECT DISTINCT source FROM failures WHERE NOT resolved AND severity = 'error' ORDER BY source"
        ).fetchall()
        return [r[0] for r in rows]

    def resolve_failures(self, source: str) -> None:
        self.con.execute("UPDATE failures SET resolved = true WHERE source = ?", [source])

    # -- reading ------------------------------------------------------------------------------

    def _dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "events", "quotes", "actors", "failures")
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)
        counts = dict(self.con.execute(sql).fetchall())
        counts["failures"] = self.con.execute("SELECT count(*) FROM failures WHERE NOT resolved").fetchall()[0][0]
        return counts

    def article(self, article_id: str) -> Article | None:
        """The article with this id, or with this unique id prefix."""
        rows = self._dicts("SELECT * FROM articles WHERE starts_with(id, ?) LIMIT 2", [article_id])
        if len(rows) != 1:
            return None
        fields = {f: rows[0].get(f) for f in Article.__slots__}
        return Article(**fields)

    def actor_ids(self, name: str) -> list[str]:
        """Actors whose id, canonical name or any spelling seen contains ``name`` (accents ignored)."""
        rows = self.con.execute(
            f"SELECT DISTINCT actor_id FROM actor_names WHERE {folded_contains('name')} OR actor_id = ? ORDER BY 1",
            [like_pattern(name), name],
        ).fetchall()
        ids = [r[0] for r in rows]
        if self.name_resolver is not None:
            ids += [i for i in self.name_resolver(name) if i not in ids]
        return ids

    def events(
        self,
        actor: str | None = None,
        type: str | None = None,
        country: str | None = None,
        since: str | None = None,
        until: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
    ) -> RecordList:
        """Events, newest first, filtered as the web view filters (:mod:`kroniek.store.filters`)."""
        f = Filters(actor=actor, type=type, country=country, since=since, until=until, doc_id=doc_id)
        where, params = event_where(self, f)
        sql = f"SELECT * FROM events{where} ORDER BY {PAGE_ORDER}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return RecordList(event_from_row(r) for r in self._dicts(sql, params))

    def quotes(
        self,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
    ) -> RecordList:
        """Quotes, newest first; ``speaker`` filters as the actor filter of :meth:`events` does."""
        where, params = quote_where(self, Filters(actor=speaker, since=since, until=until, doc_id=doc_id))
        sql = f"SELECT * FROM quotes{where} ORDER BY {PAGE_ORDER}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return RecordList(quote_from_row(r) for r in self._dicts(sql, params))

    def actors(self, limit: int | None = None) -> RecordList:
        sql = ACTOR_LISTING_SQL + " ORDER BY articles DESC, a.canonical, a.id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return RecordList(actor_from_row(r) for r in self._dicts(sql))

    def event_mentions(self, event_ids: list[str] | None = None, doc_id: str | None = None) -> list[dict[str, Any]]:
        """Further reports of stored events (one event per real-world happening), by event or by article."""
        if doc_id is not None:
            return self._dicts("SELECT * FROM event_mentions WHERE doc_id = ? ORDER BY start", [doc_id])
        return self._dicts(
            "SELECT * FROM event_mentions WHERE event_id IN (SELECT unnest(?)) ORDER BY doc_id, start",
            [list(event_ids or [])],
        )

    def event(self, event_id: str) -> Event | None:
        rows = self._dicts("SELECT * FROM events WHERE id = ?", [event_id])
        return event_from_row(rows[0]) if rows else None

    def mentions(self, doc_id: str) -> list[dict[str, Any]]:
        return self._dicts("SELECT * FROM mentions WHERE doc_id = ? ORDER BY start", [doc_id])

    def sentences(self, doc_id: str) -> list[dict[str, Any]]:
        return self._dicts('SELECT * FROM sentences WHERE doc_id = ? ORDER BY "index"', [doc_id])

    def articles(self) -> list[dict[str, Any]]:
        return self._dicts(
            "SELECT id, title, source, published, date_precision, language, status FROM articles "
            "ORDER BY published DESC NULLS LAST, id"
        )


__all__ = ["DEFAULT_DB", "Quote", "Store"]
