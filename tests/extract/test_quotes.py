"""kroniek_quotes: direct and indirect quotes with their speakers, on texts written for these tests
and on the seed article (read from the shared folder beside the checkout, never copied)."""

from pathlib import Path

import pytest

from kroniek.extract.collect import analyse_one
from kroniek.nlp.pipeline import load_pipeline
from kroniek.records import Article


@pytest.fixture(scope="module")
def quotes_of():
    nlp = load_pipeline("nl", use_model=False, disable=("kroniek_dates", "kroniek_places", "kroniek_events"))

    def run(text: str, published: str = "2020-10-05", precision: str = "day"):
        article = Article.create(text, source="test", published=published, date_precision=precision)
        return analyse_one(nlp, article).quotes

    return run


def speaker(quote) -> str | None:
    return quote.speaker.entity_text if quote.speaker else None


def test_quote_then_frame_with_a_name(quotes_of) -> None:
    text = "‘We geven niet op’, zei Maria Kolesnikova in Minsk."
    (quote,) = quotes_of(text)
    assert quote.kind == "direct"
    assert quote.text == "We geven niet op"
    assert text[quote.start : quote.end] == "We geven niet op"
    assert speaker(quote) == "Maria Kolesnikova"
    assert quote.speech_verb == "zei"
    assert quote.sentence == 0
    assert quote.sentence_text == text
    assert quote.date == "2020-10-05"


@pytest.mark.parametrize(
    "text",
    [
        "“We geven niet op”, zei Maria Kolesnikova.",
        '"We geven niet op", zei Maria Kolesnikova.',
        "„We geven niet op”, zei Maria Kolesnikova.",
        "«We geven niet op», zei Maria Kolesnikova.",
        "'We geven niet op', zei Maria Kolesnikova.",
    ],
)
def test_every_kind_of_quote_mark(quotes_of, text: str) -> None:
    (quote,) = quotes_of(text)
    assert quote.text == "We geven niet op"
    assert speaker(quote) == "Maria Kolesnikova"


def test_apostrophes_do_not_close_a_quote(quotes_of) -> None:
    (quote,) = quotes_of("‘Loekasjenko’s tijd is voorbij’, zei Maria Kolesnikova.")
    assert quote.text == "Loekasjenko’s tijd is voorbij"


def test_interrupted_quote_is_one_quote(quotes_of) -> None:
    text = "Anna de Vries is burgemeester van Utrecht. ‘Dialoog’, zei ze, ‘vindt niet plaats in een cel.’"
    (quote,) = quotes_of(text)
    assert quote.text == "Dialoog vindt niet plaats in een cel."
    assert text[quote.start :].startswith("Dialoog’, zei ze, ‘vindt")
    assert speaker(quote) == "Anna de Vries"


def test_colon_introduced_quote(quotes_of) -> None:
    (quote,) = quotes_of("De Nederlandse minister Jan de Boer zei dinsdag: ‘We gaan door met de gesprekken.’")
    assert quote.text == "We gaan door met de gesprekken."
    assert speaker(quote) == "Jan de Boer"
    assert quote.speaker.code == "NLD"


def test_pronouns_resolve_by_gender(quotes_of) -> None:
    quotes = quotes_of(
        "Marieke Bakker sprak met Piet Jansen. ‘Het overleg was zinloos’, zei ze. ‘Ik ga door’, zei hij."
    )
    assert [(q.text, speaker(q)) for q in quotes] == [
        ("Het overleg was zinloos", "Marieke Bakker"),
        ("Ik ga door", "Piet Jansen"),
    ]


def test_names_inside_the_quote_are_not_the_speaker(quotes_of) -> None:
    quotes = quotes_of("Piet Jansen kwam binnen. ‘Marieke Bakker heeft gelijk’, zei hij.")
    assert speaker(quotes[0]) == "Piet Jansen"


def test_unknown_speaker_stays_none(quotes_of) -> None:
    quotes = quotes_of("‘Het is voorbij met de regering’, zei een bron in Minsk. Iedereen wacht af.")
    assert len(quotes) == 1
    assert quotes[0].speaker is None
    assert quotes[0].confidence < 0.6


def test_pronoun_without_antecedent_stays_none(quotes_of) -> None:
    (quote,) = quotes_of("‘Het is voorbij’, zei hij.")
    assert quote.speaker is None


def test_scare_quotes_are_not_quotes(quotes_of) -> None:
    assert quotes_of("De regering noemt het een ‘operatie’ en geen oorlog.") == []


def test_speaker_continues_in_the_next_sentence(quotes_of) -> None:
    quotes = quotes_of("‘Wij winnen’, schreef Maria Kolesnikova op Telegram. ‘De tijd is aan onze kant.’")
    assert [speaker(q) for q in quotes] == ["Maria Kolesnikova", "Maria Kolesnikova"]
    assert quotes[1].confidence < quotes[0].confidence


def test_speaker_in_the_following_sentence(quotes_of) -> None:
    (quote,) = quotes_of("‘De grens blijft voorlopig dicht.’ Dat zei premier Mark Rutte zondag.")
    assert speaker(quote) == "Mark Rutte"


def test_indirect_speech(quotes_of) -> None:
    text = "Oppositieleider Maria Kolesnikova liet woensdag weten dat de staking doorgaat."
    (quote,) = quotes_of(text)
    assert quote.kind == "indirect"
    assert quote.text == "de staking doorgaat"
    assert text[quote.start : quote.end] == quote.text
    assert speaker(quote) == "Maria Kolesnikova"
    assert quote.speech_verb == "liet weten"


def test_indirect_speech_with_inverted_word_order(quotes_of) -> None:
    (quote,) = quotes_of("Zondag schreef Maria Kolesnikova op Telegram dat de protesten doorgaan.")
    assert quote.text == "de protesten doorgaan"
    assert speaker(quote) == "Maria Kolesnikova"


def test_volgens(quotes_of) -> None:
    (quote,) = quotes_of("Volgens de Litouwse president Gitanas Nausėda is de grens veilig.")
    assert quote.kind == "indirect"
    assert quote.text == "is de grens veilig"
    assert speaker(quote) == "Gitanas Nausėda"


def test_embedded_tweet(quotes_of) -> None:
    text = (
        "Er is weer gedemonstreerd.\n\n"
        "❗️Riot police in Minsk pic.twitter.com/abc123 — NEXTA (@nexta_tv) 4 oktober 2020\n"
    )
    (quote,) = quotes_of(text, published="2020-10", precision="month")
    assert quote.text == "Riot police in Minsk"
    assert speaker(quote) == "NEXTA"
    assert quote.speaker.identifier_id == "kroniek:nexta"
    assert (quote.date, quote.date_precision) == ("2020-10-04", "day")


def test_quote_ids_are_stable(quotes_of) -> None:
    text = "‘We geven niet op’, zei Maria Kolesnikova."
    assert quotes_of(text)[0].id == quotes_of(text)[0].id


def test_seed_article_quotes(seed_article: Path) -> None:
    nlp = load_pipeline("nl", use_model=False, disable=("kroniek_places", "kroniek_events"))
    text = seed_article.read_text(encoding="utf-8").removeprefix(" date 2020-10 ")
    article = Article.create(text, source="seed", published="2020-10", date_precision="month")
    quotes = analyse_one(nlp, article).quotes

    def by_start(words: str):
        return next(q for q in quotes if q.text.startswith(words))

    tsikh = "kroniek:sviatlana-tsikhanouskaya"
    # the Telegram blog post, and its second sentence (no frame: the same speaker continues)
    assert by_start("Met deze ontmoeting").speaker.identifier_id == tsikh
    assert by_start("Dit is te danken").speaker.identifier_id == tsikh
    assert by_start("Dialoog vindt niet plaats").speaker.identifier_id == tsikh
    # Maas: indirect on Monday, then the direct quote that follows it
    maas = by_start("Loekasjenko op de EU-sanctielijst")
    assert maas.kind == "indirect"
    assert maas.speaker.identifier_id == "kroniek:heiko-maas"
    assert by_start("De EU-ministers hebben").speaker.identifier_id == "kroniek:heiko-maas"
    # "zei hij" after a sentence about Loekasjenko
    assert by_start("De grondwet herschrijf").speaker.identifier_id == "kroniek:aleksandr-lukashenko"
    assert by_start("Belarus onder Loekasjenko").speaker.identifier_id == "kroniek:konstantin-zatulin"
    tweet = by_start("A video from a prison van")
    assert tweet.speaker.identifier_id == "kroniek:nexta"
    assert (tweet.date, tweet.date_precision) == ("2020-10-11", "day")
    assert "pic.twitter" not in tweet.text
    # In the phone call "hij" (Tichanovsky) asked Tichanovskaja to keep going: his words, not hers
    ask = by_start("haar politieke strijd")
    assert ask.speaker.identifier_id == "kroniek:siarhei-tsikhanouski"
    # ‘taaier’ is part of that request, not a quote of its own
    assert not any(q.text == "taaier" for q in quotes)
    for quote in quotes:
        assert quote.doc_id == article.id
        assert quote.start < quote.end
        assert quote.sentence_text in text


# -- speakers without a name, roles resolved to people, headlines, inline frames ------------------


def test_organisation_after_the_frame_is_the_speaker(quotes_of) -> None:
    text = "Bij de rellen raakten twaalf agenten gewond, meldt het ministerie van Binnenlandse Zaken."
    (quote,) = quotes_of(text)
    assert quote.kind == "indirect"
    assert quote.text == "Bij de rellen raakten twaalf agenten gewond"
    assert speaker(quote) == "ministerie van Binnenlandse Zaken"
    assert quote.speaker.sector == "GOV"


def test_role_without_a_name_after_aldus(quotes_of) -> None:
    text = "De verdachte had het mes al weken bij zich, aldus de procureur."
    (quote,) = quotes_of(text)
    assert quote.kind == "indirect" and speaker(quote) == "procureur"
    assert quote.speaker.sector == "JUD"


def test_adverbs_between_verb_and_subject(quotes_of) -> None:
    text = "Tien jaar cel, zegt dan weer het parket Antwerpen."
    (quote,) = quotes_of(text)
    assert quote.text == "Tien jaar cel"
    assert speaker(quote) == "parket Antwerpen"


def test_volgens_with_a_possessive_role_and_mid_sentence_pronoun(quotes_of) -> None:
    text = (
        "Minister Anna de Wit bezocht de haven. Over nieuwe steun zweeg ze: "
        "daarover beslist het kabinet volgens haar pas in mei. Vijf jaar cel, volgens zijn advocaat."
    )
    quotes = quotes_of(text)
    assert [(q.kind, q.text) for q in quotes] == [
        ("indirect", "daarover beslist het kabinet"),
        ("indirect", "Vijf jaar cel"),
    ]
    assert quotes[0].speaker.identifier_text == "Anna de Wit"
    assert speaker(quotes[1]) == "advocaat"


def test_a_spokesperson_speaks_for_the_organisation(quotes_of) -> None:
    text = "De vakbond FNV kondigde een staking aan. ‘Wij gaan door tot het einde’, zei een woordvoerder van de bond."
    (quote,) = quotes_of(text)
    assert speaker(quote) == "FNV"


def test_an_unnamed_spokesperson_is_no_speaker(quotes_of) -> None:
    (quote,) = quotes_of("‘Dit is volstrekt onaanvaardbaar voor ons’, zei een woordvoerder.")
    assert quote.kind == "direct" and quote.speaker is None


def test_headline_name_before_the_colon(quotes_of) -> None:
    text = "Poetin in Sotsji: ‘Wij zijn nergens bang voor’\nDe Russische president sprak gisteren met journalisten."
    quotes = [q for q in quotes_of(text) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["Wij zijn nergens bang voor"]
    assert quotes[0].speaker.identifier_text == "Vladimir Putin"


def test_speech_verb_earlier_in_the_sentence_without_a_colon(quotes_of) -> None:
    text = (
        "Volgens waarnemers is het overleg mislukt. "
        "Rusland noemde de nieuwe maatregelen ‘een vijandige daad van het Westen’."
    )
    direct = [q for q in quotes_of(text) if q.kind == "direct"]
    assert [q.text for q in direct] == ["een vijandige daad van het Westen"]
    assert direct[0].speaker.entity_text == "Rusland" and direct[0].speaker.code == "RUS"


def test_a_quote_inside_another_subjects_sentence_is_not_a_continuation(quotes_of) -> None:
    text = (
        "‘We tekenen niet’, zei Miroslav Kadlec. "
        "De regering in Pristina beschuldigde Belgrado van ‘het ophitsen van de minderheid’."
    )
    quotes = quotes_of(text)
    assert quotes[-1].text == "het ophitsen van de minderheid"
    assert quotes[-1].speaker is None


def test_role_resolved_to_its_holder_on_the_article_date(quotes_of) -> None:
    text = "‘Het geld ligt op tafel’, zei de Amerikaanse president donderdag in Davos."
    (in_2018,) = quotes_of(text, published="2018-01-25")
    assert in_2018.speaker.identifier_text == "Donald Trump"
    (in_2022,) = quotes_of(text, published="2022-01-25")
    assert in_2022.speaker.identifier_text == "Joe Biden"
    (in_2030,) = quotes_of(text, published="2030-01-25")  # nobody in the knowledge base yet: the role itself
    assert in_2030.speaker.identifier_text != "Donald Trump"


def test_an_institution_office_resolves_without_a_country(quotes_of) -> None:
    text = "‘Dit is een duidelijk signaal’, zei de Hoge Vertegenwoordiger na afloop."
    (quote,) = quotes_of(text, published="2021-06-21")
    assert quote.speaker is not None and quote.speaker.identifier_text == "Josep Borrell"
