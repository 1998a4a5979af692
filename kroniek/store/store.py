"""The embedded store: one DuckDB file holding articles and everything extracted from them."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from kroniek.errors import KroniekError, Msg
from kroniek.records import (
    Actor,
    Article,
    ArticleRecords,
    Event,
    Quote,
    RecordList,
    article_row,
    event_from_row,
    event_row,
    mention_row,
    quote_from_row,
    quote_row,
    sentence_row,
)
from kroniek.store import dedup
from kroniek.store.schema import migrate

DEFAULT_DB = "kroniek.duckdb"
_KEYED_TABLES = {"articles", "sentences", "events", "quotes", "actors", "actor_names"}

# A record's date is a period (a day, a month, a year); a filter keeps it when the periods overlap.
_DATE_END = "CASE length({col}) WHEN 4 THEN {col} || '-12-31' WHEN 7 THEN {col} || '-31' ELSE {col} END"
_DATE_START = "CASE length({col}) WHEN 4 THEN {col} || '-01-01' WHEN 7 THEN {col} || '-01' ELSE {col} END"


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
        try:
            self.con = duckdb.connect(target, read_only=read_only and exists)
        except duckdb.Error as exc:
            raise KroniekError(Msg.K402, db=self.path, detail=str(exc).splitlines()[0]) from exc
        if not (read_only and exists):
            migrate(self.con, self.path)

    def close(self) -> None:
        self.con.close()

    def cursor(self) -> Store:
        """This store on a cursor of its own: DuckDB connections are not shared between threads."""
        view = object.__new__(Store)
        view.path, view.con, view.name_resolver = self.path, self.con.cursor(), self.name_resolver
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
        articles, sentences, mentions, events, event_actors, quotes, actors, names = ([] for _ in range(8))
        new_events: list[Event] = []
        for result in batch:
            row = article_row(result.article)
            row["status"] = "skipped" if any(n.startswith("K201") for n in result.notes) else "analysed"
            row["notes"] = json.dumps(result.notes, ensure_ascii=False)
            articles.append(row)
            sentences += [sentence_row(s) for s in result.sentences]
            mentions += [mention_row(m) for m in result.mentions]
            quotes += [quote_row(q) for q in result.quotes]
            new_events += result.events
            for actor in result.actors:
                actors.append(
                    {
                        "id": actor.id,
                        "canonical": actor.canonical,
                        "country": actor.country,
                        "sector": actor.sector,
                        "kind": actor.kind,
                    }
                )
                names += [{"actor_id": actor.id, "name": name} for name in {actor.canonical, *actor.mentions}]
        with self.transaction():
            # one event per real-world happening: further reports become mentions of the first
            kept, repeats = dedup.merge_batch(new_events, dedup.stored_candidates(self.con, new_events))
            for event in kept:
                events.append(event_row(event))
                event_actors += _participants(event)
            self._insert("articles", articles, extra={"ingested_at": "now()"})
            self._insert("sentences", sentences)
            self._insert("mentions", mentions)
            self._insert("events", events)
            self._insert("event_mentions", [dedup.mention_row(i, e) for i, e in repeats])
            for event_id, count in Counter(i for i, _ in repeats).items():
                self.con.execute("UPDATE events SET mentions = mentions + ? WHERE id = ?", [count, event_id])
            self._insert("event_actors", event_actors)
            self._insert("quotes", quotes)
            self._insert("actors", actors)
            self._insert("actor_names", names)

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
        self.con.register("_batch", batch)
        try:
            self.con.execute(f"{verb} INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM _batch")
        finally:
            self.con.unregister("_batch")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
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
        counts["failures"] = self.con.execute("SELECT count(*) FROM failures WHERE NOT resolved").fetchone()[0]
        return counts

    def article(self, article_id: str) -> Article | None:
        """The article with this id, or with this unique id prefix."""
        rows = self._dicts("SELECT * FROM articles WHERE id LIKE ? || '%' LIMIT 2", [article_id])
        if len(rows) != 1:
            return None
        fields = {f: rows[0].get(f) for f in Article.__slots__}
        return Article(**fields)

    def actor_ids(self, name: str) -> list[str]:
        """Actors whose id, canonical name or any spelling seen contains ``name`` (accents ignored)."""
        rows = self.con.execute(
            """SELECT DISTINCT actor_id FROM actor_names
               WHERE strip_accents(lower(name)) LIKE '%' || strip_accents(lower(?)) || '%' OR actor_id = ?""",
            [name, name],
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
        where, params = _period_filter("date", since, until)
        if type:
            where.append("upper(event) = upper(?)")
            params.append(type)
        if doc_id:
            where.append("doc_id = ?")
            params.append(doc_id)
        if country:
            where.append(
                "(place_country = upper(?) OR id IN (SELECT event_id FROM event_actors WHERE code = upper(?)))"
            )
            params += [country, country]
        if actor:
            where.append(
                """id IN (SELECT event_id FROM event_actors
                          WHERE actor_id IN (SELECT unnest(?)) OR strip_accents(lower(entity_text))
                                LIKE '%' || strip_accents(lower(?)) || '%')"""
            )
            params += [self.actor_ids(actor), actor]
        sql = "SELECT * FROM events" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY date DESC NULLS LAST, doc_id, start"
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
        where, params = _period_filter("date", since, until)
        if doc_id:
            where.append("doc_id = ?")
            params.append(doc_id)
        if speaker:
            where.append(
                """(speaker_id IN (SELECT unnest(?))
                    OR strip_accents(lower(speaker_text)) LIKE '%' || strip_accents(lower(?)) || '%')"""
            )
            params += [self.actor_ids(speaker), speaker]
        sql = "SELECT * FROM quotes" + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY date DESC NULLS LAST, doc_id, start"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return RecordList(quote_from_row(r) for r in self._dicts(sql, params))

    def actors(self, limit: int | None = None) -> RecordList:
        sql = """
            SELECT a.id, a.canonical, a.country, a.sector, a.kind,
                   (SELECT list(name ORDER BY name) FROM actor_names n WHERE n.actor_id = a.id) AS names,
                   (SELECT count(DISTINCT doc_id) FROM mentions m WHERE m.actor_id = a.id) AS articles
            FROM actors a ORDER BY articles DESC, a.canonical"""
        if limit:
            sql += f" LIMIT {int(limit)}"
        return RecordList(
            Actor(
                id=r["id"],
                canonical=r["canonical"],
                country=r["country"],
                sector=r["sector"],
                kind=r["kind"],
                mentions=list(r["names"] or []),
                articles=r["articles"],
            )
            for r in self._dicts(sql)
        )

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


def _participants(event: Event) -> list[dict[str, Any]]:
    return [
        {
            "event_id": event.id,
            "role": role,
            "actor_id": ref.identifier_id,
            "entity_text": ref.entity_text,
            "canonical": ref.identifier_text,
            "code": ref.code,
            "sector": ref.sector,
        }
        for role, refs in (("actor", event.actor), ("recipient", event.recipient))
        for ref in refs
    ]


def _period_filter(column: str, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """Keep records whose date period overlaps [since, until], each bound itself a period.

    ``until=2020`` means the end of 2020, so both bounds are widened to days before comparing.
    """
    where: list[str] = []
    params: list[Any] = []
    if since:
        where.append(f"{_DATE_END.format(col=column)} >= ?")
        params.append(since + {4: "-01-01", 7: "-01"}.get(len(since), ""))
    if until:
        where.append(f"{_DATE_START.format(col=column)} <= ?")
        params.append(until + {4: "-12-31", 7: "-31"}.get(len(until), ""))
    return where, params


__all__ = ["DEFAULT_DB", "Quote", "Store"]
