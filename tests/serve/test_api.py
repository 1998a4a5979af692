"""The HTTP API of ``kroniek serve``, on a store of three small hand-made articles."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

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
    event_to_plover,
)
from kroniek.serve import create_app
from kroniek.store import Store

MINSK = "Zondag werden in Minsk 700 demonstranten aangehouden door de politie. ‘Wij geven niet op’, zei Tichanovskaja."
BRUSSEL = "De Europese Unie stelde in oktober sancties in tegen Loekasjenko."
PARIJS = "In Parijs protesteerden duizenden demonstranten tegen de pensioenhervorming."

POLICE = dict(code="BLR", sector="COP", identifier_id="kroniek:politie-blr", identifier_text="politie (Belarus)")
CROWD = dict(sector="CVL", identifier_id="kroniek:demonstranten", identifier_text="demonstranten")


def _article(text: str, published: str, title: str) -> Article:
    precision = "day" if len(published) == 10 else "month"
    return Article.create(
        text, source=f"{title}.txt", published=published, date_precision=precision, language="nl", title=title
    )


def _event(article: Article, type_: str, trigger: str, date: str, actor, recipient, place=None) -> Event:
    start = article.text.index(trigger)
    sentence_end = article.text.index(".") + 1
    return Event(
        id=f"{type_.lower()}-{article.id[:6]}",
        doc_id=article.id,
        sentence=0,
        start=start,
        end=start + len(trigger),
        sentence_text=article.text[:sentence_end],
        event_text=article.text[:sentence_end],
        event=type_,
        actor=actor,
        recipient=recipient,
        date=date,
        date_precision="day" if len(date) == 10 else "month",
        place=place,
        trigger=trigger,
    )


def build_records() -> list[ArticleRecords]:
    minsk = _article(MINSK, "2020-10-11", "Arrestaties in Minsk")
    brussel = _article(BRUSSEL, "2020-10", "Sancties")
    parijs = _article(PARIJS, "2023-03-23", "Pensioenprotest")
    first_end = MINSK.index(".") + 1
    arrest = _event(
        minsk,
        "COERCE",
        "aangehouden",
        "2020-10-11",
        [EntityRef("politie", start=MINSK.index("politie"), end=MINSK.index("politie") + 7, **POLICE)],
        [EntityRef("demonstranten", code="BLR", **CROWD)],
        Place("Minsk", "Minsk", 625144, 53.9, 27.57, "BLR", start=17, end=22),
    )
    speaker = EntityRef("Tichanovskaja", "BLR", "OPP", "Q63020541", "Svetlana Tichanovskaja")
    quote = Quote(
        id="q-minsk",
        doc_id=minsk.id,
        sentence=1,
        start=MINSK.index("Wij"),
        end=MINSK.index("op’") + 2,
        sentence_text=MINSK[first_end + 1 :],
        text="Wij geven niet op",
        kind="direct",
        speaker=speaker,
        speech_verb="zei",
        date="2020-10-11",
        date_precision="day",
    )
    sanction = _event(
        brussel,
        "SANCTION",
        "sancties",
        "2020-10",
        [EntityRef("Europese Unie", "EUR", "GOV", "Q458", "Europese Unie")],
        [EntityRef("Loekasjenko", "BLR", "GOV", "kroniek:loekasjenko", "Aleksandr Loekasjenko")],
    )
    protest = _event(
        parijs,
        "PROTEST",
        "protesteerden",
        "2023-03-23",
        [EntityRef("demonstranten", code="FRA", **CROWD)],
        [],
        Place("Parijs", "Parijs", 2988507, 48.85, 2.35, "FRA", start=3, end=9),
    )
    actors = {
        "police": Actor("kroniek:politie-blr", "politie (Belarus)", "BLR", "COP", "ORG", ["politie"]),
        "crowd": Actor("kroniek:demonstranten", "demonstranten", None, "CVL", "GROUP", ["demonstranten"]),
        "tich": Actor("Q63020541", "Svetlana Tichanovskaja", "BLR", "OPP", "PER", ["Tichanovskaja"]),
        "eu": Actor("Q458", "Europese Unie", "EUR", "GOV", "ORG", ["Europese Unie", "EU"]),
        "luka": Actor(
            "kroniek:loekasjenko", "Aleksandr Loekasjenko", "BLR", "GOV", "PER", ["Loekasjenko", "Lukashenko"]
        ),
    }
    return [
        ArticleRecords(
            article=minsk,
            sentences=[
                Sentence(minsk.id, 0, 0, first_end, MINSK[:first_end]),
                Sentence(minsk.id, 1, first_end + 1, len(MINSK), MINSK[first_end + 1 :]),
            ],
            mentions=[
                Mention(minsk.id, 1, MINSK.index("Tichanovskaja"), len(MINSK) - 1, "Tichanovskaja", "PER", "Q63020541")
            ],
            actors=[actors["police"], actors["crowd"], actors["tich"]],
            events=[arrest],
            quotes=[quote],
        ),
        ArticleRecords(
            article=brussel,
            sentences=[Sentence(brussel.id, 0, 0, len(BRUSSEL), BRUSSEL)],
            actors=[actors["eu"], actors["luka"]],
            events=[sanction],
        ),
        ArticleRecords(
            article=parijs,
            sentences=[Sentence(parijs.id, 0, 0, len(PARIJS), PARIJS)],
            actors=[actors["crowd"]],
            events=[protest],
        ),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("serve") / "k.duckdb"
    with Store(path) as store:
        store.write(build_records())
    return str(path)


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db))


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_openapi_document_lists_the_endpoints(client):
    doc = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/quotes", "/api/actors", "/api/places", "/api/articles", "/api/timeline"):
        assert path in doc["paths"]
    type_param = next(p for p in doc["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "type")
    assert "PROTEST" in str(type_param)


def test_events_are_plover_json_newest_first(client, db):
    body = client.get("/api/events").json()
    assert body["total"] == 3
    assert [e["event"] for e in body["items"]] == ["PROTEST", "COERCE", "SANCTION"]
    with Store(db, read_only=True) as store:
        (arrest,) = store.events(type="COERCE")
        expected = event_to_plover(arrest, store.article(arrest.doc_id))
    expected["cite_info"] = {**expected["cite_info"]}
    assert body["items"][1] == expected
    assert body["items"][1]["event_loc"]["resolved_place"] == "Minsk"
    assert body["items"][1]["cite_info"]["title"] == "Arrestaties in Minsk"


def test_event_filters(client):
    assert ids(client.get("/api/events", params={"actor": "Lukashenko"})) == ["sanction-" + _id(client, "SANCTION")]
    assert len(ids(client.get("/api/events", params={"actor": "loekasjenko"}))) == 1
    assert len(ids(client.get("/api/events", params={"actor": "demonstranten"}))) == 2
    assert len(ids(client.get("/api/events", params={"type": "protest"}))) == 1
    assert len(ids(client.get("/api/events", params={"country": "fra"}))) == 1
    # BLR: the place of the arrest, and the recipient of the sanctions.
    assert len(ids(client.get("/api/events", params={"country": "BLR"}))) == 2
    # A month-dated event overlaps both ends of October.
    assert len(ids(client.get("/api/events", params={"since": "2020-10-15"}))) == 2
    assert len(ids(client.get("/api/events", params={"until": "2020-10-05"}))) == 1
    assert len(ids(client.get("/api/events", params={"since": "2020", "until": "2020"}))) == 2
    assert len(ids(client.get("/api/events", params={"q": "minsk"}))) == 1
    assert ids(client.get("/api/events", params={"q": "%"})) == []  # a literal percent sign, not a wildcard


def _id(client, type_: str) -> str:
    return client.get("/api/events", params={"type": type_}).json()["items"][0]["id"].split("-")[1]


def test_pagination_walks_every_event_once(client):
    seen = []
    for offset in range(4):
        body = client.get("/api/events", params={"limit": 1, "offset": offset}).json()
        assert body["total"] == 3 and body["limit"] == 1 and body["offset"] == offset
        seen += [e["id"] for e in body["items"]]
    assert len(seen) == 3 == len(set(seen))


def test_quotes_actors_places(client):
    quotes = client.get("/api/quotes", params={"speaker": "Svetlana"}).json()
    assert quotes["total"] == 1
    assert quotes["items"][0]["text"] == "Wij geven niet op"
    assert quotes["items"][0]["speaker"]["identifier_id"] == "Q63020541"
    assert client.get("/api/quotes", params={"speaker": "Loekasjenko"}).json()["total"] == 0
    actors = client.get("/api/actors", params={"name": "Lukashenko"}).json()
    assert [a["id"] for a in actors["items"]] == ["kroniek:loekasjenko"]
    assert set(actors["items"][0]) == {"id", "canonical", "country", "sector", "mentions", "articles"}
    assert client.get("/api/actors/Q458").json()["canonical"] == "Europese Unie"
    places = {p["name"]: p for p in client.get("/api/places").json()["items"]}
    assert set(places) == {"Minsk", "Parijs"}
    assert places["Minsk"]["events"] == 1 and places["Minsk"]["country"] == "BLR"


def test_timeline_counts_per_day_and_type(client):
    body = client.get("/api/timeline", params={"actor": "demonstranten"}).json()
    assert body["bucket"] == "day"
    assert {(c["period"], c["type"], c["count"]) for c in body["counts"]} == {
        ("2020-10-11", "COERCE", 1),
        ("2023-03-23", "PROTEST", 1),
    }
    whole = client.get("/api/timeline", params={"bucket": "year"}).json()
    assert {(c["period"], c["type"]) for c in whole["counts"]} == {
        ("2020", "COERCE"),
        ("2020", "SANCTION"),
        ("2020", "QUOTE"),
        ("2023", "PROTEST"),
    }


def test_network_edges_follow_filters(client):
    body = client.get("/api/network").json()
    edges = {(e["source"], e["target"], e["weight"]) for e in body["edges"]}
    assert edges == {("kroniek:politie-blr", "kroniek:demonstranten", 1), ("Q458", "kroniek:loekasjenko", 1)}
    names = {n["id"]: n["canonical"] for n in body["nodes"]}
    assert names["kroniek:loekasjenko"] == "Aleksandr Loekasjenko"
    sanctions = client.get("/api/network", params={"type": "SANCTION"}).json()
    assert [(e["source"], e["target"]) for e in sanctions["edges"]] == [("Q458", "kroniek:loekasjenko")]
    assert client.get("/api/network", params={"since": "2021"}).json()["edges"] == []


def test_timeline_and_network_alike_from_memory_thread_or_sql(client):
    # an actor id is answered in memory; an accented spelling first needs the store to fold it,
    # then is remembered; a text search goes to SQL. All four see the one sanction of October 2020.
    sanction = {"bucket": "day", "counts": [{"period": "2020-10", "type": "SANCTION", "count": 1}], "undated_events": 0}
    for params in (
        {"actor": "kroniek:loekasjenko"},
        {"actor": "Lúkashenko"},
        {"actor": "Lúkashenko"},
        {"actor": "kroniek:loekasjenko", "q": "sancties"},
    ):
        assert client.get("/api/timeline", params=params).json() == sanction, params
        edges = client.get("/api/network", params=params).json()["edges"]
        assert edges == [{"source": "Q458", "target": "kroniek:loekasjenko", "weight": 1}], params


def test_article_view_marks_every_record(client):
    article = client.get("/api/articles", params={"q": "Minsk"}).json()["items"][0]
    assert article["events"] == 1 and article["quotes"] == 1
    body = client.get(f"/api/articles/{article['id']}").json()
    text = body["article"]["text"]
    kinds = {(m["kind"], text[m["start"] : m["end"]]) for m in body["marks"]}
    assert ("event", "aangehouden") in kinds
    assert ("actor", "politie") in kinds
    assert ("place", "Minsk") in kinds
    assert ("quote", "Wij geven niet op") in kinds
    assert ("mention", "Tichanovskaja") in kinds
    assert ("date", "Zondag") in kinds
    event_mark = next(m for m in body["marks"] if m["kind"] == "event")
    assert event_mark["record"] == body["events"][0]["id"] and event_mark["sentence"] == 0
    assert [s["index"] for s in body["sentences"]] == [0, 1]


@pytest.mark.parametrize(
    ("params", "word"),
    [
        ({"since": "2020-13"}, "not a real date"),
        ({"until": "20201"}, "YYYY"),
        ({"since": "2021-02-30"}, "not a real date"),
        ({"type": "RIOT"}, "PROTEST"),
        ({"limit": 0}, "greater than"),
        ({"limit": 501}, "less than"),
        ({"limit": "ten"}, "integer"),
        ({"offset": -1}, "greater than"),
        ({"country": "Belarus"}, "three-letter"),
        ({"actor": "x" * 300}, "at most 200"),
    ],
)
def test_bad_parameters_get_a_clear_422(client, params, word):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert word in response.json()["message"]
    assert next(iter(params)) in response.json()["message"]


GARBAGE = ["'; DROP TABLE events; --", "%_%", "\\", "\x00", "Łódź ☃", "' OR 1=1 --", "))))", "-1", "NaN", ""]


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_never_gives_a_server_error(client, value):
    for path in ("events", "quotes", "actors", "places", "timeline", "network", "articles"):
        for name in ("actor", "speaker", "name", "q", "type", "country", "since", "doc", "bucket", "limit"):
            response = client.get(f"/api/{path}", params={name: value})
            assert response.status_code in (200, 422), (path, name, value, response.text)
    for path in ("events", "quotes", "actors", "articles"):
        assert client.get(f"/api/{path}/{quote(value + 'x', safe='')}").status_code in (404, 422)
    assert client.get("/api/events").json()["total"] == 3  # still all there


def test_read_only(client):
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/events/x").status_code == 405


def test_token_guards_everything(db):
    guarded = TestClient(create_app(db, token="s3cret"))
    assert guarded.get("/api/events").status_code == 401
    assert guarded.get("/").status_code == 401
    assert guarded.get("/openapi.json").status_code == 401
    assert guarded.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/api/events", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    page = guarded.get("/", params={"token": "s3cret"})
    assert page.status_code == 200 and "<title>kroniek</title>" in page.text
    # The page's own scripts are fetched without the token: the cookie set with the page lets them through.
    assert guarded.get("/static/app.js").status_code == 200


def test_web_view_is_offline(client):
    page = client.get("/").text
    assert "static/app.js" in page and "static/style.css" in page
    for asset in ("/static/app.js", "/static/style.css", "/"):
        body = client.get(asset).text
        assert "http://" not in body.replace("http://www.w3.org/2000/svg", "") and "https://" not in body


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(KroniekError, match="K403"):
        create_app(str(tmp_path / "none.duckdb"))
