"""Time expressions and their resolution (dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kroniek.extract import dates as kdates
from kroniek.extract.dates import date_for_span, resolve_weekday
from kroniek.nlp import sentences  # noqa: F401  (registers kroniek_sentences)
from kroniek.records import Article


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("nl")
    nlp.add_pipe("kroniek_sentences")
    nlp.add_pipe("kroniek_dates", config={"lang": "nl"})
    return nlp


def run(nlp: Language, text: str, published: str | None, precision: str | None = None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.article = Article.create(text, source="t", published=published, date_precision=precision)
    doc._.notes = []
    return nlp(doc)


def values(doc: Doc) -> dict[str, tuple[str | None, str | None]]:
    return {d.text: (d.value, d.precision) for d in doc._.dates}


def test_absolute_dates(nlp: Language) -> None:
    doc = run(nlp, "Op 11 oktober 2020 en 3-9-2020 gebeurde iets; in oktober 2020 ook.", "2020-10-14", "day")
    assert values(doc) == {
        "11 oktober 2020": ("2020-10-11", "day"),
        "3-9-2020": ("2020-09-03", "day"),
        "oktober 2020": ("2020-10", "month"),
    }


def test_reference_date_from_the_article(nlp: Language) -> None:
    assert run(nlp, "Niets.", "2020-10-14", "day")._.ref_date == ("2020-10-14", "day")
    assert run(nlp, "Niets.", "2020-10", "month")._.ref_date == ("2020-10", "month")
    assert run(nlp, "Niets.", None)._.ref_date is None


def test_weekday_with_a_day_reference_is_the_latest_on_or_before(nlp: Language) -> None:
    # 14 October 2020 was a Wednesday
    doc = run(nlp, "Zaterdag was er protest. Op maandag ook. Woensdag weer. Komende vrijdag praten ze.", "2020-10-14")
    assert values(doc) == {
        "Zaterdag": ("2020-10-10", "day"),
        "Op maandag": ("2020-10-12", "day"),
        "Woensdag": ("2020-10-14", "day"),
        "Komende vrijdag": ("2020-10-16", "day"),
    }


def test_weekday_with_a_month_reference_gives_the_month_not_a_day(nlp: Language) -> None:
    doc = run(nlp, "Zaterdag werden honderden mensen opgepakt.", "2020-10", "month")
    assert values(doc) == {"Zaterdag": ("2020-10", "month")}
    assert doc._.notes == []


def test_narrowing_from_an_explicit_date_of_the_same_month(nlp: Language) -> None:
    text = (
        "Zaterdag sprak de president met de oppositie. Zondag volgden arrestaties. "
        "Maandag dreigde de minister. Een tweet van 11 oktober 2020 toont het."
    )
    doc = run(nlp, text, "2020-10", "month")
    assert doc._.ref_date == ("2020-10-11", "day")
    assert values(doc)["Zaterdag"] == ("2020-10-10", "day")
    assert values(doc)["Zondag"] == ("2020-10-11", "day")
    assert values(doc)["Maandag"] == ("2020-10-12", "day")
    assert any(note.startswith("K203") for note in doc._.notes)


def test_an_explicit_date_of_another_month_does_not_narrow(nlp: Language) -> None:
    doc = run(nlp, "Zaterdag was er een mars. Op 3 september 2020 begon het.", "2020-10", "month")
    assert doc._.ref_date == ("2020-10", "month")
    assert values(doc)["Zaterdag"] == ("2020-10", "month")


def test_anchor_rule_picks_the_closest_occurrence() -> None:
    sunday = dt.date(2020, 10, 11)
    assert resolve_weekday(5, sunday, "anchor") == dt.date(2020, 10, 10)  # Saturday: one day back
    assert resolve_weekday(0, sunday, "anchor") == dt.date(2020, 10, 12)  # Monday: one day on
    assert resolve_weekday(3, sunday, "anchor") == dt.date(2020, 10, 8)  # Thursday: 3 back, not 4 on
    assert resolve_weekday(0, sunday, "published") == dt.date(2020, 10, 5)


def test_relative_days(nlp: Language) -> None:
    doc = run(nlp, "Gisteren en vandaag waren er acties, morgen weer. Hij werkt 's morgens.", "2020-10-14", "day")
    assert values(doc) == {
        "Gisteren": ("2020-10-13", "day"),
        "vandaag": ("2020-10-14", "day"),
        "morgen": ("2020-10-15", "day"),
    }


def test_seasons_months_and_years(nlp: Language) -> None:
    text = "In het voorjaar werd hij opgesloten. Ze spraken niet sinds mei. Eerder dit jaar was het rustig."
    doc = run(nlp, text, "2020-10", "month")
    assert values(doc) == {
        "In het voorjaar": ("2020-03", "season"),
        "sinds mei": ("2020-05", "month"),
        "Eerder dit jaar": ("2020", "year"),
    }


def test_a_later_month_is_last_year_unless_it_is_near(nlp: Language) -> None:
    doc = run(nlp, "Sinds juli is het onrustig; in maart komen verkiezingen.", "2021-02", "month")
    assert values(doc) == {"Sinds juli": ("2020-07", "month"), "in maart": ("2021-03", "month")}


def test_coming_summer(nlp: Language) -> None:
    assert values(run(nlp, "Komende zomer is er een top.", "2020-10", "month")) == {
        "Komende zomer": ("2021-06", "season")
    }


def test_ago_and_last_week(nlp: Language) -> None:
    doc = run(nlp, "Twee maanden geleden begon het. Drie dagen geleden ook. Vorige week was het stil.", "2020-10-14")
    assert values(doc) == {
        "Twee maanden geleden": ("2020-08", "month"),
        "Drie dagen geleden": ("2020-10-11", "day"),
        "Vorige week": ("2020-10", "month"),
    }


def test_days_ago_with_a_month_reference_stay_a_month(nlp: Language) -> None:
    assert values(run(nlp, "Twee dagen geleden begon het.", "2020-10", "month")) == {
        "Twee dagen geleden": ("2020-10", "month")
    }


def test_without_a_published_date_only_absolute_dates_resolve(nlp: Language) -> None:
    doc = run(nlp, "Zaterdag, 11 oktober 2020, was het druk.", None)
    assert values(doc) == {"11 oktober 2020": ("2020-10-11", "day")}


def test_date_for_span_nearest_in_sentence_else_published(nlp: Language) -> None:
    text = "Zaterdag sprak hij met de oppositie. Daarna volgden arrestaties. Tweet van 11 oktober 2020."
    doc = run(nlp, text, "2020-10", "month")
    spoke = text.index("sprak")
    assert date_for_span(doc, spoke, spoke + 5) == ("2020-10-10", "day")
    arrests = text.index("arrestaties")
    # no date in its sentence: the article's own month, not the narrowed day
    assert date_for_span(doc, arrests, arrests + 11) == ("2020-10", "month")


def test_parse_iso_never_claims_more_precision_than_written() -> None:
    assert kdates.parse_iso("2020-10", "day") == (dt.date(2020, 10, 1), "month")
    assert kdates.parse_iso("2020-13") is None


def test_a_range_is_its_first_day_with_an_end() -> None:
    from kroniek.extract.dates import _words, find_time_expressions

    found = find_time_expressions("De top is van 3 tot 5 oktober 2020 in Brussel.")
    assert [(name, m.group(0)) for name, m in found] == [("range", "van 3 tot 5 oktober 2020")]
    assert _words("nl") is not None


def test_a_sentence_without_a_date_continues_the_day_of_the_sentence_before(nlp: Language) -> None:
    text = (
        "Zondag liet hij de protesten neerslaan. In Minsk werden 700 mensen aangehouden.\n\n"
        "Maandag dreigde de minister.\n\nDe EU reageerde."
    )
    doc = run(nlp, text, "2020-10-13", "day")
    arrests = text.index("aangehouden")
    assert date_for_span(doc, arrests, arrests + 11) == ("2020-10-11", "day")
    # A new paragraph does not continue the narrative's day (Monday's): it has the article's.
    reacted = text.index("reageerde")
    assert date_for_span(doc, reacted, reacted + 9) == ("2020-10-13", "day")


def test_a_time_expression_beyond_a_dash_dates_another_clause(nlp: Language) -> None:
    text = "Hij mocht voor het eerst bellen – ze hadden elkaar niet gesproken sinds mei."
    doc = run(nlp, text, "2020-10", "month")
    call = text.index("bellen")
    assert date_for_span(doc, call, call + 6) == ("2020-10", "month")
    spoke = text.index("gesproken")
    assert date_for_span(doc, spoke, spoke + 9) == ("2020-05", "month")


def test_a_day_and_month_without_a_year_is_never_far_in_the_future(nlp: Language) -> None:
    doc = run(nlp, "Op 28 december begon het protest. In februari volgt een proces.", "2021-01-05", "day")
    assert values(doc)["28 december"] == ("2020-12-28", "day")
    assert values(doc)["In februari"] == ("2021-02", "month")
    doc = run(nlp, "Op 3 februari volgt een proces.", "2020-12-20", "day")
    assert values(doc)["3 februari"] == ("2021-02-03", "day")
