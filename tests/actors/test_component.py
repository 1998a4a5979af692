"""kroniek_actors: linking names and roles to actors, and the helpers other components use."""

from pathlib import Path

from kroniek.actors.component import actors_in, entity_ref, resolve_pronoun


def mention(doc, text: str, nth: int = 0):
    found = [m for m in doc._.mentions if m.text == text]
    return found[nth]


def test_surname_and_genitive_link_to_the_full_name(analyse) -> None:
    doc = analyse(
        "Jan de Boer sprak met Pieter Smit. Later bezocht Smit de stad. Smits plan en Smit’s plan verschilden niet."
    )
    full = mention(doc, "Pieter Smit")
    assert mention(doc, "Smit").actor_id == full.actor_id
    genitive = mention(doc, "Smit", 1)  # "Smit’s": the mention stops before the genitive
    assert genitive.actor_id == full.actor_id
    assert doc.text[genitive.start : genitive.end] == "Smit"
    assert doc._.actors[full.actor_id].canonical == "Pieter Smit"
    assert mention(doc, "Jan de Boer").actor_id != full.actor_id


def test_surname_written_before_the_full_name(analyse) -> None:
    doc = analyse("Kolesnikova verscheurde haar paspoort. Maria Kolesnikova bleef in Belarus.")
    assert mention(doc, "Kolesnikova").actor_id == mention(doc, "Maria Kolesnikova").actor_id


def test_core_actor_ids_are_spelling_independent(analyse) -> None:
    doc = analyse("Aleksandr Loekasjenko sprak met Vladimir Poetin. Lukashenko's regime wankelt.")
    luka = mention(doc, "Aleksandr Loekasjenko")
    assert luka.actor_id == mention(doc, "Lukashenko").actor_id == "kroniek:aleksandr-lukashenko"
    actor = doc._.actors[luka.actor_id]
    assert (actor.country, actor.sector, actor.kind) == ("BLR", "GOV", "PER")
    putin = entity_ref(doc, mention(doc, "Vladimir Poetin"))
    assert putin.identifier_id == "Q7747"
    assert (putin.code, putin.sector) == ("RUS", "GOV")
    assert putin.entity_text == "Vladimir Poetin"


def test_apposition_gives_an_unknown_person_country_and_sector(analyse) -> None:
    doc = analyse("Jan de Boer, de Nederlandse minister van Defensie, reisde naar Vilnius.")
    person = mention(doc, "Jan de Boer")
    role = mention(doc, "Nederlandse minister van Defensie")
    assert role.label == "ROLE"
    assert role.actor_id == person.actor_id
    actor = doc._.actors[person.actor_id]
    assert (actor.country, actor.sector) == ("NLD", "GOV")


def test_role_links_to_the_person_named_earlier_in_that_role(analyse) -> None:
    doc = analyse(
        "Minister van Binnenlandse Zaken Joeri Karajev gaf het bevel. "
        "Later dreigde de minister van Binnenlandse Zaken met vuurwapens."
    )
    later = [m for m in doc._.mentions if m.label == "ROLE"][-1]
    assert later.text == "minister van Binnenlandse Zaken"
    assert later.actor_id == mention(doc, "Joeri Karajev").actor_id


def test_role_with_country_links_to_the_core_office_holder(analyse) -> None:
    doc = analyse("Brussel zette de Belarussische leider niet op de lijst.")
    assert mention(doc, "Belarussische leider").actor_id == "kroniek:aleksandr-lukashenko"
    assert mention(doc, "Brussel").actor_id == "Q458"  # the EU, named by its seat


def test_places_after_a_preposition_are_not_actors(analyse) -> None:
    doc = analyse("In Belarus protesteren demonstranten. Rusland steunt het regime. Hij reisde naar Brussel.")
    texts = [m.text for m in doc._.mentions]
    assert "Belarus" not in texts
    assert "Brussel" not in texts
    assert mention(doc, "Rusland").actor_id == "kroniek:country-rus"
    groups = doc._.actors[mention(doc, "demonstranten").actor_id]
    assert (groups.kind, groups.sector) == ("GROUP", "CVL")


def test_compound_role_takes_country_and_sector_from_its_head(analyse) -> None:
    doc = analyse("Zonder KGB-agenten konden ze praten.")
    actor = doc._.actors[mention(doc, "KGB-agenten").actor_id]
    assert (actor.country, actor.sector, actor.kind) == ("BLR", "SPY", "GROUP")


def test_actors_in_returns_the_mentions_inside_a_span(analyse) -> None:
    text = "Piet Jansen belde. Daarna sprak Marieke Bakker met de politie."
    doc = analyse(text)
    second = text.index("Daarna")
    assert [m.text for m in actors_in(doc, second, len(text))] == ["Marieke Bakker", "politie"]


def test_pronouns_resolve_to_the_last_person_of_fitting_gender(analyse) -> None:
    text = "Marieke Bakker sprak met Piet Jansen. Zij was boos. Hij niet."
    doc = analyse(text)
    assert resolve_pronoun(doc, text.index("Zij")).text == "Marieke Bakker"
    assert resolve_pronoun(doc, text.index("Hij")).text == "Piet Jansen"


def test_pronoun_with_no_person_before_it_stays_unresolved(analyse) -> None:
    text = "Zij was boos op Piet Jansen."
    doc = analyse(text)
    assert resolve_pronoun(doc, 0) is None


def test_seed_article_actors(analyse, seed_article: Path) -> None:
    text = seed_article.read_text(encoding="utf-8").removeprefix(" date 2020-10 ")
    doc = analyse(text, published="2020-10")
    actors = doc._.actors
    luka = actors["kroniek:aleksandr-lukashenko"]
    assert luka.canonical == "Aleksandr Loekasjenko"
    assert "Lukashenko" in luka.mentions  # the English spelling in the tweet
    assert actors["kroniek:sviatlana-tsikhanouskaya"].canonical == "Svetlana Tichanovskaja"
    assert actors["kroniek:siarhei-tsikhanouski"].canonical == "Sergej Tichanovsky"
    assert actors["kroniek:heiko-maas"].country == "DEU"
    assert actors["kroniek:konstantin-zatulin"].sector == "LEG"
    # "de zelfverklaarde president" in the second paragraph is Loekasjenko, named just before
    assert mention(doc, "zelfverklaarde president").actor_id == luka.id
    assert mention(doc, "Duitse minister van Buitenlandse Zaken").actor_id == "kroniek:heiko-maas"
    assert mention(doc, "gevluchte oppositieleider").actor_id == "kroniek:sviatlana-tsikhanouskaya"
    assert mention(doc, "Kremlin").actor_id == "kroniek:kremlin"
    assert mention(doc, "Europese Unie").actor_id == mention(doc, "EU").actor_id == "Q458"
