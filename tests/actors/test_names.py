"""The rule-based name finder (kroniek_names), on short texts written for these tests."""


def ents(doc) -> dict[str, str]:
    return {e.text: e.label_ for e in doc.ents}


def test_full_names_particles_and_acronyms(analyse) -> None:
    doc = analyse("Gisteren sprak Anna de Vries in Minsk met de NAVO en met de KGB over Belarus.")
    found = ents(doc)
    assert found["Anna de Vries"] == "PER"
    assert found["Minsk"] == "LOC"
    assert found["Belarus"] == "LOC"
    assert found["NAVO"] == "ORG"
    assert found["KGB"] == "ORG"
    assert "Gisteren" not in found


def test_sentence_initial_words_and_headings_are_not_names(analyse) -> None:
    doc = analyse("Knuppels\n\nZondag liep Piet Jansen naar huis. Daar zat hij. Dialoog is nodig, zei Jansen.")
    found = ents(doc)
    assert "Knuppels" not in found  # a heading word never written capitalised mid-sentence
    assert "Zondag" not in found
    assert "Daar" not in found
    assert "Dialoog" not in found
    assert found["Piet Jansen"] == "PER"
    assert found["Jansen"] == "PER"  # the surname of a person named in full


def test_sentence_initial_name_seen_elsewhere_is_kept(analyse) -> None:
    doc = analyse("Loekasjenko zweeg. Later sprak ook Loekasjenko.")
    assert [e.text for e in doc.ents] == ["Loekasjenko", "Loekasjenko"]


def test_compounds_with_a_lowercase_head_are_not_names(analyse) -> None:
    doc = analyse("De EU-ministers bezochten een KGB-gevangenis in Wit-Rusland.")
    found = ents(doc)
    assert "EU-ministers" not in found
    assert "KGB-gevangenis" not in found
    assert found["Wit-Rusland"] == "LOC"


def test_two_known_names_side_by_side_are_split(analyse) -> None:
    doc = analyse("Tot nu toe heeft president Poetin Loekasjenko gesteund.")
    assert [e.text for e in doc.ents] == ["Poetin", "Loekasjenko"]


def test_role_noun_opening_a_sentence_is_not_part_of_the_name(analyse) -> None:
    doc = analyse("Oppositieleider Maria Kolesnikova bleef in het land.")
    assert ents(doc) == {"Maria Kolesnikova": "PER"}
