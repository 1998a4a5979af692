"""``kroniek_quotes``: who said what, in direct and indirect speech.

Rules (speech verbs from ``speech_verbs.tsv``, pronouns from ``pronouns.tsv``):

- **Direct quotes** are text between quote marks (‘…’, '…', “…”, "…", „…”, «…»), on one line, of
  three words or more unless a speech frame is attached (shorter ones are scare quotes:
  ``en ‘taaier’ te zijn``). A ’ followed by a letter is an apostrophe (``Loekasjenko’s``).
- **Frames.** After the quote: ``’, zei X`` / ``’, aldus X`` (X right after the verb, possibly
  after a determiner; a pronoun is resolved to the last fitting person before the quote).
  Before it: ``X zei onlangs: ‘…’`` (the subject next to the verb in the clause before the colon).
- **Interrupted quotes** (``‘Dialoog’, zei ze, ‘vindt …’``) are one quote: its start and end
  cover both parts, its text is the parts joined by a space.
- **Continuation.** A quote without a frame takes the speaker of an attributed quote in the same
  or previous sentence (``…, schreef X op Telegram. ‘Dit is …’``) or of a following
  ``Dat zei X`` sentence.
- **Indirect speech**: ``X zei maandag dat …``, ``X liet weten dat …``, ``vroeg hij Y om …``
  (the complements per verb come from the lexicon) and ``volgens X …``; the quoted text runs from
  the complement to the end of the sentence.
- **Embedded tweets**: a line ``… — NAME (@handle) 11 oktober 2020`` is a quote of NAME dated by
  the date on the line.
- A speaker is never guessed: no actor next to the verb means ``speaker=None``.

Dates come from ``kroniek.extract.dates.date_for_span`` at the speech verb (``zei maandag``),
else the article's published date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Token

from kroniek.actors.component import entity_ref, resolve_pronoun
from kroniek.actors.keys import fold
from kroniek.actors.lexicon import KBActor, load
from kroniek.extract.collect import sentence_index
from kroniek.nlp.extensions import text_of
from kroniek.nlp.lexicons import read_rows, read_table, word_class
from kroniek.records import EntityRef, Mention, Quote, record_id

#: opening mark -> the marks that may close it
PAIRS = {"‘": "’", "“": "”", "„": "”“", "«": "»", "»": "«", '"': '"', "'": "'"}
MAX_QUOTE_CHARS = 2000
MIN_FREE_WORDS = 3  # shorter quotes without a frame are scare quotes
MAX_HEADLINE_WORDS = 6  # "Trump in Davos: ‘…’": a short verbless lead-in before the colon
TWEET = re.compile(
    r"^(?P<body>[^\n]+?)\s+[—–-]\s+(?P<name>[^\n(]+?)\s+\(@(?P<handle>\w+)\)\s+"
    r"(?P<date>\d{1,2}\s+\w+\s+\d{4})[ \t]*$",
    re.MULTILINE,
)
LINK = re.compile(r"\s*(pic\.twitter\.com/\S+|https?://\S+)\s*$")


@dataclass
class _Verb:
    form: str
    lemma: str
    kind: str
    complements: frozenset[str]
    second: str | None = None


@dataclass
class _Region:
    """One stretch of quoted text (or several, for an interrupted quote)."""

    parts: list[tuple[int, int]]  # (start, end) of the quoted text, without the marks
    outer_end: int  # after the closing mark of the last part
    speaker: EntityRef | None = None
    verb: str | None = None
    verb_span: tuple[int, int] | None = None
    frame_end: int | None = None
    confidence: float = 0.5
    how: str = ""
    date: tuple[str | None, str | None] | None = None  # a continuation takes its source's date

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


@Language.factory(
    "kroniek_quotes",
    assigns=["doc._.quotes"],
    requires=["doc._.mentions"],
    default_config={"lang": "nl"},
)
def make_quote_finder(nlp: Language, name: str, lang: str) -> QuoteFinder:
    return QuoteFinder(lang)


class QuoteFinder:
    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.articles = word_class(lang, "article")
        self.possessives = word_class(lang, "possessive")
        self.adverbs = word_class(lang, "speech_adverb")
        self.speaker_preps = word_class(lang, "speaker_preposition")
        self.subject_pronouns = word_class(lang, "subject_pronoun")
        self.verbs: dict[str, list[_Verb]] = {}
        for row in read_table(lang, "speech_verbs.tsv"):
            first, _, second = row["form"].partition("+")
            comps = frozenset(c for c in row["complements"].split(",") if c)
            verb = _Verb(row["form"].replace("+", " "), row["lemma"], row["kind"], comps, second or None)
            self.verbs.setdefault(first.lower(), []).append(verb)
        self.lex = load(lang)
        self.pronouns = self.lex.pronouns
        self.months = _month_words(lang)
        self.speaker_nouns = {row["noun"]: row for row in read_table(lang, "speaker_nouns.tsv")}

    def __call__(self, doc: Doc) -> Doc:
        if doc._.mentions is None:
            doc._.mentions = []
        text = text_of(doc)
        tweets = self._tweets(doc)
        tweet_lines = [(q.start, q.end) for q in tweets]
        regions = [r for r in self._regions(text) if not _inside(r[0], tweet_lines)]
        quoted = [(s - 1, outer) for s, _, outer in regions] + tweet_lines
        indirect = self._indirect(doc, quoted)
        taken = quoted + [(q.start, q.end) for q in indirect]
        indirect += self._reported(doc, taken)
        merged = self._attribute_direct(doc, regions, indirect)
        direct = [self._quote(doc, r, "direct") for r in merged if r is not None]
        for quote in direct:
            if quote.speaker is None:
                # a quoted fragment inside reported speech (‘… dat de regering ‘bewijzen heeft’ …’)
                # is the words of that speech's speaker
                outer = next((q for q in indirect if q.speaker and q.start <= quote.start and quote.end <= q.end), None)
                if outer is not None:
                    quote.speaker, quote.speech_verb, quote.confidence = outer.speaker, outer.speech_verb, 0.6
        quotes = tweets + indirect + direct
        quotes.sort(key=lambda q: q.start)
        doc._.quotes = quotes
        return doc

    # -- direct quotes ----------------------------------------------------------------------

    def _regions(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, outer_end) of each quoted stretch, outermost only."""
        out = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch in PAIRS and self._opens(text, i):
                close = self._closing(text, i)
                if close is not None:
                    out.append((i + 1, close, close + 1))
                    i = close + 1
                    continue
            i += 1
        return out

    @staticmethod
    def _opens(text: str, i: int) -> bool:
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        prev = text[i - 1] if i > 0 else " "
        if not nxt or nxt.isspace():
            return False
        if ch in "'\"":
            # straight marks open only after a space or bracket; 's and 't are Dutch elisions
            if not (prev.isspace() or prev in "([:—–"):
                return False
            if ch == "'" and re.match(r"'[st]\b", text[i : i + 3]):
                return False
        return True

    @staticmethod
    def _closing(text: str, i: int) -> int | None:
        closers = PAIRS[text[i]]
        limit = min(len(text), i + MAX_QUOTE_CHARS)
        for j in range(i + 1, limit):
            ch = text[j]
            if ch == "\n":
                return None
            if ch not in closers or text[j - 1].isspace():
                continue
            nxt = text[j + 1] if j + 1 < len(text) else ""
            if ch in "’'" and nxt.isalpha():
                continue  # an apostrophe: Loekasjenko’s
            return j
        return None

    def _attribute_direct(
        self, doc: Doc, raw: list[tuple[int, int, int]], indirect: list[Quote]
    ) -> list[_Region | None]:
        text = text_of(doc)
        regions: list[_Region] = []
        skip = [(s, e) for s, e, _ in raw]
        for start, end, outer in raw:
            region = _Region(parts=[(start, end)], outer_end=outer)
            prev = regions[-1] if regions else None
            # interrupted: ‘Dialoog’, zei ze, ‘vindt …’ — the previous part's frame ends in a comma
            if (
                prev is not None
                and prev.frame_end is not None
                and re.fullmatch(r"\s*,\s*", text[prev.frame_end : start - 1])
            ):
                prev.parts.append((start, end))
                prev.outer_end = outer
                continue
            (self._after(doc, region, skip) or self._before(doc, region, skip) or self._inline(doc, region, skip))
            regions.append(region)
        out: list[_Region | None] = []
        for i, region in enumerate(regions):
            if region.speaker is None and region.verb is None:
                words = sum(len(text[s:e].split()) for s, e in region.parts)
                if words < MIN_FREE_WORDS:
                    out.append(None)
                    continue
                earlier = [
                    (r.end, r.speaker, r.verb, r.verb_span, None) for r in regions[:i] if r.speaker is not None
                ] + [
                    (q.end, q.speaker, q.speech_verb, None, (q.date, q.date_precision))
                    for q in indirect
                    if q.speaker is not None
                ]
                earlier = sorted((e for e in earlier if e[0] <= region.start), key=lambda e: e[0])
                self._continuation(doc, region, earlier)
            out.append(region)
        return out

    def _after(self, doc: Doc, region: _Region, skip: list[tuple[int, int]]) -> bool:
        """``’, zei X`` after the closing mark."""
        text = text_of(doc)
        m = re.compile(r"[ \t]*,?[ \t]*").match(text, region.outer_end)
        pos = m.end() if m else region.outer_end
        token = _token_at(doc, pos)
        if token is None:
            return False
        verb = self._verb_at(doc, token)
        if verb is None:
            return False
        verb_end = token.i + 1
        region.verb, region.verb_span = verb.form, (token.idx, token.idx + len(token))
        speaker, how = self._subject_after(doc, verb_end, _sentence_end(doc, token), skip)
        region.speaker = speaker
        region.how = how
        region.confidence = {"name": 0.9, "pronoun": 0.75}.get(how, 0.5)
        region.frame_end = self._frame_end(doc, token, speaker)
        return True

    def _frame_end(self, doc: Doc, verb: Token, speaker: EntityRef | None) -> int:
        """Where the frame ends: after the speaker, or after a pronoun / the verb."""
        end = verb.idx + len(verb)
        nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        if speaker is not None and speaker.end is not None and speaker.start is not None and speaker.start >= end:
            end = speaker.end
        elif nxt is not None and nxt.lower_ in self.pronouns:
            end = nxt.idx + len(nxt)
        return end

    def _before(self, doc: Doc, region: _Region, skip: list[tuple[int, int]]) -> bool:
        """``X zei onlangs in de media: ‘…’``: a colon right before the opening mark."""
        text = text_of(doc)
        opening = region.start - 1
        before = text[:opening].rstrip(" \t")
        if not before.endswith(":"):
            return False
        colon = len(before) - 1
        token = _token_at(doc, colon)
        if token is None:
            return False
        sent = token.sent if doc.has_annotation("SENT_START") else doc[:]
        clause_start = max([sent.start_char] + [e for s, e in skip if e <= colon])
        for tok in doc.char_span(clause_start, colon, alignment_mode="expand") or []:
            verb = self._verb_at(doc, tok)
            if verb is None:
                continue
            speaker, how = self._subject(doc, tok, clause_start, colon, skip)
            region.verb, region.verb_span = verb.form, (tok.idx, tok.idx + len(tok))
            region.speaker, region.how = speaker, how
            region.confidence = {"name": 0.85, "pronoun": 0.7}.get(how, 0.5)
            return True
        return self._headline(doc, region, clause_start, colon)

    def _headline(self, doc: Doc, region: _Region, lo: int, colon: int) -> bool:
        """``Trump in Davos: ‘…’``, ``Peeters over Arco: ‘…’``: a short lead-in without a verb that
        opens with a name, at the start of a line or sentence (headline style), names the speaker."""
        line_start = text_of(doc).rfind("\n", 0, colon) + 1
        lo = max(lo, line_start)
        span = doc.char_span(lo, colon, alignment_mode="expand")
        if span is None or not len(span) or len(span) > MAX_HEADLINE_WORDS:
            return False
        if any(t.pos_ in ("VERB", "AUX") or self._verb_at(doc, t) is not None for t in span):
            return False
        first = span[0]
        mention = next((m for m in doc._.mentions or () if m.start == first.idx and m.label in ("PER", "ORG")), None)
        speaker = entity_ref(doc, mention) if mention is not None else self._name_ref(doc, first)
        if speaker is None:
            return False
        region.speaker, region.how, region.confidence = speaker, "headline", 0.7
        region.verb, region.verb_span = ":", (colon, colon + 1)
        return True

    def _inline(self, doc: Doc, region: _Region, skip: list[tuple[int, int]]) -> bool:
        """``Belarus noemde de sancties ‘een economische oorlog’``, ``Lungu zei dat de regering
        ‘bewijzen heeft …’``: a speech verb earlier in the same sentence, no other quote between;
        its subject is the speaker. Only for quotes of three words or more (shorter ones are
        scare quotes or single words the writer borrows)."""
        if len(text_of(doc)[region.start : region.end].split()) < MIN_FREE_WORDS:
            return False
        opening = region.start - 1
        token = _token_at(doc, opening)
        if token is None or not doc.has_annotation("SENT_START"):
            return False
        sent = token.sent
        lo = max([sent.start_char] + [e + 1 for s, e in skip if e < opening])
        verbs = [t for t in doc[sent.start : token.i] if t.idx >= lo and self._reporting(doc, t)]
        for verb_tok in reversed(verbs):
            speaker, how = self._subject(doc, verb_tok, lo, opening, skip)
            if speaker is None:
                continue
            region.speaker, region.how = speaker, how
            region.verb = self._verb_at(doc, verb_tok).form  # type: ignore[union-attr]
            region.verb_span = (verb_tok.idx, verb_tok.idx + len(verb_tok))
            region.confidence = 0.7
            return True
        return False

    def _same_subject(self, doc: Doc, token: Token, speaker: EntityRef | None) -> bool:
        """Whether the sentence of ``token`` opens with a pronoun or mention of ``speaker``."""
        if speaker is None or speaker.identifier_id is None:
            return False
        first = next((t for t in token.sent if not t.is_space), token)
        if first.lower_ in self.pronouns and self._is_subject_pronoun(first):
            mention = resolve_pronoun(doc, first.idx)
        else:
            mention = next((m for m in doc._.mentions or () if m.start == first.idx), None)
        return mention is not None and mention.actor_id == speaker.identifier_id

    def _continuation(
        self,
        doc: Doc,
        region: _Region,
        earlier: list[tuple[int, EntityRef | None, str | None, tuple[int, int] | None, tuple | None]],
    ) -> None:
        """A quote without a frame: the speaker of the quote just before, or of ``Dat zei X``."""
        sent = sentence_index(doc, region.start)
        opening = _token_at(doc, region.start - 1)
        standalone = opening is None or not doc.has_annotation("SENT_START") or opening.i == opening.sent.start
        # a quote inside a sentence of its own continues the one before only when that sentence's
        # subject is the same speaker ("Ze sloot … niet uit, maar alleen ‘…’"), not when it names
        # another ("De regering beschuldigde Belgrado van ‘…’")
        if earlier and not standalone and not self._same_subject(doc, opening, earlier[-1][1]):  # type: ignore[arg-type]
            earlier = []
        if earlier and sentence_index(doc, max(0, earlier[-1][0] - 1)) >= sent - 1:
            _, region.speaker, region.verb, region.verb_span, region.date = earlier[-1]
            region.confidence, region.how = 0.6, "continuation"
            return
        # ‘…’ Dat zei X zondag.
        m = re.compile(r"\s*(Dat|Dit|Zo)\s+").match(text_of(doc), region.outer_end)
        token = _token_at(doc, m.end()) if m else None
        verb = self._verb_at(doc, token) if token is not None else None
        if token is not None and verb is not None:
            speaker, how = self._subject_after(doc, token.i + 1, _sentence_end(doc, token), [])
            if speaker is not None:
                region.speaker, region.verb, region.verb_span = speaker, verb.form, (token.idx, token.idx + len(token))
                region.confidence, region.how = 0.8, how

    # -- indirect speech --------------------------------------------------------------------

    def _indirect(self, doc: Doc, quoted: list[tuple[int, int]]) -> list[Quote]:
        out = []
        for token in doc:
            if _inside(token.idx, quoted):
                continue
            verb = self._verb_at(doc, token)
            if verb is None:
                continue
            sent_end = _sentence_end(doc, token)
            if verb.lemma == "volgens":
                quote = self._volgens(doc, token, sent_end, quoted)
            else:
                quote = self._complement(doc, token, verb, sent_end, quoted)
            if quote is not None:
                out.append(quote)
        return out

    def _complement(self, doc: Doc, token: Token, verb: _Verb, sent_end: int, quoted: list[tuple[int, int]]):
        if not verb.complements:
            return None
        last = token.i
        if verb.second is not None:
            last = next((t.i for t in doc[token.i + 1 : min(sent_end, token.i + 7)] if t.lower_ == verb.second), -1)
            if last < 0:
                return None
        comp = None
        for t in doc[last + 1 : min(sent_end, last + 10)]:
            if t.lower_ in verb.complements:
                comp = t
                break
            if t.is_punct and t.text != ",":
                break
        if comp is None or comp.i + 1 >= sent_end:
            return None
        body = doc[comp.i + 1 : sent_end]
        start, end = body.start_char, body.end_char
        end = _trim_end(text_of(doc), start, end, quoted)
        if end - start < 3:
            return None
        sent = token.sent if doc.has_annotation("SENT_START") else doc[:]
        speaker, how = self._subject(doc, token, sent.start_char, comp.idx, quoted)
        region = _Region(parts=[(start, end)], outer_end=end, speaker=speaker, how=how)
        region.verb = token.text if verb.second is None else f"{token.text} {doc[last].text}"
        region.verb_span = (token.idx, token.idx + len(token))
        region.confidence = {"name": 0.75, "pronoun": 0.65}.get(how, 0.4)
        return self._quote(doc, region, "indirect")

    def _reported(self, doc: Doc, taken: list[tuple[int, int]]) -> list[Quote]:
        """Unmarked reported speech with the frame after it.

        ``… kritisch, zegt hartchirurg X.``: a sentence-final frame ``, VERB [det] [role] NAME`` makes
        the sentence before the comma an indirect quote; ``Dat zegt X.`` / ``Dat heeft X
        bekendgemaakt.`` makes the previous sentence one. Only verbs that report speech
        (lexicon kind ``say``/``report``, and ``aldus``), and only when the speaker is found.
        """
        if not doc.has_annotation("SENT_START"):
            return []
        out: list[Quote] = []
        sents = list(doc.sents)
        for i, sent in enumerate(sents):
            if _inside(sent.start_char, taken):
                continue
            words = [t for t in sent if not t.is_space]
            if not words:
                continue
            # "Dat zegt X." / "Dat heeft X vrijdag bekendgemaakt."
            if words[0].lower_ in ("dat", "dit", "zo") and i > 0 and len(words) > 2:
                verb_tok = next((t for t in words[1:8] if self._reporting(doc, t)), None)
                prev = sents[i - 1]
                if verb_tok is not None and not _inside(prev.start_char, taken) and len(prev.text.split()) >= 3:
                    speaker, how = self._subject_after(doc, words[1].i + (words[1].i == verb_tok.i), sent.end, taken)
                    if speaker is None and verb_tok.i != words[1].i:
                        speaker, how = self._subject_after(doc, words[2].i, verb_tok.i, taken)
                    if speaker is not None:
                        end = _trim_end(text_of(doc), prev.start_char, prev.end_char, [])
                        out.append(self._reported_quote(doc, prev.start_char, end, speaker, how, verb_tok))
                continue
            # "…, zegt X." at the end of the sentence
            for k, tok in enumerate(words[:-2]):
                if tok.text != "," or k < 2:
                    continue
                verb_tok = words[k + 1]
                if verb_tok.lower_ == "zo":  # "…, zo stelt de Liga voor Mensenrechten."
                    verb_tok = words[k + 2]
                if not self._reporting(doc, verb_tok):
                    continue
                speaker, how = self._subject_after(doc, verb_tok.i + 1, sent.end, taken)
                if speaker is None:
                    continue
                start = words[0].idx
                if _inside(start, taken):
                    break
                end = _trim_end(text_of(doc), start, tok.idx, [])
                out.append(self._reported_quote(doc, start, end, speaker, how, verb_tok))
                break
        return out

    def _reporting(self, doc: Doc, token: Token) -> bool:
        verb = self._verb_at(doc, token)
        return verb is not None and verb.second is None and verb.lemma != "volgens"

    def _reported_quote(self, doc: Doc, start: int, end: int, speaker: EntityRef, how: str, verb: Token) -> Quote:
        region = _Region(parts=[(start, end)], outer_end=end, speaker=speaker, how=how)
        region.verb, region.verb_span = verb.text, (verb.idx, verb.idx + len(verb))
        region.confidence = 0.6
        return self._quote(doc, region, "indirect")

    def _volgens(self, doc: Doc, token: Token, sent_end: int, quoted: list[tuple[int, int]]):
        """``Volgens X is …`` / ``…, volgens X.`` / ``… beslist het kabinet volgens haar pas …``.

        X is a name, a pronoun (``volgens haar``) or a speaker without a name (``volgens het
        ministerie in Den Haag``, ``volgens zijn advocaat``). At the start of a sentence the quote
        is what follows X; elsewhere, the clause before ``volgens`` (from the sentence start or a
        colon)."""
        sent = token.sent if doc.has_annotation("SENT_START") else doc[:]
        nxt = doc[token.i + 1] if token.i + 1 < sent_end else None
        if nxt is None:
            return None
        mentions = doc._.mentions or []
        after = [m for m in mentions if token.idx < m.start <= token.idx + len(token) + 12]
        between = text_of(doc)[token.idx + len(token) : after[0].start].split() if after else ["-"]
        speaker: EntityRef | None = None
        how = "name"
        if after and all(w.lower() in self.articles for w in between):
            mention = _prefer_name(doc, after[0], after[0].start, sent.end_char)
            speaker = self._mention_ref(doc, after[0], token.i + 1, sent_end)
            x_end = max(after[0].end, mention.end, (speaker.end or 0) if speaker else 0)
        else:
            speaker, how = self._role_speaker(doc, token.i + 1, sent_end)  # "volgens zijn advocaat"
            x_end = speaker.end or 0 if speaker is not None else 0
            if speaker is None and nxt.lower_ in self.pronouns and nxt.lower_ not in {"ze", "zij", "hij"}:
                mention = resolve_pronoun(doc, nxt.idx, skip=quoted)  # "volgens haar"
                speaker, how, x_end = (entity_ref(doc, mention) if mention else None), "pronoun", nxt.idx + len(nxt)
        if speaker is None:
            return None
        if token.i == sent.start:
            start = x_end
            while start < len(text_of(doc)) and text_of(doc)[start] in " ,":
                start += 1
            end = _trim_end(text_of(doc), start, doc[sent_end - 1].idx + len(doc[sent_end - 1]), quoted)
        else:
            start = max(sent.start_char, text_of(doc).rfind(":", sent.start_char, token.idx) + 1)
            while start < token.idx and text_of(doc)[start].isspace():
                start += 1
            end = token.idx
            while end > start and text_of(doc)[end - 1] in " ,":
                end -= 1
        if end - start < 3 or _inside(start, quoted):
            return None
        region = _Region(parts=[(start, end)], outer_end=end, speaker=speaker, how=how)
        region.verb, region.verb_span, region.confidence = token.text, (token.idx, token.idx + len(token)), 0.7
        return self._quote(doc, region, "indirect")

    # -- speakers -----------------------------------------------------------------------------

    def _subject_after(self, doc: Doc, i: int, limit: int, skip: list[tuple[int, int]]) -> tuple[EntityRef | None, str]:
        """The subject right after a speech verb: a pronoun, a name after optional determiners, or
        a speaker without a name (``meldt het ministerie van Binnenlandse Zaken``)."""
        adverbs = 0
        while i < limit and adverbs < 3 and doc[i].lower_ in self.adverbs:
            i, adverbs = i + 1, adverbs + 1
        det_i = i
        while i < limit and doc[i].lower_ in self.articles:
            i += 1
        if i >= limit:
            return None, ""
        token = doc[i]
        mentions = doc._.mentions or ()
        if token.is_lower and token.lower_ not in self.pronouns and not any(m.start == token.idx for m in mentions):
            # up to two lower-case role words before a name: "zei studente Nino Beridze"
            for j in range(i + 1, min(limit, i + 3)):
                if doc[j - 1].lower_ in STOP_WORDS:
                    break  # "waarschuwde dat Rusland …": Rusland is the subject of the clause after "dat"
                if any(m.start == doc[j].idx for m in mentions):
                    token = doc[j]
                    break
                if not doc[j].is_lower or doc[j].is_punct:
                    break
        if token.lower_ in self.pronouns and self._is_subject_pronoun(token):
            mention = resolve_pronoun(doc, token.idx, skip=skip)
            return (entity_ref(doc, mention), "pronoun") if mention is not None else (None, "")
        mention = next((m for m in mentions if m.start == token.idx), None)
        if mention is not None:
            return self._mention_ref(doc, mention, det_i, limit), "name"
        if token.text[:1].isupper():
            ref = self._name_ref(doc, token)
            if ref is not None:
                return ref, "name"
        return self._role_speaker(doc, det_i, limit)

    def _mention_ref(self, doc: Doc, mention: Mention, det_i: int, limit: int) -> EntityRef | None:
        """The speaker a mention names: a role's holder named in the frame, a name completed from
        the knowledge base (the tagger's ``Svetlana`` of ``Svetlana Tichanovskaja``), the one a
        spokesperson speaks for, or an unnamed role with its apposition (``het kabinet Justitie``)."""
        hi = doc[limit - 1].idx if limit > 0 else mention.end
        preferred = _prefer_name(doc, mention, mention.start, hi)
        if preferred.label == "PER":
            return self._completed(doc, preferred) or entity_ref(doc, preferred)
        if preferred.label != "ROLE" or preferred is not mention:
            return entity_ref(doc, preferred)
        ref = entity_ref(doc, mention)
        actor = (doc._.actors or {}).get(mention.actor_id or "")
        if actor is not None and actor.kind == "PER" and actor.canonical != mention.text:
            return ref  # a role resolved to its holder: "de Amerikaanse president" -> Trump
        phrase = self._role_speaker(doc, det_i, limit)[0]
        if phrase is None:
            # "een woordvoerder" with no one to speak for: an unnamed person, no speaker
            head = text_of(doc)[mention.start : mention.end].split()[-1].lower()
            row = self.speaker_nouns.get(head)
            if row is not None and row["spokes"] == "1" and doc[det_i].lower_ == "een":
                return None
            return ref
        if phrase.identifier_id is not None or (phrase.end or 0) > mention.end:
            if phrase.identifier_id is None:
                return replace(ref, entity_text=phrase.entity_text, end=phrase.end)
            return phrase
        return ref

    def _completed(self, doc: Doc, mention: Mention) -> EntityRef | None:
        """A person's name the tagger cut short, completed by the capitalised words after it when the
        whole is a knowledge-base name."""
        after = doc.char_span(mention.end, min(len(text_of(doc)), mention.end + 60), alignment_mode="expand")
        if after is None:
            return None
        words = [mention.text]
        for tok in after[:2]:
            if not (tok.is_alpha and tok.text[:1].isupper()):
                break
            words.append(tok.text)
            actor = self.lex.kb_by_alias.get(fold(" ".join(words)))
            if actor is not None and actor.kind == "PER":
                return self._kb_ref(doc, actor, mention.start, tok.idx + len(tok))
        return None

    def _kb_ref(self, doc: Doc, actor: KBActor, start: int, end: int) -> EntityRef:
        # the article's own id for that actor, when another mention already links it
        known = next((m for m in doc._.mentions or () if m.actor_id == actor.id), None)
        if known is not None:
            return replace(entity_ref(doc, known), entity_text=text_of(doc)[start:end], start=start, end=end)
        return EntityRef(
            entity_text=text_of(doc)[start:end],
            code=actor.code,
            sector=actor.sector,
            identifier_id=actor.id,
            identifier_text=actor.canonical,
            start=start,
            end=end,
        )

    def _name_ref(self, doc: Doc, token: Token) -> EntityRef | None:
        """A capitalised word the tagger did not mark, when it is a name the article or the
        knowledge base knows: a knowledge-base name (``zei Tichanovskaja``), the surname of a person
        named in the article (``Lungu zei``) or a country (``Belarus noemde``)."""
        run = [token]
        while len(run) < 3 and run[-1].i + 1 < len(doc):
            nxt = doc[run[-1].i + 1]
            if not (nxt.is_alpha and nxt.text[:1].isupper()):
                break
            run.append(nxt)
        for n in range(len(run), 0, -1):
            start, end = run[0].idx, run[n - 1].idx + len(run[n - 1])
            text = text_of(doc)[start:end]
            key = fold(text)
            actor = self.lex.kb_by_alias.get(key)
            if actor is not None and actor.kind in ("PER", "ORG"):
                return self._kb_ref(doc, actor, start, end)
            people = [
                m for m in doc._.mentions or ()
                if m.label == "PER" and len(m.text.split()) > n and fold(" ".join(m.text.split()[-n:])) == key
            ]  # fmt: skip
            if people:
                near = min(people, key=lambda m: abs(m.start - start))
                return replace(entity_ref(doc, near), entity_text=text, start=start, end=end)
            code = self.lex.countries.get(key)
            if code is not None:
                return EntityRef(
                    entity_text=text,
                    code=code,
                    sector="GOV",  # a country that speaks is its government
                    identifier_id="kroniek:country-" + code.lower(),
                    identifier_text=text,
                    start=start,
                    end=end,
                )
        return None

    def _speaker_noun(self, word: str) -> dict[str, str] | None:
        """The speaker-noun row of a word or of the end of a compound (``douane-autoriteit``)."""
        low = word.lower()
        row = self.speaker_nouns.get(low)
        if row is not None:
            return row
        ends = [n for n in self.speaker_nouns if len(n) >= 4 and low.endswith(n) and len(low) - len(n) >= 3]
        return self.speaker_nouns[max(ends, key=len)] if ends else None

    def _role_speaker(self, doc: Doc, i: int, limit: int) -> tuple[EntityRef | None, str]:
        """A speaker without a name: ``het ministerie van Binnenlandse Zaken``, ``de Chinese
        douane-autoriteit``, ``de procureur``, ``de Liga voor Mensenrechten``, ``zijn advocaat``;
        for a spokesperson the one spoken for (``een woordvoerder van de bond`` -> the union)."""
        if i < limit and doc[i].lower_ in self.articles | self.possessives:
            i += 1
        code = None
        j = i
        while j < limit and j - i < 3 and doc[j].is_alpha:
            if j + 1 >= limit or doc[j + 1].is_punct or doc[j + 1].lower_ in STOP_WORDS:
                break  # nothing after it to modify: this is the noun ("het ministerie van …")
            word = doc[j].lower_
            nat = self.lex.nationalities.get(word)  # "de Servische delegatie"
            # an inflected adjective; capitalised only when it is one of nationality ("Servische")
            adjective = word.endswith("e") and doc[j].pos_ in ("ADJ", "")
            if nat is None and not (adjective and (doc[j].is_lower or word.endswith(("se", "sche")))):
                break
            code = code or nat
            j += 1
        if j >= limit or not (doc[j].is_alpha or "-" in doc[j].text):
            return None, ""
        head = doc[j]
        row = self._speaker_noun(head.text)
        end = j + 1
        # an apposition or proper name after the noun: "het kabinet Justitie", "de vakbond CGT"
        while end < limit and end - j <= 3 and doc[end].is_alpha and doc[end].text[:1].isupper():
            end += 1
        if end + 1 < limit and doc[end].lower_ in self.speaker_preps:
            k = end + 1 + (doc[end + 1].lower_ in self.articles)
            caps = k
            while caps < limit and caps - k < 5 and (doc[caps].text[:1].isupper() or doc[caps].text == "&"):
                caps += 1
            if caps > k:
                end = caps
            elif row is not None and row["spokes"] == "1" and doc[end].lower_ == "van":
                return self._spoken_for(doc, end + 1, limit)
        if row is None and not (head.text[:1].isupper() and end > j + 1):
            return None, ""  # "de sancties": not a speaker; "de Liga voor Mensenrechten" is
        if row is not None and row["spokes"] == "1" and doc[max(0, i - 1)].lower_ == "een":
            return None, ""  # "een woordvoerder": someone unnamed
        start_char, end_char = doc[i].idx, doc[end - 1].idx + len(doc[end - 1])
        for tok in doc[j:end]:
            code = code or self.lex.countries.get(fold(tok.text))
        return EntityRef(
            entity_text=text_of(doc)[start_char:end_char],
            code=code,
            sector=row["sector"] if row is not None else None,
            start=start_char,
            end=end_char,
        ), "role"

    def _spoken_for(self, doc: Doc, k: int, limit: int) -> tuple[EntityRef | None, str]:
        """Who a spokesperson speaks for, from ``van X``: a named actor, an organisation the article
        introduced with the same noun (``de bond`` after ``De vakbond CGT``), or the phrase itself."""
        if k >= limit:
            return None, ""
        mention = next((m for m in doc._.mentions or () if m.start == doc[k].idx), None)
        if mention is None and doc[k].lower_ in self.articles and k + 1 < limit:
            mention = next((m for m in doc._.mentions or () if m.start == doc[k + 1].idx), None)
            noun = doc[k + 1]
            if mention is None and noun.is_lower:
                # "de bond": the latest named organisation introduced as "... bond NAME" before
                for m in reversed([m for m in doc._.mentions or () if m.end <= noun.idx and m.label == "ORG"]):
                    before = text_of(doc)[: m.start].split()[-1:] or [""]
                    if before[0].lower().endswith(noun.lower_):
                        return entity_ref(doc, m), "name"
        if mention is not None and mention.label != "ROLE":
            return entity_ref(doc, mention), "name"
        return self._role_speaker(doc, k, limit)

    def _subject(
        self, doc: Doc, verb: Token, lo: int, hi: int, skip: list[tuple[int, int]]
    ) -> tuple[EntityRef | None, str]:
        """The subject of a speech verb in a clause: after it (inverted word order) or before it."""
        speaker, how = self._subject_after(doc, verb.i + 1, len(doc), skip)
        if speaker is not None and (speaker.start or 0) < hi:
            return speaker, how
        mentions = [m for m in doc._.mentions or () if lo <= m.start and m.end <= verb.idx]
        if doc.has_annotation("DEP"):
            # the parser's subject of the verb: "Abdeslam heeft de rechtbank laten weten" (the mention
            # next to the verb is its object); the leftmost when the parser marks two
            heads = {verb.i, verb.head.i}
            for mention in mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None and span.root.dep_.startswith("nsubj") and span.root.head.i in heads:
                    det_i = span.start - (span.start > 0 and doc[span.start - 1].lower_ in self.articles)
                    return self._mention_ref(doc, mention, det_i, verb.i), "name"
        for mention in reversed(mentions):
            between = text_of(doc)[mention.end : verb.idx].strip()
            prev_word = text_of(doc)[lo : mention.start].split()[-1:] or [""]
            if prev_word[0].lower() == "van":
                continue  # het kabinet van X zei: the subject is the head, not X
            if between == "" or (between.startswith(",") and between.endswith(",")):
                return entity_ref(doc, _prefer_name(doc, mention, lo, verb.idx)), "name"
            break
        prev = doc[verb.i - 1] if verb.i > 0 else None
        if prev is not None and prev.lower_ in self.pronouns and self._is_subject_pronoun(prev):
            mention = resolve_pronoun(doc, prev.idx, skip=skip)
            if mention is not None:
                return entity_ref(doc, mention), "pronoun"
        if prev is not None and prev.idx >= lo and prev.text[:1].isupper():
            ref = self._name_ref(doc, prev)
            if ref is not None and ref.end == prev.idx + len(prev):
                return ref, "name"
        # "Het ministerie meldde dat …": a speaker without a name filling the clause up to the verb
        first = _token_at(doc, lo)
        if first is not None and first.i < verb.i:
            while first.i < verb.i and (first.is_punct or first.is_space):
                first = doc[first.i + 1]
            ref, how = self._role_speaker(doc, first.i, verb.i)
            if ref is not None and ref.end == prev.idx + len(prev):  # type: ignore[union-attr]
                return ref, how
        return None, ""

    def _is_subject_pronoun(self, token: Token) -> bool:
        return token.lower_ in self.subject_pronouns

    def _verb_at(self, doc: Doc, token: Token) -> _Verb | None:
        for verb in self.verbs.get(token.lower_, ()):
            if verb.second is None:
                return verb
            window = doc[token.i + 1 : min(len(doc), token.i + 7)]
            if any(t.lower_ == verb.second for t in window):
                return verb
        return None

    # -- tweets -------------------------------------------------------------------------------

    def _tweets(self, doc: Doc) -> list[Quote]:
        out = []
        kb = load(self.lang).kb_by_alias
        from kroniek.actors.keys import fold

        for m in TWEET.finditer(text_of(doc)):
            body_start, body_end = m.start("body"), m.end("body")
            link = LINK.search(text_of(doc), body_start, body_end)
            if link is not None:
                body_end = link.start()
            while body_start < body_end and not text_of(doc)[body_start].isalnum():
                body_start += 1
            if body_end - body_start < 3:
                continue
            name_start, name_end = m.start("name"), m.end("name")
            mention = next((x for x in doc._.mentions or () if name_start <= x.start and x.end <= name_end), None)
            if mention is not None:
                speaker = entity_ref(doc, mention)
            else:
                actor = kb.get(fold(m.group("name"))) or kb.get(fold("@" + m.group("handle")))
                speaker = EntityRef(
                    entity_text=m.group("name"),
                    code=actor.code if actor else None,
                    sector=actor.sector if actor else None,
                    identifier_id=actor.id if actor else None,
                    identifier_text=actor.canonical if actor else None,
                    start=name_start,
                    end=name_end,
                )
            region = _Region(parts=[(body_start, body_end)], outer_end=m.end(), speaker=speaker, how="tweet")
            region.verb, region.verb_span, region.confidence = "tweet", (m.start("date"), m.end("date")), 0.9
            quote = self._quote(doc, region, "direct")
            day, month, year = m.group("date").split()
            if month.lower() in self.months:  # the embed's own date beats anything the text around says
                quote.date = f"{int(year):04d}-{self.months[month.lower()]:02d}-{int(day):02d}"
                quote.date_precision = "day"
            out.append(quote)
        return out

    # -- records ------------------------------------------------------------------------------

    def _quote(self, doc: Doc, region: _Region, kind: str) -> Quote:
        article = doc._.article
        doc_id = article.id if article is not None else ""
        text = " ".join(text_of(doc)[s:e].strip() for s, e in region.parts)
        lo = min([region.start] + ([region.verb_span[0]] if region.verb_span else []))
        hi = max([region.end] + ([region.frame_end] if region.frame_end else []))
        first, last = sentence_index(doc, lo), sentence_index(doc, max(lo, hi - 1))
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        sentence_text = text_of(doc)[sents[first].start_char : sents[last].end_char]
        date, precision = region.date or _date_for(doc, *(region.verb_span or (region.start, region.end)))
        return Quote(
            id=record_id(doc_id, region.start, region.end),
            doc_id=doc_id,
            sentence=sentence_index(doc, region.start),
            start=region.start,
            end=region.end,
            sentence_text=sentence_text,
            text=text,
            kind=kind,
            speaker=region.speaker,
            speech_verb=region.verb,
            date=date,
            date_precision=precision,
            confidence=region.confidence,
        )


# -- small helpers ----------------------------------------------------------------------------


def _date_for(doc: Doc, start: int, end: int) -> tuple[str | None, str | None]:
    try:
        from kroniek.extract.dates import date_for_span
    except ImportError:  # the dates component is optional
        date_for_span = None
    if date_for_span is not None:
        return date_for_span(doc, start, end)
    article = doc._.article
    if article is not None and article.published:
        return article.published, article.date_precision
    return None, None


def _month_words(lang: str) -> dict[str, int]:
    """Month names from the dates component's ``time_words.tsv`` (rows ``month<TAB>word<TAB>n``),
    for dating an embedded tweet when that component is switched off."""
    try:
        rows = read_rows(lang, "time_words.tsv")
    except OSError:
        return {}
    return {r[1].lower(): int(r[2]) for r in rows if len(r) >= 3 and r[0] == "month" and r[2].isdigit()}


def _prefer_name(doc: Doc, mention: Mention, lo: int, hi: int) -> Mention:
    """For a role linked to a person named in the same frame (``de gevluchte oppositieleider
    Svetlana Tichanovskaja``, ``Heiko Maas, de Duitse minister …``), the name."""
    if mention.label != "ROLE" or mention.actor_id is None:
        return mention
    names = [
        m for m in doc._.mentions or ()
        if m.actor_id == mention.actor_id and m.label != "ROLE" and lo <= m.start and m.end <= hi
    ]  # fmt: skip
    return min(names, key=lambda m: abs(m.start - mention.start)) if names else mention


def _inside(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in ranges)


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _sentence_end(doc: Doc, token: Token) -> int:
    return token.sent.end if doc.has_annotation("SENT_START") else len(doc)


def _trim_end(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> int:
    """Cut indirect speech before a direct quote it introduces (``…: ‘…’``); drop the final punctuation."""
    for s, _ in quoted:
        if start < s < end and text[start:s].rstrip().endswith(":"):
            end = s
    while end > start and (text[end - 1] in " .!?:;,‘’“”\"'„" or text[end - 1].isspace()):
        end -= 1
    return end
