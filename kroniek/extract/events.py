"""Rule-based Dutch event extraction: lexicon triggers -> PLOVER-coded ``records.Event``.

Per trigger (``plover.EventMatcher``), within its clause (the sentence cut at , ; : dashes and
before subordinators such as "om", "dat", "terwijl"; words in ``word_classes.tsv``):

- **Roles**: actor mentions before the trigger are the actor, after it the recipient. Two
  exceptions: a passive ("werden 700 mensen aangehouden") makes every mention a recipient except
  the "door ..." agent; with no agent the actor is a police/military/security/judicial actor named
  in this or the previous sentence, else empty. A verb trigger directly followed by a mention and
  with no mention before it is an inverted main clause ("Maandag dreigde de minister ..."): that
  first mention is the actor. With a parse, the trigger verb's relations then correct word order
  (``_parse_participants``): its subject acts (also across commas, through "te"/"om ... te"
  infinitives, conjoined verbs, "laten", a relative pronoun's noun and the support verb of a noun
  trigger: "voerde een gesprek"), its object or named object undergoes, a passive's subject
  undergoes, and a meeting's "met" phrase is the other party; a phrase no actor mention covers is
  kept as its own words (with its country code when it names a country).
- **Mode**: from the lexicon; for THREATEN from the threatened thing after the trigger.
- **Modality**: negated (niet/geen/nooit in the clause) > hypothetical (a clause opened by
  als/indien, or zou/zouden) > future (zal/zullen/gaat, or reported "zou ... komen") > asserted.
- **Size**: a counted number in the sentence ("meer dan 700 mensen") -> arrested for arrests;
  "doden"/"gewonden" counts -> dead/injured for any event.
- **Date**: ``dates.date_for_span``; **place**: the sentence's most specific place, else the
  article's most frequent one (``Place.how`` = "sentence" / "article").
- **Confidence** = the lexicon weight of the trigger, +0.1 with an actor, +0.05 with a recipient,
  +0.05 with a date and +0.05 with a place from its own sentence, -0.1 when not asserted; kept in
  [0.05, 0.95].

Triggers of the same type and mode in one sentence are one event (``mentions`` counts them).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kroniek.actors.component import actors_in, entity_ref, resolve_pronoun
from kroniek.actors.keys import fold
from kroniek.actors.lexicon import load as load_actor_lexicon
from kroniek.extract.dates import date_for_span
from kroniek.extract.event_model import EventMention, load_event_model, span_root, trigger_hits
from kroniek.extract.numbers import NumberExpr, find_numbers
from kroniek.extract.places import place_for_span
from kroniek.extract.plover import EventMatcher, LexiconMatch, LexiconRow
from kroniek.nlp.extensions import text_of
from kroniek.nlp.lexicons import word_classes
from kroniek.records import EntityRef, Event, Mention, Size, record_id

CLAUSE_PUNCT = {",", ";", ":", "–", "—", "(", ")", "‘", "’", "“", "”", '"'}
#: a past participle: (particle)ge...d/t/en, or be-/ver-/mis-/ont-/her-...d/t ("mishandeld")
PARTICIPLE = re.compile(
    r"^(?:(?:aan|op|vast|neer|in|af|vrij|uit|om|terug|mee|weg)?ge\w+(?:d|t|en)"
    r"|(?:be|ver|mis|ont|her)\w+(?:d|t))e?$"
)
MAX_ADJECTIVES = 2  # adjectives between an inverted verb and its subject ("dreigde de Russische president")
HEADING_TOKENS = 3  # sentences shorter than this (headings such as "Huisarrest") carry no event


@dataclass(frozen=True)
class _Words:
    negation: frozenset[str]
    future: frozenset[str]
    reported_future: frozenset[str]
    hypothetical: frozenset[str]
    clause_opener: frozenset[str]
    passive_aux: frozenset[str]
    agent: frozenset[str]
    determiner: frozenset[str]
    preposition: frozenset[str]
    subject_pronoun: frozenset[str]
    possessive: frozenset[str]
    subject_is_recipient: frozenset[str]
    security_sector: frozenset[str]
    support_verb: frozenset[str]
    comitative: frozenset[str]
    relative_pronoun: frozenset[str]
    control_mark: frozenset[str]
    time_word: frozenset[str]
    conditional_opener: frozenset[str]
    conditional_aux: frozenset[str]
    list_joiner: frozenset[str]


@lru_cache(maxsize=8)
def _words(lang: str) -> _Words:
    classes = word_classes(lang)
    return _Words(**{k: classes.get(k, frozenset()) for k in _Words.__dataclass_fields__})


# -- clauses and modality ----------------------------------------------------------------------


def clauses(sent: Span, lang: str = "nl", keep: frozenset[int] = frozenset()) -> list[Span]:
    """The sentence cut into clauses at punctuation and before subordinators (not at the tokens in
    ``keep``: the "om" of the trigger "om tafel" opens no clause)."""
    words = _words(lang)
    doc = sent.doc
    cuts = [sent.start]
    for token in sent:
        if token.i == sent.start:
            continue
        if token.text in CLAUSE_PUNCT or (token.lower_ in words.clause_opener and token.i not in keep):
            cuts.append(token.i)
    cuts.append(sent.end)
    spans = [doc[a:b] for a, b in itertools.pairwise(cuts) if b > a]
    return spans or [sent]


def clause_of(clause_spans: list[Span], token_i: int) -> Span:
    return next(c for c in clause_spans if c.start <= token_i < c.end)


def modality(clause: Span, lang: str = "nl") -> str:
    """negated > hypothetical > future > asserted, from the words of one clause."""
    words = _words(lang)
    lowers = [t.lower_ for t in clause]
    if any(w in words.negation for w in lowers):
        return "negated"
    first = next((t.lower_ for t in clause if not t.is_punct), "")
    if first in words.conditional_opener:
        return "hypothetical"
    conditional = [i for i, w in enumerate(lowers) if w in words.conditional_aux]
    if conditional:
        # "zei dat hij op de lijst zou komen": a reported future, not a hypothesis
        if any(w in words.reported_future for w in lowers[conditional[0] + 1 :]):
            return "future"
        return "hypothetical"
    if any(w in words.future for w in lowers):
        return "future"
    return "asserted"


# -- roles -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleInput:
    """What role assignment needs to know, as plain offsets (so the rules are testable alone)."""

    trigger_start: int
    trigger_end: int
    mentions: tuple[tuple[int, int], ...]  # (start, end) of the mentions in the clause, text order
    passive: bool = False
    agent_start: int | None = None  # where "door" stands, when it does
    inverted: bool = False
    #: True when a lone subject is the one the event happens to ("X komt op de sanctielijst")
    subject_is_recipient: bool = False
    #: for each mention after the first: is it joined to the one before by "en" or a comma only
    joined: tuple[bool, ...] = ()


def assign_roles(inp: RoleInput) -> tuple[list[int], list[int]]:
    """Indices into ``inp.mentions`` of the actors and of the recipients.

    Before the trigger = actor, after = recipient; but when several mention groups stand before
    the trigger (a verb-final clause: "terwijl de cipiers de gedetineerden afranselen"), only the
    first group acts and the others undergo. "X en Y" is one group.
    """
    before = [i for i, (s, _) in enumerate(inp.mentions) if s < inp.trigger_start]
    after = [i for i, (s, _) in enumerate(inp.mentions) if s >= inp.trigger_end]
    if inp.passive:
        agents = [i for i, (s, _) in enumerate(inp.mentions) if inp.agent_start is not None and s > inp.agent_start]
        recipients = [i for i in before + after if i not in agents]
        return agents, recipients
    if inp.inverted and not before and after:
        group = _first_group(after, inp.joined)
        return group, [i for i in after if i not in group]
    if not before:
        return [], after
    group = _first_group(before, inp.joined)
    rest = [i for i in before if i not in group]
    if inp.subject_is_recipient and not rest:
        return [], group + after
    return group, rest + after


def _first_group(indices: list[int], joined: tuple[bool, ...]) -> list[int]:
    group = [indices[0]]
    for i in indices[1:]:
        if i - 1 == group[-1] and i < len(joined) + 1 and joined[i - 1]:
            group.append(i)
        else:
            break
    return group


def _is_passive(trigger: Span, clause: Span, words: _Words) -> bool:
    if not PARTICIPLE.match(trigger[-1].lower_):
        return False
    doc = trigger.doc
    if trigger[-1].lower_.endswith("e") and trigger.end < len(doc) and doc[trigger.end].is_alpha:
        return False  # "opgepakte demonstranten": an adjective, not a passive
    return any(t.lower_ in words.passive_aux for t in clause if t.i < trigger.start) or any(
        t.lower_ in words.passive_aux for t in clause if t.i >= trigger.end
    )


def _is_inverted(trigger: Span, clause_mentions: list[Mention], words: _Words) -> bool:
    """A finite verb in second position with its subject right after it ("dreigde de minister")."""
    doc = trigger.doc
    if trigger.start > 0 and doc[trigger.start - 1].lower_ in words.determiner:
        return False  # "de arrestaties": a noun, not a verb
    if trigger[-1].pos_ == "ADP" or trigger[-1].lower_ in words.preposition:
        return False  # "sprak met X": X is the other party
    if any(m.start < trigger.start_char for m in clause_mentions):
        return False
    if trigger.end >= len(doc):
        return False
    starts = {m.start for m in clause_mentions}
    # the mention may follow after an article and adjectives: "weigerde de Kosovaarse premier"
    at = trigger.end + (doc[trigger.end].lower_ in words.determiner)
    for _ in range(MAX_ADJECTIVES):
        if at >= len(doc) or doc[at].idx in starts or doc[at].pos_ != "ADJ":
            break
        at += 1
    return at < len(doc) and doc[at].idx in starts


def _joined(text: str, mentions: list[Mention], lang: str = "nl") -> tuple[bool, ...]:
    """For each pair of neighbouring mentions: only "en", "of" or a comma between them."""
    out = []
    for a, b in itertools.pairwise(mentions):
        between = text[a.end : b.start].strip().lower()
        out.append(between == "" or between in _words(lang).list_joiner)
    return tuple(out)


def _subject_pronoun(doc: Doc, clause: Span, trigger: Span, words: _Words) -> Mention | None:
    """ "Hij sprak met ...", "liet hij ... neerslaan": the person a subject pronoun stands for."""
    words_in = [t for t in clause if not t.is_punct]
    clause_final = bool(words_in) and words_in[-1].i == trigger.end - 1
    # next to the verb ("Hij sprak", "schermt hij"), or anywhere before a clause-final verb
    candidates = [
        t for t in clause
        if t.lower_ in words.subject_pronoun
        and (t.i in (trigger.start - 1, trigger.end) or (clause_final and t.i < trigger.start))
    ]  # fmt: skip
    if not candidates:
        return None
    return resolve_pronoun(doc, candidates[0].idx)


def _roles_from_parse(
    trigger: Span, mentions: list[Mention], actor_idx: list[int], recipient_idx: list[int]
) -> tuple[list[int], list[int]]:
    """Word order's roles corrected by the parse, where it names the verb's subject.

    The subject of an active verb trigger (or of the verb it depends on: "liet hij protesten
    neerslaan") acts. When a mention covers that subject it is the actor and no recipient; when
    the subject is a word no mention covers (a pronoun, "hij"), word order's actor, if any, was a
    different phrase ("na zijn gesprek met oppositieleden liet hij ..."), so it is dropped and
    the pronoun is resolved by the caller.
    """
    verb = trigger.root
    if verb.pos_ not in ("VERB", "AUX"):
        return actor_idx, recipient_idx
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.dep_ in ("xcomp", "ccomp") and verb.head is not verb:
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return actor_idx, recipient_idx
    # the mentions of the subject's own phrase ("minister Anna de Wit"), not of the phrases
    # hanging on it ("... met vuurwapens tegen demonstranten", a misattached prepositional phrase)
    core = _core_tokens(subject)
    covering = [i for i, m in enumerate(mentions) if any(m.start <= t.idx < m.end for t in core)]
    if covering:
        return covering, [i for i in recipient_idx if i not in covering]
    if subject.pos_ == "PRON":
        return [], [i for i in recipient_idx if i not in actor_idx]
    return actor_idx, recipient_idx


#: dependencies that stay inside a noun phrase's own name or title
CORE_DEPS = {"flat", "flat:name", "compound", "appos", "amod", "fixed", "nmod:poss", "det", "nummod"}


def _core_tokens(head: Token) -> list[Token]:
    core, todo = [head], [head]
    while todo:
        for child in todo.pop().children:
            if child.dep_ in CORE_DEPS:
                core.append(child)
                todo.append(child)
    return core


def _possessor(doc: Doc, trigger: Span, words: _Words) -> Mention | None:
    """ "zijn gesprek met oppositieleden", "haar bezoek aan Kyiv": the person a possessive
    pronoun on a noun trigger stands for (the one who meets, visits, calls)."""
    head = trigger.root
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    owner = next((c for c in head.children if c.dep_ in ("nmod:poss", "det") and c.lower_ in words.possessive), None)
    if owner is None:
        return None
    if load_actor_lexicon(doc.lang_).pronouns.get(owner.lower_, frozenset()) <= {"pl"}:
        return None  # "hun bezoek": a group, which a person's mention does not stand for
    return resolve_pronoun(doc, owner.idx)


#: how far the parse is followed from a verb to the one whose subject it shares, or from a word
#: up to the verb it hangs on (a bound, so no walk runs over the sentence)
CHAIN_STEPS = 4
#: a verb that shares the subject of its head: "dreigde ... uit te zetten", "noemde ... en waarschuwde"
SHARED_SUBJECT_DEPS = {"xcomp", "ccomp", "conj"}
#: how the undergoing party hangs on a verb ("heeft Rusland gedreigd", "beschuldigde Belgrado")
OBJECT_DEPS = {"obj", "iobj"}
#: the words that name a phrase with its head ("Kosovaarse premier", "Mihai Lungu")
NAME_DEPS = {"amod", "compound", "flat", "flat:name"}

#: a participant the parse names: a mention, or a noun phrase no mention covers ("Moldavië")
Party = Mention | Span


def _acting_verb(trigger: Span, words: _Words) -> Token | None:
    """The verb whose subject does the trigger's event: the trigger's own verb (also an infinitive
    the tagger took for a noun: "liet hen opsluiten"), or the support verb a noun trigger is the
    object of ("voerde een gesprek", "mocht een telefoongesprek voeren")."""
    root = trigger.root
    if root.pos_ in ("VERB", "AUX") or root.dep_ == "xcomp":
        return root
    head = root.head
    # "nsubj": a parser slip that takes the noun before a clause-final infinitive for its subject
    if root.dep_ in ("obj", "nsubj") and head != root and (head.lemma_ or head.lower_) in words.support_verb:
        return head
    return None


def _acting_subject(verb: Token, trigger: Span, words: _Words) -> Token | None:
    """The subject of ``verb``, or of the verb it shares its subject with (an infinitive with "te"
    or "om ... te", a conjoined verb); for a relative clause ("betogers die demonstreerden") the
    noun the relative pronoun stands for."""
    tok = verb
    for _ in range(CHAIN_STEPS):
        # "Dinsdag weigerde de minister ...": a time word the parser took for a second subject
        subject = next(
            (
                c
                for c in tok.children
                if c.dep_ == "nsubj" and not trigger.start <= c.i < trigger.end and c.lower_ not in words.time_word
            ),
            None,
        )
        if subject is not None:
            if tok.dep_ == "acl:relcl" and subject.lower_ in words.relative_pronoun:
                return tok.head
            return subject
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        shared = tok.dep_ in SHARED_SUBJECT_DEPS or (tok.dep_ in ("advcl", "acl") and bool(marks & words.control_mark))
        if not shared or tok.head == tok:
            return None
        tok = tok.head
    return None


def _dep_under(token: Token, verb: Token) -> str | None:
    """The relation by which the phrase holding ``token`` hangs on ``verb`` (None: not on it)."""
    tok = token
    for _ in range(CHAIN_STEPS + 2):
        # spaCy makes a new Token object on each access: compare them by value, not identity
        if tok.head == verb and tok != verb:
            return tok.dep_
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def _phrase(head: Token) -> Span:
    """The name a noun phrase gives itself: its head with its adjectives and name parts, without
    determiners and counts ("de 143 mensen" -> "mensen", "de Kosovaarse premier")."""
    keep = [head.i] + [c.i for c in head.children if c.dep_ in NAME_DEPS]
    return head.doc[min(keep) : max(keep) + 1]


def _covering(mentions: Sequence[Mention], head: Token) -> list[Mention]:
    core = _core_tokens(head)
    return [m for m in mentions if any(m.start <= t.idx < m.end for t in core)]


def _party(head: Token, sent_mentions: Sequence[Mention], words: _Words) -> list[Party]:
    """The mentions covering a phrase, else the phrase itself when it names something (a noun or a
    name: "betogers", "Moldavië"; not a time word the parser took for a subject: "Zondag werden
    ... opgepakt"), else nothing."""
    covering = _covering(sent_mentions, head)
    if covering:
        return list(covering)
    if head.pos_ in ("NOUN", "PROPN") and head.lower_ not in words.time_word:
        return [_phrase(head)]
    return []


def _parse_participants(
    trigger: Span,
    event: str,
    passive: bool,
    sent_mentions: Sequence[Mention],
    actors: list[Party],
    recipients: list[Party],
    words: _Words,
) -> tuple[list[Party], list[Party], Token | None]:
    """Word order's actors and recipients corrected by the relations of the trigger's verb.

    - the verb's subject (or that of the verb it shares it with) acts, even outside the clause
      ("De minister, X, heeft Rusland gedreigd"); a word-order actor that is the verb's object
      then undergoes, any other is dropped. A subject no mention covers is kept as its phrase.
    - with no subject, a word-order actor inside the verb's object is no actor ("om het aftreden
      van de premier te eisen").
    - a passive's subject undergoes; a meeting's or call's "met" phrase is the other party.

    Returns the actors, the recipients and the subject pronoun still to resolve, if any.
    """
    verb = _acting_verb(trigger, words)
    if verb is None:
        if event == "CONSULT":
            recipients = _with_party(trigger.root, sent_mentions, recipients, actors, words)
        return actors, recipients, None
    pronoun = None
    if passive:
        for child in verb.children:
            if child.dep_ == "nsubj:pass" and not _covered(child, recipients + actors):
                recipients = recipients + [p for p in _party(child, sent_mentions, words) if p not in recipients]
    else:
        subject = _acting_subject(verb, trigger, words)
        if subject is not None and subject.pos_ == "PRON":
            if subject.lower_ in words.subject_pronoun:
                pronoun = subject
                undergo = [a for a in actors if _dep_under(_root_of(trigger.doc, a), verb) in OBJECT_DEPS]
                actors, recipients = [], recipients + [a for a in undergo if a not in recipients]
        elif subject is not None and not _covered(subject, actors):
            found = _party(subject, sent_mentions, words)
            if found:
                # a second "subject" of the verb is a parser slip for its object ("heeft Hongarije gedreigd")
                undergo = [a for a in actors if _dep_under(_root_of(trigger.doc, a), verb) in OBJECT_DEPS | {"nsubj"}]
                recipients = [r for r in recipients if r not in found]
                recipients += [a for a in undergo if a not in recipients and a not in found]
                actors = found
        elif subject is None:
            inside = [a for a in actors if _dep_under(_root_of(trigger.doc, a), verb) in OBJECT_DEPS]
            actors = [a for a in actors if a not in inside]
            recipients = recipients + [a for a in inside if a not in recipients]
        if verb == trigger.root:
            recipients = _named_objects(verb, sent_mentions, recipients, actors, words)
    if event == "CONSULT":
        for head in {verb, trigger.root}:
            recipients = _with_party(head, sent_mentions, recipients, actors, words)
    return actors, recipients, pronoun


def _with_party(
    head: Token, sent_mentions: Sequence[Mention], recipients: list[Party], actors: list[Party], words: _Words
) -> list[Party]:
    """``recipients`` plus the "met" phrase on ``head``: "belde met de kanselier", "gesprek met X"."""
    for child in head.children:
        if child.dep_ not in ("obl", "obl:arg", "nmod") or _covered(child, recipients + actors):
            continue
        if any(c.dep_ == "case" and c.lower_ in words.comitative for c in child.children):
            recipients = recipients + _party(child, sent_mentions, words)
    return recipients


def _named_objects(
    verb: Token, sent_mentions: Sequence[Mention], recipients: list[Party], actors: list[Party], words: _Words
) -> list[Party]:
    """``recipients`` plus a name the verb takes as object that no mention covers ("beschuldigde
    Belgrado"); a common noun there is mostly the thing done ("tekende een verklaring")."""
    for child in verb.children:
        if child.dep_ in OBJECT_DEPS and child.pos_ == "PROPN" and not _covered(child, recipients + actors):
            recipients = recipients + [p for p in _party(child, sent_mentions, words) if p not in actors]
    return recipients


def _root_of(doc: Doc, party: Party) -> Token:
    if isinstance(party, Span):
        return party.root
    span = doc.char_span(party.start, party.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else doc[0]


def _covered(head: Token, parties: Sequence[Party]) -> bool:
    for party in parties:
        start, end = (party.start_char, party.end_char) if isinstance(party, Span) else (party.start, party.end)
        if start <= head.idx < end:
            return True
    return False


# -- size, place -------------------------------------------------------------------------------


def size_for(row: LexiconRow, trigger: Span, sent: Span, lang: str = "nl") -> Size:
    numbers = find_numbers(sent.text, lang, offset=sent.start_char)
    size = Size()

    def nearest(kinds: tuple[str, ...]) -> NumberExpr | None:
        found = [n for n in numbers if n.counted in kinds]
        if not found:
            return None
        return min(found, key=lambda n: min(abs(n.start - trigger.end_char), abs(trigger.start_char - n.end)))

    if row.event == "COERCE" and row.mode == "arrest":
        n = nearest(("person", "arrested"))
        if n is not None:
            size.arrested = n.value
    dead = nearest(("dead",))
    injured = nearest(("injured",))
    size.dead = dead.value if dead else None
    size.injured = injured.value if injured else None
    return size


# -- actors (kroniek.actors.component) ---------------------------------------------------------


def _ref(doc: Doc, mention: Mention, date: str | None = None) -> EntityRef:
    """The PLOVER entity for a mention, with the country and sector valid on the event's date."""
    return entity_ref(doc, mention, date=date)


def _threat_object(match: LexiconMatch, sent: Span, objects: list[LexiconMatch]) -> LexiconMatch | None:
    """The threatened thing after a THREATEN trigger: "dreigde met het inzetten van vuurwapens"."""
    if match.row.event != "THREATEN" or match.row.mode is not None:
        return None
    after = [o for o in objects if o.row.event == "THREATEN" and match.span.end <= o.span.start < sent.end]
    return min(after, key=lambda o: o.span.start) if after else None


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


# -- the learned model and the lexicon together ---------------------------------------------------

#: EventDNA types whose PLOVER counterpart is clear (the rest keep their EventDNA type only)
TYPE_TO_PLOVER: dict[str, tuple[str, str | None]] = {
    "Justice.ArrestJail": ("COERCE", "arrest"),
    "Justice.Extradite": ("COERCE", "deport"),
    "Conflict.Demonstrate": ("PROTEST", "demo"),
    "Conflict.Attack": ("ASSAULT", None),
    "Contact.Meet": ("CONSULT", None),
    "Contact.Correspondence": ("CONSULT", "phone"),
    "Justice.ReleaseParole": ("RETREAT", "release"),
    "Justice.Investigation": ("ACCUSE", "investigate"),
    "Justice.Convict": ("SANCTION", "convict"),
    "Justice.Sentence": ("SANCTION", "convict"),
}
#: the model's mentions that become records without a lexicon trigger: concrete types only
#: (Unknown and the vague Contact.Contact/Broadcast are left to the scorer's view)
REPORTABLE_TYPES = {"Conflict", "Justice", "Life", "Movement", "Personnel", "Politics", "Transaction", "Business"}
MIN_MODEL_SCORE = 0.8
#: lexicon nouns that stand for an event on their own as subject or object ("de EU haalt de
#: sancties uit de kast"); other nouns ("kritiek", "eisen", "concessies") need the model to
#: see an event in them, or a verb
NOMINAL_TYPES = {"SANCTION", "THREATEN", "COERCE", "ASSAULT", "PROTEST", "CONSULT"}
NOMINAL_DEPS = {"nsubj", "nsubj:pass", "obj", "ROOT"}
ACTOR_ROLES = {"Agent", "Attacker", "Investigator", "Sender", "Giver", "Voter", "Prosecutor", "Adjudicator",
               "Plaintiff", "Author", "Publisher", "DemonstrateEntity", "Entity", "Org"}  # fmt: skip
RECIPIENT_ROLES = {"Victim", "Target", "Person", "Defendant", "Recipient", "Receiver", "InvestigationTarget",
                   "Beneficiary", "PersonnelEntity"}  # fmt: skip


def _in_list_after_colon(trigger: Span) -> bool:
    """ "eisen: vrijlating van ..., nieuwe verkiezingen": an item of a list of demands."""
    sent = trigger.sent if trigger.doc.has_annotation("SENT_START") else trigger.doc[:]
    return any(t.text == ":" for t in trigger.doc[sent.start : trigger.start])


def keep_trigger(
    match: LexiconMatch,
    mention_roots: set[int],
    sent_matches: Sequence[LexiconMatch] = (),
    mentions: Sequence[EventMention] = (),
) -> bool:
    """Whether a lexicon trigger is an event of its own in this sentence (needs a parse; with the
    blank pipeline every trigger is kept). ``mentions``: the learned model's event mentions."""
    span = match.span
    word = next((t for t in span if t.pos_ in ("VERB", "AUX", "NOUN", "PROPN")), span[0])
    if not word.pos_:
        return True
    if word.dep_ == "amod" or (PARTICIPLE.match(word.lower_) and word.lower_.endswith("e")
                               and word.i + 1 < len(span.doc) and span.doc[word.i + 1].pos_ == "NOUN"):  # fmt: skip
        return False  # "opgepakte demonstranten": an adjective
    if _demanded(word, match, sent_matches):
        return False  # "eisen het aftreden van", "riep op tot het vrijlaten": demanded, not done
    if word.pos_ in ("VERB", "AUX") or len(span) > 1:
        return True  # a verb, or a reviewed phrase ("om tafel", "sprak met")
    if _in_list_after_colon(span) and any(
        m.row.event == "REQUEST" and m.span.sent == span.sent and m.span.end <= span.start for m in sent_matches
    ):
        return False  # "eisen: vrijlating van politieke gevangenen": what is demanded, not done
    if word.i in mention_roots:
        return True  # the model sees an event in this noun phrase
    if match.row.type_ere and any(m.start <= word.i < m.end and m.label == match.row.type_ere for m in mentions):
        return True  # "Bij nieuwe demonstraties ... zijn 143 mensen gearresteerd": the model sees one of its kind
    if match.row.event in NOMINAL_TYPES:
        if word.dep_ in NOMINAL_DEPS:
            return True
        case = {c.lower_ for c in word.children if c.dep_ == "case"}
        # "op de sanctielijst zetten/komen", "met arrestaties dreigen" are events; "tot concessies" not
        return word.dep_ == "obl" and bool(case & {"op", "met"}) and match.row.event == "SANCTION"
    return False


#: how the thing demanded hangs on the demand ("eisen het aftreden", "vraagt om de vrijlating")
DEMANDED_DEPS = {"obj", "obl", "obl:arg", "xcomp", "ccomp"}


def _demanded(word: Token, match: LexiconMatch, sent_matches: Sequence[LexiconMatch]) -> bool:
    """Whether the trigger word is what a REQUEST trigger of its sentence asks for."""
    if word.dep_ not in DEMANDED_DEPS or word.head is word:
        return False
    return any(
        m is not match and m.row.event == "REQUEST" and m.span.start <= word.head.i < m.span.end for m in sent_matches
    )


def _reportable(doc: Doc, mention: EventMention) -> bool:
    if mention.score < MIN_MODEL_SCORE:
        return False
    if mention.type not in REPORTABLE_TYPES:  # meetings and calls come from the lexicon
        return False
    # a heading ("Huisarrest") or a bare noun is not a reported happening: want a verb
    return span_root(doc, mention.start, mention.end).pos_ in ("VERB", "AUX")


def _argument_refs(doc: Doc, mention: EventMention) -> tuple[list[EntityRef], list[EntityRef]]:
    actors: list[EntityRef] = []
    recipients: list[EntityRef] = []
    for arg in mention.arguments:
        target = actors if arg.role in ACTOR_ROLES else recipients if arg.role in RECIPIENT_ROLES else None
        if target is None:
            continue
        span = doc[arg.start : arg.end]
        found = actors_in(doc, span.start_char, span.end_char)
        refs = [_ref(doc, m) for m in found] if found else []
        if not refs and any(t.pos_ in ("PROPN", "NOUN") for t in span):
            refs = [EntityRef(entity_text=span.text, start=span.start_char, end=span.end_char)]
        target.extend(r for r in refs if r not in target)
    return actors, recipients


def _combined_modality(rule: str, mention: EventMention | None) -> str:
    """The clause rules name the kind (negated/future/hypothetical); the model adds what they miss."""
    if mention is None or rule != "asserted":
        return rule
    if mention.polarity == "Negative":
        return "negated"
    return "hypothetical" if mention.modality == "Other" else "asserted"


def _char_bounds(doc: Doc, mentions: list[EventMention]) -> list[tuple[int, int]]:
    """Each model mention's character offsets (once per Doc, not once per lexicon event)."""
    return [((span := doc[m.start : m.end]).start_char, span.end_char) for m in mentions]


def _refine_with_model(event: Event, mentions: list[EventMention], bounds: list[tuple[int, int]]) -> None:
    """A lexicon event inside a model mention: its EventDNA type (when the lexicon gave none) and
    the model's modality and polarity. ``bounds``: the mentions' offsets (:func:`_char_bounds`)."""
    covering = [
        m for m, (start, end) in zip(mentions, bounds, strict=True) if start <= event.start and event.end <= end
    ]
    if not covering:
        return
    best = min(covering, key=lambda m: m.end - m.start)
    if event.type_ere is None and TYPE_TO_PLOVER.get(best.label, (None,))[0] == event.event:
        event.type_ere = best.label
    # the model's Asserted/Other is judged on a whole clause: only its negation is used here
    if event.modality == "asserted" and best.polarity == "Negative":
        event.modality = "negated"


# -- the component -----------------------------------------------------------------------------


class EventComponent:
    def __init__(self, nlp: Language, lang: str) -> None:
        self.lang = lang
        self.matcher = EventMatcher(nlp, lang)
        self.words = _words(lang)
        self.model = load_event_model(lang)
        self._text = ""

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        doc_id = article.id if article is not None else ""
        triggers, objects = self.matcher(doc)
        self._text = text_of(doc)  # Doc.text is rebuilt on every access: once per Doc
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        mentions: list[EventMention] = []
        if self.model is not None and doc.has_annotation("DEP"):  # the model's features need the parse
            mentions = self.model.predict(doc, sents, trigger_hits(triggers))
        doc._.event_mentions = mentions
        roots = {span_root(doc, m.start, m.end).i for m in mentions}
        bounds = _char_bounds(doc, mentions)
        events: list[Event] = []
        rejected: list[LexiconMatch] = []  # triggers the parse showed to be no event of their own
        for index, sent in enumerate(sents):
            sent_triggers = [m for m in triggers if sent.start <= m.span.start < sent.end]
            if not sent_triggers or sum(1 for t in sent if not t.is_punct and not t.is_space) < HEADING_TOKENS:
                continue
            # the threatened thing is no event of its own: "dreigde met arrestaties"
            threatened = [o.span for m in sent_triggers if (o := _threat_object(m, sent, objects))]
            sent_triggers = [m for m in sent_triggers if not any(_overlaps(m.span, o) for o in threatened)]
            kept = [m for m in sent_triggers if keep_trigger(m, roots, sent_triggers, mentions)]
            rejected += [m for m in sent_triggers if m not in kept]
            sent_triggers = kept
            if not sent_triggers:
                continue
            cuts = clauses(sent, self.lang, frozenset(m.span.start for m in sent_triggers))
            merged: dict[tuple[str | None, str | None], Event] = {}
            for match in sent_triggers:
                event = self._event(doc, doc_id, index, sent, cuts, match, objects, sents)
                key = (event.event, event.mode)
                if key in merged:
                    first = merged[key]
                    first.mentions += 1
                    first.actor.extend(a for a in event.actor if a not in first.actor)
                    first.recipient.extend(r for r in event.recipient if r not in first.recipient)
                    continue
                merged[key] = event
                events.append(event)
        for event in events:
            _refine_with_model(event, mentions, bounds)
        events += self._model_only(doc, doc_id, sents, mentions, events, rejected)
        doc._.events = events
        return doc

    def _model_only(
        self,
        doc: Doc,
        doc_id: str,
        sents: list[Span],
        mentions: list[EventMention],
        events: list[Event],
        rejected: list[LexiconMatch],
    ) -> list[Event]:
        """Confident, concrete model mentions that no lexicon trigger coded (EventDNA type only, or
        the PLOVER type their EventDNA type implies)."""
        out: list[Event] = []
        taken = [(e.start, e.end) for e in events]
        for mention in mentions:
            if not _reportable(doc, mention):
                continue
            span = doc[mention.start : mention.end]
            if any(span.start_char < e and s < span.end_char for s, e in taken):
                continue  # a lexicon event already stands for it
            plover, mode = TYPE_TO_PLOVER.get(mention.label, (None, None))
            if any(_overlaps(span, r.span) and r.row.type_ere == mention.label for r in rejected):
                continue  # "na ... de arrestaties en martelingen": the lexicon saw no event there
            index = next(i for i, s in enumerate(sents) if s.start <= mention.start < s.end)
            sent = sents[index]
            root = span_root(doc, mention.start, mention.end)
            actors, recipients = _argument_refs(doc, mention)
            clause = clause_of(clauses(sent, self.lang), root.i)
            mod = _combined_modality(modality(clause, self.lang), mention)
            date, precision = date_for_span(doc, span.start_char, span.end_char)
            size = Size()
            if plover == "COERCE" and mode == "arrest":
                size = size_for(LexiconRow("trigger", "", plover, mode, None, 0.5), span, sent, self.lang)
            out.append(
                Event(
                    id=record_id(doc_id, span.start_char, span.end_char, mention.label),
                    doc_id=doc_id,
                    sentence=index,
                    start=root.idx,
                    end=root.idx + len(root.text),
                    sentence_text=sent.text,
                    event_text=span.text.strip(" ,;:"),
                    event=plover,
                    mode=mode,
                    type_ere=mention.label,
                    actor=actors,
                    recipient=recipients,
                    date=date,
                    date_precision=precision,
                    place=place_for_span(doc, span.start_char, span.end_char),
                    size=size,
                    modality=mod,
                    trigger=root.text,
                    confidence=round(min(0.9, mention.score * 0.8 - 0.1 * (mod != "asserted")), 2),
                )
            )
        return out

    def _event(
        self,
        doc: Doc,
        doc_id: str,
        index: int,
        sent: Span,
        cuts: list[Span],
        match: LexiconMatch,
        objects: list[LexiconMatch],
        sents: list[Span],
    ) -> Event:
        row, trigger = match.row, match.span
        clause = clause_of(cuts, trigger.start)
        words = self.words
        mode = row.mode
        if mode is None:
            threatened = _threat_object(match, sent, objects)
            mode = threatened.row.mode if threatened else None
        mentions = actors_in(doc, clause.start_char, clause.end_char)
        passive = _is_passive(trigger, clause, words)
        agent = next((t.idx for t in clause if t.lower_ in words.agent and t.i >= trigger.end), None)
        agent = agent if agent is not None else next((t.idx for t in clause if t.lower_ in words.agent), None)
        roles = RoleInput(
            trigger.start_char,
            trigger.end_char,
            tuple((m.start, m.end) for m in mentions),
            passive=passive,
            agent_start=agent,
            inverted=not passive and _is_inverted(trigger, mentions, words),
            subject_is_recipient=trigger.text.lower().split("-")[-1] in words.subject_is_recipient,
            joined=_joined(self._text, mentions, self.lang),
        )
        actor_idx, recipient_idx = assign_roles(roles)
        if not passive:
            actor_idx, recipient_idx = _roles_from_parse(trigger, mentions, actor_idx, recipient_idx)
        subject_pronoun = None
        actor_parties: list[Party] = [mentions[i] for i in actor_idx]
        recipient_parties: list[Party] = [mentions[i] for i in recipient_idx]
        if doc.has_annotation("DEP"):
            actor_parties, recipient_parties, subject_pronoun = _parse_participants(
                trigger, row.event, passive, actors_in(doc, sent.start_char, sent.end_char),
                actor_parties, recipient_parties, words,
            )  # fmt: skip
        date, precision = date_for_span(doc, trigger.start_char, trigger.end_char)
        actors = [self._party_ref(doc, p, date) for p in actor_parties]
        recipients = [self._party_ref(doc, p, date) for p in recipient_parties if p not in actor_parties]
        if not actors and not passive:
            pronoun = (
                (resolve_pronoun(doc, subject_pronoun.idx) if subject_pronoun is not None else None)
                or _subject_pronoun(doc, clause, trigger, words)
                or _possessor(doc, trigger, words)
            )
            if pronoun is not None:
                actors = [_ref(doc, pronoun, date)]
        if passive and not actors:
            actors = self._security_actor(doc, sents, index)
        mod = modality(clause, self.lang)
        if trigger[0].dep_ == "amod" or (trigger[0].dep_ in ("appos", "conj") and _in_list_after_colon(trigger)):
            mod = "hypothetical" if mod == "asserted" else mod
        in_sentence_date = any(d.sentence == index for d in doc._.dates or ())
        place = place_for_span(doc, trigger.start_char, trigger.end_char)
        event_span = clause if len(clause) >= 4 else sent
        confidence = row.weight + 0.1 * bool(actors) + 0.05 * bool(recipients) + 0.05 * in_sentence_date
        confidence += 0.05 * bool(place and place.how == "clause") - 0.1 * (mod != "asserted")
        return Event(
            id=record_id(doc_id, trigger.start_char, trigger.end_char, row.event),
            doc_id=doc_id,
            sentence=index,
            start=trigger.start_char,
            end=trigger.end_char,
            sentence_text=sent.text,
            event_text=event_span.text.strip(" ,;:"),
            event=row.event,
            mode=mode,
            type_ere=row.type_ere,
            actor=actors,
            recipient=recipients,
            date=date,
            date_precision=precision,
            place=place,
            size=size_for(row, trigger, sent, self.lang),
            modality=mod,
            trigger=trigger.text,
            confidence=round(min(0.95, max(0.05, confidence)), 2),
        )

    def _party_ref(self, doc: Doc, party: Party, date: str | None) -> EntityRef:
        if not isinstance(party, Span):
            return _ref(doc, party, date)
        # a phrase no actor mention covers: its words, and its country when it names one ("Moldavië")
        code = load_actor_lexicon(self.lang).countries.get(fold(party.text))
        return EntityRef(entity_text=party.text, code=code, start=party.start_char, end=party.end_char)

    def _security_actor(self, doc: Doc, sents: list[Span], index: int) -> list[EntityRef]:
        """The arresting side of a passive without "door": police or army named nearby."""
        lo = sents[max(0, index - 1)].start_char
        hi = sents[index].end_char
        for mention in actors_in(doc, lo, hi):
            ref = _ref(doc, mention)
            if ref.sector in self.words.security_sector:
                return [ref]
        return []


@Language.factory(
    "kroniek_events",
    default_config={"lang": "nl"},
    assigns=["doc._.events"],
    requires=["doc._.dates", "doc._.places"],
)
def make_events(nlp: Language, name: str, lang: str) -> EventComponent:
    return EventComponent(nlp, lang)
