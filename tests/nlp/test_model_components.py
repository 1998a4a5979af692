"""The model's own rule components: sentence hints before the parser, entity clean-up after the ner."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from kroniek.nlp.tokenizer import ENTITY_CLEANUP_FACTORY, SENTENCE_HINTS_FACTORY, entity_cleanup


def hints() -> Language:
    nlp = spacy.blank("nl")
    nlp.add_pipe(SENTENCE_HINTS_FACTORY)
    return nlp


def starts(text: str) -> dict[str, bool | None]:
    return {t.text: t.is_sent_start for t in hints()(text) if not t.is_space}


def test_line_breaks_start_sentences_and_blank_lines_do_not() -> None:
    doc = hints()("Het protest bleef rustig.\n\nArrestaties\n\nDe politie greep in.")
    by_text = {t.text: t for t in doc}
    assert by_text["Arrestaties"].is_sent_start is True
    assert by_text["De"].is_sent_start is True
    assert all(t.is_sent_start is False for t in doc if t.is_space)


def test_closing_quote_after_full_stop_cannot_start_a_sentence() -> None:
    doc = hints()("Hij zei: ‘Wij blijven hier.’ Daarna ging hij weg.")
    closing = next(t for t in doc if t.text == "’")
    assert closing.is_sent_start is False
    assert next(t for t in doc if t.text == "‘").is_sent_start is False  # after the colon
    assert next(t for t in doc if t.text == "Wij").is_sent_start is False  # after the opening quote
    # A capital after the quote is left to the parser.
    assert next(t for t in doc if t.text == "Daarna").is_sent_start is None


def test_straight_quotes_are_read_by_position() -> None:
    s = starts('De minister zei: "Wij blijven." Toen vertrok hij.')
    assert s["Wij"] is False  # '"' glued to "Wij" opens the quote
    doc = hints()('Hij zei: "Nee." Toen vertrok hij.')
    quotes = [t for t in doc if t.text == '"']
    assert quotes[1].is_sent_start is False  # '"' glued to the full stop closes it


def test_lower_case_word_does_not_start_a_sentence() -> None:
    s = starts("Hij sprak met de leiders, en gunde ze huisarrest.")
    assert s["gunde"] is False and s["ze"] is False
    assert s["Hij"] is True  # the first token of a Doc always starts it


def tagged(text: str, ents: list[tuple[int, int, str]], pos: dict[str, str] | None = None) -> Doc:
    doc = spacy.blank("nl")(text)
    for token in doc:
        token.pos_ = (pos or {}).get(token.text, "PROPN")
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def test_cleanup_trims_whitespace_and_drops_letterless_entities() -> None:
    doc = tagged("Jan Peeters\n\n❗ Gent", [(0, 3, "PER"), (3, 4, "ORG"), (4, 5, "LOC")])
    assert [t.text for t in doc] == ["Jan", "Peeters", "\n\n", "❗", "Gent"]
    doc = entity_cleanup(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Jan Peeters", "PER"), ("Gent", "LOC")]


def test_cleanup_drops_a_common_heading_word_but_keeps_a_name_heading() -> None:
    text = "De rechter legde huisarrest op.\n\nHuisarrest\n\nRutte\n\nProtesten\n\nDe zaak loopt."
    doc = spacy.blank("nl")(text)
    words = [t.text for t in doc]
    ents = [(words.index(w), words.index(w) + 1, "ORG") for w in ("Huisarrest", "Rutte", "Protesten")]
    doc = tagged(text, ents, pos={"Protesten": "NOUN"})
    doc = entity_cleanup(doc)
    # "Huisarrest" occurs in lower case in the text; "Protesten" is tagged NOUN; "Rutte" stays.
    assert [e.text for e in doc.ents] == ["Rutte"]


def test_cleanup_keeps_names_inside_a_sentence() -> None:
    doc = tagged("Volgens Rutte groeit de economie.", [(1, 2, "PER")], pos={"economie": "NOUN"})
    nlp = spacy.blank("nl")
    nlp.add_pipe(ENTITY_CLEANUP_FACTORY)
    assert [e.text for e in nlp(doc).ents] == ["Rutte"]
