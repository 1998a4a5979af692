"""One event per real-world happening (kroniek.store.dedup) and its hook in Store.write."""

from __future__ import annotations

from pathlib import Path

from kroniek.records import Article, ArticleRecords, EntityRef, Event, Place
from kroniek.store.dedup import Happening, dates_compatible, merge_batch, same_happening
from kroniek.store.store import Store


def _arrest(eid: str, doc: str, date: str | None, who: str, place: str = "Minsk", modality: str = "asserted") -> Event:
    return Event(
        id=eid, doc_id=doc, sentence=0, start=0, end=5, sentence_text="", event_text="",
        event="COERCE", mode="arrest", type_ere="Justice.ArrestJail", date=date,
        recipient=[EntityRef(entity_text=who)], place=Place(extracted_place=place, how="sentence"),
        modality=modality, trigger="aangehouden",
    )  # fmt: skip


def test_dates_compatible() -> None:
    assert dates_compatible("2020-10", "2020-10-11")
    assert dates_compatible(None, None)
    assert not dates_compatible("2020-10-11", "2020-10-12")
    assert not dates_compatible("2020-10-11", None)


def test_two_reports_of_one_arrest_merge() -> None:
    a = _arrest("e1", "a1", "2020-10-11", "demonstranten")
    b = _arrest("e2", "a2", "2020-10", "Demonstranten")
    assert same_happening(Happening.of(a), Happening.of(b))
    keep, repeats = merge_batch([a, b])
    assert [e.id for e in keep] == ["e1"]
    assert [(i, e.id) for i, e in repeats] == [("e1", "e2")]


def test_different_happenings_stay_apart() -> None:
    base = _arrest("e1", "a1", "2020-10-11", "demonstranten")
    other_day = _arrest("e2", "a2", "2020-10-12", "demonstranten")
    other_city = _arrest("e3", "a2", "2020-10-11", "demonstranten", place="Grodno")
    other_people = _arrest("e4", "a2", "2020-10-11", "journalisten")
    denied = _arrest("e5", "a2", "2020-10-11", "demonstranten", modality="negated")
    keep, repeats = merge_batch([base, other_day, other_city, other_people, denied])
    assert len(keep) == 5 and not repeats


def test_store_keeps_one_event_with_two_mentions(tmp_path: Path) -> None:
    store = Store(tmp_path / "k.duckdb")
    batch = []
    for n, eid in (("1", "e1"), ("2", "e2")):
        article = Article(id=f"a{n}", text=f"Artikel {n}", source=f"s{n}")
        batch.append(ArticleRecords(article=article, events=[_arrest(eid, f"a{n}", "2020-10-11", "demonstranten")]))
    store.write(batch[:1])
    store.write(batch[1:])  # a later ingest reports the same arrests
    events = store.events()
    assert [(e.id, e.mentions) for e in events] == [("e1", 2)]
    rows = store.con.execute("SELECT event_id, doc_id FROM event_mentions").fetchall()
    assert rows == [("e1", "a2")]
    store.close()
