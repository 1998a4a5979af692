"""Cyrillic names in each convention (field notes: Dutch after Onze Taal/Schaeken, German Duden ...)."""

import pytest

from kroniek.actors.keys import fold
from kroniek.actors.translit import to_cyrillic, transliterate


@pytest.mark.parametrize(
    ("cyrillic", "convention", "expected"),
    [
        ("Лукашенко", "nl", "Loekasjenko"),
        ("Лукашенко", "de", "Lukaschenko"),
        ("Лукашенко", "fr", "Loukachenko"),
        ("Лукашенко", "en", "Lukashenko"),
        ("Лукашэнка", "pl", "Łukaszenka"),
        ("Путин", "nl", "Poetin"),
        ("Путин", "fr", "Poutine"[:6]),  # the table gives Poutin; French press adds the e
        ("Затулин", "nl", "Zatoelin"),
        ("Тихановская", "nl", "Tichanovskaja"),
        ("Тихановская", "en", "Tikhanovskaya"),
        ("Ціханоўская", "en", "Tsikhanouskaya"),
        ("Хрущёв", "en", "Khrushchov"),
        ("Дмитрий", "nl", "Dmitri"),
    ],
)
def test_transliteration_conventions(cyrillic: str, convention: str, expected: str) -> None:
    assert transliterate(cyrillic, convention) == expected


def test_back_to_cyrillic() -> None:
    assert to_cyrillic("Loekasjenko", "nl") == "Лукашенко"
    assert to_cyrillic("Lukaschenko", "de") == "Лукашенко"
    assert to_cyrillic("Tikhanovskaya", "en") == "Тихановская"


def test_cyrillic_folds_like_its_romanisations() -> None:
    assert fold("Путин") == fold("Poetin") == fold("Putin")
    assert fold("Лукашенко") == fold("Loekasjenko")


@pytest.mark.parametrize(
    ("cyrillic", "convention", "expected"),
    [
        # Swedish: ш sj, ч tj, щ sjtj, ж zj, х ch, у u, й j
        ("Лукашенко", "sv", "Lukasjenko"),
        ("Протасевич", "sv", "Protasevitj"),
        ("Щербаков", "sv", "Sjtjerbakov"),
        ("Ціханоўская", "sv", "Tsichanouskaja"),
        # Łacinka: š, č, ž, ł, ŭ, c for ц, h for Belarusian г, soft л before a vowel without i
        ("Лукашэнка", "lat", "Łukašenka"),
        ("Ціханоўская", "lat", "Cichanoŭskaja"),
        ("Аляксандр", "lat", "Alaksandr"),
        ("Ігар", "lat", "Ihar"),
    ],
)
def test_swedish_and_lacinka(cyrillic: str, convention: str, expected: str) -> None:
    assert transliterate(cyrillic, convention) == expected
