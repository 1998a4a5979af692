"""The actor knowledge base and the name resolver: any spelling of a name -> one actor.

The knowledge base (``kroniek/data/actors/*.tsv.gz``, built by ``training/build_actors.py``) is
read lazily, once per process. A name is resolved in steps, each only when the one before found
nothing:

1. group nouns (``politie``, ``demonstranten``): the sector from ``roles.tsv``, the country from
   the caller (the article's country);
2. the name's *key*: its parts folded (``keys.fold``, ``keys.part_key``), each replaced by its
   name-part cluster (rigour's clusters join Aljaksandr, Aleksandr, Александр), titles and
   country adjectives dropped, sorted (so ``LUKASHENKA, Alyaksandr`` is ``Alyaksandr Lukashenka``);
   looked up among the keys of all aliases; then the same without a patronymic;
3. an edit-distance match (rapidfuzz) of the name's longest part against the parts of the
   aliases, the other parts checked to agree (same cluster, an initial, or a close spelling);
   when no actor scores high enough, an actor whose name differs from the name's in one letter of
   one part is still taken (see :func:`_one_typo`).

A person found by any step is kept only when a word of the name is that person's surname (see
:func:`_surname_agrees`; the surname keys are written into the KB at build time): clusters join
given names across languages (Pieter = Peter) but also chain surnames (Smit = Smith), and the
masculine and feminine forms of a surname (Golikov / Golikova) are two people.

Ties (several actors with one key) are broken by country, then by a role valid on the date,
then by the source (the reviewed core first). A name found nowhere gets :func:`stable_key`, the
same for every spelling that folds alike, so the unknown person falls together across articles.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from kroniek.actors.keys import actor_key, fold_words, part_key, part_variants, readings

_PATRONYMIC_ENDS = ("ovich", "evich", "ovych", "evych", "ovna", "evna", "ichna", "avich", "ovych", "yevych")
_SOURCE_RANK = {"core": 0, "ofac": 1, "phoenix": 2, "cldr": 3}
#: who a lone surname means when several people have it (see :meth:`Resolver._one_word`)
_NOTABLE_RANK = {"core": 0, "phoenix": 1, "ofac": 2}
MAX_TOKENS = 8
#: the scored match (see :meth:`Resolver._fuzzy`): a name is accepted at ACCEPT, unless another
#: actor scores within AMBIGUITY of it
ACCEPT = 0.86
AMBIGUITY = 0.04
MIDDLE_PENALTY = 0.97  # a middle name the knowledge base lacks (Anthony Norman Albanese)
EXTRA_PENALTY = 0.95  # a part of the knowledge base's name the text leaves out
MIN_FUZZY_LEN = 5  # shorter parts must agree exactly (Smit is not Smith)
NEAR_PARTS = 4  # the close spellings of a part kept, with ties (see _Index.near)
MAX_CANDIDATES = 5000
CROWDED_BLOCK = 600  # a block of the edit-distance step with more parts is split (see _Index.build)
BIG_POSTING = 16  # postings longer than this are also kept as frozensets (see _Index.big)
#: one word is matched by edit distance only when long and close, to one place or organisation
MIN_ONE_WORD_FUZZY = 7
ONE_WORD_ACCEPT = 0.85
#: the scored match also accepts, when no actor reaches ACCEPT, a name one letter away from an
#: actor's name (see _one_typo) at this score
ONE_TYPO_ACCEPT = 0.8
#: the surname check (see _surname_agrees): an edit-distance ratio, and the length both need for it
SURNAME_CLOSE = 85.0
MIN_SURNAME_FUZZY = 5  # at 5 letters only an added letter passes (Rabya / Rabiya), not a changed one
MIN_SURNAME_CONSONANTS = 6  # the same consonants, other vowels: long surnames only (Marek is not Marak)
#: part-key endings of the feminine and masculine forms of Slavic surnames (see gendered)
_FEMININE = ("ova", "eva", "ina", "yna", "sk")
_MASCULINE = ("ov", "ev", "in", "yn", "sky")


@dataclass(frozen=True, slots=True)
class Spell:
    """A role an actor held: country and sector between two ISO dates (empty = open)."""

    code: str
    sector: str
    start: str
    end: str
    role: str = ""

    def covers(self, date: str | None) -> bool:
        if not date:
            return not self.end
        return (not self.start or date >= self.start[: len(date)]) and (not self.end or date <= self.end[: len(date)])


@dataclass(frozen=True, slots=True)
class KBEntry:
    id: str
    kind: str
    canonical: str
    gender: str | None
    qid: str | None
    country: str | None
    sector: str | None
    spells: tuple[Spell, ...]
    source: str
    aliases: str  # raw "name@lang|..." cell: split only when asked for
    #: a person's surname keys (see ``training/build_actors.surname_keys``): the part keys, with
    #: their readings, of the last word of its names; made at build time, so resolving folds no alias
    surnames: frozenset[str] = frozenset()

    def alias_list(self) -> list[tuple[str, str]]:
        out = []
        for item in self.aliases.split("|"):
            name, _, lang = item.rpartition("@") if "@" in item else (item, "", "")
            out.append((name, lang))
        return out

    def at(self, date: str | None) -> tuple[str | None, str | None]:
        """Country and sector valid on ``date``: the latest spell that covers it, else the defaults."""
        if date:
            valid = [s for s in self.spells if s.covers(date) and s.sector and (s.start or s.end)]
            if valid:
                best = max(valid, key=lambda s: s.start)
                return best.code or self.country, best.sector
        return self.country, self.sector

    def active(self, date: str | None) -> bool:
        """No spells, or one that covers the date."""
        dated = [s for s in self.spells if s.start or s.end]
        return not dated or not date or any(s.covers(date) for s in dated)


@dataclass(frozen=True, slots=True)
class Resolution:
    name: str
    id: str | None
    canonical: str | None
    country: str | None
    sector: str | None
    score: float
    kind: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "id": self.id,
            "canonical": self.canonical,
            "country": self.country,
            "sector": self.sector,
            "score": round(self.score, 3),
        }


class KnowledgeBase:
    """The compiled KB: entries, key index and the name-part table."""

    def __init__(self, rows: list[str], keys: dict[str, str], parts: dict[str, str]) -> None:
        self.rows = rows
        self.keys = keys  # key -> "3,17": row numbers, split when used
        self.parts = parts
        self._entries: dict[int, KBEntry] = {}
        self._by_id: dict[str, int] | None = None
        self.titles: frozenset[str] = frozenset()
        self._index: _Index | None = None

    @classmethod
    def load(cls) -> KnowledgeBase:
        base = resources.files("kroniek") / "data" / "actors"

        def lines(name: str) -> list[str]:
            return gzip.decompress(base.joinpath(name).read_bytes()).decode("utf-8").splitlines()

        # parsed lazily: most entries are never looked at in a run, and the KB must load in well under 1 s
        rows = lines("actors.tsv.gz")
        keys = dict(line.split("\t", 1) for line in lines("keys.tsv.gz"))
        parts = dict(line.split("\t", 1) for line in lines("parts.tsv.gz"))
        kb = cls(rows, keys, parts)
        kb.titles = frozenset(lines("titles.txt.gz"))
        return kb

    def entry(self, idx: int) -> KBEntry:
        found = self._entries.get(idx)
        if found is None:
            c = self.rows[idx].split("\t")
            surnames = frozenset(c[10].split()) if len(c) > 10 and c[10] else _NO_SURNAMES
            spells = _spells(c[7])
            found = KBEntry(
                c[0], c[1], c[2], c[3] or None, c[4] or None, c[5] or None, c[6] or None, spells, c[8], c[9], surnames
            )
            self._entries[idx] = found
        return found

    def ids(self, key: str) -> tuple[int, ...]:
        raw = self.keys.get(key)
        return tuple(map(int, raw.split(","))) if raw else ()

    def by_id(self, actor_id: str) -> KBEntry | None:
        if self._by_id is None:
            self._by_id = {row.partition("\t")[0]: i for i, row in enumerate(self.rows)}
        idx = self._by_id.get(actor_id)
        return self.entry(idx) if idx is not None else None

    def index(self) -> _Index:
        """Part -> actors, actor -> keys and the blocks of the edit-distance step, built on first use."""
        if self._index is None:
            self._index = _Index.build(self)
        return self._index

    def surnames(self, idx: int) -> frozenset[str]:
        """The part keys (with their readings) of a person's surname as its names write it."""
        return self.entry(idx).surnames

    def near(self, part: str) -> tuple[tuple[str, float], ...]:
        """Known key parts within a small edit distance of ``part`` (see :class:`_Index`)."""
        return self.index().near(part)


class _Index:
    """What the scored match needs, derived from the key table.

    ``blocks`` holds every key part under its first three and its last three letters, per length
    (each block also holds the parts up to two letters shorter or longer):
    a spelling one or two edits away from a known part nearly always keeps one end, so the
    rapidfuzz comparison runs over a few dozen parts instead of tens of thousands."""

    def __init__(
        self,
        postings: dict[str, tuple[int, ...]],
        entry_keys: dict[int, tuple[tuple[str, ...], ...]],
        blocks: dict[tuple[str, int], tuple[str, ...]],
    ) -> None:
        # tuples of strings, not lists: the garbage collector stops tracking them, and the
        # collections a resolving run triggers stay cheap
        self.postings = postings
        self.entry_keys = entry_keys
        self.blocks = blocks
        #: the long postings again as sets, for intersections that cost the smaller side
        self.big = {part: frozenset(ids) for part, ids in postings.items() if len(ids) > BIG_POSTING}
        #: each row's kind (PER, ORG, ...), read without parsing the row into an entry
        self.kinds: tuple[str, ...] = ()
        # every part of every key of an actor; made for the actors asked about only
        self._entry_parts: dict[int, frozenset[str]] = {}
        self._near: dict[str, tuple[tuple[str, float], ...]] = {}
        self.reps: dict[str, str] = {}

    @classmethod
    def build(cls, kb: KnowledgeBase) -> _Index:
        postings: dict[str, list[int]] = defaultdict(list)
        entry_keys: dict[int, list[tuple[str, ...]]] = defaultdict(list)
        for key, raw in kb.keys.items():
            if key[0] in "#=":
                continue  # initials and lone surnames are looked up whole
            parts = tuple(key.split())
            for i in map(int, raw.split(",")):
                entry_keys[i].append(parts)
                for part in parts:
                    postings[part].append(i)
        by_length: dict[tuple[str, int], list[str]] = defaultdict(list)
        # the parts of the keys and the spellings of the name-part table (which stand for their cluster)
        for part in dict.fromkeys([*postings, *(k for k, v in kb.parts.items() if v)]):
            if len(part) >= MIN_FUZZY_LEN:
                by_length["<" + part[:3], len(part)].append(part)
                by_length[">" + part[-3:], len(part)].append(part)
        # a block per end and length n holds the parts of lengths n-2 .. n+2, joined once here
        # rather than on every look-up (joining them per part was a third of the fuzzy step)
        blocks: dict[tuple[str, int], list[str]] = defaultdict(list)
        for (end, n), found in by_length.items():
            for length in range(max(n - 2, MIN_FUZZY_LEN), n + 3):
                blocks[end, length] += found
        # a crowded block (-enko, -ovich, Ale-) is split by four letters: its part still meets its
        # close spellings through the block of its other end, unless they differ at both ends
        for (end, n), found in [item for item in blocks.items() if len(item[1]) > CROWDED_BLOCK]:
            del blocks[end, n]
            blocks[end, -n] = []  # the mark: look up four letters
            for part in found:
                blocks[end[0] + (part[:4] if end[0] == "<" else part[-4:]), n].append(part)
        index = cls(
            {k: tuple(dict.fromkeys(v)) for k, v in postings.items()},
            {k: tuple(v) for k, v in entry_keys.items()},
            {k: tuple(v) for k, v in blocks.items()},
        )
        index.reps = kb.parts
        index.kinds = tuple(row.split("\t", 2)[1] for row in kb.rows)
        return index

    def entry_parts(self, idx: int) -> frozenset[str]:
        found = self._entry_parts.get(idx)
        if found is None:
            found = self._entry_parts[idx] = frozenset(p for key in self.entry_keys[idx] for p in key)
        return found

    def near(self, part: str) -> tuple[tuple[str, float], ...]:
        found = self._near.get(part)
        if found is None:
            n = len(part)
            blocks = self.blocks
            head, tail = "<" + part[:3], ">" + part[-3:]
            if (head, -n) in blocks:
                head = "<" + part[:4]
            if (tail, -n) in blocks:
                tail = ">" + part[-4:]
            choices = blocks.get((head, n), ()) + blocks.get((tail, n), ())
            cutoff = 80.0 if n >= 8 or n == 5 else 83.0
            # the best NEAR_PARTS distinct parts, and those as close as the last of them (a close
            # spelling is not crowded out by others as close: Kochanova / Kachanova, Kochar, Kozhanova):
            # a part is in at most two blocks of one length, so twice as many hits hold them
            hits = process.extract(part, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=4 * NEAR_PARTS)
            reps = self.reps
            seen: list[str] = []
            near: list[tuple[str, float]] = []
            least = 0.0
            for hit, score, _ in hits:  # best first; a part found through both ends comes twice
                if hit in seen:
                    continue
                if (len(seen) >= NEAR_PARTS and score < least) or len(seen) == 2 * NEAR_PARTS:
                    break
                seen.append(hit)
                least = score
                rep = reps.get(hit, hit)
                if rep and hit != part:  # "": a title
                    near.append((rep, score / 100))
            found = tuple(near)
            if len(self._near) < 200_000:
                self._near[part] = found
        return found


_NO_SURNAMES: frozenset[str] = frozenset()


@lru_cache(maxsize=16384)
def _spells(cell: str) -> tuple[Spell, ...]:
    """The spells of a KB row's spell cell (cached: a third of the rows share a handful of cells)."""
    return tuple(Spell(*([*sp.split(":"), ""])[:5]) for sp in cell.split(";") if sp)


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The KB, loaded on first use and kept for the process."""
    return KnowledgeBase.load()


def given_first(name: str) -> str:
    """``LUKASHENKA, Alyaksandr`` and ``LUKASHENKA Alyaksandr`` (surname in capitals first, as in
    lists and Belarusian/Russian official style) -> ``Alyaksandr LUKASHENKA``."""
    if "," in name:
        head, _, tail = name.partition(",")
        return f"{tail} {head}" if tail.strip() else head
    words = name.split()
    if len(words) > 1 and words[0].isupper() and len(words[0]) > 2 and not any(w.isupper() for w in words[1:]):
        return " ".join([*words[1:], words[0]])
    return name


@lru_cache(maxsize=131072)
def _rep(token: str) -> str:
    """A folded word's part key, as its cluster's representative ("" for a title)."""
    key = part_key(token)
    return knowledge_base().parts.get(key, key)


@lru_cache(maxsize=131072)
def _words(name: str) -> tuple[str, ...]:
    """The name's folded words, given names first (shared by _parts and the surname check)."""
    return fold_words(given_first(name))


@lru_cache(maxsize=131072)
def _parts(name: str) -> tuple[str, ...]:
    """The name's part keys (cluster representatives), titles dropped, given names first."""
    return tuple(filter(None, map(_rep, _words(name))))


@lru_cache(maxsize=131072)
def _plain_keys(name: str) -> frozenset[str]:
    """The part keys of every word of a name, without the other conventions' readings."""
    return frozenset(map(part_key, _words(name)))


@lru_cache(maxsize=131072)
def _own_keys(name: str) -> frozenset[str]:
    """The part keys of every word of a name, before any cluster replaces them (see
    :meth:`KnowledgeBase.surnames`); in any order, as the surname may be written first."""
    return frozenset().union(*map(readings, _words(name)))


def _surname_agrees(surnames: frozenset[str], name: str) -> bool:
    """A word of the name is the person's surname: the same part key or reading, or, both long,
    a close spelling or the same consonants (Jepishin / Yepishin, Sharamet / Sheremet); short ones
    must agree (Smit is not Smith, Hansen is not Jansen), and the masculine and feminine forms of a
    surname never do (Golikov / Golikova)."""
    if not surnames.isdisjoint(_plain_keys(name)):
        return True  # most names: their own spelling's key, without the readings of the other conventions
    own = _own_keys(name)
    if not surnames.isdisjoint(own):
        return True
    return any(
        (
            fuzz.ratio(a, b, score_cutoff=SURNAME_CLOSE) > 0
            or (min(len(a), len(b)) >= MIN_SURNAME_CONSONANTS and _consonants(a) == _consonants(b))
        )
        and not gendered(a, b)
        for a in surnames
        if len(a) >= MIN_SURNAME_FUZZY
        for b in own
        if len(b) >= MIN_SURNAME_FUZZY
    )


_VOWELS = str.maketrans("", "", "aeiouy")


def _consonants(part: str) -> str:
    """The consonants of a part key: Belarusian akanye and yakanye write other vowels in the same
    surname (Sharamet / Sheremet, Kalesnikau / Kolesnikov)."""
    return part.translate(_VOWELS)


def gendered(a: str, b: str) -> bool:
    """The masculine and the feminine form of a Slavic surname (Golikov / Golikova, Levin /
    Levina, Tikhanovsky / Tikhanovskaya, whose part key ends in -sk): two people, however close."""
    return (a.endswith(_FEMININE) and b.endswith(_MASCULINE)) or (b.endswith(_FEMININE) and a.endswith(_MASCULINE))


def stable_key(name: str) -> str:
    """The id of a name outside the KB: the same for spellings that differ only by convention
    (Babariko / Babaryka, Tichanovskaja / Tsikhanouskaya) or by word order."""
    parts = _parts(name)
    if not parts:
        return actor_key(name)
    # in written order (given names first): Hans Friedrich and Friedrich Hans stay two people
    return "kroniek:" + "-".join(dict.fromkeys(parts))


def _is_patronymic(part: str) -> bool:
    return part.endswith(_PATRONYMIC_ENDS)


class Resolver:
    """Resolve names to KB actors. Cheap to create: the KB and the group nouns are shared."""

    def __init__(self, lang: str = "nl") -> None:
        self.kb = knowledge_base()
        self.lang = lang
        self.groups = _groups(lang)

    def resolve(
        self, name: str, date: str | None = None, country: str | None = None, kind: str | None = None
    ) -> Resolution:
        """Resolve one name (cached: an article batch repeats its names).

        ``date`` (ISO, any precision) picks the country and sector valid then;
        ``country`` (ISO-3) breaks ties and gives group nouns their country; ``kind`` (PER, ORG)
        restricts the candidates."""
        return self._resolve(name, date, country, kind)

    @lru_cache(maxsize=65536)  # noqa: B019 - one resolver per language lives for the process
    def _resolve(self, name: str, date: str | None, country: str | None, kind: str | None) -> Resolution:
        words = name.split()
        text = " ".join(words)
        if not words or len(words) > MAX_TOKENS or not any(map(str.isalpha, text)):
            return Resolution(name, None, None, None, None, 0.0)
        group = self.groups.get(text.lower())
        if group is not None:
            sector, gkind, key = group
            label = " ".join(filter(None, (key, country)))
            return Resolution(name, actor_key(label), text.lower(), country, sector or None, 1.0, gkind)
        parts = _parts(text)
        if not parts:
            return Resolution(name, None, None, None, None, 0.0)
        found = self._exact(parts, date, country, kind)
        if found is None:
            found = self._fuzzy(parts, date, country, kind)
        if found is None and len(parts) == 1:
            found = self._one_word(parts[0], country, kind)
        if found is None:
            found = self._fallbacks(text, parts, date, country, kind)
        if found is None:
            return Resolution(name, stable_key(text), None, None, None, 0.0)
        idx, score = found
        entry = self.kb.entry(idx)
        if entry.kind == "PER" and not _surname_agrees(entry.surnames, text):
            # name-part clusters join given names across languages (Pieter = Peter) but also
            # chain surnames (Smit = Smith): a person's surname must match by its own spelling
            return Resolution(name, stable_key(text), None, None, None, 0.0)
        code, sector = entry.at(date)
        return Resolution(name, entry.id, entry.canonical, code, sector, score, entry.kind)

    def _one_word(self, part: str, country: str | None, kind: str | None) -> tuple[int, float] | None:
        """A word that is no alias: the surname of the one person in the KB who has it (among
        several, the one of the article's country, then of the best source: Shoigu), or a close
        spelling of a one-word name of a place or organisation (Kazahstan). Short words and
        surnames several equal people share stay unresolved (Ivanov)."""
        if len(part) >= MIN_FUZZY_LEN and kind in (None, "PER"):
            ids = self.kb.ids("=" + part)
            if not ids:  # another convention's reading of the surname (French Poutine = Putin)
                ids = tuple(i for v in part_variants(part) for i in self.kb.ids("=" + v))
            people = list({self.kb.entry(i).id: i for i in ids}.values())
            if len(people) > 1 and country:
                people = [i for i in people if self.kb.entry(i).country == country] or people
            if len(people) > 1:
                # the news means the notable one: a person of the reviewed core or of the political
                # actor lists (Phoenix) before sanctioned relatives (Shoigu's daughters in OFAC)
                ranks = [_NOTABLE_RANK.get(self.kb.entry(i).source.split(";")[0], 3) for i in people]
                best = min(ranks)
                people = [i for i, rank in zip(people, ranks, strict=True) if rank == best]
            if len(people) == 1:
                return people[0], 0.8
        if len(part) >= MIN_ONE_WORD_FUZZY and kind != "PER":
            found: dict[str, tuple[int, float]] = {}
            for rep, score in self.kb.near(part):
                if score >= ONE_WORD_ACCEPT:
                    for i in self.kb.ids(rep):
                        entry = self.kb.entry(i)
                        if entry.kind != "PER" and (not kind or entry.kind == kind):
                            found.setdefault(entry.id, (i, score))
            if len(found) == 1:
                i, score = next(iter(found.values()))
                return i, 0.9 * score
        return None

    def _fallbacks(
        self, text: str, parts: tuple[str, ...], date: str | None, country: str | None, kind: str | None
    ) -> tuple[int, float] | None:
        """A title glued to the name (Foreign Minister Andrei Gromyko) or an organisation's
        initials (ANSF). A parenthesis is kept: it often tells two actors apart (Virgin Islands (USA))."""
        words = _words(text)
        lead = 0
        while lead < len(words) - 1 and words[lead] in self.kb.titles:
            lead += 1
        if lead:
            rest = _parts(" ".join(words[lead:]))
            if rest and rest != parts:
                found = self._exact(rest, date, country, kind) or self._fuzzy(rest, date, country, kind or "PER")
                if found is not None:
                    return found[0], 0.9 * found[1]
        if len(words) == 1 and 3 <= len(words[0]) <= 6:
            ids = self.kb.ids("#" + words[0])
            if len({self.kb.entry(i).id for i in ids}) == 1:
                return ids[0], 0.8
        return None

    def _exact(
        self, parts: tuple[str, ...], date: str | None, country: str | None, kind: str | None
    ) -> tuple[int, float] | None:
        key = " ".join(sorted(set(parts)))
        ids = self.kb.ids(key)
        if ids:
            return self._pick(ids, date, country, kind), 1.0
        if len(parts) > 2:
            # without the patronymic (Aleksandr Grigoryevich Lukashenko), or a middle initial
            rest = tuple(p for p in parts if not _is_patronymic(p) and len(p) > 1)
            if rest != parts and len(rest) >= 2:
                ids = self.kb.ids(" ".join(sorted(set(rest))))
                if ids:
                    return self._pick(ids, date, country, kind), 0.95
        return None

    def _fuzzy(
        self, parts: tuple[str, ...], date: str | None, country: str | None, kind: str | None
    ) -> tuple[int, float] | None:
        """The scored match: each part against the parts of the candidates' keys (same cluster,
        another convention's reading, an initial, or a close spelling), first without and then
        with edit distance."""
        if len(parts) < 2:
            return None  # one word is too little to guess at: exact aliases only
        index = self.kb.index()
        # the first and the last part must match (see _align), unless an initial or a patronymic:
        # when the readings of one of them are in no key, no actor can score, and the scoring (and
        # the close spellings of the other parts) are skipped
        last = len(parts) - 1
        required = [i for i in (0, last) if len(parts[i]) > 1 and not parts[i].endswith(_PATRONYMIC_ENDS)]
        unknown = [i for i in required if _weight(parts[i], False) == _NO_ACTORS]
        alts = [_alternatives(p, False) for p in parts]
        found = None if unknown else self._score(parts, alts, index, kind, date, country, False)
        if found is None:
            if any(_weight(parts[i], True) == _NO_ACTORS for i in unknown):
                return None  # not even a close spelling of that part is known
            near = [_alternatives(p, True) for p in parts]
            if near != alts:  # no close spelling of any part: the same scoring again would find nothing
                found = self._score(parts, near, index, kind, date, country, True)
        return found

    def _score(
        self,
        parts: tuple[str, ...],
        alts: list[dict[str, float]],
        index: _Index,
        kind: str | None,
        date: str | None,
        country: str | None,
        fuzzy: bool,
    ) -> tuple[int, float] | None:
        # the anchor: the part whose readings have the fewest actors (the surname, mostly; the
        # first of equals)
        postings = index.postings
        anchor, least = -1, 0
        for i, p in enumerate(parts):
            if len(p) > 1 and not p.endswith(_PATRONYMIC_ENDS):
                weight = _weight(p, fuzzy)
                if anchor < 0 or weight < least:
                    anchor, least = i, weight
        if anchor < 0:
            return None
        candidates: set[int] = set()
        for alt in alts[anchor]:
            posting = postings.get(alt)
            if posting:
                candidates.update(posting)
        if not candidates or len(candidates) > MAX_CANDIDATES:
            return None
        # _align needs two full parts matched: only the anchor's candidates that also carry a
        # reading of another full part can pass. Found by intersecting postings (big ones are
        # frozensets, so a common given name costs the size of the anchor's set, not its own)
        big = index.big
        passing: set[int] = set()
        for i, p in enumerate(parts):
            if i == anchor or len(p) == 1:
                continue
            for alt in alts[i]:
                posting = big.get(alt) or postings.get(alt)
                if posting:
                    passing |= candidates.intersection(posting)
        if not passing:
            return None
        last = len(parts) - 1
        maps = alts
        any_reading = frozenset().union(*[m for p, m in zip(parts, maps, strict=True) if len(p) > 1])
        kinds = index.kinds
        scored: list[tuple[float, int]] = []
        near_miss: list[tuple[float, int]] = []
        for idx in passing:
            if kind and kinds[idx] != kind:
                continue
            best, best_key = 0.0, ()
            for key in index.entry_keys[idx]:
                # most keys of a many-named actor (a country's names in eight languages) share no part
                if any_reading.isdisjoint(key):
                    continue
                score = _align(parts, maps, key, last)
                if score > best:
                    best, best_key = score, key
            if best >= ACCEPT:
                scored.append((best, idx))
            elif fuzzy and best >= ONE_TYPO_ACCEPT and _one_typo(parts, maps, best_key):
                near_miss.append((best, idx))
        if not scored:
            # only when no actor scores: a name that is the actor's name with one letter changed
            scored = near_miss
        if not scored:
            return None
        scored.sort(reverse=True)
        top = scored[0][0]
        tied = tuple(i for s, i in scored if s >= top - 1e-9)
        rivals = [i for s, i in scored if top - AMBIGUITY <= s < top - 1e-9]
        if rivals and top < 1.0:
            return None  # two actors about as close: a wrong merge is worse than a miss
        return self._pick(tied, date, country, kind), 0.9 * top

    def _pick(self, ids: tuple[int, ...], date: str | None, country: str | None, kind: str | None) -> int:
        if len(ids) == 1:
            return ids[0]

        def rank(i: int) -> tuple[int, int, int, int, int]:
            e = self.kb.entry(i)
            return (
                0 if not kind or e.kind == kind else 1,
                0 if not country or e.country == country else 1,
                0 if e.active(date) else 1,
                _SOURCE_RANK.get(e.source.split(";")[0], 0),
                i,
            )

        return min(ids, key=rank)


@lru_cache(maxsize=131072)
def _alternatives(part: str, fuzzy: bool) -> dict[str, float]:
    """Known key parts this part may stand for, with a similarity in (0, 1]: its cluster, the
    readings of the other conventions and, when ``fuzzy``, close spellings (cached: given names
    come back in many names; the dict is shared, never changed)."""
    kb = knowledge_base()
    if fuzzy:
        plain = _alternatives(part, False)
        if len(part) < MIN_FUZZY_LEN:
            return plain
        out = dict(plain)
        for near, score in kb.near(part):
            out.setdefault(near, score)
        return out
    out = {part: 1.0}
    for variant in part_variants(part):
        rep = kb.parts.get(variant, variant)
        if rep:
            out.setdefault(rep, 0.97)
    return out


#: the weight of a part whose readings are in no key (see _weight)
_NO_ACTORS = 10**9


@lru_cache(maxsize=131072)
def _weight(part: str, fuzzy: bool) -> int:
    """How many actors the part's readings stand for (the anchor of _score is the rarest part);
    cached, as the same given names come back in many names."""
    postings = knowledge_base().index().postings
    return sum(map(len, filter(None, map(postings.get, _alternatives(part, fuzzy))))) or _NO_ACTORS


def _one_typo(parts: tuple[str, ...], maps: list[dict[str, float]], key: tuple[str, ...]) -> bool:
    """The name is the key with one letter of one part changed (Pavol / Pavel Latushka): each full
    part the same as one of the key's except one, which is one substitution, insertion or deletion
    away from the one part of the key left (a patronymic the name leaves out aside, as in _align),
    and not the masculine and feminine forms of a name (Mario / Maria)."""
    if len(parts) < 2 or len(parts) > len(key) or min(map(len, parts)) < 2:
        return False
    free = list(key)
    typo = None
    for i, part in enumerate(parts):
        if part in free:
            free.remove(part)
        elif typo is None:
            typo = (i, part)
        else:
            return False
    if len(free) > 1:
        free = [k for k in free if not k.endswith(_PATRONYMIC_ENDS)]
    if typo is None or len(free) != 1:
        return False
    part, other = typo[1], free[0]
    if maps[typo[0]].get(other, 0.0) < ONE_TYPO_ACCEPT or Levenshtein.distance(part, other, score_cutoff=1) > 1:
        return False
    return not (part[:-1] == other[:-1] and {part[-1], other[-1]} == {"a", "o"}) and not gendered(part, other)


def _align(parts: tuple[str, ...], maps: list[dict[str, float]], key: tuple[str, ...], last: int) -> float:
    """How well the name's parts match one key's parts (order-free), 0 when they don't.

    Every part of the name must find its own part in the key, except middle names of a name of
    three parts or more (the first and the last must match: the surname guard); parts of the key
    left over cost a little (a longer form of the name), a patronymic nothing."""
    free = list(key)
    total = 1.0
    matched = 0
    skipped = False
    for i, part in enumerate(parts):
        best, where = 0.0, -1
        if len(part) == 1:  # an initial: the first key part it begins
            for j, k in enumerate(free):
                if k.startswith(part):
                    best, where = 0.9, j
                    break
        else:
            score_of = maps[i].get
            for j, k in enumerate(free):
                score = score_of(k, 0.0)
                if score > best:
                    best, where = score, j
        if where < 0:
            if len(part) == 1 or part.endswith(_PATRONYMIC_ENDS):
                continue
            if 0 < i < last and last >= 2:
                total *= MIDDLE_PENALTY
                skipped = True
                continue
            return 0.0
        del free[where]
        total *= best
        matched += len(part) > 1
    if matched < 2:
        return 0.0
    for k in free:
        if not k.endswith(_PATRONYMIC_ENDS):
            if skipped:
                return 0.0  # a middle part in the text and another in the key: a different name
            total *= EXTRA_PENALTY
    return total


@lru_cache(maxsize=4)
def _groups(lang: str) -> dict[str, tuple[str, str, str]]:
    """Group and organisation nouns of roles.tsv: phrase -> (sector, kind, key)."""
    from kroniek.nlp.lexicons import read_table

    return {
        row["phrase"]: (row["sector"], row["kind"], row["key"] or row["phrase"])
        for row in read_table(lang, "roles.tsv")
        if row["kind"] in ("GROUP", "ORG")
    }


@lru_cache(maxsize=4)
def resolver(lang: str = "nl") -> Resolver:
    return Resolver(lang)


def resolve(name: str, date: str | None = None, country: str | None = None, lang: str = "nl") -> Resolution:
    """Resolve one name with the shared resolver for ``lang``."""
    return resolver(lang).resolve(name, date=date, country=country)


def actor_ids_for(name: str, lang: str = "nl") -> list[str]:
    """Ids a store search for ``name`` should match: the KB actor any spelling of it resolves to
    and its stable key (empty when the text is not a name). For ``Store.actor_ids``."""
    found = resolve(name, lang=lang)
    if found.id is None:
        return []
    ids = [found.id]
    key = stable_key(name)
    if key not in ids:
        ids.append(key)
    return ids
