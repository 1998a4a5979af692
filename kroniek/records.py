"""The one record model that flows through kroniek.

Article -> annotated spaCy Doc -> Event, Quote, Actor, Mention and Place records -> store.
Every extracted record carries its provenance: the article id, the sentence index, character
offsets into ``Article.text``, the sentence text and a confidence. JSON, Arrow and SQL rows are
all derived from these dataclasses here, so there is exactly one definition of each format.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

#: Date precisions, coarsest last. A date string always has the shape its precision implies:
#: day -> YYYY-MM-DD, month -> YYYY-MM, season -> YYYY-MM (first month of the season), year -> YYYY.
PRECISIONS = ("day", "month", "season", "year")

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form of an article's text that its identity is computed from.

    NFC, all whitespace runs folded to one space, stripped, case-folded: the same article
    re-encoded, re-wrapped or with a BOM gets the same id.
    """
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "")
    return _SPACE.sub(" ", text).strip().casefold()


def article_id(text: str) -> str:
    """Content hash of an article's normalised text (16 hex digits of SHA-1)."""
    return hashlib.sha1(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def record_id(*parts: object) -> str:
    """A stable id for a record derived from the things that identify it."""
    raw = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a source, before any analysis."""

    id: str
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    date_precision: str | None = None
    language: str | None = None
    publication: str | None = None
    #: The id the source gave the article (a JSONL ``id``, a feed item's guid); ``id`` stays the
    #: content hash so the same text from two sources is one article.
    external_id: str | None = None

    @classmethod
    def create(cls, text: str, source: str, **fields: Any) -> Article:
        return cls(id=article_id(text), text=text, source=source, **fields)


@dataclass(slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class EntityRef:
    """PLOVER's entity object, plus where in the article it was written."""

    entity_text: str
    code: str | None = None
    sector: str | None = None
    identifier_id: str | None = None
    identifier_text: str | None = None
    start: int | None = None
    end: int | None = None

    def to_plover(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "sector": self.sector,
            "entity_text": self.entity_text,
            "identifier_id": self.identifier_id,
            "identifier_text": self.identifier_text,
        }


@dataclass(slots=True)
class Place:
    """PLOVER's location object."""

    extracted_place: str
    resolved_place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    resolution: int | None = None
    start: int | None = None
    end: int | None = None
    how: str | None = None

    def to_plover(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("start", "end", "how"):
            out.pop(key)
        return out


@dataclass(slots=True)
class Mention:
    """A name or role in the text, linked to the actor it refers to (when known)."""

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    label: str
    actor_id: str | None = None


@dataclass(slots=True)
class Actor:
    id: str
    canonical: str
    country: str | None = None
    sector: str | None = None
    kind: str | None = None  # PER, ORG, GROUP, LOC
    mentions: list[str] = field(default_factory=list)
    articles: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "canonical": self.canonical,
            "country": self.country,
            "sector": self.sector,
            "mentions": list(self.mentions),
            "articles": self.articles,
        }


@dataclass(slots=True)
class Size:
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None

    def is_empty(self) -> bool:
        return self.dead is None and self.injured is None and self.arrested is None


@dataclass(slots=True)
class Event:
    """One coded event mention (after de-duplication: one real-world happening)."""

    id: str
    doc_id: str
    sentence: int
    start: int
    end: int
    sentence_text: str
    event_text: str
    event: str | None = None  # PLOVER type
    mode: str | None = None
    type_ere: str | None = None  # EventDNA-style type.subtype
    actor: list[EntityRef] = field(default_factory=list)
    recipient: list[EntityRef] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    place: Place | None = None
    size: Size = field(default_factory=Size)
    modality: str = "asserted"  # asserted | negated | future | hypothetical
    context: list[str] = field(default_factory=list)
    trigger: str | None = None
    confidence: float = 0.5
    mentions: int = 1


@dataclass(slots=True)
class Quote:
    id: str
    doc_id: str
    sentence: int
    start: int
    end: int
    sentence_text: str
    text: str
    kind: str  # direct | indirect
    speaker: EntityRef | None = None
    speech_verb: str | None = None
    date: str | None = None
    date_precision: str | None = None
    confidence: float = 0.5

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker.to_plover() if self.speaker else None,
            "speech_verb": self.speech_verb,
            "date": self.date,
            "date_precision": self.date_precision,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "sentence_text": self.sentence_text,
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class ArticleRecords:
    """Everything kroniek extracted from one article."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=lambda: RecordList())
    actors: list[Actor] = field(default_factory=lambda: RecordList())
    events: list[Event] = field(default_factory=lambda: RecordList())
    quotes: list[Quote] = field(default_factory=lambda: RecordList())
    notes: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> bool:
        """Stored but not analysed: the article is not in a language kroniek extracts (K201)."""
        return any(note.startswith("K201") for note in self.notes)


def event_to_plover(event: Event, article: Article | None = None) -> dict[str, Any]:
    """The PLOVER-style JSON object for an event (the export contract)."""
    place = event.place
    return {
        "id": event.id,
        "date": event.date,
        "event": event.event,
        "mode": event.mode,
        "context": list(event.context),
        "actor": [a.to_plover() for a in event.actor],
        "recipient": [r.to_plover() for r in event.recipient],
        "event_loc": place.to_plover() if place else None,
        "size": {"dead": event.size.dead, "injured": event.size.injured, "arrested": event.size.arrested},
        "event_text": event.event_text,
        "text_info": {"text_story": event.doc_id, "start": event.start, "end": event.end},
        "cite_info": {
            "title": article.title if article else None,
            "url": article.url if article else None,
            "language": article.language if article else None,
            "publication": article.publication if article else None,
        },
        "kroniek": {
            "doc_id": event.doc_id,
            "sentence": event.sentence,
            "sentence_text": event.sentence_text,
            "type_ere": event.type_ere,
            "date_precision": event.date_precision,
            "modality": event.modality,
            "trigger": event.trigger,
            "confidence": event.confidence,
            "mentions": event.mentions,
        },
    }


# ---------------------------------------------------------------------------------------------
# Flat rows: the one conversion to SQL, Arrow, Parquet and CSV (and back, for store reads).
# Nested parts (actor lists, place, context) travel as JSON text so that a row round-trips;
# the flat columns beside them are what a CSV user filters on.
# ---------------------------------------------------------------------------------------------


def _names(refs: list[EntityRef], attr: str) -> str:
    return "; ".join(str(getattr(r, attr)) for r in refs if getattr(r, attr))


def _refs_json(refs: list[EntityRef]) -> str:
    return json.dumps([asdict(r) for r in refs], ensure_ascii=False)


def _refs_from_json(raw: str | None) -> list[EntityRef]:
    return [EntityRef(**item) for item in json.loads(raw or "[]")]


def event_row(event: Event) -> dict[str, Any]:
    place = event.place
    return {
        "id": event.id,
        "doc_id": event.doc_id,
        "date": event.date,
        "date_precision": event.date_precision,
        "event": event.event,
        "mode": event.mode,
        "type_ere": event.type_ere,
        "modality": event.modality,
        "actor_text": _names(event.actor, "entity_text"),
        "actor_id": _names(event.actor, "identifier_id"),
        "actor_code": _names(event.actor, "code"),
        "recipient_text": _names(event.recipient, "entity_text"),
        "recipient_id": _names(event.recipient, "identifier_id"),
        "recipient_code": _names(event.recipient, "code"),
        "place": place.extracted_place if place else None,
        "place_resolved": place.resolved_place if place else None,
        "geonameid": place.geonameid if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_country": place.country_code if place else None,
        "size_dead": event.size.dead,
        "size_injured": event.size.injured,
        "size_arrested": event.size.arrested,
        "event_text": event.event_text,
        "trigger": event.trigger,
        "sentence": event.sentence,
        "start": event.start,
        "end": event.end,
        "sentence_text": event.sentence_text,
        "confidence": event.confidence,
        "mentions": event.mentions,
        "actor_json": _refs_json(event.actor),
        "recipient_json": _refs_json(event.recipient),
        "place_json": json.dumps(asdict(place), ensure_ascii=False) if place else None,
        "context_json": json.dumps(event.context),
    }


def event_from_row(row: dict[str, Any]) -> Event:
    place = json.loads(row["place_json"]) if row.get("place_json") else None
    return Event(
        id=row["id"],
        doc_id=row["doc_id"],
        sentence=row["sentence"],
        start=row["start"],
        end=row["end"],
        sentence_text=row["sentence_text"],
        event_text=row["event_text"],
        event=row["event"],
        mode=row["mode"],
        type_ere=row["type_ere"],
        actor=_refs_from_json(row["actor_json"]),
        recipient=_refs_from_json(row["recipient_json"]),
        date=row["date"],
        date_precision=row["date_precision"],
        place=Place(**place) if place else None,
        size=Size(row["size_dead"], row["size_injured"], row["size_arrested"]),
        modality=row["modality"],
        context=json.loads(row["context_json"] or "[]"),
        trigger=row["trigger"],
        confidence=row["confidence"],
        mentions=row["mentions"],
    )


def quote_row(quote: Quote) -> dict[str, Any]:
    speaker = quote.speaker
    return {
        "id": quote.id,
        "doc_id": quote.doc_id,
        "date": quote.date,
        "date_precision": quote.date_precision,
        "kind": quote.kind,
        "speaker_text": speaker.entity_text if speaker else None,
        "speaker_id": speaker.identifier_id if speaker else None,
        "speaker_name": speaker.identifier_text if speaker else None,
        "speaker_code": speaker.code if speaker else None,
        "speaker_sector": speaker.sector if speaker else None,
        "text": quote.text,
        "speech_verb": quote.speech_verb,
        "sentence": quote.sentence,
        "start": quote.start,
        "end": quote.end,
        "sentence_text": quote.sentence_text,
        "confidence": quote.confidence,
        "speaker_json": json.dumps(asdict(speaker), ensure_ascii=False) if speaker else None,
    }


def quote_from_row(row: dict[str, Any]) -> Quote:
    speaker = json.loads(row["speaker_json"]) if row.get("speaker_json") else None
    return Quote(
        id=row["id"],
        doc_id=row["doc_id"],
        sentence=row["sentence"],
        start=row["start"],
        end=row["end"],
        sentence_text=row["sentence_text"],
        text=row["text"],
        kind=row["kind"],
        speaker=EntityRef(**speaker) if speaker else None,
        speech_verb=row["speech_verb"],
        date=row["date"],
        date_precision=row["date_precision"],
        confidence=row["confidence"],
    )


def actor_row(actor: Actor) -> dict[str, Any]:
    """A row of the ``actors`` table; the spellings go to ``actor_names`` (:func:`actor_name_rows`)."""
    return {
        "id": actor.id,
        "canonical": actor.canonical,
        "country": actor.country,
        "sector": actor.sector,
        "kind": actor.kind,
    }


def actor_name_rows(actor: Actor) -> list[dict[str, Any]]:
    """The rows of ``actor_names``: every spelling of the actor, its canonical name included."""
    return [{"actor_id": actor.id, "name": name} for name in sorted({actor.canonical, *actor.mentions})]


def actor_listing_row(actor: Actor) -> dict[str, Any]:
    """An actor as listed (``RecordList.to_pandas``, CSV): its table row plus spellings and article count."""
    return actor_row(actor) | {"mentions": "; ".join(actor.mentions), "articles": actor.articles}


def actor_from_row(row: dict[str, Any]) -> Actor:
    """An actor from a listing row: the ``actors`` columns plus ``names`` (a list) and ``articles``."""
    return Actor(
        id=row["id"],
        canonical=row["canonical"],
        country=row["country"],
        sector=row["sector"],
        kind=row["kind"],
        mentions=list(row.get("names") or []),
        articles=row.get("articles") or 0,
    )


def participant_rows(event: Event) -> list[dict[str, Any]]:
    """The rows of ``event_actors``: one per (event, actor or recipient), what actor filters look at."""
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


def mention_row(mention: Mention) -> dict[str, Any]:
    return asdict(mention)


def sentence_row(sentence: Sentence) -> dict[str, Any]:
    return asdict(sentence)


def article_row(article: Article) -> dict[str, Any]:
    return {f: getattr(article, f) for f in Article.__slots__}


#: The store tables :func:`table_rows` fills, in the order they are written.
RECORD_TABLES = ("articles", "sentences", "mentions", "events", "event_actors", "quotes", "actors", "actor_names")
#: The tables written only for the events kept after the happening merge (``Store.write_events``).
EVENT_TABLES = ("events", "event_actors")


def event_table_rows(events: Iterable[Event]) -> dict[str, list[dict[str, Any]]]:
    """The rows of ``events`` and ``event_actors`` for some events."""
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in EVENT_TABLES}
    for event in events:
        rows["events"].append(event_row(event))
        rows["event_actors"] += participant_rows(event)
    return rows


def table_rows(batch: Iterable[ArticleRecords], events: bool = True) -> dict[str, list[dict[str, Any]]]:
    """The rows of every store table for a batch of analysed articles: the one place they are made.

    An article row gets its ``status`` and JSON ``notes``, not ``ingested_at`` (the writer's clock).
    With ``events=False`` the event tables stay empty: the store writes events after merging them
    into happenings (``Store.write_events``), from the records themselves.
    """
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in RECORD_TABLES}
    for result in batch:
        row = article_row(result.article)
        row["status"] = "skipped" if result.skipped else "analysed"
        row["notes"] = json.dumps(result.notes, ensure_ascii=False)
        rows["articles"].append(row)
        rows["sentences"] += [sentence_row(s) for s in result.sentences]
        rows["mentions"] += [mention_row(m) for m in result.mentions]
        rows["quotes"] += [quote_row(q) for q in result.quotes]
        if events:
            for table, more in event_table_rows(result.events).items():
                rows[table] += more
        for actor in result.actors:
            rows["actors"].append(actor_row(actor))
            rows["actor_names"] += actor_name_rows(actor)
    return rows


ROW_OF = {
    Event: event_row,
    Quote: quote_row,
    Actor: actor_listing_row,
    Mention: mention_row,
    Sentence: sentence_row,
    Article: article_row,
}


class RecordList(list):
    """A list of records that turns into a data frame: ``.to_pandas()``, ``.to_arrow()``, ``.to_dicts()``."""

    def to_dicts(self) -> list[dict[str, Any]]:
        return [ROW_OF[type(r)](r) for r in self]

    def to_arrow(self):  # -> pyarrow.Table
        import pyarrow as pa

        return pa.Table.from_pylist(self.to_dicts())

    def to_pandas(self):  # -> pandas.DataFrame
        import pandas as pd

        return pd.DataFrame.from_records(self.to_dicts())
