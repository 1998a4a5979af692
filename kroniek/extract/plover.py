"""PLOVER coding: the event-word lexicon (``event_words.tsv``) and the spaCy Matcher built from it.

A lexicon row is a trigger (a word or phrase -> PLOVER type, mode, EventDNA type.subtype, base
confidence), an object (a word after a trigger that sets its mode: "dreigen met vuurwapens" ->
THREATEN violence) or an ignore phrase (blocks triggers it overlaps: "aanhoudende" is no arrest).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kroniek.nlp.lexicons import read_rows, word_class
from kroniek.records import PLOVER_TYPES

#: PLOVER modes per event type (PLOVER manual, CC BY-SA 4.0). A lexicon mode outside these is an error.
PLOVER_MODES: dict[str, frozenset[str]] = {
    "CONSULT": frozenset({"visit", "third-party", "multilateral", "phone"}),
    "RETREAT": frozenset({"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
    "REQUEST": frozenset({"assist", "change", "yield", "meet"}),
    "ACCUSE": frozenset({"disapprove", "investigate", "allege"}),
    "REJECT": frozenset({"assist", "change", "yield", "meet"}),
    "THREATEN": frozenset({"restrict", "arrest", "relations", "expel", "territory", "violence"}),
    "PROTEST": frozenset({"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"}),
    "SANCTION": frozenset({"convict", "expel", "withdraw", "discontinue"}),
    "MOBILIZE": frozenset({"troops", "weapons", "police", "militia"}),
    "COERCE": frozenset(
        {
            "seize",
            "restrict",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
            "misinformation",
            "cyber",
        }
    ),
    "ASSAULT": frozenset(
        {
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        }
    ),
}


@dataclass(frozen=True, slots=True)
class LexiconRow:
    kind: str  # trigger | object | ignore
    form: str
    event: str | None
    mode: str | None
    type_ere: str | None
    weight: float
    note: str = ""


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    row: LexiconRow
    span: Span


@lru_cache(maxsize=8)
def event_lexicon(lang: str = "nl") -> tuple[LexiconRow, ...]:
    rows = []
    for fields in read_rows(lang, "event_words.tsv"):
        if fields[0] == "kind":
            continue  # the header
        kind, form, event, mode, type_ere, weight, *rest = (*fields, "", "", "", "", "", "")[:7]
        row = LexiconRow(kind, form, event or None, mode or None, type_ere or None,
                         float(weight) if weight else 0.5, rest[0] if rest else "")  # fmt: skip
        _validate(row)
        rows.append(row)
    return tuple(rows)


def _validate(row: LexiconRow) -> None:
    if row.kind not in ("trigger", "object", "ignore"):
        raise ValueError(f"event_words.tsv: unknown kind {row.kind!r} for {row.form!r}")
    if row.kind == "ignore":
        return
    if row.event not in PLOVER_TYPES:
        raise ValueError(f"event_words.tsv: {row.event!r} is not a PLOVER type ({row.form!r})")
    if row.mode and row.mode not in PLOVER_MODES.get(row.event, frozenset()):
        raise ValueError(f"event_words.tsv: {row.mode!r} is not a PLOVER mode of {row.event} ({row.form!r})")


def _token_pattern(word: str) -> dict[str, object]:
    if word.startswith("*"):
        # a compound's head: "*sanctielijst" matches "sanctielijst" and "EU-sanctielijst"
        return {"LOWER": {"REGEX": rf"^.*{re.escape(word[1:])}$"}}
    return {"LOWER": word}


class EventMatcher:
    """All lexicon matches in a Doc: triggers (longest wins, ignores removed) and objects."""

    def __init__(self, nlp: Language, lang: str = "nl") -> None:
        self.rows = event_lexicon(lang)
        self.matcher = Matcher(nlp.vocab)
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        #: one-word compound heads ("*sancties") are matched by suffix here: a REGEX pattern per
        #: row would test every token against every row and cost more than the rest of the stage
        self.suffixes: list[tuple[str, LexiconRow]] = []
        for i, row in enumerate(self.rows):
            if row.form.startswith("*") and " " not in row.form:
                self.suffixes.append((row.form[1:], row))
                continue
            if "*" in row.form:
                self.matcher.add(f"kroniek_ev_{i}", [[_token_pattern(w) for w in row.form.split()]])
            else:  # plain words: the PhraseMatcher is many times faster than token patterns
                self.phrases.add(f"kroniek_ev_{i}", [Doc(nlp.vocab, words=row.form.split())])
        self.keys = {nlp.vocab.strings[f"kroniek_ev_{i}"]: row for i, row in enumerate(self.rows)}
        self.suffix_tuple = tuple(s for s, _ in self.suffixes)
        #: one-word triggers by form, for separable verbs split over a clause (below)
        self.words = {row.form: row for row in self.rows if row.kind == "trigger" and " " not in row.form}
        self._stems: frozenset[str] | None = None

    def __call__(self, doc: Doc) -> tuple[list[LexiconMatch], list[LexiconMatch]]:
        found = [*(self.matcher(doc) if len(self.matcher) else ()), *self.phrases(doc)]
        matches = [LexiconMatch(self.keys[key], doc[s:e]) for key, s, e in found]
        for token in doc:
            low = token.lower_
            if low.endswith(self.suffix_tuple):
                matches += [
                    LexiconMatch(row, doc[token.i : token.i + 1]) for suf, row in self.suffixes if low.endswith(suf)
                ]
        matches += self._separable_verbs(doc)
        ignores = [m.span for m in matches if m.row.kind == "ignore"]
        triggers = [
            m for m in matches
            if m.row.kind == "trigger" and not any(_overlap(m.span, i) for i in ignores)
        ]  # fmt: skip
        objects = [m for m in matches if m.row.kind == "object"]
        return _longest(triggers), objects

    def _separable_verbs(self, doc: Doc) -> list[LexiconMatch]:
        """A verb whose particle stands apart ("De politie hield 151 betogers aan"): the particle
        joined to the verb's lemma is looked up as one word (aanhouden). The match is the verb
        itself, the word that carries tense and subject.

        The particle is the verb's ``compound:prt`` child; when the parse attached it elsewhere
        ("hield 151 betogers aan die ..."), a particle word at the end of the verb's clause (before
        punctuation, a clause opener or the sentence end) is taken instead.
        """
        if not doc.has_annotation("DEP"):
            return []
        particles = word_class(doc.lang_, "separable_particle")
        openers = word_class(doc.lang_, "clause_opener")
        stems = self._separable_stems(particles)
        found = []
        for verb in doc:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            # Alpino-style lemmas join the particle with "_" (aan_houden), sometimes the wrong one
            lemma = verb.lemma_.lower().rsplit("_", 1)[-1]
            if lemma not in stems:
                continue  # most verbs: no trigger is this verb with a particle
            particle = next((c for c in verb.children if c.dep_ == "compound:prt"), None)
            if particle is None:
                particle = _clause_final_particle(verb, particles, openers)
            if particle is None or particle.i == verb.i + 1:  # adjacent: the phrase rows cover it
                continue
            row = self.words.get(particle.lower_ + lemma)
            if row is not None:
                found.append(LexiconMatch(row, doc[verb.i : verb.i + 1]))
        return found

    def _separable_stems(self, particles: frozenset[str]) -> frozenset[str]:
        """The verb lemmas that some particle turns into a one-word trigger (houden: aanhouden)."""
        if self._stems is None:
            self._stems = frozenset(
                form[len(p) :] for form in self.words for p in particles if form.startswith(p) and len(form) > len(p)
            )
        return self._stems


def _clause_final_particle(verb: Token, particles: frozenset[str], openers: frozenset[str]) -> Token | None:
    """The first particle word after ``verb`` that ends its clause, if one does before another verb."""
    sent_end = verb.sent.end if verb.doc.has_annotation("SENT_START") else len(verb.doc)
    for token in verb.doc[verb.i + 1 : sent_end]:
        if token.pos_ in ("VERB", "AUX") or token.is_punct or token.lower_ in openers:
            return None
        if token.lower_ in particles and token.dep_ != "compound:prt":
            after = token.nbor(1) if token.i + 1 < sent_end else None
            if after is None or after.is_punct or after.lower_ in openers:
                return token
    return None


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _longest(matches: list[LexiconMatch]) -> list[LexiconMatch]:
    """Non-overlapping triggers; a longer phrase beats the words inside it, then the heavier row."""
    chosen: list[LexiconMatch] = []
    for m in sorted(matches, key=lambda m: (-len(m.span), -m.row.weight, m.span.start)):
        if not any(_overlap(m.span, c.span) for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.span.start)
