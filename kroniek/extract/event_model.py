"""The learned event model: EventDNA-style event mentions from a parsed Doc.

Five small CRFsuite models (``kroniek/models/nl_events/``, built by ``training/events/train.py``):

- ``outer.crfsuite``: a BIO tagger over each sentence for the outermost event spans (EventDNA
  spans are mostly clauses);
- ``inner.crfsuite``: a second BIO layer for events nested inside them (nominal events such as
  "de arrestatie van ..." inside a clause), with the outer layer's tags as features;
- ``type.crfsuite``, ``modality.crfsuite``, ``polarity.crfsuite``: maximum-entropy classifiers
  (CRFs over one-item sequences) of a span's type.subtype, Asserted/Other and Positive/Negative;
- ``args.crfsuite``: for each event and each noun phrase or time word of its sentence (from the
  parse), the EventDNA role or ``O``.

Everything works on token offsets, so the scorer can compare with EventDNA's gold directly. The
features only use what the shipped Dutch pipeline gives (lemma, POS, dependency, entities); on a
blank pipeline the model still runs on word forms, but worse.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Span, Token

from kroniek.nlp.languages import PACKAGE_DIR
from kroniek.nlp.lexicons import word_class

MODEL_DIR_NAME = "{lang}_events"
#: dependency labels that head a clause of their own
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "acl", "acl:relcl", "conj", "xcomp", "parataxis", "csubj"}
#: the parts of a noun phrase that are not in EventDNA's argument spans
PHRASE_EDGE_DEPS = {"case", "mark", "cc", "punct"}
NOMINAL_POS = {"NOUN", "PROPN", "PRON", "NUM"}


@dataclass(slots=True)
class Argument:
    role: str
    start: int  # token offsets into the Doc, half-open
    end: int


@dataclass(slots=True)
class EventMention:
    """One event mention as EventDNA annotates it: a token span (usually a clause) with its type."""

    start: int
    end: int
    type: str = "Unknown"
    subtype: str = "Unknown"
    modality: str = "Asserted"  # Asserted | Other
    polarity: str = "Positive"  # Positive | Negative
    score: float = 1.0  # the type classifier's probability
    arguments: list[Argument] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.type}.{self.subtype}"

    def to_json(self) -> dict[str, object]:
        return {
            "span": [self.start, self.end],
            "type": self.type,
            "subtype": self.subtype,
            "modality": self.modality,
            "polarity": self.polarity,
            "arguments": [{"role": a.role, "span": [a.start, a.end]} for a in self.arguments],
        }


# -- features ----------------------------------------------------------------------------------


def _shape(text: str) -> str:
    if text[:1].isupper():
        return "Xx" if not text.isupper() else "XX"
    if text[:1].isdigit():
        return "d"
    return "x" if text[:1].isalpha() else "p"


def clause_head(token: Token) -> Token:
    """The nearest ancestor-or-self that heads a clause (a verb with a clause relation)."""
    doc = token.doc
    return doc[clause_heads(doc)[token.i]]


def clause_heads(doc: Doc) -> list[int]:
    """For every token, the index of its clause head; computed once per Doc.

    Why arrays: walking ``token.head`` creates a Token object per step, and this runs for every
    token of every sentence (it was a fifth of the whole pipeline's time).
    """
    cached = doc.user_data.get("kroniek_clause_heads")
    if cached is not None and len(cached) == len(doc):
        return cached
    table = _TokenTable.of(doc)
    heads, deps, pos = table.head, table.dep, table.pos
    out: list[int] = [-1] * len(doc)
    for i in range(len(doc)):
        path = []
        t = i
        for _ in range(30):  # parses are trees; the bound only guards against odd input
            if out[t] >= 0:
                break
            is_root = heads[t] == t
            if (deps[t] in CLAUSE_DEPS and (pos[t] in ("VERB", "AUX") or is_root)) or is_root:
                out[t] = t
                break
            path.append(t)
            t = heads[t]
        found = out[t] if out[t] >= 0 else t
        for p in path:
            out[p] = found
        out[i] = found if out[i] < 0 else out[i]
    doc.user_data["kroniek_clause_heads"] = out
    return out


@dataclass(slots=True)
class _TokenTable:
    """The token attributes the detection features read, as lists over the whole Doc.

    Why: every ``tok.head``, ``left_edge`` or ``doc[i]`` builds a Token object; read once per
    Doc into lists, the features of all sentences cost list lookups only.
    """

    lower: list[str]
    lemma: list[str]
    pos: list[str]
    dep: list[str]
    shape: list[str]
    head: list[int]
    left: list[int]
    right: list[int]
    has_children: list[bool]
    ent: list[str]

    @classmethod
    def of(cls, doc: Doc) -> _TokenTable:
        cached = doc.user_data.get("kroniek_token_table")
        if cached is not None and len(cached.lower) == len(doc):
            return cached
        table = cls([], [], [], [], [], [], [], [], [], [])
        for tok in doc:
            table.lower.append(tok.lower_)
            table.lemma.append(tok.lemma_.lower())
            table.pos.append(tok.pos_)
            table.dep.append(tok.dep_)
            table.shape.append(_shape(tok.text))
            table.head.append(tok.head.i)
            table.left.append(tok.left_edge.i)
            table.right.append(tok.right_edge.i)
            table.has_children.append(tok.n_lefts + tok.n_rights > 0)
            table.ent.append(tok.ent_iob_ + tok.ent_type_ if tok.ent_type_ else "")
        doc.user_data["kroniek_token_table"] = table
        return table


def token_features(sent: Span, lexicon_hits: dict[int, str]) -> list[list[str]]:
    """CRFsuite attribute lists for the tokens of one sentence (the detection taggers' input)."""
    base: list[list[str]] = []
    n = len(sent)
    doc = sent.doc
    clause_of = clause_heads(doc)
    t = _TokenTable.of(doc)
    for k, i in enumerate(range(sent.start, sent.end)):
        low, dep, ch = t.lower[i], t.dep[i], clause_of[i]
        head_pos = t.pos[t.head[i]]
        feats = [
            "w=" + low,
            "l=" + t.lemma[i],
            "p=" + t.pos[i],
            "d=" + dep,
            "s3=" + low[-3:],
            "sh=" + t.shape[i],
            "hp=" + head_pos,
            "dhp=" + dep + "_" + head_pos,
            "chd=" + t.dep[ch],
            "chl=" + t.lemma[ch],
            "pos=" + ("0" if k == 0 else "1" if k == 1 else "e" if k == n - 1 else "m"),
        ]
        if ch == i:
            feats.append("isch")
        if i == t.left[ch]:
            feats.append("chL")
        if i == t.right[ch]:
            feats.append("chR")
        if i == t.left[i] and t.has_children[i]:
            feats.append("subL_" + dep)
        if t.ent[i]:
            feats.append("ent=" + t.ent[i])
        hit = lexicon_hits.get(i)
        if hit:
            feats.append("lex=" + hit)
        base.append(feats)
    lows = t.lower[sent.start : sent.end]
    poss = t.pos[sent.start : sent.end]
    deps = t.dep[sent.start : sent.end]
    clause_ids = clause_of[sent.start : sent.end]
    out = []
    for k in range(n):
        feats = list(base[k])
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                feats.append(f"{off}w={lows[j]}")
                feats.append(f"{off}p={poss[j]}")
                if off in (-1, 1):
                    feats.append(f"{off}d={deps[j]}")
                    feats.append(f"{off}ch={int(clause_ids[j] == clause_ids[k])}")
            else:
                feats.append(f"{off}w=<pad>")
        out.append(feats)
    return out


def span_root(doc: Doc, start: int, end: int) -> Token:
    """The token of [start, end) whose head lies outside it or is itself (the sentence root); of
    several, the one with most words of the span below it."""
    heads = _TokenTable.of(doc).head
    tops = [i for i in range(start, end) if not start <= heads[i] < end or heads[i] == i]
    if not tops:
        return doc[start]
    if len(tops) == 1:
        return doc[tops[0]]
    size = dict.fromkeys(tops, 0)
    for i in range(start, end):  # credit every top above each word of the span (a parse is a tree)
        t = i
        for _ in range(64):
            if t in size:
                size[t] += 1
            if heads[t] == t:
                break
            t = heads[t]
    return doc[max(tops, key=lambda i: (size[i], -i))]


def span_features(doc: Doc, start: int, end: int, sent: Span, lexicon_hits: dict[int, str]) -> list[str]:
    """Attributes of an event span for the type, modality and polarity classifiers."""
    root = span_root(doc, start, end)
    feats = {
        "rl=" + root.lemma_.lower(),
        "rp=" + root.pos_,
        "rd=" + root.dep_,
        "first=" + doc[start].lower_,
        "len=" + str(min(end - start, 12) // 3),
    }
    for tok in doc[start:end]:
        if tok.is_punct:
            continue
        lemma = tok.lemma_.lower()
        feats.add("l=" + lemma)
        feats.add("s4=" + tok.lower_[-4:])
        if tok.pos_ in ("VERB", "NOUN"):
            feats.add("vn=" + lemma)
            if tok.head.i == root.i or tok.i == root.i:
                feats.add("near=" + lemma)
        if tok.ent_type_:
            feats.add("ent=" + tok.ent_type_)
        hit = lexicon_hits.get(tok.i)
        if hit:
            feats.add("lex=" + hit)
    for tok in doc[max(sent.start, start - 4) : start]:
        feats.add("pre=" + tok.lower_)
    for child in root.children:
        if child.dep_ in ("aux", "aux:pass", "advmod", "det", "mark"):
            feats.add(f"c{child.dep_}={child.lower_}")
    head = root.head
    if head is not root:
        feats.add("hl=" + head.lemma_.lower())
        feats.add("hd=" + root.dep_ + "_" + head.lemma_.lower())
    return sorted(feats)


def candidate_phrases(sent: Span) -> list[tuple[int, int, Token]]:
    """Noun phrases and time words of a sentence from the parse: (start, end, head token).

    A phrase is the head's subtree without a leading preposition or conjunction and without
    relative clauses' punctuation at its edges; a name inside it (a flat or compound) is not
    a phrase of its own.
    """
    doc = sent.doc
    t = _TokenTable.of(doc)  # list lookups, not a Token object per attribute read
    time_words = word_class(doc.lang_, "time_word")
    out: dict[tuple[int, int], int] = {}
    for i in range(sent.start, sent.end):
        pos = t.pos[i]
        if pos in NOMINAL_POS and t.dep[i] not in ("flat", "compound", "fixed", "det", "nummod"):
            start, end = t.left[i], t.right[i] + 1
            while start < end and start < i and t.dep[start] in PHRASE_EDGE_DEPS:
                start += 1
            while end - 1 > i and t.dep[end - 1] in ("punct", "cc"):
                end -= 1
            start, end = max(start, sent.start), min(end, sent.end)
            out.setdefault((start, end), i)
            # a long phrase (with a relative clause or PP) also offers its core: det + mods + head
            core_end = i + 1
            while core_end < end and t.dep[core_end] in ("flat", "compound", "nummod", "amod", "fixed"):
                core_end += 1
            if core_end < end:
                out.setdefault((start, core_end), i)
        elif t.lower[i] in time_words or (t.ent[i] and pos not in NOMINAL_POS and not doc[i].is_punct):
            out.setdefault((i, i + 1), i)
    return [(s, e, doc[i]) for (s, e), i in sorted(out.items())]


@dataclass(frozen=True, slots=True)
class CandidateInfo:
    """What the role classifier reads of a candidate phrase alone: the same for every event of the
    sentence, so computed once per phrase (see :func:`candidate_info`)."""

    ent: str
    case: str
    rel: str
    pos: str
    lemma: str
    head: int  # the phrase head's index
    head_head: int  # its head's index
    clause: int  # the index of its clause head


def candidate_info(doc: Doc, start: int, end: int, head: Token) -> CandidateInfo:
    ent = next((t.ent_type_ for t in doc[start:end] if t.ent_type_), "")
    if not ent and head.lower_ in word_class(head.doc.lang_, "time_word"):
        ent = "TIME"
    case = next((c.lower_ for c in head.children if c.dep_ == "case"), "")
    i = head.i
    return CandidateInfo(ent, case, head.dep_, head.pos_, head.lemma_.lower(), i, head.head.i, clause_heads(doc)[i])


def argument_features(
    doc: Doc,
    event: EventMention,
    start: int,
    end: int,
    head: Token,
    root: Token | None = None,
    info: CandidateInfo | None = None,
) -> list[str]:
    """Attributes of one (event, candidate phrase) pair for the role classifier (``root``: the
    event span's root, and ``info``: the phrase's own attributes, when the caller has them)."""
    if root is None:
        root = span_root(doc, event.start, event.end)
    if info is None:
        info = candidate_info(doc, start, end, head)
    label = event.label
    inside = event.start <= start and end <= event.end
    where = "in" if inside else ("before" if end <= event.start else "after" if start >= event.end else "ovl")
    ent, case, rel = info.ent, info.case, info.rel
    root_i = root.i
    if info.head_head == root_i:
        path = "child"
    elif info.head == root_i:
        path = "self"
    elif info.clause == clause_heads(doc)[root_i]:
        path = "clause"
    else:
        path = "far"
    root_lemma = root.lemma_.lower()
    return [
        "t=" + label,
        "tt=" + event.type,
        "w=" + where,
        "e=" + ent,
        "te=" + label + "_" + ent,
        "d=" + rel,
        "td=" + label + "_" + rel,
        "p=" + info.pos,
        "l=" + info.lemma,
        "c=" + case,
        "tc=" + label + "_" + case,
        "ce=" + case + "_" + ent,
        "path=" + path,
        "tp=" + label + "_" + path + "_" + rel,
        "wp=" + where + "_" + path,
        "rl=" + root_lemma,
        "len=" + str(min(end - start, 6)),
        "full=" + str(int(start == event.start and end == event.end)),
    ]


# -- BIO helpers -------------------------------------------------------------------------------


def bio_spans(tags: Sequence[str], offset: int) -> list[tuple[int, int]]:
    """Spans of a B/I/O tag sequence (an I without a B starts a span)."""
    spans = []
    start = None
    for k, tag in enumerate(tags):
        if tag == "B" or (tag == "I" and start is None):
            if start is not None:
                spans.append((offset + start, offset + k))
            start = k
        elif tag == "O" and start is not None:
            spans.append((offset + start, offset + k))
            start = None
    if start is not None:
        spans.append((offset + start, offset + len(tags)))
    return spans


def spans_to_bio(spans: Iterable[tuple[int, int]], sent_start: int, length: int) -> list[str]:
    tags = ["O"] * length
    for s, e in spans:
        for k in range(s - sent_start, e - sent_start):
            tags[k] = "B" if k == s - sent_start else "I"
    return tags


def with_layer(feats: list[list[str]], tags: Sequence[str]) -> list[list[str]]:
    """Add the outer layer's tags as features of the inner tagger."""
    out = []
    for k, f in enumerate(feats):
        prev = tags[k - 1] if k else "<s>"
        nxt = tags[k + 1] if k + 1 < len(tags) else "</s>"
        out.append([*f, "L=" + tags[k], "Lp=" + prev, "Ln=" + nxt])
    return out


# -- the model ---------------------------------------------------------------------------------


def model_dir(lang: str = "nl") -> Path:
    return PACKAGE_DIR / "models" / MODEL_DIR_NAME.format(lang=lang)


class EventModel:
    """The shipped CRFsuite models; ``predict(doc)`` gives the Doc's event mentions."""

    PARTS = ("outer", "inner", "type", "modality", "polarity", "args")

    def __init__(self, directory: Path) -> None:
        import pycrfsuite

        self.directory = directory
        self.meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        self.taggers = {}
        for part in self.PARTS:
            path = directory / f"{part}.crfsuite"
            if path.exists():
                tagger = pycrfsuite.Tagger()
                tagger.open(str(path))
                self.taggers[part] = tagger
        #: an event whose best type is below this probability is typed Unknown
        self.min_type_prob = float(self.meta.get("min_type_prob", 0.0))

    def detect(self, sent: Span, hits: dict[int, str]) -> list[tuple[int, int]]:
        feats = token_features(sent, hits)
        outer = self.taggers["outer"].tag(feats)
        spans = bio_spans(outer, sent.start)
        if "inner" in self.taggers:
            inner = self.taggers["inner"].tag(with_layer(feats, outer))
            spans += [s for s in bio_spans(inner, sent.start) if s not in spans]
        return sorted(spans)

    def classify(self, doc: Doc, mention: EventMention, sent: Span, hits: dict[int, str]) -> None:
        feats = [span_features(doc, mention.start, mention.end, sent, hits)]
        tagger = self.taggers["type"]
        label = tagger.tag(feats)[0]
        prob = tagger.marginal(label, 0)
        if prob < self.min_type_prob:
            label = "Unknown.Unknown"
        mention.type, _, mention.subtype = label.partition(".")
        mention.score = round(prob, 3)
        if "modality" in self.taggers:
            mention.modality = self.taggers["modality"].tag(feats)[0]
        if "polarity" in self.taggers:
            mention.polarity = self.taggers["polarity"].tag(feats)[0]

    def arguments(
        self,
        doc: Doc,
        mention: EventMention,
        candidates: list[tuple[int, int, Token]],
        infos: list[CandidateInfo] | None = None,
    ) -> None:
        if "args" not in self.taggers or not candidates:
            return
        if infos is None:
            infos = [candidate_info(doc, start, end, head) for start, end, head in candidates]
        tagger = self.taggers["args"]
        taken: set[tuple[int, int]] = set()
        root = span_root(doc, mention.start, mention.end)
        for (start, end, head), info in zip(candidates, infos, strict=True):
            if mention.start == start and mention.end == end:
                continue
            role = tagger.tag([argument_features(doc, mention, start, end, head, root, info)])[0]
            if role != "O" and (start, end) not in taken:
                mention.arguments.append(Argument(role, start, end))
                taken.add((start, end))
        # a phrase and its own core both chosen: keep the longer one
        mention.arguments = [
            a for a in mention.arguments
            if not any(b is not a and b.role == a.role and b.start == a.start and b.end > a.end
                       for b in mention.arguments)
        ]  # fmt: skip

    def predict(self, doc: Doc, sents: Sequence[Span], hits: dict[int, str]) -> list[EventMention]:
        out: list[EventMention] = []
        for sent in sents:
            if not any(t.is_alpha for t in sent):
                continue
            candidates = candidate_phrases(sent)
            infos: list[CandidateInfo] | None = None  # the phrases' own attributes, once per sentence
            for start, end in self.detect(sent, hits):
                mention = EventMention(start, end)
                self.classify(doc, mention, sent, hits)
                if infos is None:
                    infos = [candidate_info(doc, c0, c1, head) for c0, c1, head in candidates]
                self.arguments(doc, mention, candidates, infos)
                out.append(mention)
        return out


@lru_cache(maxsize=4)
def load_event_model(lang: str = "nl") -> EventModel | None:
    """The shipped event model for ``lang``, or None when it (or pycrfsuite) is missing."""
    directory = model_dir(lang)
    if not (directory / "meta.json").exists():
        return None
    try:
        return EventModel(directory)
    except ImportError:
        return None


def lexicon_hits(matcher: object, doc: Doc) -> dict[int, str]:
    """Token index -> PLOVER type of the lexicon trigger covering it (a feature, not a decision)."""
    triggers, _ = matcher(doc)  # type: ignore[operator]
    return trigger_hits(triggers)


def trigger_hits(triggers: Iterable[Any]) -> dict[int, str]:
    """The same map from triggers already matched (the events component matches once per Doc)."""
    return {i: m.row.event for m in triggers for i in range(m.span.start, m.span.end)}
