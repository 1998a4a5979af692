"""The in-memory indexes against the SQL on a store big enough to have many runs of dates.

The small store of ``test_index`` has three events; here a few hundred events (seeded, varied)
have day, month and year dates and none, so a period filter keeps several runs of ranks, and
actor, country and type filters overlap in every way the index combines them.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from kroniek.records import Actor, Article, ArticleRecords, EntityRef, Event, Place, Quote, Sentence
from kroniek.serve.index import ChronicleIndex
from kroniek.store import Store
from kroniek.store import queries as Q

SENTENCE = "De politie hield in Gomel betogers aan."
ACTORS = [
    ("kroniek:politie", "politie", "BLR", "COP"),
    ("kroniek:betogers", "betogers", "BLR", "CVL"),
    ("kroniek:regering", "regering", "RUS", "GOV"),
    ("kroniek:leger", "leger", "UKR", "MIL"),
    ("kroniek:journalisten", "journalisten", "POL", "JRN"),
]
TYPES = ["PROTEST", "COERCE", "ASSAULT", "CONSULT", None]


def _date(rng: random.Random) -> tuple[str | None, str | None]:
    year, month, day = rng.randrange(2019, 2022), rng.randrange(1, 13), rng.randrange(1, 29)
    return rng.choice(
        [
            (f"{year}-{month:02d}-{day:02d}", "day"),
            (f"{year}-{month:02d}-{day:02d}", "day"),
            (f"{year}-{month:02d}", "month"),
            (str(year), "year"),
            (None, None),
        ]
    )


def _ref(rng: random.Random) -> EntityRef:
    actor_id, name, country, sector = rng.choice(ACTORS)
    return EntityRef(name, country, sector, actor_id, name)


def build_many(seed: int = 3, n_articles: int = 40) -> list[ArticleRecords]:
    rng = random.Random(seed)
    out = []
    for a in range(n_articles):
        article = Article.create(f"{SENTENCE} Artikel {a}.", source=f"a{a}.txt", published="2021-01-01", language="nl")
        events, quotes = [], []
        for k in range(rng.randrange(3, 12)):
            date, precision = _date(rng)
            place = None
            if rng.random() < 0.5:
                place = Place("Gomel", "Gomel", 627907, 52.4, 31.0, rng.choice(["BLR", "RUS"]), start=20, end=25)
            events.append(
                Event(
                    id=f"ev-{a:03d}-{k:02d}",
                    doc_id=article.id,
                    sentence=0,
                    start=k,
                    end=k + 5,
                    sentence_text=SENTENCE,
                    event_text=SENTENCE,
                    event=rng.choice(TYPES),
                    actor=[_ref(rng) for _ in range(rng.randrange(1, 3))],
                    recipient=[_ref(rng) for _ in range(rng.randrange(0, 3))],
                    date=date,
                    date_precision=precision,
                    place=place,
                )
            )
            if rng.random() < 0.3:
                quote = Quote(f"q-{a:03d}-{k:02d}", article.id, 0, k, k + 5, SENTENCE, "wij gaan door", "direct")
                quotes.append(replace(quote, speaker=_ref(rng), date=date, date_precision=precision))
        out.append(
            ArticleRecords(
                article=article,
                sentences=[Sentence(article.id, 0, 0, len(SENTENCE), SENTENCE)],
                actors=[Actor(i, name, c, s, "ORG", [name]) for i, name, c, s in ACTORS],
                events=events,
                quotes=quotes,
            )
        )
    return out


FILTERS = [
    Q.Filters(),
    Q.Filters(type="PROTEST"),
    Q.Filters(type="ASSAULT", since="2020"),
    Q.Filters(since="2020-03", until="2020-09"),
    Q.Filters(since="2020-06-15"),  # month 2020-06 and year 2020 overlap it: runs split by coarse dates
    Q.Filters(until="2019-12-31"),
    Q.Filters(since="2021-02-10", until="2021-02-10"),
    Q.Filters(actor="politie"),
    Q.Filters(actor="politie", since="2020", until="2020"),
    Q.Filters(actor="regering", type="COERCE", since="2019-07"),
    Q.Filters(country="BLR", since="2020-01", until="2021-06"),
    Q.Filters(country="RUS", type="CONSULT"),
    Q.Filters(actor="leger", country="UKR", until="2020-05"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("many") / "k.duckdb"
    with Store(path) as writer:
        writer.write(build_many())
    with Store(path, read_only=True) as reader:
        yield reader


@pytest.fixture(scope="module")
def index(store) -> ChronicleIndex:
    return ChronicleIndex.build(store)


def test_the_store_has_what_the_filters_need(store, index):
    # several precisions, undated events and many events: otherwise the comparisons below prove little
    assert index.n_events > 100
    assert index.n_dated < index.n_events
    assert {len(d) for d in index.dates} == {4, 7, 10}
    assert index.date_runs
    # a period from mid-June 2020 keeps the year 2020 and 2020-06, which sort before the days: three runs
    assert len(index._date_spans(index._allowed_dates("2020-06-15", None))) >= 2


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_index_answers_as_the_sql_does(store, index, f):
    if f.actor:
        f = replace(f, actor_ids=tuple(index.actor_ids(store, f.actor)))
    total, _ = Q.events_page(store, f, 1)
    assert total > 0 or f.type == "CONSULT"
    for offset in (0, 7):
        assert index.events_page(store, f, 25, offset) == Q.events_page(store, f, 25, offset)
        assert index.quotes_page(store, f, 5, offset) == Q.quotes_page(store, f, 5, offset)
    for bucket in ("day", "month", "year"):
        assert index.timeline_counts(f, bucket) == Q.timeline_counts(store, f, bucket)
    # a small cut makes ties at the cut; a large one takes every edge
    for max_edges in (3, 500):
        assert index.network(f, max_edges) == Q.network(store, f, max_edges)


def test_period_keeps_coarser_dates_that_overlap(index):
    # a year-dated 2020 event overlaps June 2020, a 2020-05 one does not
    f = Q.Filters(since="2020-06", until="2020-06")
    kept = {index.dates[c] for c in index.ev_date[index.event_ranks(f)]}
    assert "2020" in kept
    assert all(d[:7] == "2020-06" or d == "2020" for d in kept)


@pytest.mark.parametrize("preload", [True, False], ids=["all articles in memory", "looked up"])
def test_citations_are_the_stores(store, monkeypatch, preload):
    if not preload:
        monkeypatch.setattr("kroniek.serve.index.PRELOAD_ARTICLES", 0)
    index = ChronicleIndex.build(store)
    assert (index.citations is not None) == preload
    doc_ids = [r[0] for r in store.con.execute("SELECT id FROM articles ORDER BY id LIMIT 5").fetchall()]
    wanted = [doc_ids[0], doc_ids[3], doc_ids[0], "0000not-an-article"]
    cited = index.cite(store, wanted)
    assert cited == Q.cite_articles(store, wanted)
    assert set(cited) == {doc_ids[0], doc_ids[3]}
    assert cited[doc_ids[3]].text == "" and cited[doc_ids[3]].source.endswith(".txt")


def test_actor_ids_in_memory_only_when_the_store_is_not_needed(store):
    index = ChronicleIndex.build(store)
    # an actor id in ASCII: matched against the spellings in memory, as the SQL would match it
    assert index.actor_ids_in_memory("kroniek:politie") == store.actor_ids("kroniek:politie") == ["kroniek:politie"]
    # a name is not an id: it may need the name resolver, so the caller asks the store
    assert index.actor_ids_in_memory("betogers") is None
    # a spelling with accents folds in DuckDB; once resolved, it is remembered
    assert index.actor_ids_in_memory("régering") is None
    assert index.actor_ids(store, "régering") == store.actor_ids("régering") == ["kroniek:regering"]
    assert index.actor_ids_in_memory("régering") == ["kroniek:regering"]
