"""The WHERE clauses every reader of a store shares: the CLI (``Store.events``), the API and the web view.

Values never enter the SQL text: each builder returns SQL with ``?`` placeholders and its
parameters. User text matched as a substring goes through :func:`like_pattern`, so its own ``%``
and ``_`` are taken literally.

The actor filter resolves the name to actor ids (``Store.actor_ids``: the spellings the store has
seen, plus the name resolver's ids) and keeps the records in which one of those actors takes
part. Only when no actor matches does it fall back to the participants' words as written
(slower: a scan of every participant).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Protocol

#: The escape character of every LIKE pattern made by :func:`like_pattern`, as SQL.
ESCAPE = "ESCAPE '\\'"
#: The order of events and quotes in every list and page, newest first (the web view's in-memory
#: index keeps its ranks in this order too).
PAGE_ORDER = "date DESC NULLS LAST, doc_id, start, id"

# A record's date is a period (a day, a month, a year); a filter keeps it when the periods overlap.
_DATE_END = "CASE length({col}) WHEN 4 THEN {col} || '-12-31' WHEN 7 THEN {col} || '-31' ELSE {col} END"
_DATE_START = "CASE length({col}) WHEN 4 THEN {col} || '-01-01' WHEN 7 THEN {col} || '-01' ELSE {col} END"


class ResolvesActors(Protocol):
    def actor_ids(self, name: str) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class Filters:
    """What the CLI filters on, plus a text search (``q``) and one article (``doc_id``)."""

    actor: str | None = None
    type: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    doc_id: str | None = None
    #: The actors ``actor`` resolved to: set by :func:`resolved` so one request resolves a name once.
    actor_ids: tuple[str, ...] | None = None


def resolved(store: ResolvesActors, f: Filters) -> Filters:
    if f.actor and f.actor_ids is None:
        return replace(f, actor_ids=tuple(store.actor_ids(f.actor)))
    return f


def like_pattern(text: str) -> str:
    """``text`` as a LIKE pattern matching it anywhere, its own % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def folded_contains(column: str) -> str:
    """SQL: ``column`` contains the parameter (a :func:`like_pattern`), case and accents ignored."""
    return f"strip_accents(lower({column})) LIKE strip_accents(lower(?)) {ESCAPE}"


def period_filter(column: str, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
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


def _actor_clause(store: ResolvesActors, f: Filters, id_column: str, text_column: str) -> tuple[str, list[Any]]:
    """The actor's ids in ``id_column``, or, when the name matches no actor, its words in ``text_column``."""
    ids = list(resolved(store, f).actor_ids or ())
    if ids:
        return f"{id_column} IN (SELECT unnest(?))", [ids]
    return folded_contains(text_column), [like_pattern(f.actor or "")]


def _clause(where: list[str]) -> str:
    return " WHERE " + " AND ".join(where) if where else ""


def event_where(store: ResolvesActors, f: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading keyword, or empty) and parameters for events."""
    where, params = period_filter("date", f.since, f.until)
    if f.type:
        where.append("event = ?")
        params.append(f.type.upper())
    if f.doc_id:
        where.append("doc_id = ?")
        params.append(f.doc_id)
    if f.country:
        where.append("(place_country = ? OR id IN (SELECT event_id FROM event_actors WHERE code = ?))")
        params += [f.country.upper(), f.country.upper()]
    if f.actor:
        cond, extra = _actor_clause(store, f, "actor_id", "entity_text")
        where.append(f"id IN (SELECT event_id FROM event_actors WHERE {cond})")
        params += extra
    if f.q:
        where.append(f"({' OR '.join(f'{c} ILIKE ? {ESCAPE}' for c in ('sentence_text', 'actor_text', 'place'))})")
        params += [like_pattern(f.q)] * 3
    return _clause(where), params


def quote_where(store: ResolvesActors, f: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause and parameters for quotes: speaker (``actor``), country of the speaker, dates, q."""
    where, params = period_filter("date", f.since, f.until)
    if f.doc_id:
        where.append("doc_id = ?")
        params.append(f.doc_id)
    if f.country:
        where.append("speaker_code = ?")
        params.append(f.country.upper())
    if f.actor:
        cond, extra = _actor_clause(store, f, "speaker_id", "speaker_text")
        where.append(cond)
        params += extra
    if f.q:
        where.append(f"(text ILIKE ? {ESCAPE} OR speaker_text ILIKE ? {ESCAPE})")
        params += [like_pattern(f.q)] * 2
    return _clause(where), params


__all__ = [
    "ESCAPE",
    "Filters",
    "event_where",
    "folded_contains",
    "like_pattern",
    "period_filter",
    "quote_where",
    "resolved",
]
