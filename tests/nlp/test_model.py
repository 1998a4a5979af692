"""The shipped Dutch model (kroniek/models/nl): loads, has its pipes and labels, and annotates
short Dutch sentences written for these tests plausibly."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from kroniek.evaluate.nlp import load_model
from kroniek.nlp.languages import profile_for

MODEL_DIR = profile_for("nl").model_dir  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def nlp() -> Language:
    assert (MODEL_DIR / "config.cfg").exists(), "the trained model is missing: bash training/build_all.sh"
    return load_model()


def test_pipes_and_labels(nlp: Language) -> None:
    assert nlp.pipe_names == [
        "tok2vec",
        "morphologizer",
        "trainable_lemmatizer",
        "kroniek_sentence_hints",
        "parser",
        "ner",
        "kroniek_entity_cleanup",
    ]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "ORG", "LOC", "MISC"}
    assert {"nsubj", "obj", "det", "case", "obl"} <= set(nlp.get_pipe("parser").labels)


def test_model_files_stay_small() -> None:
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    assert size <= 50 * 1024 * 1024


def test_tokenizer_keeps_news_tokens_whole(nlp: Language) -> None:
    text = "Volgens o.a. @omroep_nl staat hij op de EU-sanctielijst, zie https://example.org/a-b?x=1 ‘nu’."
    tokens = [t.text for t in nlp.make_doc(text)]
    for whole in ("o.a.", "@omroep_nl", "EU-sanctielijst", "https://example.org/a-b?x=1"):
        assert whole in tokens
    assert tokens[-4:] == ["‘", "nu", "’", "."]


def test_upos_and_lemmas_of_plain_words(nlp: Language) -> None:
    doc = nlp("De minister sprak gisteren in Brussel met de boeren over nieuwe regels.")
    pos = {t.text: t.pos_ for t in doc}
    assert doc[0].pos_ == "DET"  # De
    assert pos["minister"] == "NOUN"
    assert pos["sprak"] == "VERB"
    assert pos["in"] == "ADP" and pos["met"] == "ADP"
    assert pos["Brussel"] == "PROPN"
    assert doc[-1].pos_ == "PUNCT"
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["boeren"] == "boer"
    assert lemmas["sprak"] == "spreken"
    # The subject of "sprak" is "minister".
    assert next(t for t in doc if t.dep_ == "nsubj").text == "minister"


def test_finds_a_person(nlp: Language) -> None:
    doc = nlp("Gisteren ontmoette premier Mark Rutte de burgemeester van Rotterdam.")
    ents = {(e.text, e.label_) for e in doc.ents}
    assert ("Mark Rutte", "PER") in ents
    assert ("Rotterdam", "LOC") in ents


def test_closing_quote_stays_with_its_sentence(nlp: Language) -> None:
    doc = nlp("‘We laten ons niet intimideren’, zei de burgemeester gisteren. Daarna vertrok hij naar huis.")
    sents = [s.text for s in doc.sents]
    assert sents == [
        "‘We laten ons niet intimideren’, zei de burgemeester gisteren.",
        "Daarna vertrok hij naar huis.",
    ]
    doc = nlp("De agent zei: ‘Iedereen moet naar huis.’ Toen ging de deur dicht.")
    first = next(iter(doc.sents)).text
    assert first.endswith("naar huis.’")


def test_heading_line_is_its_own_sentence(nlp: Language) -> None:
    doc = nlp("De betoging bleef rustig.\n\nArrestaties\n\nDe politie hield zaterdag tien mensen aan.")
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sents == ["De betoging bleef rustig.", "Arrestaties", "De politie hield zaterdag tien mensen aan."]


def test_seed_article_headings_stand_alone(nlp: Language, seed_article: Path) -> None:
    doc = nlp(seed_article.read_text(encoding="utf8"))
    sents = {s.text.strip() for s in doc.sents}
    assert {"Huisarrest", "Knuppels", "Vrouwen"} <= sents
