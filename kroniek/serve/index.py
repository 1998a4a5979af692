"""In-memory indexes that answer the web view's main queries without scanning the store.

A served store is opened read-only and does not change, so at startup :meth:`ChronicleIndex.build`
reads a few columns once and keeps them as numpy arrays (about 40 bytes per event):

- every event's *rank* in page order (``date DESC NULLS LAST, doc_id, start, id``), its date and
  PLOVER type as small integer codes (the events of one date are one run of ranks, so a period
  is a few binary searches);
- posting lists (sorted ranks) per actor id, per country and per type, the inverted form of
  ``event_actors``, ``place_country`` and ``event``;
- every actor -> recipient pair of every event, for the network;
- quotes' dates, speakers and speaker countries, for the timeline;
- every actor's spellings, folded as ``Store.actor_ids`` folds them;
- every article's citation (not its text), up to ``PRELOAD_ARTICLES`` articles.

Each method answers exactly what the SQL in :mod:`kroniek.store.queries` answers (tests compare
the two), or returns ``None`` when a filter needs the SQL (text search ``q``, one article, an
actor name that matches no known actor): the caller then falls back to the SQL.
"""

from __future__ import annotations

import re
import threading
import time
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from kroniek.records import Article, Event, Quote, event_from_row, quote_from_row
from kroniek.store import Store
from kroniek.store import queries as Q

#: Up to this many articles, every article's citation is kept in memory (about 0.3 kB each).
PRELOAD_ARTICLES = 200_000
#: The event columns ``event_from_row`` reads: the flat copies beside them are left on disk.
_ROW_COLUMNS = (
    'id, doc_id, sentence, start, "end", sentence_text, event_text, event, mode, type_ere, actor_json, '
    "recipient_json, date, date_precision, place_json, size_dead, size_injured, size_arrested, modality, "
    "context_json, trigger, confidence, mentions"
)


class _Postings:
    """Sorted ranks per key (an int code): the keys' slices of one array, as in a CSR matrix."""

    def __init__(self, keys: np.ndarray, ranks: np.ndarray, n_keys: int) -> None:
        order = np.lexsort((ranks, keys))
        keys, ranks = keys[order], ranks[order]
        # the same (key, rank) twice (an actor named twice in one event) is one event
        keep = np.ones(len(keys), dtype=bool)
        keep[1:] = (keys[1:] != keys[:-1]) | (ranks[1:] != ranks[:-1])
        self.ranks = ranks[keep].astype(np.int32)
        self.offsets = np.searchsorted(keys[keep], np.arange(n_keys + 1)).astype(np.int64)

    def get(self, codes: list[int]) -> np.ndarray:
        parts = [self.ranks[self.offsets[c] : self.offsets[c + 1]] for c in codes]
        if not parts:
            return np.empty(0, dtype=np.int32)
        if len(parts) == 1:
            return parts[0]
        return np.unique(np.concatenate(parts))

    @property
    def nbytes(self) -> int:
        return self.ranks.nbytes + self.offsets.nbytes


def _intersect(small: np.ndarray, large: np.ndarray) -> np.ndarray:
    """The ranks in both sorted arrays: a binary search of the larger for each of the smaller."""
    if not len(small) or not len(large):
        return small[:0]
    at = np.minimum(np.searchsorted(large, small), len(large) - 1)
    return small[large[at] == small]


def _period_start(date: str) -> str:
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


def _period_end(date: str) -> str:
    return {4: date + "-12-31", 7: date + "-31"}.get(len(date), date)


def _like_regex(text: str) -> re.Pattern[str]:
    """What ``Store.actor_ids`` matches (``text`` anywhere, literally: its % and _ are not wildcards)."""
    return re.compile(re.escape(text))


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class _RowCache:
    """A bounded LRU of events by id: page rows the store need not fetch again."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[str, Event] = OrderedDict()
        self.lock = threading.Lock()
        self.stats = CacheStats()

    def get_many(self, ids: list[str]) -> dict[str, Event]:
        found: dict[str, Event] = {}
        with self.lock:
            for i in ids:
                event = self.items.get(i)
                if event is not None:
                    self.items.move_to_end(i)
                    found[i] = event
            self.stats.hits += len(found)
            self.stats.misses += len(ids) - len(found)
        return found

    def put_many(self, events: list[Event]) -> None:
        if not self.size:
            return
        with self.lock:
            for e in events:
                self.items[e.id] = e
                self.items.move_to_end(e.id)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


class ChronicleIndex:
    """Numpy indexes over one immutable store; build with :meth:`build`."""

    def __init__(self) -> None:
        self.build_seconds = 0.0
        self.rows = _RowCache(0)

    # -- building ----------------------------------------------------------------------------

    @classmethod
    def build(cls, store: Store, row_cache: int = 0) -> ChronicleIndex:
        """Read what the indexes need from ``store`` (seconds for a million events)."""
        started = time.perf_counter()
        self = cls()
        self.rows = _RowCache(row_cache)
        # A cursor of its own: its temporary views and tables vanish with it.
        con = store.con.cursor()
        try:
            self._load(con)
        finally:
            con.close()
        con = store.con
        names = con.sql("SELECT actor_id, strip_accents(lower(name)) FROM actor_names").fetchall()
        self.name_ids = [r[0] for r in names]
        self.name_text = "\x00".join(r[1] for r in names)
        self.name_starts = []
        pos = 0
        for r in names:
            self.name_starts.append(pos)
            pos += len(r[1]) + 1
        self.known_actor_ids = set(self.name_ids)
        self.actors = {
            r[0]: {"canonical": r[1], "country": r[2], "sector": r[3]}
            for r in con.execute("SELECT id, canonical, country, sector FROM actors").fetchall()
        }
        self.summary = Q.counts(store)
        #: actor names already resolved (the store does not change): name -> ids
        self._resolved: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self._names_lock = threading.Lock()
        self._cited: OrderedDict[str, Article] = OrderedDict()
        self._cite_lock = threading.Lock()
        # Every article's citation (no text), when there are not too many: a page of events cites
        # up to a page of articles, and looking them up in the store costs more than the page.
        self.citations: dict[str, tuple[Any, ...]] | None = None
        if self.summary["articles"] <= PRELOAD_ARTICLES:
            rows = con.execute(f"SELECT {', '.join(Q.CITE_COLUMNS)} FROM articles").fetchall()
            self.citations = {r[0]: r for r in rows}
        self.build_seconds = time.perf_counter() - started
        return self

    def _load(self, con: Any) -> None:
        """Fill the arrays. Strings are turned into codes inside DuckDB, so only integers cross over."""

        def vocabulary(sql: str) -> list[str]:
            # sorted here, not by SQL, so that code order is Python's (and DuckDB's binary) string order
            return sorted(r[0] for r in con.execute(sql).fetchall())

        def register(name: str, values: list[str]) -> None:
            con.register(
                name, pa.table({"v": pa.array(values, pa.string()), "code": pa.array(range(len(values)), pa.int32())})
            )

        self.dates = vocabulary(
            "SELECT date FROM events WHERE date IS NOT NULL UNION SELECT date FROM quotes WHERE date IS NOT NULL"
        )
        # each date's period as strings numpy compares as Python does: a period filter is two comparisons
        self.date_starts = np.array([_period_start(d) for d in self.dates], dtype=str)
        self.date_ends = np.array([_period_end(d) for d in self.dates], dtype=str)
        types = vocabulary("SELECT DISTINCT event FROM events WHERE event IS NOT NULL")
        self.types = [*types, None]
        countries = vocabulary(
            """SELECT place_country FROM events WHERE place_country IS NOT NULL
               UNION SELECT code FROM event_actors WHERE code IS NOT NULL
               UNION SELECT speaker_code FROM quotes WHERE speaker_code IS NOT NULL"""
        )
        self.country_code = {c: i for i, c in enumerate(countries)}
        # the same pairs as queries.network: the flat "; "-joined id columns of events, split
        con.execute(
            """CREATE TEMP VIEW _kroniek_pairs AS
               WITH e AS (SELECT id, unnest(string_split(actor_id, '; ')) AS source, recipient_id FROM events
                          WHERE actor_id <> '' AND recipient_id <> ''),
                    p AS (SELECT id, source, unnest(string_split(recipient_id, '; ')) AS target FROM e)
               SELECT id, source, target FROM p WHERE source <> target"""
        )
        self.actor_list = vocabulary(
            """SELECT actor_id FROM event_actors WHERE actor_id IS NOT NULL
               UNION SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL
               UNION SELECT source FROM _kroniek_pairs UNION SELECT target FROM _kroniek_pairs"""
        )
        self.actor_code = {a: i for i, a in enumerate(self.actor_list)}
        for name, values in (("_kroniek_d", self.dates), ("_kroniek_t", types), ("_kroniek_c", countries),
                             ("_kroniek_a", self.actor_list)):  # fmt: skip
            register(name, values)
        nd, nt = len(self.dates), len(types)
        events = con.sql(
            f"""SELECT e.id, coalesce(d.code, {nd}) AS date, coalesce(t.code, {nt}) AS type,
                       coalesce(c.code, -1) AS country
                FROM events e LEFT JOIN _kroniek_d d ON d.v = e.date LEFT JOIN _kroniek_t t ON t.v = e.event
                LEFT JOIN _kroniek_c c ON c.v = e.place_country
                ORDER BY e.date DESC NULLS LAST, e.doc_id, e.start, e.id"""
        ).to_arrow_table()
        n = self.n_events = events.num_rows
        self.ids = events["id"].combine_chunks()
        self.ev_date = events["date"].to_numpy().astype(np.int32)
        self.ev_type = events["type"].to_numpy().astype(np.int32)
        place_c = events["country"].to_numpy().astype(np.int32)
        # Ranks follow date DESC with the undated last, and date codes follow the dates' order, so
        # the events of one date code are one run of ranks: -ev_date over the dated is ascending.
        self.n_dated = int(np.count_nonzero(self.ev_date < nd))
        self.neg_date = -self.ev_date[: self.n_dated]
        # (checked, not assumed: a collation that orders dates otherwise would break the runs)
        self.date_runs = bool(np.all(self.neg_date[1:] >= self.neg_date[:-1]))
        # ranks per type (the undated type too: code nt), for a type filter without an actor
        self.by_type = _Postings(self.ev_type, np.arange(n, dtype=np.int32), nt + 1)
        con.register("_kroniek_r", pa.table({"id": self.ids, "rank": pa.array(np.arange(n, dtype=np.int32))}))
        del events

        part = con.sql(
            """SELECT r.rank, coalesce(a.code, -1) AS actor, coalesce(c.code, -1) AS country
               FROM event_actors ea JOIN _kroniek_r r ON r.id = ea.event_id
               LEFT JOIN _kroniek_a a ON a.v = ea.actor_id LEFT JOIN _kroniek_c c ON c.v = ea.code"""
        ).fetchnumpy()
        p_rank, p_actor, p_country = (part[k].astype(np.int32) for k in ("rank", "actor", "country"))
        has = p_actor >= 0
        self.by_actor = _Postings(p_actor[has], p_rank[has], len(self.actor_list))
        # country: of the place, or of any participant (queries.event_where)
        c_keys = np.concatenate([place_c, p_country])
        c_ranks = np.concatenate([np.arange(n, dtype=np.int32), p_rank])
        has = c_keys >= 0
        self.by_country = _Postings(c_keys[has], c_ranks[has], len(countries))

        pairs = con.sql(
            """SELECT r.rank, s.code AS source, t.code AS target FROM _kroniek_pairs p
               JOIN _kroniek_r r ON r.id = p.id JOIN _kroniek_a s ON s.v = p.source JOIN _kroniek_a t ON t.v = p.target
               ORDER BY r.rank"""
        ).fetchnumpy()
        self.pair_rank = pairs["rank"].astype(np.int32)
        # one int64 key per pair (source code * width + target code): one array to select and count
        self.pair_width = np.int64(max(len(self.actor_list), 1))
        self.pair_key = pairs["source"].astype(np.int64) * self.pair_width + pairs["target"]
        # quotes in page order (queries.quotes_page), so a page is a slice of ranks as for events
        quotes = con.sql(
            f"""SELECT q.id, coalesce(d.code, {nd}) AS date, coalesce(a.code, -1) AS speaker,
                       coalesce(c.code, -1) AS country
                FROM quotes q LEFT JOIN _kroniek_d d ON d.v = q.date LEFT JOIN _kroniek_a a ON a.v = q.speaker_id
                LEFT JOIN _kroniek_c c ON c.v = q.speaker_code
                ORDER BY q.date DESC NULLS LAST, q.doc_id, q.start, q.id"""
        ).to_arrow_table()
        self.q_ids = quotes["id"].combine_chunks()
        self.q_date, self.q_speaker, self.q_country = (
            quotes[k].to_numpy().astype(np.int32) for k in ("date", "speaker", "country")
        )
        q_rank = np.arange(len(self.q_date), dtype=np.int32)
        has = self.q_speaker >= 0
        self.by_speaker = _Postings(self.q_speaker[has], q_rank[has], len(self.actor_list))

        # timeline labels: the type, UNCODED for none, QUOTE for quotes; sorted, as the SQL path sorts them
        self.labels = sorted({t or "UNCODED" for t in self.types} | {"QUOTE"})
        label_of = np.array([self.labels.index(t or "UNCODED") for t in self.types], dtype=np.int32)
        self.ev_label = label_of[self.ev_type]
        self.quote_label = self.labels.index("QUOTE")
        # each date's period on a daily, monthly and yearly timeline (queries._cut)
        self.periods: dict[str, list[str]] = {}
        self.period_of: dict[str, np.ndarray] = {}
        for name, width in Q.BUCKETS.items():
            cut = [d[:width] if len(d) >= width else d for d in self.dates]
            self.periods[name] = sorted(set(cut))
            position = {p: i for i, p in enumerate(self.periods[name])}
            self.period_of[name] = np.array([position[c] for c in cut], dtype=np.int64)

    @property
    def nbytes(self) -> int:
        arrays = (self.ev_date, self.ev_type, self.ev_label, self.neg_date, self.pair_rank, self.pair_key)
        arrays += (self.q_date, self.q_speaker, self.q_country, self.q_ids, self.ids)
        postings = self.by_actor.nbytes + self.by_country.nbytes + self.by_speaker.nbytes + self.by_type.nbytes
        return sum(a.nbytes for a in arrays) + postings + len(self.name_text)

    # -- names --------------------------------------------------------------------------------

    def actor_ids(self, store: Store, name: str) -> list[str]:
        """What ``Store.actor_ids`` returns, without scanning ``actor_names``; remembered per name.

        One difference: a ``name`` that is exactly the id of an actor in the store (what the web
        view sends once an actor is chosen) is not also run through the name resolver, which
        resolves names, not ids (and takes milliseconds for a name it has not seen).
        """
        ids = self.actor_ids_in_memory(name)
        if ids is not None:
            return ids
        # folded as the SQL folds (DuckDB's strip_accents), by the caller's own cursor
        folded = store.con.execute("SELECT strip_accents(lower(?))", [name]).fetchone()[0]
        ids = self._spelled(name, folded)
        if store.name_resolver is not None and not self._is_id(name):
            ids += [i for i in store.name_resolver(name) if i not in ids]
        return self._remember(name, ids)

    def actor_ids_in_memory(self, name: str) -> list[str] | None:
        """:meth:`actor_ids` when it needs neither the store nor the name resolver, else None.

        That is a name resolved before, or an actor id in ASCII (what the web view sends): ASCII
        folds as DuckDB folds it by lowering alone, and an id does not go to the resolver.
        """
        with self._names_lock:
            ids = self._resolved.get(name)
            if ids is not None:
                self._resolved.move_to_end(name)
                return list(ids)
        if name.isascii() and self._is_id(name):
            return self._remember(name, self._spelled(name, name.lower()))
        return None

    def _is_id(self, name: str) -> bool:
        return name in self.actor_code or name in self.actors or name in self.known_actor_ids

    def _spelled(self, name: str, folded: str | None) -> list[str]:
        """The actor ``name`` is the id of, and the actors with ``folded`` in a folded spelling."""
        found: dict[str, None] = {}
        if name in self.known_actor_ids:
            found[name] = None
        if folded is not None:
            for m in _like_regex(folded).finditer(self.name_text):
                found[self.name_ids[bisect_right(self.name_starts, m.start()) - 1]] = None
        return list(found)

    def _remember(self, name: str, ids: list[str]) -> list[str]:
        with self._names_lock:
            self._resolved[name] = tuple(ids)
            if len(self._resolved) > 10_000:
                self._resolved.popitem(last=False)
        return ids

    # -- selecting ------------------------------------------------------------------------------

    def _allowed_dates(self, since: str | None, until: str | None) -> np.ndarray | None:
        """Which date codes the period filter keeps, the last (undated) never (None: no period filter)."""
        if not since and not until:
            return None
        lo = _period_start(since) if since else None
        hi = _period_end(until) if until else None
        keep = np.ones(len(self.dates) + 1, dtype=bool)
        keep[-1] = False
        if lo is not None:
            keep[:-1] &= self.date_ends >= lo
        if hi is not None:
            keep[:-1] &= self.date_starts <= hi
        return keep

    def supports(self, f: Q.Filters) -> bool:
        """Whether the indexes can answer ``f`` (``f.actor`` resolved to at least one id)."""
        return not f.q and not f.doc_id and (not f.actor or bool(f.actor_ids))

    def _date_spans(self, allowed: np.ndarray) -> list[tuple[int, int]]:
        """The runs of ranks [start, end) whose date codes ``allowed`` keeps, ascending."""
        # runs of consecutive kept codes (there are few: dates coarser than a day split them)
        edges = np.flatnonzero(np.diff(np.concatenate([[False], allowed[:-1], [False]]).astype(np.int8)))
        spans = []
        for first, last in zip(edges[0::2], edges[1::2] - 1, strict=True):
            # the highest code comes first in rank order
            start = int(np.searchsorted(self.neg_date, -last, "left"))
            end = int(np.searchsorted(self.neg_date, -first, "right"))
            if start < end:
                spans.append((start, end))
        return sorted(spans)

    def event_ranks(self, f: Q.Filters) -> np.ndarray | None:
        """The ranks of the events ``f`` keeps, ascending; None means all of them.

        The smallest posting list (actor, country, else type) is the start; a period cuts it to
        runs of ranks by binary search (the events of a date are one run), so a filter costs
        about the events it keeps, not a pass over all events.
        """
        sets = []
        if f.actor:
            sets.append(self.by_actor.get([self.actor_code[a] for a in f.actor_ids or () if a in self.actor_code]))
        if f.country:
            code = self.country_code.get(f.country.upper())
            sets.append(self.by_country.get([] if code is None else [code]))
        type_code: int | None = None
        if f.type:
            t = f.type.upper()
            type_code = self.types.index(t) if t in self.types[:-1] else -1
            if not sets:
                # the type's own postings (none for a type no event has); no mask needed after
                sets.append(self.by_type.get([type_code] if type_code >= 0 else []))
                type_code = None
        ranks: np.ndarray | None = None
        for s in sorted(sets, key=len):
            ranks = s if ranks is None else _intersect(ranks, s)
        allowed = self._allowed_dates(f.since, f.until)
        if allowed is not None and self.date_runs:
            spans = self._date_spans(allowed)
            if ranks is None:
                parts = [np.arange(a, b, dtype=np.int32) for a, b in spans]
            else:
                cuts = np.searchsorted(ranks, np.array(spans, dtype=np.int64).reshape(-1))
                parts = [ranks[a:b] for a, b in zip(cuts[0::2], cuts[1::2], strict=True)]
            ranks = np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)
            allowed = None
        mask: np.ndarray | None = None
        if type_code is not None:
            mask = self.ev_type == type_code if ranks is None else self.ev_type[ranks] == type_code
        if allowed is not None:
            keep = allowed[self.ev_date] if ranks is None else allowed[self.ev_date[ranks]]
            mask = keep if mask is None else mask & keep
        if mask is None:
            return ranks
        return np.flatnonzero(mask).astype(np.int32) if ranks is None else ranks[mask]

    # -- answers ------------------------------------------------------------------------------

    def events_page(self, store: Store, f: Q.Filters, limit: int, offset: int) -> tuple[int, list[Event]]:
        ranks = self.event_ranks(f)
        total = self.n_events if ranks is None else len(ranks)
        page = (
            np.arange(offset, min(offset + limit, total), dtype=np.int64) if ranks is None
            else ranks[offset : offset + limit]
        )  # fmt: skip
        ids = self.ids.take(pa.array(page, type=pa.int64())).to_pylist() if len(page) else []
        return total, self.events_by_id(store, ids)

    def events_by_id(self, store: Store, ids: list[str]) -> list[Event]:
        """The events with these ids, in this order: from the row cache, else one query."""
        found = self.rows.get_many(ids)
        missing = [i for i in ids if i not in found]
        if missing:
            # DuckDB answers an IN list by scanning the id column (zone maps skip some of it), not
            # from the primary key's index: milliseconds a page, most of an uncached page's cost
            marks = ", ".join("?" * len(missing))
            rows = store._dicts(f"SELECT {_ROW_COLUMNS} FROM events WHERE id IN ({marks})", missing)
            fetched = [event_from_row(r) for r in rows]
            self.rows.put_many(fetched)
            found.update((e.id, e) for e in fetched)
        return [found[i] for i in ids if i in found]

    def cite(self, store: Store, doc_ids: list[str]) -> dict[str, Article]:
        """``queries.cite_articles``, remembering the articles (without text) already looked up."""
        if self.citations is not None:
            rows = (self.citations.get(d) for d in set(doc_ids))
            return {r[0]: Article(text="", **dict(zip(Q.CITE_COLUMNS, r, strict=True))) for r in rows if r}
        with self._cite_lock:
            found = {d: self._cited[d] for d in set(doc_ids) if d in self._cited}
        missing = [d for d in doc_ids if d not in found]
        if missing:
            fetched = Q.cite_articles(store, missing)
            found.update(fetched)
            with self._cite_lock:
                self._cited.update(fetched)
                while len(self._cited) > max(self.rows.size, 1000):
                    self._cited.popitem(last=False)
        return found

    def timeline_counts(self, f: Q.Filters, bucket: str = "auto", quotes: bool = True) -> dict[str, Any]:
        """What ``queries.timeline_counts`` gives, counted with bincount over date and type codes."""
        ranks = self.event_ranks(f)
        dates = self.ev_date if ranks is None else self.ev_date[ranks]
        labels = self.ev_label if ranks is None else self.ev_label[ranks]
        n_dates, n_labels = len(self.dates), len(self.labels)
        # (date, label) -> events; the last date row holds the undated events
        grid = np.bincount(dates.astype(np.int64) * n_labels + labels, minlength=(n_dates + 1) * n_labels)
        grid = grid.reshape(n_dates + 1, n_labels)
        undated = int(grid[n_dates].sum())
        grid = grid[:n_dates]
        if quotes and not f.type:
            keep = self._quote_ranks(f)
            qdates = self.q_date if keep is None else self.q_date[keep]
            grid[:, self.quote_label] += np.bincount(qdates, minlength=n_dates + 1)[:n_dates]
        present = grid.any(axis=1)
        if bucket == "auto":
            bucket = "day"
            for name, coarser in (("day", "month"), ("month", "year")):
                if bucket == name and len(np.unique(self.period_of[name][present])) > Q.MAX_PERIODS:
                    bucket = coarser
        periods, period_of = self.periods[bucket], self.period_of[bucket]
        cells = (period_of[:, None] * n_labels + np.arange(n_labels)).ravel()
        counts = np.bincount(cells, weights=grid.ravel(), minlength=len(periods) * n_labels).astype(np.int64)
        # periods and labels are sorted, so the cells come out ordered by (period, type) as the SQL's
        return {
            "bucket": bucket,
            "counts": [
                {"period": periods[c // n_labels], "type": self.labels[c % n_labels], "count": int(counts[c])}
                for c in np.flatnonzero(counts)
            ],
            "undated_events": undated,
        }

    def _quote_ranks(self, f: Q.Filters) -> np.ndarray | None:
        """The ranks of the quotes ``f`` keeps (queries.quote_where), ascending; None means all."""
        ranks: np.ndarray | None = None
        if f.actor:
            ranks = self.by_speaker.get([self.actor_code[a] for a in f.actor_ids or () if a in self.actor_code])
        mask: np.ndarray | None = None
        if f.country:
            code = self.country_code.get(f.country.upper(), -2)
            mask = self.q_country == code if ranks is None else self.q_country[ranks] == code
        allowed = self._allowed_dates(f.since, f.until)
        if allowed is not None:
            keep = allowed[self.q_date] if ranks is None else allowed[self.q_date[ranks]]
            mask = keep if mask is None else mask & keep
        if mask is None:
            return ranks
        return np.flatnonzero(mask) if ranks is None else ranks[mask]

    def quotes_page(self, store: Store, f: Q.Filters, limit: int, offset: int) -> tuple[int, list[Quote]]:
        """What ``queries.quotes_page`` gives: one page of quotes, newest first, and how many match."""
        ranks = self._quote_ranks(f)
        total = len(self.q_date) if ranks is None else len(ranks)
        page = (
            np.arange(offset, min(offset + limit, total), dtype=np.int64) if ranks is None
            else ranks[offset : offset + limit]
        )  # fmt: skip
        ids = self.q_ids.take(pa.array(page, type=pa.int64())).to_pylist() if len(page) else []
        if not ids:
            return total, []
        rows = store._dicts(f"SELECT * FROM quotes WHERE id IN ({', '.join('?' * len(ids))})", ids)
        by_id = {r["id"]: quote_from_row(r) for r in rows}
        return total, [by_id[i] for i in ids if i in by_id]

    def network(self, f: Q.Filters, max_edges: int = 200) -> dict[str, Any]:
        ranks = self.event_ranks(f)
        keys = self.pair_key
        if ranks is not None:
            if len(ranks) * 8 < self.n_events:
                # few events: their pairs are runs of the rank-sorted pairs, found by binary search
                lo = np.searchsorted(self.pair_rank, ranks, "left")
                counts = np.searchsorted(self.pair_rank, ranks, "right") - lo
                lo, counts = lo[counts > 0], counts[counts > 0]
                starts = np.cumsum(counts) - counts
                at = np.arange(int(counts.sum()), dtype=np.int64) + np.repeat(lo - starts, counts)
                keys = keys[at]
            else:
                selected = np.zeros(self.n_events, dtype=bool)
                selected[ranks] = True
                keys = keys[selected[self.pair_rank]]
        width = self.pair_width
        keys, weights = np.unique(keys, return_counts=True)
        if len(keys) > max_edges:
            # only the heaviest can make the cut: at least as heavy as the max_edges-th heaviest
            floor = np.partition(weights, len(weights) - max_edges)[len(weights) - max_edges]
            keep = weights >= floor
            keys, weights = keys[keep], weights[keep]
        # heaviest first, then by source and target id (codes follow the ids' sort order)
        top = np.lexsort((keys, -weights))[:max_edges]
        edges = [
            {"source": self.actor_list[int(k // width)], "target": self.actor_list[int(k % width)], "weight": int(w)}
            for k, w in zip(keys[top], weights[top], strict=True)
        ]
        return Q.network_graph(edges, self.actors)

    def cache_stats(self) -> dict[str, Any]:
        s = self.rows.stats
        looked = s.hits + s.misses
        return {"rows_cached": len(self.rows.items), "row_cache_size": self.rows.size, "row_hits": s.hits,
                "row_misses": s.misses, "row_hit_rate": round(s.hits / looked, 4) if looked else None}  # fmt: skip
