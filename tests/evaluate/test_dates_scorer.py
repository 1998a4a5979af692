"""The date scorer on hand-made predictions: perfect, empty and wrong precision."""

from types import SimpleNamespace

import kroniek.evaluate.dates as scorer

TEXT = "Op 11 oktober 2020 sprak hij de gevangenen. In mei was hij gearresteerd."
OCT, MEI = (3, 18), (44, 50)
GOLD = [
    {
        "path": "x",
        "dates": [
            {"start": OCT[0], "end": OCT[1], "value": "2020-10-11", "precision": "day"},
            {"start": MEI[0], "end": MEI[1], "value": "2020-05", "precision": "month"},
        ],
    }
]


def date(span: tuple[int, int], value: str, precision: str) -> SimpleNamespace:
    return SimpleNamespace(start_char=span[0], end_char=span[1], value=value, precision=precision)


def test_spans_in_the_fixture() -> None:
    assert TEXT[OCT[0] : OCT[1]] == "11 oktober 2020" and TEXT[MEI[0] : MEI[1]] == "In mei"


def test_perfect_predictions(fake_run) -> None:
    preds = [date(OCT, "2020-10-11", "day"), date(MEI, "2020-05", "month")]
    res = scorer.evaluate_dates(fake_run(scorer, GOLD, [TEXT], "dates", [preds]))
    assert (res["exact_accuracy"], res["day_accuracy"], res["detected"], res["precision"]) == (1.0, 1.0, 1.0, 1.0)


def test_empty_predictions(fake_run) -> None:
    res = scorer.evaluate_dates(fake_run(scorer, GOLD, [TEXT], "dates", [[]]))
    assert (res["exact_accuracy"], res["day_accuracy"], res["detected"]) == (0.0, 0.0, 0.0)
    assert res["precision"] is None


def test_an_invented_day_is_wrong_and_a_stray_date_costs_precision(fake_run) -> None:
    # "In mei" given a day it does not have; "sprak" wrongly read as a date
    preds = [date(OCT, "2020-10-11", "day"), date(MEI, "2020-05-01", "day"), date((19, 24), "2020-10-05", "day")]
    res = scorer.evaluate_dates(fake_run(scorer, GOLD, [TEXT], "dates", [preds]))
    assert res["exact_accuracy"] == 0.5
    assert res["day_accuracy"] == 1.0  # the one day-precision expression is right
    assert res["precision"] == round(2 / 3, 4)
