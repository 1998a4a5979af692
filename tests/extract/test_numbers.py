"""Dutch number expressions (numbers.py)."""

from __future__ import annotations

import pytest

from kroniek.extract.numbers import find_numbers, parse_number_word


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("700", 700),
        ("1.200", 1200),
        ("twee", 2),
        ("twaalf", 12),
        ("vijfentwintig", 25),
        ("drieëntwintig", 23),
        ("tweehonderd", 200),
        ("tweeduizend", 2000),
        ("honderdvijftig", 150),
        ("tientallen", 20),
        ("honderden", 200),
        ("honderdduizenden", 200000),
        ("tafel", None),
    ],
)
def test_parse_number_word(word: str, value: int | None) -> None:
    assert parse_number_word(word) == value


def test_more_than_is_a_lower_bound_with_its_noun() -> None:
    (n,) = find_numbers("In Minsk werden meer dan 700 mensen aangehouden.")
    assert (n.value, n.qualifier, n.counted) == (700, "min", "person")
    assert n.text == "meer dan 700"


def test_ruim_and_vague_plurals_are_lower_bounds() -> None:
    ruim, tientallen = find_numbers("Ruim 200 betogers liepen mee; tientallen gewonden.")
    assert (ruim.value, ruim.qualifier, ruim.counted) == (200, "min", "person")
    assert (tientallen.value, tientallen.qualifier, tientallen.counted) == (20, "min", "injured")


def test_two_counts_joined_by_en() -> None:
    found = find_numbers("Er vielen drie doden en twee gewonden.")
    assert [(n.value, n.counted) for n in found] == [(3, "dead"), (2, "injured")]


def test_decimal_with_million() -> None:
    (n,) = find_numbers("zo'n 1,5 miljoen mensen")
    assert (n.value, n.qualifier) == (1_500_000, "approx")


def test_article_een_is_no_number_but_een_dode_is() -> None:
    assert find_numbers("Hij zag een bevolking die protesteert.") == []
    (n,) = find_numbers("Er viel een dode.")
    assert (n.value, n.counted) == (1, "dead")


def test_offsets_point_into_the_text() -> None:
    text = "Gisteren werden 35 activisten opgepakt."
    (n,) = find_numbers(text, offset=100)
    assert text[n.start - 100 : n.end - 100] == "35"
