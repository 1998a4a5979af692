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


def test_stored_candidates_are_the_events_of_compatible_dates(tmp_path: Path) -> None:
    from kroniek.store.dedup import stored_candidates

    dates = {"d1": "2020-10-11", "d2": "2020-10-12", "m": "2020-10", "y": "2020", "none": None, "old": "2019-10-11"}
    with Store(tmp_path / "k.duckdb") as store:
        # different people each time: nothing merges, every event is stored
        store.write_events([_arrest(eid, "a1", date, f"groep {eid}") for eid, date in dates.items()])
        assert store.counts()["events"] == len(dates)
        probe = _arrest("new", "a2", "2020-10-11", "iemand")
        assert {h.id for h in stored_candidates(store.con, [probe])} == {"d1", "m", "y"}
        probe = _arrest("new", "a2", "2020-10", "iemand")
        assert {h.id for h in stored_candidates(store.con, [probe])} == {"d1", "d2", "m", "y"}
        probe = _arrest("new", "a2", None, "iemand")
        assert {h.id for h in stored_candidates(store.con, [probe])} == {"none"}
        negated = _arrest("new", "a2", "2020-10-11", "iemand", modality="negated")
        assert stored_candidates(store.con, [negated]) == []


def test_write_events_counts_every_further_report(tmp_path: Path) -> None:
    with Store(tmp_path / "k.duckdb") as store:
        kept = store.write_events([_arrest("e1", "a1", "2020-10-11", "demonstranten")])
        assert [e.id for e in kept] == ["e1"]
        kept = store.write_events(
            [
                _arrest("e2", "a2", "2020-10", "demonstranten"),
                _arrest("e3", "a3", "2020-10-11", "Demonstranten"),
                _arrest("e4", "a3", "2020-10-12", "demonstranten"),  # another day: another happening
            ]
        )
        assert [e.id for e in kept] == ["e4"]
        assert dict(store.con.execute("SELECT id, mentions FROM events").fetchall()) == {"e1": 3, "e4": 1}
        assert sorted(r["mention_id"] for r in store.event_mentions(["e1"])) == ["e2", "e3"]


def test_write_events_joins_the_callers_transaction(tmp_path: Path) -> None:
    with Store(tmp_path / "k.duckdb") as store:
        store.write_events([_arrest("e1", "a1", "2020-10-11", "demonstranten")])
        try:
            with store.transaction():
                store.write_events([_arrest("e2", "a2", "2020-10-11", "demonstranten")])
                raise RuntimeError("the rest of the batch failed")
        except RuntimeError:
            pass
        assert store.con.execute("SELECT id, mentions FROM events").fetchall() == [("e1", 1)]
        assert store.event_mentions(["e1"]) == []


def test_merge_batch_agrees_with_a_scan_of_every_earlier_happening() -> None:
    """The keyed look-up must pick what comparing with every earlier happening in order picks."""
    import random

    rng = random.Random(7)
    events = []
    for i in range(400):
        event = _arrest(
            f"e{i}",
            f"a{i}",
            rng.choice([None, "2020-10", "2020-10-11", "2020-10-12", "2020"]),
            rng.choice(["demonstranten", "betogers", "journalisten"]),
            place=rng.choice(["Minsk", "Grodno", ""]),
            modality=rng.choice(["asserted", "asserted", "negated"]),
        )
        if rng.random() < 0.3:
            event.recipient = []  # then only the place can join it to another
        if not event.place.extracted_place:
            event.place = None
        events.append(event)

    def scan(evs: list[Event]) -> list[tuple[str, str]]:
        known: list[Happening] = []
        out = []
        for e in evs:
            this = Happening.of(e)
            match = next((h for h in known if h.id != this.id and same_happening(h, this)), None)
            if match is None:
                known.append(this)
            else:
                out.append((match.id, e.id))
        return out

    keep, repeats = merge_batch(events)
    assert [(i, e.id) for i, e in repeats] == scan(events)
    assert len(keep) + len(repeats) == len(events) and repeats
