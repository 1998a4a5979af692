"""Aggregate and paged queries over a store, for the web view and API (``kroniek serve``).

Every function takes a :class:`~kroniek.store.Store` (one per thread: see ``Store.cursor``) and a
:class:`Filters`, and builds parameterised SQL: values never enter the SQL text.

The WHERE clauses (:class:`Filters`, the actor filter among them) live in
:mod:`kroniek.store.filters`, shared with ``Store.events`` and ``Store.quotes``: the CLI and the web
view keep the same records for the same filter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from kroniek.records import Actor, Article, Event, Quote, actor_from_row, event_from_row, quote_from_row
from kroniek.store.filters import (
    ESCAPE,
    PAGE_ORDER,
    Filters,
    event_where,
    like_pattern,
    period_filter,
    quote_where,
    resolved,
)
from kroniek.store.store import ACTOR_LISTING_SQL, Store

T = TypeVar("T")

#: Buckets of the timeline, finest first, and the length of a date string cut to each.
BUCKETS = {"day": 10, "month": 7, "year": 4}
#: Above this many periods an automatic timeline goes one bucket coarser.
MAX_PERIODS = 400


def period_where(since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """Keep records whose date period overlaps [since, until] (see ``filters.period_filter``)."""
    return period_filter("date", since, until)


def _dicts(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    return store._dicts(sql, params)


def events_page(store: Store, f: Filters, limit: int, offset: int = 0) -> tuple[int, list[Event]]:
    """How many events match, and one page of them, newest first."""
    f = resolved(store, f)
    return _page(store, "events", *event_where(store, f), limit, offset, event_from_row)


def quotes_page(store: Store, f: Filters, limit: int, offset: int = 0) -> tuple[int, list[Quote]]:
    """How many quotes match, and one page of them, newest first. ``f.type`` does not apply to quotes."""
    f = resolved(store, f)
    return _page(store, "quotes", *quote_where(store, f), limit, offset, quote_from_row)


def _page(
    store: Store, table: str, where: str, params: list[Any], limit: int, offset: int, from_row: Callable[[dict], T]
) -> tuple[int, list[T]]:
    total = store.con.execute(f"SELECT count(*) FROM {table}{where}", params).fetchone()[0]
    sql = f"SELECT * FROM {table}{where} ORDER BY {PAGE_ORDER} LIMIT ? OFFSET ?"
    return total, [from_row(r) for r in _dicts(store, sql, [*params, limit, offset])]


def event_by_id(store: Store, event_id: str) -> Event | None:
    rows = _dicts(store, "SELECT * FROM events WHERE id = ?", [event_id])
    return event_from_row(rows[0]) if rows else None


def quote_by_id(store: Store, quote_id: str) -> Quote | None:
    rows = _dicts(store, "SELECT * FROM quotes WHERE id = ?", [quote_id])
    return quote_from_row(rows[0]) if rows else None


#: What ``event_to_plover`` cites of an article: all but its text.
CITE_COLUMNS = ("id", "source", "title", "url", "published", "date_precision", "language", "publication",
                "external_id")  # fmt: skip


def cite_articles(store: Store, doc_ids: list[str]) -> dict[str, Article]:
    """The articles behind some records, without their text: what ``event_to_plover`` cites."""
    if not doc_ids:
        return {}
    ids = sorted(set(doc_ids))
    rows = _dicts(
        store, f"SELECT {', '.join(CITE_COLUMNS)} FROM articles WHERE id IN ({', '.join('?' * len(ids))})", ids
    )
    return {r["id"]: Article(text="", **r) for r in rows}


def timeline_counts(store: Store, f: Filters, bucket: str = "auto", quotes: bool = True) -> dict[str, Any]:
    """Events per period and PLOVER type (and quotes, as type ``QUOTE``), oldest period first.

    A record whose date is coarser than the bucket (a month-dated event on a daily timeline) is
    counted under its own, shorter period: the client draws it as spanning that month.
    """
    f = resolved(store, f)
    where, params = event_where(store, f)
    sql = f"SELECT date, event AS type, count(*) AS n FROM events{where} GROUP BY ALL"
    all_params = list(params)
    if quotes and not f.type:
        qwhere, qparams = quote_where(store, f)
        qdated = (qwhere + " AND " if qwhere else " WHERE ") + "date IS NOT NULL"
        sql += f" UNION ALL SELECT date, 'QUOTE' AS type, count(*) AS n FROM quotes{qdated} GROUP BY ALL"
        all_params += qparams
    rows = store.con.execute(sql, all_params).fetchall()
    return bucket_counts(rows, bucket)


def bucket_counts(rows: list[tuple[str | None, str | None, int]], bucket: str = "auto") -> dict[str, Any]:
    """The timeline from (date, type, count) rows: undated events counted apart, dates cut to the bucket."""
    daily = [r for r in rows if r[0] is not None]
    missing = sum(r[2] for r in rows if r[0] is None)
    if bucket == "auto":
        bucket = "day"
        for name in ("day", "month"):
            if bucket == name and len({_cut(d, BUCKETS[name]) for d, _, _ in daily}) > MAX_PERIODS:
                bucket = "month" if name == "day" else "year"
    width = BUCKETS[bucket]
    counts: dict[tuple[str, str], int] = {}
    for date, type_, n in daily:
        key = (_cut(date, width), type_ or "UNCODED")
        counts[key] = counts.get(key, 0) + n
    return {
        "bucket": bucket,
        "counts": [{"period": p, "type": t, "count": n} for (p, t), n in sorted(counts.items())],
        "undated_events": missing,
    }


def _cut(date: str, width: int) -> str:
    return date[:width] if len(date) >= width else date


def network(store: Store, f: Filters, max_edges: int = 200) -> dict[str, Any]:
    """Who acts on whom: directed edges actor -> recipient weighted by the number of events.

    Only participants known as actors (with an id) become nodes. The flat ``actor_id`` and
    ``recipient_id`` columns of events ("; "-joined ids) spare a self-join of ``event_actors``.
    """
    f = resolved(store, f)
    where, params = event_where(store, f)
    both = (where + " AND " if where else " WHERE ") + "actor_id <> '' AND recipient_id <> ''"
    edges = _dicts(
        store,
        f"""WITH e AS (SELECT unnest(string_split(actor_id, '; ')) AS source, recipient_id FROM events{both}),
                 p AS (SELECT source, unnest(string_split(recipient_id, '; ')) AS target FROM e)
            SELECT source, target, count(*) AS weight FROM p WHERE source <> target
            GROUP BY ALL ORDER BY weight DESC, source, target LIMIT ?""",
        [*params, max_edges],
    )
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    names = {}
    if ids:
        rows = store.con.execute(
            "SELECT id, canonical, country, sector FROM actors WHERE id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        names = {r[0]: {"canonical": r[1], "country": r[2], "sector": r[3]} for r in rows}
    return network_graph(edges, names)


def network_graph(edges: list[dict[str, Any]], actors: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Nodes (with the actors' names, where known, and weighted degree) for a list of edges."""
    ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    degree: dict[str, int] = {}
    for e in edges:
        degree[e["source"]] = degree.get(e["source"], 0) + e["weight"]
        degree[e["target"]] = degree.get(e["target"], 0) + e["weight"]
    nodes = [
        {"id": i, "canonical": actors.get(i, {}).get("canonical") or i, "country": actors.get(i, {}).get("country"),
         "sector": actors.get(i, {}).get("sector"), "weight": degree[i]}
        for i in ids
    ]  # fmt: skip
    return {"nodes": nodes, "edges": edges}


def places(store: Store, f: Filters, limit: int = 500) -> list[dict[str, Any]]:
    """Places of events that have coordinates, with how many events happened there."""
    f = resolved(store, f)
    where, params = event_where(store, f)
    located = (where + " AND " if where else " WHERE ") + "lat IS NOT NULL AND lon IS NOT NULL"
    return _dicts(
        store,
        f"""SELECT coalesce(place_resolved, place) AS name, place_country AS country, geonameid,
                   round(lat, 4) AS lat, round(lon, 4) AS lon, count(*) AS events,
                   min(date) AS first, max(date) AS last
            FROM events{located} GROUP BY ALL ORDER BY events DESC, name LIMIT ?""",
        [*params, limit],
    )


def actors_page(store: Store, name: str | None, limit: int, offset: int = 0) -> tuple[int, list[Actor]]:
    """Actors (all, or those with ``name`` among their spellings), most written about first."""
    where, params = "", []
    if name:
        where, params = " WHERE a.id IN (SELECT unnest(?))", [store.actor_ids(name)]
    total = store.con.execute(f"SELECT count(*) FROM actors a{where}", params).fetchone()[0]
    rows = _dicts(
        store,
        f"{ACTOR_LISTING_SQL}{where} ORDER BY articles DESC, a.canonical, a.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return total, [actor_from_row(r) for r in rows]


def articles_page(store: Store, q: str | None, limit: int, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Articles without their text, newest first, with how many events and quotes each gave."""
    where, params = "", []
    if q:
        where, params = f" WHERE (title ILIKE ? {ESCAPE} OR text ILIKE ? {ESCAPE})", [like_pattern(q)] * 2
    total = store.con.execute(f"SELECT count(*) FROM articles{where}", params).fetchone()[0]
    rows = _dicts(
        store,
        f"""SELECT id, title, source, url, published, date_precision, language, publication, status,
                   (SELECT count(*) FROM events e WHERE e.doc_id = articles.id) AS events,
                   (SELECT count(*) FROM quotes q WHERE q.doc_id = articles.id) AS quotes
            FROM articles{where} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return total, rows


def article_marks(store: Store, article: Article, extra: list[dict[str, Any]] = ()) -> dict[str, Any]:
    """Everything to mark in an article's text: sentences, and spans of events, quotes, mentions,
    places, and the ``extra`` marks the caller found (dates: the store keeps resolved dates on
    records, not the words they were written with).

    Each mark carries the kind and id of the record it belongs to, so the view links both ways.
    """
    events = [event_from_row(r) for r in _dicts(store, "SELECT * FROM events WHERE doc_id = ?", [article.id])]
    quotes = [quote_from_row(r) for r in _dicts(store, "SELECT * FROM quotes WHERE doc_id = ?", [article.id])]
    marks: list[dict[str, Any]] = []
    for e in events:
        marks.append({"kind": "event", "record": e.id, "start": e.start, "end": e.end, "sentence": e.sentence,
                      "label": e.event or e.type_ere or "event"})  # fmt: skip
        for role, refs in (("actor", e.actor), ("recipient", e.recipient)):
            for ref in refs:
                if ref.start is not None and ref.end is not None:
                    marks.append({"kind": role, "record": e.id, "start": ref.start, "end": ref.end,
                                  "sentence": e.sentence, "label": ref.identifier_text or ref.entity_text,
                                  "actor": ref.identifier_id})  # fmt: skip
        if e.place and e.place.start is not None and e.place.end is not None:
            marks.append({"kind": "place", "record": e.id, "start": e.place.start, "end": e.place.end,
                          "sentence": e.sentence, "label": e.place.resolved_place or e.place.extracted_place,
                          "lat": e.place.lat, "lon": e.place.lon})  # fmt: skip
    for q in quotes:
        who = (q.speaker.identifier_text or q.speaker.entity_text) if q.speaker else "quote"
        marks.append({"kind": "quote", "record": q.id, "start": q.start, "end": q.end, "sentence": q.sentence,
                      "label": who})  # fmt: skip
    for m in store.mentions(article.id):
        marks.append({"kind": "mention", "record": m["actor_id"], "start": m["start"], "end": m["end"],
                      "sentence": m["sentence"], "label": m["label"], "actor": m["actor_id"]})  # fmt: skip
    marks += list(extra)
    text_len = len(article.text)
    marks = [m for m in marks if 0 <= m["start"] < m["end"] <= text_len]
    marks.sort(key=lambda m: (m["start"], -m["end"], m["kind"]))
    sentences = [{k: s[k] for k in ("index", "start", "end")} for s in store.sentences(article.id)]
    return {"sentences": sentences, "marks": marks, "events": events, "quotes": quotes}


def counts(store: Store) -> dict[str, Any]:
    out = store.counts()
    row = store.con.execute("SELECT min(date), max(date) FROM events").fetchone()
    out["first"], out["last"] = row
    return out
