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
   aliases, the other parts checked to agree (same cluster, an initial, or a close spelling).

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

from kroniek.actors.keys import actor_key, fold, part_key

_PATRONYMIC_ENDS = ("ovich", "evich", "ovych", "evych", "ovna", "evna", "ichna", "avich", "ovych", "yevych")
_SOURCE_RANK = {"core": 0, "ofac": 1, "phoenix": 2, "cldr": 3}
MAX_TOKENS = 8
FUZZY_CUTOFF = 88.0


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
        self._surnames: dict[str, tuple[int, ...]] | None = None
        self._choices: list[str] | None = None
        self._part_choices: list[str] | None = None

    @classmethod
    def load(cls) -> KnowledgeBase:
        base = resources.files("kroniek") / "data" / "actors"

        def lines(name: str) -> list[str]:
            return gzip.decompress(base.joinpath(name).read_bytes()).decode("utf-8").splitlines()

        # parsed lazily: most entries are never looked at in a run, and the KB must load in well under 1 s
        rows = lines("actors.tsv.gz")
        keys = dict(line.split("\t", 1) for line in lines("keys.tsv.gz"))
        parts = dict(line.split("\t", 1) for line in lines("parts.tsv.gz"))
        return cls(rows, keys, parts)

    def entry(self, idx: int) -> KBEntry:
        found = self._entries.get(idx)
        if found is None:
            c = self.rows[idx].split("\t")
            spells = tuple(Spell(*([*sp.split(":"), ""])[:5]) for sp in c[7].split(";") if sp)
            found = KBEntry(
                c[0], c[1], c[2], c[3] or None, c[4] or None, c[5] or None, c[6] or None, spells, c[8], c[9]
            )
            self._entries[idx] = found
        return found

    def ids(self, key: str) -> tuple[int, ...]:
        raw = self.keys.get(key)
        return tuple(int(x) for x in raw.split(",")) if raw else ()

    def by_id(self, actor_id: str) -> KBEntry | None:
        if self._by_id is None:
            self._by_id = {row.partition("\t")[0]: i for i, row in enumerate(self.rows)}
        idx = self._by_id.get(actor_id)
        return self.entry(idx) if idx is not None else None

    def surnames(self) -> dict[str, tuple[int, ...]]:
        """Part of a person's key -> entries (for the edit-distance step), built on first use."""
        if self._surnames is None:
            index: dict[str, set[int]] = defaultdict(set)
            for key in self.keys:
                ids = self.ids(key)
                for part in key.split():
                    if len(part) >= 4:
                        index[part].update(ids)
            self._surnames = {k: tuple(sorted(v)) for k, v in index.items()}
            self._choices = list(self._surnames)
        return self._surnames


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The KB, loaded on first use and kept for the process."""
    return KnowledgeBase.load()


def _given_first(name: str) -> str:
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
def _parts(name: str) -> tuple[str, ...]:
    """The name's part keys (cluster representatives), titles dropped, given names first."""
    parts = knowledge_base().parts
    out = []
    for token in fold(_given_first(name)).split():
        key = part_key(token)
        rep = parts.get(key, key)
        if rep:
            out.append(rep)
    return tuple(out)


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
        text = " ".join(name.split())
        if not text or not any(ch.isalpha() for ch in text) or len(text.split()) > MAX_TOKENS:
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
        if found is None:
            return Resolution(name, stable_key(text), None, None, None, 0.0)
        idx, score = found
        entry = self.kb.entry(idx)
        code, sector = entry.at(date)
        return Resolution(name, entry.id, entry.canonical, code, sector, score, entry.kind)

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
        if len(parts) < 2:
            return None  # one word is too little to guess at: exact aliases only
        surnames = self.kb.surnames()
        # a part spelled in a way the part table lacks: the closest known spelling's cluster
        remapped = tuple(self._near_part(p) for p in parts)
        if remapped != parts:
            found = self._exact(remapped, date, country, kind)
            if found is not None:
                return found[0], 0.9 * found[1]
            parts = remapped
        longest = max(parts, key=len)
        if len(longest) < 4:
            return None
        if longest in surnames:
            candidates = [(longest, 100.0)]
        else:
            # blocked by first letter: a 20-fold smaller search, and the keys already fold the
            # letters conventions disagree on
            choices = _by_initial(tuple(self.kb._choices or ())).get(longest[0], [])
            hits = process.extract(longest, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3)
            candidates = [(h[0], h[1]) for h in hits]
        others = [p for p in parts if p != longest and not _is_patronymic(p)]
        best: list[tuple[float, int]] = []
        for part, part_score in candidates:
            for idx in surnames[part]:
                entry = self.kb.entry(idx)
                if kind and entry.kind != kind:
                    continue
                score = self._agree(others, idx, entry, part)
                if score is not None:
                    best.append((part_score / 100 * score, idx))
        if not best:
            return None
        top = max(s for s, _ in best)
        ids = tuple(dict.fromkeys(i for s, i in best if s >= top - 1e-9))
        return self._pick(ids, date, country, kind), 0.9 * top

    def _agree(self, others: list[str], idx: int, entry: KBEntry, matched: str) -> float | None:
        """Whether the other parts of the name agree with one of the entry's keys."""
        keys = [k for k in _entry_keys(self.kb, idx) if matched in k.split()]
        for key in keys:
            rest = key.split()
            rest.remove(matched)
            rest = [p for p in rest if not _is_patronymic(p)]
            if not others or len(rest) < len(others):
                continue
            total = 1.0
            for part in others:
                scores = [
                    1.0
                    if r == part
                    else 0.95
                    if len(part) == 1 and r.startswith(part)
                    else 0.0
                    if len(part) <= 3 or len(r) <= 3  # short parts (Kim Jong Un) must agree exactly
                    else fuzz.ratio(part, r) / 100
                    for r in rest
                ]
                s = max(scores)
                if s < 0.8:
                    break
                total *= s
            else:
                return total
        return None

    def _near_part(self, part: str) -> str:
        """``part`` itself when the part table knows it, else the cluster of the closest known
        spelling (edit distance), when that is close enough."""
        table = self.kb.parts
        if part in table or len(part) < 5 or part in self.kb.surnames():
            return part
        if self.kb._part_choices is None:
            self.kb._part_choices = [k for k, v in table.items() if v]
        choices = _by_initial(tuple(self.kb._part_choices)).get(part[0], [])
        hit = process.extractOne(part, choices, scorer=fuzz.ratio, score_cutoff=90.0)
        return table[hit[0]] if hit is not None else part

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

    def resolve_many(self, names: list[str], date: str | None = None, country: str | None = None) -> list[Resolution]:
        return [self.resolve(n, date=date, country=country) for n in names]


@lru_cache(maxsize=4)
def _by_initial(choices: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for choice in choices:
        out[choice[:1]].append(choice)
    return out


_ENTRY_KEYS: dict[int, list[str]] = {}


def _entry_keys(kb: KnowledgeBase, idx: int) -> list[str]:
    """The keys of one entry (inverted from the key index on first use)."""
    if not _ENTRY_KEYS:
        inverted: dict[int, list[str]] = defaultdict(list)
        for key in kb.keys:
            for i in kb.ids(key):
                inverted[i].append(key)
        _ENTRY_KEYS.update(inverted)
    return _ENTRY_KEYS.get(idx, [])


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
