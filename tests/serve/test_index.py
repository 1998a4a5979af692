"""The in-memory indexes of ``kroniek serve`` answer exactly what the SQL in ``store.queries`` answers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kroniek.serve.index import ChronicleIndex
from kroniek.store import Store
from kroniek.store import queries as Q

from .test_api import build_records

FILTERS = [
    Q.Filters(),
    Q.Filters(actor="Loekasjenko"),
    Q.Filters(actor="kroniek:demonstranten"),
    Q.Filters(actor="demonstranten", since="2021"),
    Q.Filters(actor="politie", type="coerce"),
    Q.Filters(type="PROTEST"),
    Q.Filters(type="CONSULT"),  # a type no event has
    Q.Filters(country="blr"),
    Q.Filters(country="FRA", until="2023-03"),
    Q.Filters(country="XXX"),
    Q.Filters(since="2020-10-12"),  # the month-dated sanction (2020-10) overlaps it, the arrest does not
    Q.Filters(since="2020-10", until="2020-10"),
    Q.Filters(until="2019"),
    Q.Filters(actor="Tichanovskaja", country="BLR", since="2020"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "k.duckdb"
    with Store(path) as writer:
        writer.write(build_records())
    with Store(path, read_only=True) as reader:
        yield reader


@pytest.fixture(scope="module")
def index(store) -> ChronicleIndex:
    return ChronicleIndex.build(store, row_cache=100)


def _resolved(index: ChronicleIndex, store: Store, f: Q.Filters) -> Q.Filters:
    return replace(f, actor_ids=tuple(index.actor_ids(store, f.actor))) if f.actor else f


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_index_answers_as_the_sql_does(store, index, f):
    f = _resolved(index, store, f)
    assert index.supports(f)
    for offset in (0, 1):
        assert index.events_page(store, f, 2, offset) == Q.events_page(store, f, 2, offset)
        assert index.quotes_page(store, f, 2, offset) == Q.quotes_page(store, f, 2, offset)
    for bucket in ("auto", "day", "month", "year"):
        assert index.timeline_counts(f, bucket) == Q.timeline_counts(store, f, bucket)
    assert index.timeline_counts(f, quotes=False) == Q.timeline_counts(store, f, quotes=False)
    assert index.network(f, 10) == Q.network(store, f, 10)


def test_month_dated_event_counts_under_its_month(index):
    counts = index.timeline_counts(Q.Filters(), "day")["counts"]
    # the sanction is dated 2020-10 only: it keeps its month on a daily timeline
    assert {"period": "2020-10", "type": "SANCTION", "count": 1} in counts
    assert {"period": "2020-10-11", "type": "COERCE", "count": 1} in counts
    assert {"period": "2020-10-11", "type": "QUOTE", "count": 1} in counts


def test_names_match_as_like_does(store, index):
    # any spelling seen, case and accents folded, anywhere in the name
    assert index.actor_ids(store, "LUKASH") == ["kroniek:loekasjenko"]
    assert index.actor_ids(store, "tichánovskaja") == ["Q63020541"]
    # the user's % and _ are taken literally, as in Store.actor_ids
    assert index.actor_ids(store, "Loek_sjenko") == store.actor_ids("Loek_sjenko") == []
    assert index.actor_ids(store, "%") == store.actor_ids("%") == []
    assert index.actor_ids(store, "nobody at all") == store.actor_ids("nobody at all") == []


def test_what_the_index_cannot_answer_goes_to_sql(store, index):
    assert not index.supports(Q.Filters(q="Minsk"))
    assert not index.supports(Q.Filters(doc_id="abc"))
    # a name no actor has: the SQL falls back to the participants' words
    assert not index.supports(_resolved(index, store, Q.Filters(actor="Parijs")))


def test_row_cache_serves_a_page_again(store, index):
    f = Q.Filters()
    index.events_page(store, f, 3, 0)
    before = index.cache_stats()["row_hits"]
    _, again = index.events_page(store, f, 3, 0)
    assert index.cache_stats()["row_hits"] == before + len(again) == before + 3
