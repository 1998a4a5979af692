import pytest

from kroniek.ingest.dates import ImpossibleDate, UnknownDateForm, parse_date
from kroniek.ingest.language import detect_language, normalise_language


@pytest.mark.parametrize(
    ("raw", "value", "precision"),
    [
        ("2021", "2021", "year"),
        (2021, "2021", "year"),
        ("2021-06", "2021-06", "month"),
        ("2021-6", "2021-06", "month"),
        ("2021-06-21", "2021-06-21", "day"),
        (" 2024-02-29 ", "2024-02-29", "day"),  # a leap day
        ("2021-06-21T23:30:00+02:00", "2021-06-21", "day"),
        ("2021-06-21 08:15", "2021-06-21", "day"),
        ("2021-06-21T08:15:00.123Z", "2021-06-21", "day"),
        ("Tue, 15 Mar 2022 22:00:00 -0500", "2022-03-15", "day"),
        ("15 Mar 2022 10:00 GMT", "2022-03-15", "day"),
    ],
)
def test_accepted_dates(raw, value, precision):
    parsed = parse_date(raw)
    assert (parsed.value, parsed.precision) == (value, precision)


@pytest.mark.parametrize(
    "raw", ["2020-02-31", "2020-13", "2023-02-29", "2021-00", "2021-06-21T25:00:00", "Mon, 31 Feb 2022 10:00:00 +0000"]
)
def test_impossible_dates(raw):
    with pytest.raises(ImpossibleDate):
        parse_date(raw)


@pytest.mark.parametrize("raw", ["gisteren", "21-06-2021", "2021/06/21", "", "20210621x"])
def test_unknown_date_forms(raw):
    with pytest.raises(UnknownDateForm):
        parse_date(raw)


def test_detect_language():
    assert detect_language("De minister van Buitenlandse Zaken sprak dinsdag met zijn Poolse ambtgenoot.") == "nl"
    assert detect_language("The foreign minister spoke with his Polish counterpart on Tuesday.") == "en"
    assert detect_language("Der Außenminister sprach am Dienstag mit seinem polnischen Amtskollegen.") == "de"
    assert detect_language("Министр иностранных дел во вторник поговорил со своим польским коллегой.") == "ru"
    assert detect_language("   ") is None


def test_normalise_language():
    assert normalise_language("NL") == "nl"
    assert normalise_language("nl_BE") == "nl"
    assert normalise_language("Dutch") is None
