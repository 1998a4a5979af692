"""``kroniek_actors``: who is named in an article, and which mentions name the same actor.

Reads ``doc.ents`` (PER, ORG, and LOC for countries and place-named institutions used as
actors: ``Rusland groeit``, ``Brussel zette``, not ``in Belarus``) and role phrases from
``roles.tsv`` (``de Duitse minister van Buitenlandse Zaken``, ``demonstranten``,
``KGB-agenten``). Within the article it links

- a surname (or genitive, ``Loekasjenko’s``) to the full name written elsewhere;
- an apposition (``Heiko Maas, de Duitse minister …``, ``oppositieleider Svetlana …``) and a
  later mention of the same role to that person;
- a role with a country to the core knowledge-base actor who held it then
  (``de Belarussische leider`` -> Lukashenko).

Assigns ``doc._.mentions`` (``records.Mention`` with ``actor_id``) and ``doc._.actors``
(id -> ``records.Actor``). Ids: the knowledge-base id (a Wikidata QID where certain), else
``kroniek:`` plus the folded name (``keys.actor_key``). Mention labels: PER, ORG, LOC for names,
ROLE for role phrases; an actor's ``kind`` is PER, ORG, GROUP or LOC.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kroniek.actors.keys import actor_key, fold
from kroniek.actors.lexicon import KBActor, Lexicons, load
from kroniek.actors.names import strip_genitive
from kroniek.actors.resolver import knowledge_base, stable_key
from kroniek.records import Actor, EntityRef, Mention

_INFO_KEY = "kroniek_actor_info"
MAX_MODIFIERS = 3
#: a person whose gender fits a pronoun beats a nearer one of unknown gender within this many sentences
PRONOUN_REACH = 2


@dataclass
class _ActorInfo:
    """What the component knows about one actor while it reads the article."""

    id: str
    kind: str
    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    code: str | None = None
    sector: str | None = None
    gender: str | None = None
    kb: KBActor | None = None


@dataclass
class _Candidate:
    start: int  # token offsets
    end: int
    start_char: int
    end_char: int
    text: str
    label: str  # PER, ORG, LOC, ROLE
    code: str | None = None
    sector: str | None = None
    kind: str | None = None
    role_key: str | None = None
    actor_id: str | None = None


@Language.factory(
    "kroniek_actors",
    assigns=["doc._.mentions", "doc._.actors"],
    default_config={"lang": "nl"},
)
def make_actor_linker(nlp: Language, name: str, lang: str) -> ActorLinker:
    return ActorLinker(nlp, lang)


class ActorLinker:
    def __init__(self, nlp: Language, lang: str) -> None:
        self.lang = lang
        self.lex = load(lang)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("ROLE", [nlp.make_doc(" ".join(phrase)) for phrase in self.lex.roles])

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        doc_id = article.id if article is not None else ""
        date = article.published if article is not None else None
        names = self._names(doc)
        roles = self._roles(doc, names)
        taken = {i for c in roles for i in range(c.start, c.end)}
        # a name inside a role phrase (minister van Buitenlandse Zaken) is part of the role
        names = [c for c in names if c.label == "PER" or not any(i in taken for i in range(c.start, c.end))]
        infos: dict[str, _ActorInfo] = {}
        self._named_roles(names, roles, date)
        self._link_names(names, infos)
        self._link_roles(doc, names, roles, infos, date)
        candidates = sorted(names + roles, key=lambda c: c.start_char)
        sent_starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        mentions = [
            Mention(
                doc_id=doc_id,
                sentence=max(0, bisect.bisect_right(sent_starts, c.start_char) - 1),
                start=c.start_char,
                end=c.end_char,
                text=c.text,
                label=c.label,
                actor_id=c.actor_id,
            )
            for c in candidates
        ]
        doc._.mentions = mentions
        doc._.actors = {aid: self._actor(info) for aid, info in infos.items()}
        doc.user_data[_INFO_KEY] = {aid: info.gender for aid, info in infos.items()}
        return doc

    # -- finding mentions -------------------------------------------------------------------

    def _names(self, doc: Doc) -> list[_Candidate]:
        out = []
        for ent in doc.ents:
            if ent.label_ not in ("PER", "ORG", "LOC"):
                continue
            text = strip_genitive(ent.text)
            key = fold(text)
            cand = _Candidate(ent.start, ent.end, ent.start_char, ent.start_char + len(text), text, ent.label_)
            kb = self.lex.kb_by_alias.get(key)
            after_prep = ent.start > 0 and self.lex.hints.get(doc[ent.start - 1].lower_) == "PREP"
            if ent.label_ == "ORG" and (
                (kb is not None and kb.kind == "PER") or text.split()[0] in self.lex.first_names
            ):
                cand.label = "PER"  # the knowledge base and the first-name list know better than the tagger
            if ent.label_ == "LOC":
                if after_prep:
                    continue  # in Belarus, naar Brussel: a place, not an actor
                if kb is not None and key in kb.place_aliases:
                    cand.label = "ORG"  # Brussel for the EU, Moskou for the Kremlin
                elif key in self.lex.countries:
                    cand.code = self.lex.countries[key]
                    cand.kind = "LOC"
                    cand.actor_id = "kroniek:country-" + cand.code.lower()
                else:
                    continue
            elif kb is not None and key in kb.place_aliases and after_prep:
                continue
            out.append(cand)
        return out

    def _roles(self, doc: Doc, names: list[_Candidate]) -> list[_Candidate]:
        spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        spans += self._compound_roles(doc)
        out = []
        for span in filter_spans(spans):
            cand = self._role_candidate(doc, span)
            if cand is not None:
                out.append(cand)
        return out

    def _compound_roles(self, doc: Doc) -> list[Span]:
        """``KGB-agenten``, ``EU-ministers``: a known actor or country before a role noun."""
        out = []
        for token in doc:
            if "-" not in token.text:
                continue
            head, tail = token.text.rsplit("-", 1)
            if (tail.lower(),) in self.lex.roles and (
                fold(head) in self.lex.kb_by_alias or fold(head) in self.lex.countries
            ):
                out.append(doc[token.i : token.i + 1])
        return out

    def _role_candidate(self, doc: Doc, span: Span) -> _Candidate | None:
        lex = self.lex
        text = span.text
        code: str | None = None
        sector_override: str | None = None
        role_key: str | None = None
        if len(span) == 1 and "-" in text and (text.lower(),) not in lex.roles:
            head, tail = text.rsplit("-", 1)
            row = lex.roles[(tail.lower(),)]
            role_key = text.lower()
            kb = lex.kb_by_alias.get(fold(head))
            code = kb.code if kb is not None else lex.countries.get(fold(head))
            sector_override = kb.sector if kb is not None and kb.kind == "ORG" else None
        else:
            row = lex.roles[tuple(t.lower_ for t in span)]
        start = span.start
        # left modifiers: nationality adjectives and inflected adjectives (zelfverklaarde, gevluchte)
        while start > span.start - MAX_MODIFIERS and start > 0:
            prev = doc[start - 1]
            if prev.lower_ in lex.nationalities:
                code = code or lex.nationalities[prev.lower_]
            elif not (
                prev.is_alpha
                and prev.is_lower
                and prev.text.endswith("e")
                and prev.lower_ not in STOP_WORDS
                and not prev.like_num  # twee oppositieleden: the number is not part of the role
            ):
                break
            start -= 1
        end = span.end
        # right: "van Belarus", "van Rusland"
        if end + 1 < len(doc) and doc[end].lower_ == "van" and fold(doc[end + 1].text) in lex.countries:
            code = code or lex.countries[fold(doc[end + 1].text)]
            end += 2
        for token in span:  # nationality inside the phrase: "Europese ministers"
            if token.lower_ in lex.nationalities:
                code = code or lex.nationalities[token.lower_]
        whole = doc[start:end]
        return _Candidate(
            start,
            end,
            whole.start_char,
            whole.end_char,
            whole.text,
            "ROLE",
            code=code,
            sector=sector_override or row["sector"] or None,
            kind=row["kind"],
            role_key=role_key or row["key"] or " ".join(t.lower_ for t in span),
        )

    # -- linking ----------------------------------------------------------------------------

    def _info(self, infos: dict[str, _ActorInfo], aid: str, kind: str, kb: KBActor | None = None) -> _ActorInfo:
        info = infos.get(aid)
        if info is None:
            info = _ActorInfo(id=aid, kind=kind, kb=kb)
            if kb is not None:
                info.code, info.sector, info.gender = kb.code, kb.sector, kb.gender
            infos[aid] = info
        return info

    def _link_names(self, names: list[_Candidate], infos: dict[str, _ActorInfo]) -> None:
        lex = self.lex
        # full names first, so a surname written before the full name still finds it
        clusters: list[tuple[int, str, str]] = []  # (start_char, folded surname, actor id)
        full_names = [c for c in names if c.label == "PER" and len(c.text.split()) > 1]
        for cand in full_names:
            key = fold(cand.text)
            kb = lex.kb_by_alias.get(key)
            same = next((aid for _, s, aid in clusters if fold(infos[aid].names[0]) == key), None)
            aid = kb.id if kb is not None else same or stable_key(cand.text)
            self._attach(cand, self._info(infos, aid, "PER", kb))
            clusters.append((cand.start_char, key.split()[-1], aid))
        for cand in names:
            if cand.actor_id is not None:
                if cand.kind == "LOC":
                    info = self._info(infos, cand.actor_id, "LOC")
                    info.code = cand.code
                    info.names.append(cand.text)
                continue
            key = fold(cand.text)
            kb = lex.kb_by_alias.get(key)
            aid = None
            if cand.label == "PER":
                matches = [(s, a) for s, surname, a in clusters if surname == key]
                before = [a for s, a in matches if s < cand.start_char]
                aid = before[-1] if before else matches[0][1] if matches else None
            if aid is None:
                aid = kb.id if kb is not None else stable_key(cand.text)
            kind = kb.kind if kb is not None else ("PER" if cand.label == "PER" else "ORG")
            self._attach(cand, self._info(infos, aid, kind, kb))

    def _attach(self, cand: _Candidate, info: _ActorInfo) -> None:
        cand.actor_id = info.id
        if cand.label == "ROLE":
            info.roles.append(cand.text)
            info.code = info.code or cand.code
            info.sector = info.sector or cand.sector
        else:
            info.names.append(cand.text)

    def _link_roles(
        self,
        doc: Doc,
        names: list[_Candidate],
        roles: list[_Candidate],
        infos: dict[str, _ActorInfo],
        date: str | None,
    ) -> None:
        people = [c for c in names if c.label == "PER"]
        by_end = {c.end: c for c in people}
        by_start = {c.start: c for c in people}
        holders: dict[tuple[str, str | None], str] = {}
        for role in roles:
            person = None
            if role.kind == "PER":
                # "Heiko Maas, de Duitse minister …": name, comma, optional determiner, role
                before = role.start - 1
                if before >= 0 and doc[before].lower_ in STOP_WORDS and doc[before].is_lower:
                    before -= 1
                if before >= 1 and doc[before].text == ",":
                    person = by_end.get(before)
                # "oppositieleider Svetlana Tichanovskaja", "president Poetin"
                person = person or by_start.get(role.end)
            if person is not None:
                info = infos[person.actor_id]  # type: ignore[index]
                self._attach(role, info)
                holders[(role.role_key, role.code)] = info.id  # type: ignore[index]
                holders.setdefault((role.role_key, None), info.id)  # type: ignore[index]
                continue
            if role.kind == "PER":
                aid = holders.get((role.role_key, role.code))  # type: ignore[arg-type]
                if aid is None:
                    seen = {m.actor_id for m in names + roles if m.start_char < role.start_char}
                    kb = role_holder(self.lex, role.role_key or "", role.code, date, seen)
                    if kb is not None:
                        aid = self._info(infos, kb.id, kb.kind, kb).id
                if aid is not None:
                    self._attach(role, infos[aid])
                    continue
            label = " ".join(filter(None, (role.role_key, role.code)))
            kind = "GROUP" if role.kind == "GROUP" else role.kind or "GROUP"
            info = self._info(infos, actor_key(label), kind)
            self._attach(role, info)

    def _named_roles(self, names: list[_Candidate], roles: list[_Candidate], date: str | None) -> None:
        """A role the tagger took for a name (``de Hoge Vertegenwoordiger`` as ORG) becomes a role
        when a core actor held exactly that role on the article's date."""
        for cand in list(names):
            if cand.actor_id is not None:
                continue
            key = cand.text.lower()
            if any(key in a.roles for a in self.lex.kb) and role_holder(self.lex, key, None, date, set()):
                names.remove(cand)
                cand.label, cand.kind, cand.role_key = "ROLE", "PER", key
                roles.append(cand)
        roles.sort(key=lambda c: c.start)

    def _actor(self, info: _ActorInfo) -> Actor:
        names = info.names or info.roles
        canonical = max(names, key=lambda n: (len(n.split()), len(n))) if names else info.id
        gender = info.gender or self._gender(info)
        info.gender = gender
        return Actor(
            id=info.id,
            canonical=canonical,
            country=info.code,
            sector=info.sector,
            kind=info.kind,
            mentions=list(dict.fromkeys(info.names + info.roles)),
            articles=1,
        )

    def _gender(self, info: _ActorInfo) -> str | None:
        if info.kind != "PER" or not info.names:
            return None
        full = max(info.names, key=lambda n: len(n.split())).split()
        if len(full) > 1 and full[0] in self.lex.first_names:
            return self.lex.first_names[full[0]]
        surname = full[-1].lower()
        return next((g for suffix, g in self.lex.surname_gender if surname.endswith(suffix)), None)


def role_holder(lex: Lexicons, role: str, code: str | None, date: str | None, seen: set[str]) -> KBActor | None:
    """The core actor who held ``role`` (a role key) for ``code`` on ``date``.

    Of the actors that held the role then (any time when the article is undated; any country
    when ``code`` is None), the one the article named before the role phrase wins; else the only
    one, if the role is bound to a country (``de Amerikaanse president``) or is an office of one
    institution (``de Hoge Vertegenwoordiger``, not a ``roles.tsv`` noun). Several holders and
    none named: None, never a guess. ``seen``: actor ids mentioned before the role phrase.
    """
    fits = [a for a in lex.kb if role in a.roles and (code is None or a.code == code) and a.holds(role, a.code, date)]
    named = [a for a in fits if a.id in seen]
    if len(named) == 1:
        return named[0]
    if code is None and any(row["key"] == role for row in lex.roles.values()):
        return None  # "de president", "de leider" with no country: only an actor named before says whose
    return fits[0] if len(fits) == 1 else None


# -- helpers other components use ------------------------------------------------------------


def actors_in(doc: Doc, start_char: int, end_char: int) -> list[Mention]:
    """The actor mentions that lie inside ``[start_char, end_char)``, in text order."""
    return [m for m in doc._.mentions or () if m.start >= start_char and m.end <= end_char]


def actor_of(doc: Doc, mention: Mention) -> Actor | None:
    actors = doc._.actors or {}
    return actors.get(mention.actor_id) if mention.actor_id else None


def entity_ref(doc: Doc, mention: Mention, date: str | None = None) -> EntityRef:
    """PLOVER's entity object for a mention.

    ``date`` (ISO, any precision; events pass their date): the country and sector are those of
    the knowledge-base role valid on that date (Putin: RUS GOV; a minister after leaving office:
    the sector of the later role), else the article's.

    ``identifier_id`` is the actor id: a Wikidata QID for core actors that have one, else the
    ``kroniek:`` id; ``identifier_text`` the knowledge base's canonical name, or the fullest
    form in the article.
    """
    actor = actor_of(doc, mention)
    if actor is None:
        return EntityRef(entity_text=mention.text, start=mention.start, end=mention.end)
    lang = doc.lang_ or "nl"
    kb = next((a for a in load(lang).kb if a.id == actor.id), None)
    code, sector = actor.country, actor.sector
    if date and actor.kind in ("PER", "ORG"):
        entry = knowledge_base().by_id(actor.id)
        if entry is not None and any(s.start or s.end for s in entry.spells):
            code, sector = entry.at(date)
    return EntityRef(
        entity_text=mention.text,
        code=code,
        sector=sector,
        identifier_id=actor.id,
        identifier_text=kb.canonical if kb is not None else actor.canonical,
        start=mention.start,
        end=mention.end,
    )


def gender_of(doc: Doc, actor_id: str | None) -> str | None:
    return (doc.user_data.get(_INFO_KEY) or {}).get(actor_id) if actor_id else None


def resolve_pronoun(
    doc: Doc, char: int, skip: Iterable[tuple[int, int]] = (), lexicons: Lexicons | None = None
) -> Mention | None:
    """The person a pronoun at ``char`` most likely refers to: the most recent earlier mention of
    a person whose known gender fits the pronoun (``zij``/``ze`` never resolve to a man); one of
    unknown gender (``de burgemeester``) only when no fitting person was named shortly before.

    ``skip``: character ranges to ignore (quoted text, whose names are not the speaker's).
    """
    lex = lexicons or load(doc.lang_ or "nl")
    genders: frozenset[str] | None = None
    at = doc.char_span(char, char + 1, alignment_mode="expand")  # not a walk over every token
    if at is not None and len(at) and at[0].idx == char:
        genders = lex.pronouns.get(at[0].lower_)
    ranges = list(skip)
    actors = doc._.actors or {}
    unknown: Mention | None = None  # the latest person of unknown gender, if no known one fits
    for mention in reversed(doc._.mentions or ()):
        if mention.end > char or any(s <= mention.start < e for s, e in ranges):
            continue
        actor = actors.get(mention.actor_id) if mention.actor_id else None
        if actor is None or actor.kind != "PER":
            continue
        gender = gender_of(doc, actor.id)
        if genders is None or (gender is not None and gender in genders):
            if unknown is None or unknown.sentence - mention.sentence <= PRONOUN_REACH:
                return mention
            return unknown
        if gender is None and unknown is None:
            unknown = mention
    return unknown
