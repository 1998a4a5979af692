"""The actor knowledge base and resolver: any spelling, one actor, with country and sector."""

import re
from pathlib import Path

import pytest

from kroniek.actors.resolver import actor_ids_for, resolve, stable_key
from kroniek.evaluate.actors import pairwise

SEED = Path(__file__).resolve().parents[2].parent / "shared/samples/000_94b4341cbd3b6ace.txt"


@pytest.mark.parametrize(
    ("name", "actor_id", "country", "sector"),
    [
        # the seven people named in the seed article, as the article spells them
        ("Loekasjenko", "kroniek:aleksandr-lukashenko", "BLR", "GOV"),
        ("Babariko", "kroniek:viktar-babaryka", "BLR", "OPP"),
        ("Sergej Tichanovsky", "kroniek:siarhei-tsikhanouski", "BLR", "OPP"),
        ("Svetlana Tichanovskaja", "kroniek:sviatlana-tsikhanouskaya", "BLR", "OPP"),
        ("Heiko Maas", "kroniek:heiko-maas", "DEU", "GOV"),
        ("Poetin", "Q7747", "RUS", "GOV"),
        ("Konstantin Zatoelin", "kroniek:konstantin-zatulin", "RUS", "LEG"),
    ],
)
def test_seed_people_resolve_to_the_real_persons(name: str, actor_id: str, country: str, sector: str) -> None:
    found = resolve(name, date="2020-10-05")
    assert (found.id, found.country, found.sector) == (actor_id, country, sector)


def test_seed_article_names_them_all() -> None:
    text = SEED.read_text(encoding="utf-8")
    for name in ("Loekasjenko", "Babariko", "Tichanovsky", "Tichanovskaja", "Heiko Maas", "Poetin", "Zatoelin"):
        assert re.search(name, text), name


@pytest.mark.parametrize(
    "spelling",
    ["Lukashenko", "Lukaschenko", "Loukachenko", "Łukaszenka", "Лукашэнка", "Лукашенко", "LUKASHENKA, Alyaksandr",
     "Лукашенко Александр Григорьевич", "Alyaksandr Lukashenka"],
)  # fmt: skip
def test_spellings_across_scripts_and_conventions(spelling: str) -> None:
    assert resolve(spelling).id == "kroniek:aleksandr-lukashenko"


def test_belarusian_and_russian_forms_of_tsikhanouskaya() -> None:
    assert resolve("Ціханоўская").id == resolve("Тихановская").id == "kroniek:sviatlana-tsikhanouskaya"
    # her husband stays apart
    assert resolve("Tsikhanouski").id == "kroniek:siarhei-tsikhanouski"


def test_sanctioned_official_from_ofac() -> None:
    found = resolve("Valentina Matviyenko")
    assert found.country == "RUS"
    assert found.id is not None and found.id.startswith("kroniek:")


def test_groups_take_the_article_country() -> None:
    police = resolve("politie", country="BLR")
    assert (police.country, police.sector) == ("BLR", "COP")
    assert resolve("demonstranten").sector == "CVL"


def test_organisations() -> None:
    assert resolve("NAVO").id == resolve("NATO").id == "Q7184"
    assert (resolve("Kremlin").country, resolve("Kremlin").sector) == ("RUS", "GOV")


def test_not_a_name_is_null() -> None:
    assert resolve("").id is None
    assert resolve("12345").id is None


def test_unknown_names_get_one_stable_key_across_spellings() -> None:
    a, b = resolve("Ivan Pietrowicz Zwarskoje"), resolve("Iwan Pietrowitsch Zwarskoje")
    assert a.id is not None and a.id.startswith("kroniek:")
    assert a.id == b.id  # Polish -cz- and German -tsch- are one letter, Iwan is Ivan
    assert stable_key("Tsichanoeskaja Marfa") != stable_key("Tsichanoeski Marfa")  # -skaja is not -ski
    assert stable_key("Hans Friedrich") != stable_key("Friedrich Hans")


def test_date_picks_the_role_then() -> None:
    # Phoenix: Putin RUS ELI until 1999, RUS GOV after
    assert resolve("Vladimir Putin", date="2020-01-01").sector == "GOV"


def test_store_search_ids_include_the_kb_id() -> None:
    assert "Q7747" in actor_ids_for("Poetin")
    assert actor_ids_for("") == []


def test_pairwise_scores() -> None:
    gold = ["a", "a", "a", "b"]
    assert pairwise(gold, ["x", "x", "x", "y"])["f1"] == 1.0
    merged = pairwise(gold, ["x", "x", "x", "x"])  # 6 predicted pairs, 3 right
    assert (merged["precision"], merged["recall"]) == (0.5, 1.0)
    split = pairwise(gold, ["x", "x", "z", "y"])  # 1 of 3 gold pairs found
    assert (split["precision"], split["recall"]) == (1.0, round(1 / 3, 4))


@pytest.mark.parametrize(
    "spelling",
    ["Lukasjenko", "Łukašenka", "Alaksandr Łukašenka", "Aljaksandr Lukasjenka", "Lukaschenko Alexander"],
)
def test_swedish_lacinka_and_swapped_spellings(spelling: str) -> None:
    assert resolve(spelling).id == "kroniek:aleksandr-lukashenko"


def test_tsikhanouskaya_in_lacinka_and_swedish() -> None:
    for spelling in ("Sviatłana Cichanoŭskaja", "Svjatlana Tsichanouskaja"):
        assert resolve(spelling).id == "kroniek:sviatlana-tsikhanouskaya", spelling


def test_middle_name_and_title_glued_to_the_name() -> None:
    assert resolve("Aleksandr Grigorjevitsj Loekasjenko").id == "kroniek:aleksandr-lukashenko"
    assert resolve("President Heiko Maas").id == "kroniek:heiko-maas"


def test_different_middle_names_stay_apart() -> None:
    # a different middle name in the text and in the knowledge base is a different person
    assert resolve("Park Joon-hee").id != resolve("Park Chung-hee").id


def test_organisation_initials() -> None:
    # ANSF: the initials of "Afghan National Security Forces" (Phoenix)
    assert resolve("ANSF").id == resolve("Afghan National Security Forces").id is not None


def test_bench_scores_labelled_pairs(tmp_path: Path) -> None:
    from kroniek.evaluate.actors import evaluate_bench

    bench = tmp_path / "cases.csv"
    bench.write_text(
        "case_group,schema,name1,name2,is_match\n"
        "t,Person,Loekasjenko,Лукашэнка,true\n"  # one person: a true positive
        "t,Person,Sergej Tichanovsky,Svetlana Tichanovskaja,false\n"  # husband and wife: a true negative
        "t,Person,Poetin,Zatoelin,true\n",  # labelled a match, resolved apart: a miss
        encoding="utf-8",
    )
    result = evaluate_bench(bench)["overall"]
    assert (result["tp"], result["tn"], result["fn"], result["fp"]) == (1, 1, 1, 0)
    assert result["precision"] == 1.0 and result["recall"] == 0.5


@pytest.mark.parametrize("name", ["Pieter Smit", "Klaas Smit", "Smit"])
def test_a_surname_is_not_replaced_by_its_cluster(name: str) -> None:
    # name-part clusters join Pieter and Peter, but Smit (Dutch) and Smith (English) are two surnames
    found = resolve(name)
    assert found.canonical is None or "Smith" not in found.canonical


def test_given_names_still_join_across_languages() -> None:
    # Alexander / Aleksandr / Aljaksandr: the given name may vary, the surname matches by its key
    assert resolve("Lukaschenko Alexander").id == "kroniek:aleksandr-lukashenko"
    assert resolve("Pieter Smith").canonical == resolve("Peter Smith").canonical == "Peter Smith"


def test_surname_check_allows_close_long_spellings_only() -> None:
    from kroniek.actors.resolver import _surname_agrees

    assert _surname_agrees(frozenset({"yepishin"}), "Andrej Jepisjin")  # another convention, one key
    assert _surname_agrees(frozenset({"rabiya"}), "Abdallah Al Rabya")  # one letter more or less
    assert _surname_agrees(frozenset({"sheremet"}), "Mikhail Sharamet")  # Belarusian vowels, same consonants
    assert not _surname_agrees(frozenset({"smith"}), "Pieter Smit")
    assert not _surname_agrees(frozenset({"hansen"}), "Jansen")  # Hansen is not Jansen
    assert not _surname_agrees(frozenset({"marek"}), "Jan Marak")  # short: other vowels, another name


@pytest.mark.parametrize(
    ("man", "woman"), [("golikov", "Oleg Golikova"), ("levin", "Dmitri Levina"), ("tichanovsky", "Tichanovskaja")]
)
def test_surname_check_keeps_gendered_forms_apart(man: str, woman: str) -> None:
    from kroniek.actors.resolver import _surname_agrees

    # Golikova is Golikov's wife or daughter, not another spelling of him
    assert not _surname_agrees(frozenset({man}), woman)


@pytest.mark.parametrize(
    ("variant", "spelling"),
    [
        ("Oleg Kalesnikau", "Oleg Kolesnikov"),  # Belarusian -аў and akanye
        ("Valery Hyerasimaw", "Valery Gerasimov"),  # Belarusian г = h, -аў
        ("Vladimir Poutine", "Vladimir Putin"),  # French -ine
        ("Poutine", "Putin"),  # the surname alone, read the French way
        ("Jevgeni Prigojine", "Yevgeniy Prigozhin"),  # French j = ж
    ],
)
def test_belarusian_and_french_surnames_resolve_to_the_russian_form(variant: str, spelling: str) -> None:
    found = resolve(variant)
    assert found.canonical is not None and found.id == resolve(spelling).id


@pytest.mark.parametrize(
    ("name", "canonical"), [("Oleg Голикова", "Oleg Golikov"), ("Natalya Orlov", "Natalya Orlova")]
)
def test_the_other_gender_does_not_resolve_to_a_person(name: str, canonical: str) -> None:
    assert resolve(canonical).canonical == canonical  # the person is in the knowledge base ...
    assert resolve(name).canonical != canonical  # ... but the name of the other gender is not theirs


def test_surname_keys_come_from_the_knowledge_base() -> None:
    from kroniek.actors.resolver import knowledge_base

    kb = knowledge_base()
    putin = kb.by_id("Q7747")
    assert putin is not None and "putin" in putin.surnames
    country = kb.by_id("kroniek:country-blr")
    assert country is not None and country.surnames == frozenset()  # only persons have them


def test_build_writes_the_surname_of_every_spelling() -> None:
    from training.build_actors import surname_keys

    keys = surname_keys(["LUKASHENKA, Alyaksandr", "Alexander Lukashenko", "Лукашэнка"]).split()
    # surname first in capitals or after a comma, Cyrillic: all read the surname, never the given name
    assert keys == sorted(keys) and "lukashenk" in keys
    assert not any(k.startswith("al") for k in keys)


def test_one_letter_off_in_one_part_resolves() -> None:
    # the Slovak spelling of the given name, the rest as the knowledge base writes it
    latushka = resolve("Pavel Latushka")
    assert latushka.canonical is not None
    assert resolve("Pavol Latushka").id == latushka.id
    # two parts each a letter off: too far
    assert resolve("Pavol Latishka").id != latushka.id


def test_a_close_spelling_is_not_crowded_out_by_others() -> None:
    # the Russian spelling of a Belarusian official: Kochanova is one akanye vowel from Kachanava,
    # as close as several other known surnames
    assert resolve("Natalya Kochanova").canonical == "Natallia Kachanava"


def test_one_letter_off_beside_a_patronymic_the_name_leaves_out() -> None:
    # the knowledge base also names him with his patronymic; the text does not
    rotenberg = resolve("Arkadiy Rotenberg")
    assert rotenberg.canonical is not None
    assert resolve("Arkody Rotenberg").id == rotenberg.id
