"""Rule-based events with PLOVER coding (events.py, plover.py, event_words.tsv)."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from spacy.language import Language

from kroniek.extract.collect import analyse_one
from kroniek.extract.events import RoleInput, assign_roles
from kroniek.extract.plover import PLOVER_MODES, event_lexicon
from kroniek.nlp.pipeline import COMPONENT_MODULES, load_pipeline
from kroniek.records import PLOVER_TYPES, Article, Event, record_id


def _disabled() -> tuple[str, ...]:
    """Components other helpers own that cannot load yet are left out; quotes are not needed here."""
    out = ["kroniek_quotes"]
    for name, module in COMPONENT_MODULES.items():
        try:
            importlib.import_module(module)
        except Exception:
            out.append(name)
    return tuple(sorted(set(out)))


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline("nl", use_model=False, disable=_disabled())


def events(nlp: Language, text: str, published: str = "2020-10-14", precision: str = "day") -> list[Event]:
    article = Article.create(text, source="t", published=published, date_precision=precision)
    return analyse_one(nlp, article).events


def codes(evs: list[Event]) -> list[tuple[str | None, str | None]]:
    return [(e.event, e.mode) for e in evs]


# -- the lexicon ----------------------------------------------------------------------------------


def test_lexicon_uses_only_plover_types_and_modes() -> None:
    rows = [r for r in event_lexicon("nl") if r.kind != "ignore"]
    assert len(rows) > 100
    for row in rows:
        assert row.event in PLOVER_TYPES
        assert row.mode is None or row.mode in PLOVER_MODES[row.event]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De politie heeft zaterdag dertig demonstranten gearresteerd.", ("COERCE", "arrest")),
        ("Bij de grens werden vier journalisten aangehouden.", ("COERCE", "arrest")),
        ("Duizenden mensen demonstreerden tegen de regering.", ("PROTEST", "demo")),
        ("De vakbond begon een staking in de haven.", ("PROTEST", "strike")),
        ("De president liet de menigte op het plein neerslaan.", ("ASSAULT", "crowd-control")),
        ("Bewakers hebben de gevangenen mishandeld.", ("ASSAULT", "beat")),
        ("Volgens de advocaat werd de activist gemarteld.", ("ASSAULT", "torture")),
        ("De Europese Unie kondigde nieuwe sancties aan.", ("SANCTION", None)),
        ("De minister dreigde met arrestaties van stakers.", ("THREATEN", "arrest")),
        ("De generaal dreigde met geweld tegen betogers.", ("THREATEN", "violence")),
        ("De premier had een ontmoeting met de president.", ("CONSULT", None)),
        ("De minister bracht een bezoek aan de hoofdstad.", ("CONSULT", "visit")),
        ("De twee leiders voerden een telefoongesprek over de crisis.", ("CONSULT", "phone")),
        ("De rechter beval de vrijlating van de journalist.", ("RETREAT", "release")),
        ("De oppositie eist nieuwe verkiezingen.", ("REQUEST", None)),
        ("De regering beschuldigt het buurland van spionage.", ("ACCUSE", "allege")),
        ("Het parlement heeft het voorstel afgewezen.", ("REJECT", None)),
        ("De vakbonden steunen de actievoerders.", ("SUPPORT", None)),
        ("De partijen bereikten een akkoord over de grens.", ("AGREE", None)),
        ("Het land stuurde hulp naar de getroffen regio.", ("AID", None)),
        ("Het leger mobiliseert troepen aan de grens.", ("MOBILIZE", "troops")),
    ],
)
def test_each_lexicon_family(nlp: Language, text: str, expected: tuple[str, str | None]) -> None:
    assert codes(events(nlp, text)) == [expected]


def test_protests_put_down_are_a_protest_and_an_assault(nlp: Language) -> None:
    evs = events(nlp, "De president liet de betogingen neerslaan.")
    assert codes(evs) == [("PROTEST", "demo"), ("ASSAULT", "crowd-control")]


def test_the_threatened_arrest_is_no_arrest_event(nlp: Language) -> None:
    assert codes(events(nlp, "De minister dreigde met arrestaties van stakers.")) == [("THREATEN", "arrest")]


def test_ignore_phrases_block_false_triggers(nlp: Language) -> None:
    assert codes(events(nlp, "De aanhoudende demonstraties gaan door.")) == [("PROTEST", "demo")]
    assert events(nlp, "Het plan dreigt te mislukken door de kou.") == []
    assert codes(events(nlp, "Hij werd opgesloten op beschuldiging van fraude.")) == [("COERCE", "arrest")]


def test_a_heading_carries_no_event(nlp: Language) -> None:
    assert events(nlp, "Sancties\n\nHet weer was goed.") == []


def test_two_triggers_of_one_kind_in_a_sentence_are_one_event(nlp: Language) -> None:
    (event,) = events(nlp, "Het leger mobiliseert troepen aan de grens.")
    assert event.mentions == 2


# -- modality -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("De politie heeft geen demonstranten gearresteerd.", "negated"),
        ("De president wil nooit sancties.", "negated"),
        ("De EU zal sancties opleggen.", "future"),
        ("Hij zei dat de minister op de sanctielijst zou komen.", "future"),
        ("Hij zegt dat de regering dan hulp zou sturen.", "hypothetical"),
        ("Als de regering troepen stuurt, volgt er een reactie.", "hypothetical"),
        ("De politie heeft twintig demonstranten gearresteerd.", "asserted"),
    ],
)
def test_modality(nlp: Language, text: str, modality: str) -> None:
    (event,) = events(nlp, text)
    assert event.modality == modality


def test_negation_stays_in_its_clause(nlp: Language) -> None:
    evs = events(nlp, "De EU zette hem niet op de sanctielijst om ruimte te houden voor bemiddeling.")
    assert [(e.event, e.modality) for e in evs] == [("SANCTION", "negated"), ("CONSULT", "asserted")]


# -- size, date, place, provenance ------------------------------------------------------------------


def test_size_from_counted_numbers(nlp: Language) -> None:
    (arrest,) = events(nlp, "In Minsk werden meer dan 700 mensen aangehouden.")
    assert arrest.size.arrested == 700
    (protest,) = events(nlp, "Bij de protesten vielen drie doden en tientallen gewonden.")
    assert (protest.size.dead, protest.size.injured, protest.size.arrested) == (3, 20, None)


def test_arrested_count_only_for_arrests(nlp: Language) -> None:
    (protest,) = events(nlp, "Ruim 200 mensen demonstreerden op het plein.")
    assert protest.size.is_empty()


def test_date_from_the_sentence_else_the_article(nlp: Language) -> None:
    first, second = events(nlp, "Zaterdag werden tien betogers opgepakt. Later volgde een staking.")
    assert (first.date, first.date_precision) == ("2020-10-10", "day")
    assert (second.date, second.date_precision) == ("2020-10-14", "day")


def test_place_from_the_sentence_else_the_most_frequent_in_the_article(nlp: Language) -> None:
    text = (
        "Belarus is onrustig. In Belarus groeit het verzet. In Minsk werden tien mensen opgepakt. "
        "Er volgde een staking."
    )
    arrest, strike = events(nlp, text)
    assert (arrest.place.resolved_place, arrest.place.how) == ("Minsk", "clause")
    assert (strike.place.resolved_place, strike.place.how) == ("Belarus", "article")


def test_provenance_and_id(nlp: Language) -> None:
    text = "Het weer was goed. De politie heeft gisteren vijf studenten gearresteerd."
    article = Article.create(text, source="t", published="2020-10-14", date_precision="day")
    (event,) = analyse_one(nlp, article).events
    assert text[event.start : event.end] == event.trigger == "gearresteerd"
    assert event.sentence == 1
    assert event.sentence_text == "De politie heeft gisteren vijf studenten gearresteerd."
    assert event.id == record_id(article.id, event.start, event.end, "COERCE")
    assert event.type_ere == "Justice.ArrestJail"
    assert (event.date, event.size.arrested) == ("2020-10-13", 5)
    assert 0.05 <= event.confidence <= 0.95


# -- roles (pure rules) -----------------------------------------------------------------------------


def test_roles_before_is_actor_after_is_recipient() -> None:
    # "Loekasjenko ging om tafel met tegenstanders"
    assert assign_roles(RoleInput(20, 28, ((0, 11), (35, 48)))) == ([0], [1])


def test_roles_passive_makes_everyone_a_recipient_except_the_agent() -> None:
    # "Tien mensen werden door de politie aangehouden": mention 1 follows "door" at 19
    assert assign_roles(RoleInput(36, 47, ((0, 11), (24, 35)), passive=True, agent_start=19)) == ([1], [0])
    assert assign_roles(RoleInput(30, 40, ((0, 11),), passive=True)) == ([], [0])


def test_roles_inverted_main_clause() -> None:
    # "Maandag dreigde de minister met geweld tegen demonstranten"
    assert assign_roles(RoleInput(8, 15, ((16, 27), (45, 58)), inverted=True)) == ([0], [1])


def test_roles_verb_final_clause_first_group_acts() -> None:
    # "terwijl de cipiers en agenten de gedetineerden afranselen"
    roles = RoleInput(46, 56, ((8, 18), (22, 29), (30, 45)), joined=(True, False))
    assert assign_roles(roles) == ([0, 1], [2])


def test_roles_subject_on_the_sanction_list_is_the_recipient() -> None:
    # "dat Loekasjenko op de sanctielijst zou komen"
    assert assign_roles(RoleInput(22, 34, ((4, 15),), subject_is_recipient=True)) == ([], [0])


# -- the seed article ---------------------------------------------------------------------------------

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "000_94b4341cbd3b6ace.txt"


@pytest.fixture(scope="module")
def seed(nlp: Language) -> tuple[str, list[Event]]:
    if not SEED.exists():
        pytest.skip("../shared/samples is not beside the checkout")
    text = SEED.read_text(encoding="utf-8").removeprefix("date 2020-10 ")
    article = Article.create(text, source="seed", published="2020-10", date_precision="month")
    return text, analyse_one(nlp, article).events


def _needs_actors(nlp: Language) -> None:
    if "kroniek_actors" not in nlp.pipe_names:
        pytest.skip("the actors component is not available")


def _one(evs: list[Event], trigger: str) -> Event:
    found = [e for e in evs if e.trigger == trigger]
    assert len(found) >= 1, trigger
    return found[0]


def test_seed_meeting_in_the_kgb_prison_on_saturday(nlp: Language, seed: tuple[str, list[Event]]) -> None:
    _, evs = seed
    meeting = _one(evs, "om tafel")
    assert meeting.event == "CONSULT"
    assert (meeting.date, meeting.date_precision) == ("2020-10-10", "day")
    assert meeting.place.extracted_place == "KGB-gevangenis" and meeting.place.country_code == "BLR"
    _needs_actors(nlp)
    assert [a.entity_text for a in meeting.actor] == ["Loekasjenko"]


def test_seed_arrests_in_minsk(seed: tuple[str, list[Event]]) -> None:
    _, evs = seed
    arrests = _one(evs, "aangehouden")
    assert (arrests.event, arrests.mode, arrests.size.arrested) == ("COERCE", "arrest", 700)
    assert (arrests.place.resolved_place, arrests.place.geonameid, arrests.place.how) == ("Minsk", 625144, "clause")
    assert arrests.modality == "asserted"


def test_seed_protests_and_their_crushing(seed: tuple[str, list[Event]]) -> None:
    _, evs = seed
    assert ("PROTEST", "demo") in codes(evs)
    crushing = _one(evs, "neerslaan")
    assert (crushing.event, crushing.mode, crushing.date) == ("ASSAULT", "crowd-control", "2020-10-11")


def test_seed_sanctions(nlp: Language, seed: tuple[str, list[Event]]) -> None:
    _, evs = seed
    sanctions = [e for e in evs if e.event == "SANCTION"]
    assert len(sanctions) >= 3
    listing = _one(evs, "EU-sanctielijst")
    assert listing.modality == "future"  # "zou komen", reported by Maas
    refused = _one(evs, "sanctielijst")
    assert refused.modality == "negated"  # "nadrukkelijk niet op de sanctielijst"
    _needs_actors(nlp)
    assert "EU" in [a.entity_text for a in sanctions[0].actor]


def test_seed_threat_to_use_firearms(nlp: Language, seed: tuple[str, list[Event]]) -> None:
    _, evs = seed
    threat = _one(evs, "dreigde")
    assert (threat.event, threat.mode) == ("THREATEN", "violence")
    assert (threat.date, threat.date_precision) == ("2020-10-12", "day")  # "Maandag", after the 11 October tweet
    _needs_actors(nlp)
    assert [r.entity_text for r in threat.recipient] == ["demonstranten"]
    assert "minister" in threat.actor[0].entity_text


def test_seed_beating(nlp: Language, seed: tuple[str, list[Event]]) -> None:
    _, evs = seed
    beating = _one(evs, "afranselen")
    assert (beating.event, beating.mode) == ("ASSAULT", "beat")
    _needs_actors(nlp)
    assert [a.entity_text for a in beating.actor] == ["cipiers"]
    assert "gedetineerden" in beating.recipient[0].entity_text


def test_seed_offsets_point_at_the_triggers(seed: tuple[str, list[Event]]) -> None:
    text, evs = seed
    for event in evs:
        assert text[event.start : event.end] == event.trigger
        assert event.sentence_text.find(event.trigger) >= 0


# -- with the trained Dutch model and the learned event model (skipped when either is missing) ----


@pytest.fixture(scope="module")
def parsed_nlp() -> Language:
    from kroniek.extract.event_model import load_event_model

    try:
        import kroniek.nlp.tokenizer  # noqa: F401  (the model's config names kroniek_sentence_hints)

        nlp = load_pipeline("nl", use_model=True, disable=_disabled())
    except Exception as exc:  # the model is built by another issue; its absence is no failure here
        pytest.skip(f"trained model not loadable: {exc}")
    if "parser" not in nlp.pipe_names or load_event_model("nl") is None:
        pytest.skip("no trained parser or event model")
    return nlp


def test_passive_arrest_with_count(parsed_nlp: Language) -> None:
    evs = events(parsed_nlp, "Tijdens het protest zondag in Minsk werden meer dan 700 mensen aangehouden.")
    arrests = [e for e in evs if (e.event, e.mode) == ("COERCE", "arrest")]
    assert len(arrests) == 1
    assert arrests[0].size.arrested == 700
    assert arrests[0].modality == "asserted"


def test_adjective_participle_is_no_arrest(parsed_nlp: Language) -> None:
    evs = events(parsed_nlp, "De opgepakte demonstranten moesten urenlang op een binnenplaats wachten.")
    assert ("COERCE", "arrest") not in codes(evs)


def test_demanded_release_is_no_release(parsed_nlp: Language) -> None:
    text = "De betogers houden vast aan hun eisen: vrijlating van alle politieke gevangenen en nieuwe verkiezingen."
    assert ("RETREAT", "release") not in codes(events(parsed_nlp, text))


def test_threat_and_sanction_coded(parsed_nlp: Language) -> None:
    evs = events(parsed_nlp, "De minister dreigde dinsdag met het inzetten van vuurwapens tegen de betogers.")
    assert ("THREATEN", "violence") in codes(evs)
    evs = events(parsed_nlp, "De Europese Unie kondigde maandag nieuwe sancties aan tegen de regering in Minsk.")
    assert "SANCTION" in [e.event for e in evs]


def test_negated_meeting_is_not_a_fact(parsed_nlp: Language) -> None:
    evs = events(parsed_nlp, "De president wil niet met de oppositie om tafel.")
    meetings = [e for e in evs if e.event == "CONSULT"]
    assert meetings and all(e.modality == "negated" for e in meetings)


def test_model_mentions_have_token_spans(parsed_nlp: Language) -> None:
    from kroniek.extract.collect import make_doc

    text = "De politie heeft gisteren in Antwerpen twee verdachten opgepakt."
    doc = parsed_nlp(make_doc(parsed_nlp, Article.create(text, source="t")))
    mentions = doc._.event_mentions
    assert mentions, "the learned model finds the arrest clause"
    assert all(0 <= m.start < m.end <= len(doc) for m in mentions)


@pytest.mark.parametrize(
    ("text", "expected", "trigger"),
    [
        # the particle at the end of the clause, in the parse a compound:prt or attached elsewhere
        ("De politie hield gisteren 151 betogers aan.", ("COERCE", "arrest"), "hield"),
        ("De politie hield 151 betogers aan die de wegen blokkeerden.", ("COERCE", "arrest"), "hield"),
        ("Moskou wees vorige week twee Moldavische diplomaten uit.", ("SANCTION", "expel"), "wees"),
        ("De regering liet de journalisten zondag vrij, meldt de krant.", ("RETREAT", "release"), "liet"),
    ],
)
def test_separable_verbs_split_over_the_clause(
    parsed_nlp: Language, text: str, expected: tuple[str, str], trigger: str
) -> None:
    coded = [e for e in events(parsed_nlp, text) if (e.event, e.mode) == expected]
    assert [e.trigger for e in coded] == [trigger]


def test_separable_verbs_count_the_arrested(parsed_nlp: Language) -> None:
    (arrest,) = [e for e in events(parsed_nlp, "De politie hield 151 betogers aan.") if e.event == "COERCE"]
    assert arrest.size.arrested == 151


@pytest.mark.parametrize(
    "text",
    [
        "Zij hielden vast aan hun eisen.",  # vasthouden is no arrest
        "Hij hield zich aan de afspraak met de oppositie.",  # 'aan' opens a phrase, it ends no clause
        "De minister zette de plannen uiteen voor de pers.",
    ],
)
def test_particles_that_make_no_event(parsed_nlp: Language, text: str) -> None:
    assert [e for e in events(parsed_nlp, text) if e.event in ("COERCE", "SANCTION", "RETREAT")] == []


def test_a_happening_named_in_a_phrase_is_kept_when_the_model_sees_one_of_its_kind(parsed_nlp: Language) -> None:
    text = "Bij nieuwe demonstraties tegen de pensioenhervorming zijn donderdag in Parijs 143 mensen gearresteerd."
    coded = codes(events(parsed_nlp, text))
    assert ("PROTEST", "demo") in coded
    assert ("COERCE", "arrest") in coded


@pytest.mark.parametrize(
    ("text", "not_done"),
    [
        ("Duizenden mensen eisen het aftreden van de regering.", ("RETREAT", "resign")),
        ("De oppositie vraagt om de vrijlating van de journalisten.", ("RETREAT", "release")),
        ("De EU riep op tot het vrijlaten van de gevangenen.", ("RETREAT", "release")),
    ],
)
def test_what_is_demanded_is_not_done(parsed_nlp: Language, text: str, not_done: tuple[str, str]) -> None:
    coded = codes(events(parsed_nlp, text))
    assert ("REQUEST", None) in coded
    assert not_done not in coded


def test_an_announced_resignation_is_still_coded(parsed_nlp: Language) -> None:
    assert ("RETREAT", "resign") in codes(events(parsed_nlp, "De president kondigde zijn aftreden aan."))


def test_a_possessive_on_a_noun_trigger_names_its_actor(parsed_nlp: Language) -> None:
    text = "Minister Anna de Wit reisde naar Warschau. Haar bezoek aan Polen duurde twee dagen."
    (visit,) = [e for e in events(parsed_nlp, text) if e.event == "CONSULT"]
    assert [a.entity_text for a in visit.actor] == ["Anna de Wit"]


def test_a_plural_possessive_names_no_person(parsed_nlp: Language) -> None:
    text = "Minister Anna de Wit sprak de betogers toe. Hun protest bleef de hele dag rustig."
    protests = [e for e in events(parsed_nlp, text) if e.event == "PROTEST"]
    assert protests and all("Anna de Wit" not in [a.entity_text for a in e.actor] for e in protests)


def test_the_parsed_subject_acts_not_a_name_earlier_in_the_clause(parsed_nlp: Language) -> None:
    text = (
        "President Poetin sprak zondag in Moskou. "
        "Een dag na zijn gesprek met oppositieleden liet hij protesten neerslaan."
    )
    (crackdown,) = [e for e in events(parsed_nlp, text) if e.event == "ASSAULT"]
    assert [a.entity_text for a in crackdown.actor] == ["Poetin"]


def test_a_phrase_hanging_on_the_subject_is_no_actor(parsed_nlp: Language) -> None:
    text = "Maandag dreigde de minister van Binnenlandse Zaken met het inzetten van vuurwapens tegen demonstranten."
    (threat,) = [e for e in events(parsed_nlp, text) if e.event == "THREATEN"]
    assert [a.entity_text for a in threat.actor] == ["minister van Binnenlandse Zaken"]
    assert [r.entity_text for r in threat.recipient] == ["demonstranten"]


def test_the_root_of_a_whole_clause_is_its_verb(parsed_nlp: Language) -> None:
    from kroniek.extract.collect import make_doc
    from kroniek.extract.event_model import span_root

    article = Article.create("De politie arresteerde gisteren twintig mensen.", source="t")
    doc = parsed_nlp(make_doc(parsed_nlp, article))
    assert span_root(doc, 0, len(doc) - 1).text == "arresteerde"  # the sentence root heads itself
    assert span_root(doc, 4, 6).text == "mensen"
    assert span_root(doc, 0, 2).text == "politie"


# -- actors and recipients from the parse of the trigger's verb (issue #4) -----------------------


def _only(parsed_nlp: Language, text: str, event: str) -> Event:
    (found,) = [e for e in events(parsed_nlp, text) if e.event == event]
    return found


def _texts(refs: list) -> list[str]:
    return [r.entity_text for r in refs]


def test_a_relative_clause_is_done_by_the_noun_it_hangs_on(parsed_nlp: Language) -> None:
    protest = _only(
        parsed_nlp, "De minister sprak met studenten die vorige week tegen de bezuinigingen demonstreerden.", "PROTEST"
    )
    assert _texts(protest.actor) == ["studenten"]


def test_a_subject_cut_off_by_an_apposition_still_acts(parsed_nlp: Language) -> None:
    threat = _only(
        parsed_nlp, "De Poolse premier, Jan Nowak, heeft Hongarije maandag gedreigd met een rechtszaak.", "THREATEN"
    )
    assert "Jan Nowak" in _texts(threat.actor) and "Hongarije" not in _texts(threat.actor)
    assert _texts(threat.recipient) == ["Hongarije"]


def test_a_conjoined_verb_shares_the_subject(parsed_nlp: Language) -> None:
    text = "De Georgische regering noemde de kritiek onterecht en dreigde met het sluiten van de grens."
    assert _texts(_only(parsed_nlp, text, "THREATEN").actor) == ["Georgische regering"]


def test_a_subject_no_mention_covers_is_kept_with_its_country(parsed_nlp: Language) -> None:
    threat = _only(parsed_nlp, "Litouwen dreigt met het sluiten van de grens.", "THREATEN")
    assert [(a.entity_text, a.code) for a in threat.actor] == [("Litouwen", "LTU")]


def test_the_subject_of_a_support_verb_holds_the_talk(parsed_nlp: Language) -> None:
    talk = _only(parsed_nlp, "De vakbondsleider voerde gisteren een lang gesprek met de burgemeester.", "CONSULT")
    assert _texts(talk.actor) == ["vakbondsleider"]
    assert _texts(talk.recipient) == ["burgemeester"]


def test_the_met_phrase_of_a_call_is_the_other_party(parsed_nlp: Language) -> None:
    call = _only(parsed_nlp, "De premier heeft dinsdag met de Franse president gebeld.", "CONSULT")
    assert _texts(call.actor) == ["premier"]
    assert [r.entity_text.split()[-1] for r in call.recipient] == ["president"]


def test_the_subject_of_a_passive_undergoes_it(parsed_nlp: Language) -> None:
    arrest = _only(parsed_nlp, "In Tbilisi werden zondag tientallen studenten gearresteerd.", "COERCE")
    assert _texts(arrest.recipient) == ["studenten"]
    assert "studenten" not in _texts(arrest.actor)


def test_a_day_before_a_passive_is_no_participant(parsed_nlp: Language) -> None:
    arrest = _only(parsed_nlp, "Zondag werden in Vitebsk honderd mensen gearresteerd.", "COERCE")
    assert "Zondag" not in _texts(arrest.recipient) + _texts(arrest.actor)
    assert "mensen" in _texts(arrest.recipient)


def test_who_is_in_the_demand_is_no_actor_of_an_om_te_clause(parsed_nlp: Language) -> None:
    demand = _only(
        parsed_nlp, "Honderden boeren kwamen naar Brussel om het ontslag van de minister te eisen.", "REQUEST"
    )
    assert _texts(demand.actor) == ["boeren"]
    assert _texts(demand.recipient) == ["minister"]


def test_a_named_object_is_the_recipient(parsed_nlp: Language) -> None:
    accusation = _only(parsed_nlp, "De Armeense regering beschuldigde Bakoe van oorlogsmisdaden.", "ACCUSE")
    assert _texts(accusation.actor) == ["Armeense regering"]
    assert _texts(accusation.recipient) == ["Bakoe"]


def test_an_inverted_subject_after_an_adjective_and_no_time_word_acts(parsed_nlp: Language) -> None:
    refusal = _only(parsed_nlp, "Dinsdag weigerde de Hongaarse minister het akkoord te ondertekenen.", "REJECT")
    assert [a.entity_text.split()[-1] for a in refusal.actor] == ["minister"]


def test_the_subject_of_laten_has_it_done(parsed_nlp: Language) -> None:
    arrest = _only(parsed_nlp, "De president liet de oppositieleider opsluiten.", "COERCE")
    assert _texts(arrest.actor) == ["president"]
    assert _texts(arrest.recipient) == ["oppositieleider"]
