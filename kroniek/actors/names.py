"""``kroniek_names``: a rule-based name finder, the fallback when no trained NER model is loaded.

It sets ``doc.ents`` with the labels the trained model uses (PER, ORG, LOC, MISC), from
capitalisation and the word lists in ``kroniek/data/lexicons/<lang>/``:

- a name is a run of capitalised tokens, with particles inside (``Heiko van der Maas``);
  a genitive (``Loekasjenko’s``) is left to the actors component, which strips it;
- a capitalised word at the start of a sentence or quote is a name only when it is known
  (knowledge base, country, name hint, first name), starts a longer run, or is written
  capitalised mid-sentence elsewhere in the article: that keeps ``Dialoog``, ``Knuppels`` and
  sentence-initial function words out;
- compounds with a lowercase head (``KGB-gevangenis``, ``EU-ministers``) are not names;
- labels: knowledge base kind, country -> LOC, nationality adjective -> MISC, name hints,
  acronym -> ORG, known first name or two+ tokens -> PER, a single word -> PER when it is the
  surname of a person named in the article or follows a role noun (``president Poetin``), else MISC.
"""

from __future__ import annotations

from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kroniek.actors.keys import fold
from kroniek.actors.lexicon import Lexicons, load

OPENERS = {"‘", "“", "„", '"', "'", "«", "(", ":", "—", "–", "-"}
GENITIVE_ENDINGS = ("’s", "'s", "’", "'")


def strip_genitive(text: str) -> str:
    """``Loekasjenko’s`` -> ``Loekasjenko``; other text unchanged."""
    for ending in GENITIVE_ENDINGS:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)]
    return text


def is_capitalised(token: Token) -> bool:
    text = token.text
    if not text or not text[0].isupper() or not any(ch.isalpha() for ch in text):
        return False
    # a compound with a lowercase head is a common noun: KGB-gevangenis, EU-ministers
    return not ("-" in text and text.rsplit("-", 1)[1][:1].islower())


def _is_initial(doc: Doc, i: int) -> bool:
    return doc[i].is_sent_start or (i > 0 and doc[i - 1].text in OPENERS)


@Language.factory(
    "kroniek_names",
    assigns=["doc.ents"],
    default_config={"lang": "nl"},
)
def make_name_finder(nlp: Language, name: str, lang: str) -> NameFinder:
    return NameFinder(lang)


class NameFinder:
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        lex = load(self.lang)
        runs = self._runs(doc, lex)
        labelled = self._label(doc, runs, lex)
        doc.ents = filter_spans([Span(doc, s, e, label=label) for s, e, label in labelled if label])
        return doc

    def _runs(self, doc: Doc, lex: Lexicons) -> list[tuple[int, int]]:
        # Words written capitalised where capitals are not forced: evidence that they are names.
        mid_sentence = {
            fold(strip_genitive(t.text))
            for i, t in enumerate(doc)
            if is_capitalised(t) and not _is_initial(doc, i) and t.lower_ not in STOP_WORDS
        }
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(doc):
            if not is_capitalised(doc[i]) or self._never_name(doc[i], lex):
                i += 1
                continue
            j = self._extend(doc, i, lex)
            if (doc[i].lower_,) in lex.roles and j > i + 1:
                i += 1  # "Oppositieleider Maria …" at a sentence start: the role noun is not the name
                continue
            if _is_initial(doc, i):
                if doc[i].lower_ in STOP_WORDS:
                    i += 1
                    continue
                if j == i + 1 and not (
                    self._known(strip_genitive(doc[i].text), lex) or fold(strip_genitive(doc[i].text)) in mid_sentence
                ):
                    i += 1
                    continue
            runs.extend(self._split(doc, i, j, lex))
            i = j
        return runs

    def _never_name(self, token: Token, lex: Lexicons) -> bool:
        return lex.hints.get(token.lower_) == "NONE"

    def _extend(self, doc: Doc, i: int, lex: Lexicons) -> int:
        j = i + 1
        while j < len(doc):
            token = doc[j]
            if token.is_sent_start or (doc[j - 1].whitespace_ == "" and doc[j - 1].text in GENITIVE_ENDINGS):
                break
            if is_capitalised(token) and not self._never_name(token, lex):
                if doc[j - 1].text.endswith(GENITIVE_ENDINGS):
                    break  # Loekasjenko’s Minsk: the genitive ends the name
                j += 1
                continue
            k = j
            while k < len(doc) and lex.hints.get(doc[k].text) == "PARTICLE":
                k += 1
            # "van" glues a name together (Van der Bellen) but not a name to a place (Poetin van Rusland)
            if k > j and k < len(doc) and is_capitalised(doc[k]) and not doc[k].is_sent_start:
                nxt, so_far = doc[k].text, fold(doc[i:j].text)
                if (
                    fold(nxt) in lex.countries
                    or lex.hints.get(nxt) == "LOC"
                    or nxt.lower() in lex.nationalities
                    or so_far in lex.countries
                    or so_far in lex.kb_by_alias
                ):
                    break
                j = k + 1
                continue
            break
        return j

    def _split(self, doc: Doc, i: int, j: int, lex: Lexicons) -> list[tuple[int, int]]:
        """Split a run of names written next to each other (``president Poetin Loekasjenko``)."""
        if j - i < 2 or fold(doc[i:j].text) in lex.kb_by_alias:
            return [(i, j)]
        for k in range(i + 1, j):
            head, tail = lex.kb_by_alias.get(fold(doc[i:k].text)), lex.kb_by_alias.get(fold(doc[k:j].text))
            if head is not None and tail is not None and head.id != tail.id:
                return [(i, k), (k, j)]
            # "Binnenlandse Zaken Joeri Karajev": an institution, then a person's first name
            if doc[k].text in lex.first_names and any(lex.hints.get(t.text) == "ORG" for t in doc[i:k]):
                return [(i, k), *self._split(doc, k, j, lex)]
        return [(i, j)]

    def _known(self, text: str, lex: Lexicons) -> bool:
        key = fold(text)
        return (
            key in lex.kb_by_alias
            or key in lex.countries
            or text in lex.hints
            or text.lower() in lex.nationalities
            or text in lex.first_names
        )

    def _label(self, doc: Doc, runs: list[tuple[int, int]], lex: Lexicons) -> list[tuple[int, int, str]]:
        labels = [self._label_one(doc[s:e], lex) for s, e in runs]
        # Single words left open: the surname of a person named in full, or a name after a role noun.
        surnames = {
            fold(strip_genitive(doc[e - 1].text))
            for (s, e), lab in zip(runs, labels, strict=True)
            if lab == "PER" and e - s > 1
        }
        out = []
        for (s, e), label in zip(runs, labels, strict=True):
            if label is None:
                after_role = s > 0 and (doc[s - 1].lower_,) in lex.roles
                label = "PER" if fold(strip_genitive(doc[s:e].text)) in surnames or after_role else "MISC"
            out.append((s, e, label))
        return out

    def _label_one(self, span: Span, lex: Lexicons) -> str | None:
        text = strip_genitive(span.text)
        key = fold(text)
        kb = lex.kb_by_alias.get(key)
        if kb is not None:
            return "LOC" if key in kb.place_aliases else kb.kind
        if key in lex.countries:
            return "LOC"
        if len(span) == 1 and text.lower() in lex.nationalities:
            return "MISC"
        hints = [lex.hints.get(strip_genitive(t.text)) for t in span]
        if "ORG" in hints:
            return "ORG"
        if len(span) <= 2 and hints[-1] in ("LOC", "MISC"):
            return hints[-1]
        if len(span) == 1 and text.isupper() and len(text) >= 2 and text.isalpha():
            return "ORG"
        if strip_genitive(span[0].text) in lex.first_names or len(span) >= 2:
            return "PER"
        return None
