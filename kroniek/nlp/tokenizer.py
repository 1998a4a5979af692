"""Load-time code of the shipped Dutch model: tokenizer checks, sentence hints, entity clean-up.

Tokenization: spaCy's own Dutch tokenizer already handles what Dutch news needs (checked in
tests/nlp/test_model.py): curly quotes ‘…’ and „…” split off, hyphenated compounds such as
KGB-gevangenis and EU-sanctielijst stay one token, abbreviations (o.a., d.w.z., mr.) stay whole,
and handles (@nexta_tv) and URLs are single tokens. So no custom tokenizer is registered.

Sentences: the parser learned sentence ends from the UD treebanks, which have no line breaks
and few quotes. The component below gives it hints *before* it runs; the parser keeps preset
values (a preset start is a boundary, a preset non-start forbids one) and decides the rest:

* the first token after a line break starts a sentence (heading lines such as "Huisarrest"),
  and whitespace tokens never start one (a blank line belongs to the sentence before it);
* a closing quote right after the final full stop (``huis.’``) does not: it ends the sentence;
* the token after an opening quote, and after a colon, semicolon or comma within a line, does
  not start a sentence (``zei: ‘Iedereen moet ...’`` stays one sentence, as in UD);
* a word in lower case does not start a sentence within a line.

Entities: the CNN ner sometimes tags a lone heading word ("Knuppels") or an emoji, and can let an
entity run into the whitespace token of a blank line. ``kroniek_entity_cleanup`` runs after the
ner: it trims whitespace off entity edges, drops entities without a letter, and drops a
one-word entity that is a whole line when the tagger calls it a common word (NOUN/ADJ/VERB) or
the text uses the word in lower case elsewhere.

Importing this module registers ``kroniek_sentence_hints`` and ``kroniek_entity_cleanup``; the
shipped model's config names them, so import this module before ``spacy.load`` of
``kroniek/models/nl``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

SENTENCE_HINTS_FACTORY = "kroniek_sentence_hints"
ENTITY_CLEANUP_FACTORY = "kroniek_entity_cleanup"

FINAL = {".", "!", "?", "…", "...", "?!", "!?"}
OPENING_QUOTES = {"‘", "“", "„", "«", "‹"}
CLOSING_QUOTES = {"’", "”", "»", "›"}
AMBIGUOUS_QUOTES = {"'", '"'}
NO_BREAK_AFTER = {":", ";", ","}


@Language.component(SENTENCE_HINTS_FACTORY, assigns=["token.is_sent_start"])
def sentence_hints(doc: Doc) -> Doc:
    """Preset sentence starts after line breaks and non-starts inside quotes (see module doc)."""
    after_break = False
    for i, token in enumerate(doc):
        if i == 0:
            after_break = _breaks_line(token)
            continue
        if token.is_space:
            token.is_sent_start = False  # whitespace belongs to the sentence before it
        elif after_break:
            token.is_sent_start = True
            after_break = False
        elif _cannot_start(doc, i):
            token.is_sent_start = False
        if _breaks_line(token):
            after_break = True
    return doc


def _cannot_start(doc: Doc, i: int) -> bool:
    token, prev = doc[i], doc[i - 1]
    if not prev.whitespace_ and prev.text in FINAL and _closes_quote(token):
        return True  # "huis.’": the quote closes the sentence
    if prev.text in OPENING_QUOTES or prev.text in NO_BREAK_AFTER or _opens_quote(doc, i - 1):
        return True
    # News sentences start with a capital, a digit or a quote ('s-Gravenhage is not alpha).
    return token.is_alpha and token.text[0].islower()


def _breaks_line(token: Token) -> bool:
    return "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)


def _opens_quote(doc: Doc, i: int) -> bool:
    """A straight quote glued to the next word and not to the previous one opens a quote."""
    token = doc[i]
    if token.text not in AMBIGUOUS_QUOTES or token.whitespace_ or i + 1 >= len(doc):
        return False
    return i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].text in NO_BREAK_AFTER


def _closes_quote(token: Token) -> bool:
    return token.text in CLOSING_QUOTES or token.text in AMBIGUOUS_QUOTES


COMMON_WORD_POS = {"NOUN", "ADJ", "VERB"}


@Language.component(ENTITY_CLEANUP_FACTORY, assigns=["doc.ents"], requires=["doc.ents"])
def entity_cleanup(doc: Doc) -> Doc:
    """Trim and filter the ner's entities (see module doc)."""
    kept: list[Span] = []
    lower_words = {t.text for t in doc if t.is_lower}
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start == end or not any(c.isalpha() for c in doc[start:end].text):
            continue
        if end - start == 1 and _whole_line(doc, start) and _common_word(doc[start], lower_words):
            continue
        kept.append(ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label))
    doc.set_ents(kept, default="outside")
    return doc


def _common_word(token: Token, lower_words: set[str]) -> bool:
    # A heading word that the article also uses in lower case ("huisarrest") is not a name.
    return token.pos_ in COMMON_WORD_POS or token.text.lower() in lower_words


def _whole_line(doc: Doc, i: int) -> bool:
    """The token stands alone on its line (only whitespace before and after it)."""
    before = i == 0 or _breaks_line(doc[i - 1])
    after = i + 1 >= len(doc) or "\n" in doc[i].whitespace_ or (doc[i + 1].is_space and "\n" in doc[i + 1].text)
    return before and after
