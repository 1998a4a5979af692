"""The store: writes are atomic, queries filter as documented, exports follow the record contract."""

from __future__ import annotations

import json

import duckdb
import pyarrow.parquet as pq
import pytest

from kroniek.errors import KroniekError
from kroniek.records import (
    Actor,
    Article,
    ArticleRecords,
    EntityRef,
    Event,
    Mention,
    Place,
    Quote,
    Sentence,
    Size,
)
from kroniek.store import Store
from kroniek.store.export import export
from kroniek.store.schema import SCHEMA_VERSION

TEXT = "Zondag werden in Minsk meer dan 700 mensen aangehouden. ‘Wij geven niet op’, zei Tichanovskaja."


def make_records(text: str = TEXT, published: str = "2020-10-11", event_date: str = "2020-10-11") -> ArticleRecords:
    article = Article.create(text, source="fixture.txt", published=published, date_precision="day", language="nl")
    police = EntityRef(
        "politie", code="BLR", sector="COP", identifier_id="kroniek:politie-blr", identifier_text="politie (Belarus)"
    )
    crowd = EntityRef("mensen", code="BLR", sector="CVL")
    speaker = EntityRef(
        "Tichanovskaja",
        code="BLR",
        sector="OPP",
        identifier_id="Q63020541",
        identifier_text="Svetlana Tichanovskaja",
        start=83,
        end=96,
    )
    event = Event(
        id=f"e-{article.id}",
        doc_id=article.id,
        sentence=0,
        start=0,
        end=55,
        sentence_text=text[:55],
        event_text=text[:55],
        event="COERCE",
        mode="arrest",
        actor=[police],
        recipient=[crowd],
        date=event_date,
        date_precision="day" if len(event_date) == 10 else "month",
        place=Place("Minsk", resolved_place="Minsk", geonameid=625144, lat=53.9, lon=27.57, country_code="BLR"),
        size=Size(arrested=700),
        trigger="aangehouden",
        confidence=0.8,
    )
    quote = Quote(
        id=f"q-{article.id}",
        doc_id=article.id,
        sentence=1,
        start=57,
        end=73,
        sentence_text=text[56:],
        text="Wij geven niet op",
        kind="direct",
        speaker=speaker,
        speech_verb="zei",
        date=published,
        date_precision="day",
    )
    actor = Actor(
        id="Q63020541",
        canonical="Svetlana Tichanovskaja",
        country="BLR",
        sector="OPP",
        kind="PER",
        mentions=["Tichanovskaja"],
    )
    return ArticleRecords(
        article=article,
        sentences=[Sentence(article.id, 0, 0, 55, text[:55]), Sentence(article.id, 1, 56, len(text), text[56:])],
        mentions=[Mention(article.id, 1, 83, 96, "Tichanovskaja", "PER", "Q63020541")],
        actors=[actor],
        events=[event],
        quotes=[quote],
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "k.duckdb") as s:
        yield s


def test_write_then_read_round_trips_records(store):
    records = make_records()
    store.write([records])
    (event,) = store.events()
    assert event == records.events[0]
    (quote,) = store.quotes()
    assert quote == records.quotes[0]
    assert store.article(records.article.id) == records.article
    assert store.article(records.article.id[:6]) == records.article  # unique prefix
    assert store.known_article_ids([records.article.id, "nope"]) == {records.article.id}


def test_filters_by_actor_in_any_spelling_seen_and_by_type_and_country(store):
    store.write([make_records()])
    assert len(store.quotes(speaker="tichanovskaja")) == 1
    assert len(store.quotes(speaker="Svetlana")) == 1
    assert store.quotes(speaker="Poetin") == []
    assert len(store.events(actor="politie")) == 1
    assert len(store.events(type="coerce")) == 1
    assert store.events(type="PROTEST") == []
    assert len(store.events(country="blr")) == 1
    assert store.events(country="RUS") == []


def test_date_filters_keep_records_whose_period_overlaps(store):
    store.write([make_records(event_date="2020-10")])
    # A month-precision event belongs to every day of that month.
    assert len(store.events(since="2020-10-15")) == 1
    assert len(store.events(until="2020-10-01")) == 1
    assert store.events(since="2020-11-01") == []
    assert store.events(until="2020-09-30") == []


def test_events_are_listed_newest_first(store):
    store.write(
        [
            make_records(TEXT, event_date="2020-10-11"),
            make_records(TEXT + " Later.", published="2020-10-12", event_date="2020-10-12"),
        ]
    )
    assert [e.date for e in store.events()] == ["2020-10-12", "2020-10-11"]


def test_a_failed_batch_writes_nothing(store, monkeypatch):
    good = make_records()
    original = store._insert

    def explode(table, rows, extra=None):
        if table == "quotes":
            raise RuntimeError("disk full")
        original(table, rows, extra)

    monkeypatch.setattr(store, "_insert", explode)
    with pytest.raises(RuntimeError):
        store.write([good])
    assert store.counts()["articles"] == 0
    assert store.events() == []


def test_failures_are_upserted_and_resolved(store):
    store.record_failure("a.jsonl", "K104", "a.jsonl: K104 line 3: not valid JSON", line=3)
    store.record_failure("a.jsonl", "K104", "a.jsonl: K104 line 3: not valid JSON", line=3)
    store.record_failure("b.txt", "K108", "b.txt: K108 bad date", severity="warning")
    rows = store.failures()
    assert [(r["source"], r["attempts"]) for r in rows if r["source"] == "a.jsonl"] == [("a.jsonl", 2)]
    assert store.failed_sources() == ["a.jsonl"]  # warnings are not retried: the article was stored
    store.resolve_failures("a.jsonl")
    assert store.failed_sources() == []
    assert store.counts()["failures"] == 1


def test_schema_version_is_recorded_and_a_newer_store_is_refused(tmp_path):
    path = tmp_path / "k.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(KroniekError) as caught:
        Store(path)
    assert caught.value.code == "K401"


def test_plover_export_follows_the_contract(store, tmp_path):
    records = make_records()
    store.write([records])
    out = tmp_path / "events.jsonl"
    assert export(store, "plover", out) == 1
    (line,) = out.read_text(encoding="utf-8").splitlines()
    event = json.loads(line)
    assert event["event"] == "COERCE" and event["mode"] == "arrest"
    assert event["date"] == "2020-10-11"
    assert event["size"] == {"dead": None, "injured": None, "arrested": 700}
    assert event["actor"][0] == {
        "code": "BLR",
        "sector": "COP",
        "entity_text": "politie",
        "identifier_id": "kroniek:politie-blr",
        "identifier_text": "politie (Belarus)",
    }
    assert event["event_loc"]["geonameid"] == 625144 and event["event_loc"]["country_code"] == "BLR"
    assert event["text_info"] == {"text_story": records.article.id, "start": 0, "end": 55}
    assert event["cite_info"]["language"] == "nl"
    assert event["kroniek"]["sentence"] == 0 and event["kroniek"]["date_precision"] == "day"


def test_csv_and_parquet_exports(store, tmp_path):
    store.write([make_records()])
    assert export(store, "csv", tmp_path / "e.csv") == 1
    header = (tmp_path / "e.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"date", "event", "mode", "actor_text", "size_arrested", "doc_id", "start", "end"} <= set(header)
    assert export(store, "parquet", tmp_path / "q.parquet", table="quotes") == 1
    table = pq.read_table(tmp_path / "q.parquet")
    assert table.column("speaker_name").to_pylist() == ["Svetlana Tichanovskaja"]


def test_year_and_month_bounds_mean_the_whole_period(store):
    store.write([make_records(event_date="2020-10-11")])
    assert len(store.events(until="2020")) == 1
    assert len(store.events(since="2020-10", until="2020-10")) == 1
    assert store.events(until="2019") == []
    assert store.events(since="2020-11") == []


def test_user_text_is_matched_literally_not_as_a_like_pattern(store):
    records = make_records()
    store.write([records])
    assert store.article("%") is None  # not "any article"
    assert store.article(records.article.id[:4]) == records.article
    assert store.actor_ids("%") == [] and store.actor_ids("Tich_novskaja") == []
    assert store.events(actor="%") == [] and store.events(actor="pol_tie") == []
    assert store.quotes(speaker="%") == []
    assert len(store.quotes(speaker="tichanovskaja")) == 1


def test_the_cli_and_the_web_view_filter_actors_alike(tmp_path):
    from kroniek.store.queries import Filters, events_page, quotes_page

    first = make_records()
    # a second report names the police without linking it to an actor
    second = make_records(TEXT + " Opnieuw.", published="2020-10-12", event_date="2020-10-12")
    second.events[0].actor[0].identifier_id = None
    second.events[0].id = "e-unlinked"
    second.events[0].recipient = [EntityRef("journalisten")]  # another happening: not merged
    resolver = {"politie": ["kroniek:politie-blr"]}
    with Store(tmp_path / "k.duckdb", name_resolver=lambda name: resolver.get(name, [])) as store:
        store.write([first, second])
        for name in ("politie", "journalisten", "Tichanovskaja", "Minsk"):
            cli = [e.id for e in store.events(actor=name)]
            _, web = events_page(store, Filters(actor=name), limit=50)
            assert cli == [e.id for e in web], name
            cli_quotes = [q.id for q in store.quotes(speaker=name)]
            _, web_quotes = quotes_page(store, Filters(actor=name), limit=50)
            assert cli_quotes == [q.id for q in web_quotes], name
        # a name that resolves keeps that actor's events; one that does not falls back to the words
        assert [e.id for e in store.events(actor="politie")] == [first.events[0].id]
        assert [e.id for e in store.events(actor="journalisten")] == ["e-unlinked"]


def test_table_rows_have_the_columns_of_their_tables(store):
    from kroniek.records import table_rows

    records = make_records()
    rows = table_rows([records])
    for table, table_rows_ in rows.items():
        columns = {r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall()}
        for row in table_rows_:
            assert set(row) <= columns, table
    assert rows["actors"] == [
        {"id": "Q63020541", "canonical": "Svetlana Tichanovskaja", "country": "BLR", "sector": "OPP", "kind": "PER"}
    ]
    assert {r["name"] for r in rows["actor_names"]} == {"Svetlana Tichanovskaja", "Tichanovskaja"}
    assert [r["role"] for r in rows["event_actors"]] == ["actor", "recipient"]
    assert rows["articles"][0]["status"] == "analysed"
    assert table_rows([records], events=False)["events"] == []


def test_an_article_not_in_dutch_is_skipped():
    from kroniek.errors import Msg
    from kroniek.records import Article, ArticleRecords

    article = Article.create("The police arrested 700 people.", source="en.txt", language="en")
    assert ArticleRecords(article, notes=[Msg.K201.format(language="en")]).skipped
    assert not ArticleRecords(article, notes=["K203 something else"]).skipped


@pytest.mark.parametrize("fmt", ["plover", "csv", "parquet"])
def test_an_export_to_an_unwritable_place_is_one_numbered_error(store, tmp_path, fmt):
    store.write([make_records()])
    with pytest.raises(KroniekError) as caught:
        export(store, fmt, tmp_path / "missing-folder" / "out")
    assert caught.value.code == "K406" and "missing-folder" in str(caught.value)
