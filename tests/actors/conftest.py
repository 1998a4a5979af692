"""Shared helpers for the actor tests: the rule-based pipeline without the components they don't need."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kroniek.extract.collect import make_doc
from kroniek.nlp.pipeline import load_pipeline
from kroniek.records import Article

UNNEEDED = ("kroniek_dates", "kroniek_places", "kroniek_events", "kroniek_quotes")


@pytest.fixture(scope="session")
def analyse():
    nlp = load_pipeline("nl", use_model=False, disable=UNNEEDED)

    def run(text: str, published: str | None = "2020-10-05") -> Doc:
        article = Article.create(text, source="test", published=published, date_precision="day")
        return nlp(make_doc(nlp, article))

    return run
