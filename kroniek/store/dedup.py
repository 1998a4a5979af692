"""One event per real-world happening.

Several sentences of one article, or several articles, often report the same happening ("In
Minsk werden 700 mensen aangehouden" / "de arrestatie van 700 betogers in Minsk zondag"). The
store keeps the first report as *the* event and counts the others as its mentions (the
``event_mentions`` table has one row per report, the event's ``mentions`` column the count).

Two event records are the same happening when all of these hold:

- the same PLOVER type and EventDNA type (and modes that agree where both are given);
- the same modality (a denied or announced event is not the one that happened);
- compatible dates: equal, one a coarser form of the other ("2020-10" and "2020-10-11"), or
  both unknown;
- overlapping participants: an actor or recipient in common (by actor id, else by name), or,
  when neither names anyone, the same sentence-level place;
- compatible places: the same resolved place or one side without a place.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from kroniek.records import EntityRef, Event
from kroniek.store.arrow import registered


@dataclass(frozen=True, slots=True)
class Happening:
    """What the comparison needs of an event, from a record or from a stored row."""

    id: str
    event: str | None
    type_ere: str | None
    mode: str | None
    modality: str
    date: str | None
    place: str | None
    participants: frozenset[str]

    @classmethod
    def of(cls, event: Event) -> Happening:
        place = event.place
        sentence_place = place if place is not None and place.how != "article" else None
        return cls(
            id=event.id,
            event=event.event,
            type_ere=event.type_ere,
            mode=event.mode,
            modality=event.modality,
            date=event.date,
            place=_place_key(sentence_place.resolved_place or sentence_place.extracted_place)
            if sentence_place
            else None,
            participants=frozenset(_keys([*event.actor, *event.recipient])),
        )

    @classmethod
    def of_row(cls, row: dict[str, Any]) -> Happening:
        refs = [
            EntityRef(entity_text=p.get("entity_text") or "", identifier_id=p.get("identifier_id"))
            for key in ("actor_json", "recipient_json")
            for p in json.loads(row.get(key) or "[]")
        ]
        place = json.loads(row["place_json"]) if row.get("place_json") else None
        if place and place.get("how") == "article":
            place = None  # the article's main place says nothing about this one event
        place_name = (place.get("resolved_place") or place.get("extracted_place")) if place else None
        return cls(
            id=row["id"],
            event=row.get("event"),
            type_ere=row.get("type_ere"),
            mode=row.get("mode"),
            modality=row.get("modality") or "asserted",
            date=row.get("date"),
            place=_place_key(place_name) if place_name else None,
            participants=frozenset(_keys(refs)),
        )


def _place_key(name: str | None) -> str | None:
    return name.casefold().strip() if name else None


def _keys(refs: Iterable[EntityRef]) -> Iterable[str]:
    for ref in refs:
        if ref.identifier_id:
            yield "id:" + ref.identifier_id
        elif ref.entity_text:
            yield "name:" + ref.entity_text.casefold().strip()


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal, both unknown, or one a coarser form of the other ("2020-10" / "2020-10-11")."""
    if a is None or b is None:
        return a is None and b is None
    return a.startswith(b) or b.startswith(a)


def same_happening(a: Happening, b: Happening) -> bool:
    """Whether two event records report one real-world happening (see the module doc)."""
    if (a.event, a.type_ere, a.modality) != (b.event, b.type_ere, b.modality):
        return False
    if a.event is None and a.type_ere is None:
        return False  # nothing known about what happened: never merge
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if not dates_compatible(a.date, b.date):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    if a.participants or b.participants:
        return bool(a.participants & b.participants)
    return a.place is not None and a.place == b.place


def merge_batch(events: list[Event], stored: Iterable[Happening] = ()) -> tuple[list[Event], list[tuple[str, Event]]]:
    """Split new events into the ones to store and the (existing event id, event) further mentions.

    ``stored`` are candidates already in the store; the batch's own events are compared with
    them and with each other, in order, so the first report of a happening stays the event.
    """
    known = _Known(stored)
    keep: list[Event] = []
    mentions: list[tuple[str, Event]] = []
    for event in events:
        this = Happening.of(event)
        match = known.first_match(this)
        if match is None:
            keep.append(event)
            known.add(this)
        else:
            mentions.append((match.id, event))
    return keep, mentions


class _Known:
    """The happenings seen so far, found by what any match must share with them.

    Why: a run's load merges tens of thousands of events; comparing each with every earlier one
    of its type grew with the square of the batch. A match shares the types and modality, and a
    participant (or, when neither names anyone, the place), so those are the keys; among the
    candidates the earliest that :func:`same_happening` accepts wins, as in a scan in order.
    """

    def __init__(self, stored: Iterable[Happening] = ()) -> None:
        self.items: list[Happening] = []
        self.by_key: dict[tuple[object, ...], list[int]] = {}
        for happening in stored:
            self.add(happening)

    @staticmethod
    def _keys(h: Happening) -> list[tuple[object, ...]]:
        kind = (h.event, h.type_ere, h.modality)
        if h.participants:
            return [(*kind, "p", p) for p in h.participants]
        return [(*kind, "place", h.place)] if h.place is not None else []

    def add(self, happening: Happening) -> None:
        self.items.append(happening)
        for key in self._keys(happening):
            self.by_key.setdefault(key, []).append(len(self.items) - 1)

    def first_match(self, this: Happening) -> Happening | None:
        candidates = sorted({i for key in self._keys(this) for i in self.by_key.get(key, ())})
        for i in candidates:
            h = self.items[i]
            if h.id != this.id and same_happening(h, this):
                return h
        return None


def mention_row(event_id: str, event: Event) -> dict[str, Any]:
    """One row of ``event_mentions``: where a report of the happening ``event_id`` stands."""
    return {
        "event_id": event_id,
        "mention_id": event.id,
        "doc_id": event.doc_id,
        "sentence": event.sentence,
        "start": event.start,
        "end": event.end,
        "trigger": event.trigger,
        "sentence_text": event.sentence_text,
        "date": event.date,
        "confidence": event.confidence,
    }


#: Stored events of a probe's types and modality with a date compatible with the probe's (see
#: :func:`dates_compatible`): so a batch looks at the events of its own days, not at every stored
#: event of its type. ``rowid`` keeps the order they were stored in: the first report stays the event.
CANDIDATE_SQL = """
SELECT e.id, e.event, e.type_ere, e.mode, e.modality, e.date, e.actor_json, e.recipient_json, e.place_json
FROM events e
WHERE EXISTS (
    SELECT 1 FROM _kroniek_probe p
    WHERE coalesce(e.event, '') = p.event AND coalesce(e.type_ere, '') = p.type_ere
      AND coalesce(e.modality, 'asserted') = p.modality
      AND ((e.date IS NULL AND p.date IS NULL) OR starts_with(e.date, p.date) OR starts_with(p.date, e.date))
)
ORDER BY e.rowid
"""
_PROBE = pa.schema([(name, pa.string()) for name in ("event", "type_ere", "modality", "date")])


def stored_candidates(con: Any, events: list[Event]) -> list[Happening]:
    """The stored events a batch's events could merge with: same types and modality, compatible date."""
    probes = {
        (event.event or "", event.type_ere or "", event.modality, event.date)
        for event in events
        if event.event is not None or event.type_ere is not None
    }
    if not probes:
        return []
    probe = pa.Table.from_pylist([dict(zip(_PROBE.names, p, strict=True)) for p in probes], schema=_PROBE)
    with registered(con, "_kroniek_probe", probe):
        cursor = con.execute(CANDIDATE_SQL)
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    return [Happening.of_row(dict(zip(names, row, strict=True))) for row in rows]
