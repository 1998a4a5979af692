"""The attributes kroniek's components assign on spaCy objects.

Registered once, here, so each component declares what it reads and assigns by name
(``assigns=["doc._.events"]``), the way spaCy's own factories do.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_ATTRIBUTES = {
    "article": None,  # records.Article, set before the pipeline runs
    "ref_date": None,  # (iso, precision): the date relative expressions are resolved against
    "dates": None,  # list[extract.dates.TimeExpression]
    "places": None,  # list[records.Place]
    "mentions": None,  # list[records.Mention]: names and roles linked to actors
    "actors": None,  # dict[str, records.Actor] of this article
    "event_mentions": None,  # list[extract.event_model.EventMention]: EventDNA-style, token offsets
    "events": None,  # list[records.Event]
    "quotes": None,  # list[records.Quote]
    "notes": None,  # list[str]: what a component could not do, said once per article
}


def register() -> None:
    for name, default in DOC_ATTRIBUTES.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Span.has_extension("actor_id"):
        Span.set_extension("actor_id", default=None)


def add_note(doc: Doc, note: str) -> None:
    if doc._.notes is None:
        doc._.notes = []
    if note not in doc._.notes:
        doc._.notes.append(note)


register()


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc.

    Why: spaCy joins every token's text on each ``doc.text`` access, and the extractors ask for
    it per record (it was most of the event stage's time).
    """
    text = doc.user_data.get("kroniek_text")
    if text is None:  # a Doc's text never changes (retokenizing keeps it), so no invalidation
        text = doc.user_data["kroniek_text"] = doc.text
    return text
