"""The place scorer on hand-made predictions: perfect, empty, wrong town and adjective as place."""

import kroniek.evaluate.places as scorer
from kroniek.records import Place

TEXT = "De ministers kwamen in Luxemburg bijeen. Russische diplomaten vertrokken naar Moskou."
LUX, RUSSISCHE, MOSKOU = (23, 32), (41, 50), (78, 84)
GOLD = [
    {
        "path": "x",
        "places": [
            {"start": LUX[0], "end": LUX[1], "geonameid": 2960316, "country": "LUX"},
            {"start": MOSKOU[0], "end": MOSKOU[1], "geonameid": 524901, "country": "RUS"},
        ],
        "not_places": [{"start": RUSSISCHE[0], "end": RUSSISCHE[1]}],
    }
]


def place(span: tuple[int, int], gid: int, country: str) -> Place:
    name = TEXT[span[0] : span[1]]
    return Place(extracted_place=name, geonameid=gid, country_code=country, start=span[0], end=span[1])


def test_spans_in_the_fixture() -> None:
    assert [TEXT[s:e] for s, e in (LUX, RUSSISCHE, MOSKOU)] == ["Luxemburg", "Russische", "Moskou"]


def test_perfect_predictions(fake_run) -> None:
    preds = [place(LUX, 2960316, "LUX"), place(MOSKOU, 524901, "RUS")]
    res = scorer.evaluate_places(fake_run(scorer, GOLD, [TEXT], "places", [preds]))
    assert (res["place_accuracy"], res["country_accuracy"], res["detected"]) == (1.0, 1.0, 1.0)
    assert res["adjectives_as_places"] == 0 and res["errors"] == []


def test_empty_predictions(fake_run) -> None:
    res = scorer.evaluate_places(fake_run(scorer, GOLD, [TEXT], "places", [[]]))
    assert (res["place_accuracy"], res["country_accuracy"], res["detected"]) == (0.0, 0.0, 0.0)


def test_country_for_the_city_is_right_only_at_country_level(fake_run) -> None:
    # Luxemburg the country (2960313) where the city is meant; an adjective taken as a place
    preds = [place(LUX, 2960313, "LUX"), place(RUSSISCHE, 2017370, "RUS"), place(MOSKOU, 524901, "RUS")]
    res = scorer.evaluate_places(fake_run(scorer, GOLD, [TEXT], "places", [preds]))
    assert res["place_accuracy"] == 0.5
    assert res["country_accuracy"] == 1.0
    assert res["adjectives_as_places"] == 1
