"""Rule-based sentence boundaries for news text, used when no trained parser is loaded.

Why not spaCy's plain sentencizer: news text has heading lines without final punctuation and
quotes that close after the full stop (``…nemen.’ zei ze``), and both need their own rule.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FINAL = {".", "!", "?", "…"}
CLOSING_QUOTES = {"’", "'", "”", '"', "»"}


@Language.component("kroniek_sentences", assigns=["token.is_sent_start"])
def split_sentences(doc: Doc) -> Doc:
    if not len(doc):
        return doc
    doc[0].is_sent_start = True
    start_next = False
    for i, token in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            start_next = True
        if start_next and not token.is_space:
            token.is_sent_start = True
            start_next = False
        else:
            token.is_sent_start = False
        if token.text in FINAL or (token.text in CLOSING_QUOTES and prev.text in FINAL):
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if nxt is not None and nxt.text in CLOSING_QUOTES and token.text in FINAL:
                continue  # the quote closes after the full stop; the boundary comes after it
            if nxt is not None and (
                nxt.is_title
                or nxt.is_upper
                or nxt.text in {"‘", "“", "„", '"', "'", "«"}
                or nxt.is_digit
                or nxt.is_space
            ):
                start_next = True
    return doc
