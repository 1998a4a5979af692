"""Build kroniek's actor knowledge base and the actor dev pairs from ../shared/data/actors.

    python -m training.build_actors [--shared ../shared] [--out kroniek/data/actors] [--pairs eval/actors]

Deterministic: the same inputs give byte-identical outputs (no random numbers; held-out
entries are chosen by a CRC32 of the text). Writes

- ``actors.tsv.gz``: one actor a line: id, kind, canonical, gender, qid, country, sector, spells
  (``CODE:SECTOR:from:to`` joined by ``;``), source, aliases (``name@lang`` joined by ``|``),
  a person's surname keys (see :func:`surname_keys`; empty for other kinds);
- ``keys.tsv.gz``: name key (sorted part keys) -> actor row numbers; ``#`` + an organisation's
  initials, ``=`` + a person's surname (the last part of an alias of two words or more);
- ``parts.tsv.gz``: name-part key -> the representative of its cluster (empty: a title or
  country adjective to drop, e.g. ``president``, ``russian``);
- ``eval/actors/dev_pairs.tsv``: variant, entity id, source (see eval/actors/README.md).

Sources (each README in ../shared/data/actors read): the reviewed core
``kroniek/data/lexicons/nl/actors_core.tsv`` (written by the project), Phoenix/PETRARCH CAMEO
dictionaries (MIT), OFAC SDN individuals (US public domain), rigour name-part clusters and
territories (MIT, data from Wikidata CC0), CLDR territory names (Unicode licence). mledoze
(ODbL) is not used, so the compiled KB carries no share-alike terms.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import zlib
from collections import defaultdict
from pathlib import Path

import yaml
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from kroniek.actors.keys import fold, part_key, readings
from kroniek.actors.resolver import gendered, given_first
from kroniek.actors.translit import CONVENTIONS, to_cyrillic, transliterate

REPO = Path(__file__).resolve().parent.parent
PATRONYMIC = re.compile(r"(ovich|evich|ovych|evych|ovna|evna|ichna|ovitch|evitch|avich|avitch|yevich|ich)$")
ORG_WORDS = {
    "party", "army", "front", "organization", "organisation", "union", "council", "ministry", "government",
    "movement", "committee", "company", "bank", "group", "forces", "brigade", "brigades", "league", "association",
    "agency", "federation", "corporation", "corp", "ltd", "inc", "llc", "court", "assembly", "parliament",
    "congress", "police", "service", "institute", "university", "fund", "office", "national", "people's",
    "republic", "state", "alliance", "coalition", "commission", "authority", "department", "news", "tv",
    "radio", "church", "society", "center", "centre", "club", "guard", "militia", "tribunal", "board",
}  # fmt: skip
ALWAYS_DROP = {
    "president", "minister", "prime", "chancellor", "kanzler", "bundeskanzler", "premier", "secretary", "general",
    "senator", "governor", "mayor", "ambassador", "spokesman", "vice", "deputy", "first", "former", "chairman",
    "chairwoman", "sheikh", "shaikh", "al", "el", "bin", "ibn", "bint", "ben", "van", "von", "de", "der", "den",
    "da", "di", "du", "la", "le", "of", "the", "and", "for", "jr", "sr",
}  # fmt: skip
#: words that start a person's title ("Foreign Minister Andrei Gromyko"), besides rigour's person prefixes
#: and the Phoenix agent nouns; stripped from the front of a name only when the rest still resolves
TITLE_WORDS = {
    "foreign", "state", "defence", "defense", "interior", "affairs", "finance", "economy", "acting",
    "former", "ex", "late", "new", "opposition", "leader", "head", "chief", "minister", "president", "premier",
    "prime", "secretary", "general", "vice", "deputy", "senior", "top", "mr", "mrs", "ms", "dr", "of", "the",
    "us", "u", "s", "un", "eu", "national", "security", "adviser", "advisor", "envoy", "spokesman", "spokeswoman",
    "commander", "chairman", "king", "queen", "prince", "princess", "sheikh", "emir", "sultan", "pope", "cardinal",
    "archbishop", "bishop", "rev", "reverend", "judge", "justice", "senator", "sen", "rep", "representative",
    "governor", "gov", "mayor", "ambassador", "colonel", "col", "gen", "lt", "maj", "capt", "sgt", "admiral",
    "marshal", "field", "lieutenant", "major", "captain", "sergeant", "brig", "brigadier", "cabinet",
}  # fmt: skip
ACRONYM_SKIP = {"of", "the", "for", "and", "in", "on", "at", "to", "de", "la", "le", "du", "des", "al", "el"}
SECTORS = {
    "GOV", "OPP", "LEG", "MIL", "COP", "JUD", "REB", "SPY", "PTY", "UAF", "CVL", "JRN", "BUS", "LAB", "MED",
    "EDU", "REL", "REF", "CRM", "ELI", "HLH", "AGR", "ENV", "HRI", "IGO", "NGO", "INS", "SEP", "MOD", "RAD",
}  # fmt: skip


def hold(text: str, modulus: int) -> bool:
    """Deterministic hold-out choice."""
    return zlib.crc32(text.encode("utf-8")) % modulus == 0


def bag(name: str, parts: dict[str, str]) -> str:
    keys = []
    for token in fold(name).split():
        rep = parts.get(part_key(token), part_key(token))
        if rep:
            keys.append(rep)
    return " ".join(sorted(set(keys)))


def surname_keys(names: list[str]) -> str:
    """The part keys, with their readings in the other conventions, of the last word of each
    name (given names first), space-joined: what the resolver's surname check compares a name's
    words with. Computed here so that resolving folds no alias (it was a fifth of the time)."""
    keys: set[str] = set()
    for name in names:
        words = fold(given_first(name)).split()
        if words:
            keys |= readings(words[-1])
    return " ".join(sorted(keys))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


# -- sources --------------------------------------------------------------------------------


def read_territories(shared: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(iso2 -> ISO-3, folded country name -> ISO-3, ISO-3 -> Wikidata QID)."""
    iso3: dict[str, str] = {}
    names: dict[str, str] = {}
    qids: dict[str, str] = {}
    rows = [json.loads(line) for line in (shared / "rigour_names/territories.jsonl").open(encoding="utf-8")]
    for row in rows:
        if row.get("is_country") and row.get("alpha3") and not row.get("is_historical"):
            code = row["alpha3"].upper()
            iso3[row["code"]] = code
            qids[code] = row.get("qid", "")
            for name in [row["name"], row.get("full_name", ""), *row.get("names_strong", [])]:
                if name:
                    names.setdefault(fold(name), code)
    with (shared / "countries/cldr_territory_names.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = iso3.get(row["code"].lower())
            if code:
                names.setdefault(fold(row["name"]), code)
    return iso3, names, qids


def read_clusters(shared: Path, held_out: set[str]) -> dict[str, str]:
    """Name-part key -> cluster representative, from rigour's persons.txt (Latin and Cyrillic forms).

    Clusters that share a form are joined (union-find), so Belarusian and Russian forms meet
    through their Cyrillic spellings (aliaksandr - александр - aleksandr). Forms in ``held_out``
    are left out (they are dev variants).
    """
    parent: dict[str, str] = {}
    seen: dict[str, int] = defaultdict(int)  # how many clusters a key is in: the commonest names the cluster

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    latin_or_cyrillic = re.compile(r"^[\sa-zà-ÿā-žа-яёіїєґў'’\-]+$")
    for line in (shared / "rigour_names/persons.txt").open(encoding="utf-8"):
        if "=>" not in line:
            continue
        forms = [f.strip() for f in line.split("=>")[0].split(",")]
        keys = []
        for form in forms:
            if not form or " " in form or "-" in form or form in held_out or not latin_or_cyrillic.match(form):
                continue
            key = part_key(fold(form))
            if len(key) >= 3:
                keys.append(key)
        keys = coherent(list(dict.fromkeys(keys)))
        for key in keys:
            parent.setdefault(key, key)
            seen[key] += 1
        for key in keys[1:]:
            a, b = find(keys[0]), find(key)
            if a != b:
                parent[max(a, b)] = min(a, b)
    members: dict[str, list[str]] = defaultdict(list)
    for key in parent:
        members[find(key)].append(key)
    out: dict[str, str] = {}
    for group in members.values():
        # a very large component joins unrelated names through one shared form: keep it apart
        if 1 < len(group) <= 200:
            rep = min(group, key=lambda k: (-seen[k], len(k), k))
            for key in group:
                out[key] = rep
    return out


def coherent(keys: list[str]) -> list[str]:
    """The forms of one rigour line that look like one name: those close to the line's medoid.

    Some lines mix unrelated names (``ahmad, awang, kristian, mulk ...``); joined as they are,
    union-find would chain Ahmed to Kristian. A form is kept when its similarity to the form most
    like all the others is at least 60."""
    if len(keys) <= 2:
        return keys if len(keys) < 2 or fuzz.ratio(keys[0], keys[1]) >= 60 else keys[:1]
    matrix = cdist(keys, keys, scorer=fuzz.ratio)
    medoid = int(matrix.sum(axis=1).argmax())
    return [k for k, score in zip(keys, matrix[medoid], strict=True) if score >= 60]


def read_phoenix(shared: Path) -> list[dict]:
    """Entries of the three actor files: name, synonyms, codes with dates, file."""
    entries: list[dict] = []
    code_re = re.compile(r"\[([A-Z~]{3,})\s*(?:(>?)(\d{6,8})?(?:-(\d{6,8}))?)?\]")
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        current: dict | None = None
        for raw in (shared / "phoenix_cameo" / fname).open(encoding="utf-8", errors="replace"):
            line = raw.rstrip("\n")
            body = line.split("#", 1)[0]
            if not body.strip():
                continue
            if body[0] in " \t":
                if current is not None:
                    current["codes"] += code_re.findall(body)
                continue
            if body.startswith("+"):
                if current is not None:
                    current["synonyms"].append(_phoenix_name(body[1:].split("[")[0]))
                    current["codes"] += code_re.findall(body)
                continue
            current = {
                "name": _phoenix_name(body.split("[")[0]),
                "synonyms": [],
                "codes": code_re.findall(body),
                "file": fname,
            }
            entries.append(current)
    return [e for e in entries if e["name"] and e["codes"]]


def _phoenix_name(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).strip()


def _date(text: str) -> str:
    if len(text) == 6:
        year = int(text[:2])
        return f"{1900 + year if year >= 30 else 2000 + year}-{text[2:4]}-{text[4:6]}"
    if len(text) == 8:
        return f"{text[:4]}-{text[4:6]}-{text[6:8]}"
    return ""


def cameo_spell(code: str, start: str, end: str) -> tuple[str, str, str, str] | None:
    """``BLRGOVBUS 940720-`` -> (BLR, GOV, 1994-07-20, ''). IGO codes: IGOUNO -> UNO, IGOEUR.. -> EUR."""
    if code.startswith("~") or len(code) < 3:
        return None
    country, rest = code[:3], code[3:]
    if country in ("IGO", "NGO", "IMG", "MNC"):
        sub = rest[:3]
        if sub in ("UNO", "EUR"):
            country, rest = sub, rest[3:]
        elif sub and sub not in SECTORS:
            rest = rest[3:]
    sector = rest[:3] if rest[:3] in SECTORS else ""
    if not sector and country in ("IGO", "UNO", "EUR"):
        sector = "GOV"
    return country, sector, _date(start), _date(end)


def read_ofac(shared: Path, country_names: dict[str, str]) -> list[dict]:
    out = []
    with (shared / "ofac_sdn/sdn.csv").open(encoding="latin-1") as fh:
        for row in csv.reader(fh):
            if len(row) < 12 or row[2] != "individual":
                continue
            name = row[1]
            if "," in name:
                surname, given = (p.strip() for p in name.split(",", 1))
            else:
                surname, given = name, ""
            remarks = row[11]
            nat = re.search(r"(?:nationality|citizen) ([A-Z][A-Za-z .]+?)[;.]", remarks)
            country = country_names.get(fold(nat.group(1))) if nat else None
            program = row[3]
            if not country:
                country = next((c for p, c in (("BELARUS", "BLR"), ("RUSSIA", "RUS")) if p in program), None)
            gender = "m" if "Gender Male" in remarks else "f" if "Gender Female" in remarks else ""
            title = "" if row[4].strip() == "-0-" else row[4]
            out.append(
                {
                    "ent": row[0],
                    "surname": surname.title(),
                    "given": given,
                    "country": country or "",
                    "gender": gender,
                    "sector": ofac_sector(title),
                    "program": program,
                }
            )
    return out


def ofac_sector(title: str) -> str:
    low = title.lower()
    for words, sector in (
        (("duma", "federation council", "parliament", "house of representatives", "deputy of"), "LEG"),
        (("kgb", "fsb", "intelligence", "gru", "security service"), "SPY"),
        (("police", "omon", "internal affairs", "interior", "militia", "sobr"), "COP"),
        (("judge", "court", "prosecutor"), "JUD"),
        (("general", "colonel", "commander", "armed forces", "military", "army"), "MIL"),
        (("president", "minister", "governor", "head of", "administration", "chairman of the", "mayor"), "GOV"),
        (("ceo", "director", "businessman", "owner", "board"), "BUS"),
    ):
        if any(w in low for w in words):
            return sector
    return ""


def read_core() -> list[dict]:
    path = REPO / "kroniek/data/lexicons/nl/actors_core.tsv"
    lines = [ln for ln in path.open(encoding="utf-8") if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_drop_words(shared: Path, phoenix: list[dict], parts: dict[str, str]) -> set[str]:
    """Titles and country adjectives that are not part of a name: rigour's person prefixes,
    single-word Phoenix agent nouns and single-word synonyms of Phoenix country entries."""
    words: set[str] = set()
    stop = yaml.safe_load((shared / "rigour_names/stopwords.yml").open(encoding="utf-8"))
    for key in ("PERSON_NAME_PREFIXES",):
        words |= {fold(w) for w in stop.get(key, []) if w}
    for line in (shared / "phoenix_cameo/Phoenix.agents.txt").open(encoding="utf-8", errors="replace"):
        body = line.split("#", 1)[0].split("[")[0].strip()
        if body and "!" not in body and "_" not in body.strip("_") and len(body) >= 4:
            words.add(fold(body.strip("_")))
    for entry in phoenix:
        if entry["file"] == "Phoenix.Countries.actors.txt" and all(len(c[0]) == 3 for c in entry["codes"]):
            for syn in entry["synonyms"]:
                if " " not in syn and len(syn) >= 4:
                    words.add(fold(syn))
    # a word that is also a known name part (Major, Bishop, King ...) stays a name part ...
    words = {w for w in words if w and part_key(w) not in parts}
    # ... except these titles, particles and function words, always dropped
    return words | ALWAYS_DROP


# -- assembling -----------------------------------------------------------------------------


def read_titles(shared: Path, drop_words: set[str]) -> set[str]:
    """Folded words that may open a person's title: rigour's person prefixes (every word of them),
    the titles and agent nouns dropped from names, and TITLE_WORDS."""
    stop = yaml.safe_load((shared / "rigour_names/stopwords.yml").open(encoding="utf-8"))
    words = {w for phrase in stop.get("PERSON_NAME_PREFIXES", []) if phrase for w in fold(phrase).split()}
    return words | {w for w in drop_words if " " not in w} | {fold(w) for w in TITLE_WORDS}


def acronym(name: str) -> str:
    """Initials of an organisation's name of three words or more (``Afghan National Security Forces`` ->
    ``ansf``), or ''."""
    words = [w for w in re.split(r"[\s\-]+", name.lower()) if w and w not in ACRONYM_SKIP and w[0].isalpha()]
    return "".join(w[0] for w in words) if 3 <= len(words) <= 6 else ""


class KB:
    def __init__(self, parts: dict[str, str]) -> None:
        self.parts = parts
        self.titles: set[str] = set()
        self.actors: list[dict] = []
        self.keys: dict[str, list[int]] = defaultdict(list)
        self.by_id: dict[str, int] = {}

    def add(self, actor: dict, names: list[tuple[str, str]]) -> int:
        idx = len(self.actors)
        actor["aliases"] = []
        self.actors.append(actor)
        self.by_id[actor["id"]] = idx
        self.alias(idx, names)
        return idx

    def alias(self, idx: int, names: list[tuple[str, str]]) -> None:
        actor = self.actors[idx]
        for name, lang in names:
            if not name or (name, lang) in actor["aliases"]:
                continue
            actor["aliases"].append((name, lang))
            keys = [bag(name, self.parts)]
            inner = re.search(r"\(([^)]+)\)", name)
            if inner:  # "Aden Abyan Islamic Army (AAIA)": the name without and the acronym alone
                keys += [bag(name[: inner.start()] + name[inner.end() :], self.parts), bag(inner.group(1), self.parts)]
            if actor["kind"] == "ORG" and (initials := acronym(name)):
                keys.append("#" + initials)
            if actor["kind"] == "PER" and " " in name.strip() and "," not in name:
                # the surname alone ("=peskov"): resolves a lone surname when one person has it
                surname = bag(name.split()[-1], self.parts)
                if surname and " " not in surname:
                    keys.append("=" + surname)
            for key in keys:
                if key and idx not in self.keys[key]:
                    self.keys[key].append(idx)

    def find(self, names: list[str], country: str, kind: str) -> int | None:
        """An actor already in the KB with one of these full names (two parts or more) and country."""
        for name in names:
            key = bag(name, self.parts)
            if len(key.split()) < 2 and kind == "PER":
                continue
            for idx in self.keys.get(key, ()):
                other = self.actors[idx]
                if other["kind"] == kind and (not country or not other["country"] or other["country"] == country):
                    return idx
        return None


def cyrillic_spellings(forms: list[str]) -> list[tuple[str, str]]:
    out = []
    for form in forms:
        out.append((form, "be" if any(c in form for c in "ўі") else "ru"))
        for convention in CONVENTIONS:
            out.append((transliterate(form, convention), convention))
    return out


def build(shared: Path, out_dir: Path, pairs_dir: Path) -> None:
    data = shared / "data/actors"
    # held out from the name-part table: one rigour form in ten (dev variants are made from them)
    held_forms = {
        f.strip()
        for line in (data / "rigour_names/persons.txt").open(encoding="utf-8")
        if "=>" in line
        for f in line.split("=>")[0].split(",")
        if f.strip() and hold(f.strip(), 10)
    }
    parts = read_clusters(data, held_forms)
    iso2_3, country_names, country_qids = read_territories(data)
    phoenix = read_phoenix(data)
    drop_words = read_drop_words(data, phoenix, parts)
    for word in drop_words:
        parts[part_key(word)] = ""
    kb = KB(parts)
    kb.titles = read_titles(data, drop_words)

    # 1. the reviewed core
    for row in read_core():
        spells = []
        for role in filter(None, row.get("roles", "").split("|")):
            spells.append(f"{row['code']}:{row['sector']}:{row['valid_from']}:{row['valid_to']}:{role}")
        names = [(a, "") for a in [row["canonical"], *row["aliases"].split("|")]]
        names += cyrillic_spellings([c for c in row.get("cyrillic", "").split("|") if c])
        kb.add(
            {
                "id": row["id"],
                "kind": row["kind"],
                "canonical": row["canonical"],
                "gender": row["gender"],
                "qid": row["id"] if row["id"].startswith("Q") else row.get("qid", ""),
                "country": row["code"],
                "sector": row["sector"],
                "spells": spells,
                "source": row.get("source") or "core",
            },
            names,
        )

    # 2. countries: names in nl, de, fr, pl, en, ru, be, uk (CLDR) and rigour's strong names
    by_code: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with (data / "countries/cldr_territory_names.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = iso2_3.get(row["code"].lower())
            if code:
                by_code[code].append((row["name"], row["lang"]))
    for code in sorted(by_code):
        en = next((n for n, lang in by_code[code] if lang == "en"), code)
        kb.add(
            {
                "id": "kroniek:country-" + code.lower(),
                "kind": "LOC",
                "canonical": en,
                "gender": "",
                "qid": country_qids.get(code, ""),
                "country": code,
                "sector": "GOV",
                "spells": [],
                "source": "cldr",
            },
            by_code[code],
        )

    # 3. Phoenix persons and organisations
    held_synonyms: dict[str, list[str]] = {}
    for entry in phoenix:
        spells = [s for code, _gt, start, end in entry["codes"] if (s := cameo_spell(code, start, end))]
        if not spells or (
            entry["file"] == "Phoenix.Countries.actors.txt" and all(len(c[0]) == 3 for c in entry["codes"])
        ):
            continue  # a country's own entry: covered by the country table
        tokens = fold(entry["name"]).split()
        is_org = entry["file"] == "Phoenix.MilNonState.actors.txt" or any(t in ORG_WORDS for t in tokens)
        kind = "ORG" if is_org or len(tokens) < 2 or len(tokens) > 5 else "PER"
        first = next((s for s in spells if not s[2] and not s[3]), spells[-1])
        latest = max(spells, key=lambda s: (s[3] == "", s[3], s[2]))
        country = latest[0] or first[0]
        synonyms = [s for s in entry["synonyms"] if s]
        kept = [s for s in synonyms if not hold(s, 3)]
        held = [s for s in synonyms if hold(s, 3)]
        names = [(entry["name"].title(), "en")] + [(s.title(), "en") for s in kept]
        idx = kb.find([entry["name"]], country, kind)
        if (
            entry["file"] == "Phoenix.Countries.actors.txt"
            and not latest[1]
            and country_names.get(fold(entry["name"])) == country
            and f"kroniek:country-{country.lower()}" in kb.by_id
        ):
            # a country with a dated history (Kazakhstan was USR before 1991): one actor with the
            # country table's entry, not a second one beside it
            idx = kb.by_id[f"kroniek:country-{country.lower()}"]
        spell_text = [f"{c}:{sec}:{start}:{end}:" for c, sec, start, end in spells]
        if idx is None:
            aid = "kroniek:" + slug(entry["name"])
            if aid in kb.by_id:
                aid += "-" + country.lower()
            if aid in kb.by_id:
                continue
            idx = kb.add(
                {
                    "id": aid,
                    "kind": kind,
                    "canonical": entry["name"].title(),
                    "gender": "",
                    "qid": "",
                    "country": country,
                    "sector": latest[1],
                    "spells": spell_text,
                    "source": "phoenix",
                },
                names,
            )
        else:
            kb.alias(idx, names)
            if kb.actors[idx]["source"] != "core":
                kb.actors[idx]["spells"] += spell_text
        if held:
            held_synonyms[kb.actors[idx]["id"]] = [entry["name"].title()] + [h.title() for h in held]

    # 4. OFAC individuals
    ofac = read_ofac(data, country_names)
    ofac_ids: dict[str, str] = {}
    for person in ofac:
        given = person["given"].split()
        first = given[0] if given else ""
        patronymic = given[1] if len(given) > 1 and PATRONYMIC.search(given[1].lower()) else ""
        canonical = " ".join(filter(None, [first, person["surname"]]))
        names = [(canonical, "en"), (" ".join(filter(None, [*given, person["surname"]])), "en")]
        if patronymic:
            names.append((f"{first} {patronymic} {person['surname']}", "en"))
        if person["country"] in ("BLR", "RUS", "UKR"):
            # the same name romanised the Dutch, German, French and Polish way, via Cyrillic
            cyr = " ".join(to_cyrillic(p, "en") for p in canonical.split())
            names += [(transliterate(cyr, c), c) for c in ("nl", "de", "fr", "pl")]
        idx = kb.find([canonical], person["country"], "PER")
        if idx is None:
            idx = kb.add(
                {
                    "id": "kroniek:ofac-" + person["ent"],
                    "kind": "PER",
                    "canonical": canonical,
                    "gender": person["gender"],
                    "qid": "",
                    "country": person["country"],
                    "sector": person["sector"],
                    "spells": [],
                    "source": "ofac",
                },
                names,
            )
        else:
            kb.alias(idx, names)
            actor = kb.actors[idx]
            actor["gender"] = actor["gender"] or person["gender"]
            actor["sector"] = actor["sector"] or person["sector"]
        ofac_ids[person["ent"]] = kb.actors[idx]["id"]

    write_kb(kb, out_dir)
    write_pairs(kb, pairs_dir, held_synonyms, ofac, ofac_ids, held_forms, data)


def write_kb(kb: KB, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)

    def gz(name: str, lines: list[str]) -> None:
        # mtime=0: byte-identical output on every run
        with gzip.GzipFile(out_dir / name, "wb", mtime=0) as fh:
            fh.write(("\n".join(lines) + "\n").encode("utf-8"))

    gz(
        "actors.tsv.gz",
        [
            "\t".join(
                [
                    a["id"],
                    a["kind"],
                    a["canonical"],
                    a["gender"],
                    a["qid"],
                    a["country"],
                    a["sector"],
                    ";".join(a["spells"]),
                    a["source"],
                    "|".join(f"{n}@{lang}" if lang else n for n, lang in a["aliases"]),
                    surname_keys([a["canonical"], *(n for n, _ in a["aliases"])]) if a["kind"] == "PER" else "",
                ]
            )
            for a in kb.actors
        ],
    )
    gz("keys.tsv.gz", [f"{k}\t{','.join(map(str, v))}" for k, v in sorted(kb.keys.items())])
    gz("parts.tsv.gz", [f"{k}\t{v}" for k, v in sorted(kb.parts.items()) if k != v])
    gz("titles.txt.gz", sorted(kb.titles))
    print(f"{len(kb.actors)} actors, {len(kb.keys)} keys, {len(kb.parts)} name parts -> {out_dir}")


def write_pairs(
    kb: KB,
    pairs_dir: Path,
    held_synonyms: dict[str, list[str]],
    ofac: list[dict],
    ofac_ids: dict[str, str],
    held_forms: set[str],
    data: Path,
) -> None:
    rows: list[tuple[str, str, str]] = []
    # A. Phoenix: the primary name and its held-out synonyms (left out of the KB)
    for aid in sorted(held_synonyms):
        for variant in dict.fromkeys(held_synonyms[aid]):
            rows.append((variant, aid, "phoenix"))
    # B. OFAC BLR/RUS/UKR people, with name parts spelled in rigour forms held out of the part table
    members: dict[str, list[str]] = defaultdict(list)
    for line in (data / "rigour_names/persons.txt").open(encoding="utf-8"):
        if "=>" in line:
            forms = [f.strip() for f in line.split("=>")[0].split(",")]
            for form in forms:
                if form in held_forms and re.match(r"^[a-zа-яёіїєґў]+$", form):
                    for other in forms:
                        members[part_key(fold(other))].append(form)
    seen_names: dict[str, str] = {}
    for person in ofac:
        aid = ofac_ids[person["ent"]]
        if person["country"] not in ("BLR", "RUS", "UKR") or not person["given"]:
            continue
        first, surname = person["given"].split()[0], person["surname"]
        key = bag(f"{first} {surname}", kb.parts)
        if seen_names.setdefault(key, aid) != aid:
            continue  # two people with one name: not a fair test
        given_forms = sorted(set(members.get(part_key(fold(first)), [])))
        # a cluster form of the other gender (Pavlova for Pavlov) is another person's name: no variant
        sur_key = part_key(fold(surname))
        sur_forms = sorted(
            f for f in set(members.get(sur_key, [])) if not any(gendered(sur_key, k) for k in readings(fold(f)))
        )
        variants = [f"{first} {surname}"]
        for g in given_forms[:2]:
            variants.append(f"{g.title()} {surname}")
        for s in sur_forms[:2]:
            variants.append(f"{first} {s.title()}")
            if given_forms:
                variants.append(f"{s.title()} {given_forms[0].title()}")  # swapped order
        if len(variants) > 1:
            rows += [(v, aid, "ofac-rigour") for v in dict.fromkeys(variants)]
    pairs_dir.mkdir(parents=True, exist_ok=True)
    # a variant listed for two entities is ambiguous by itself: left out
    owners: dict[str, set[str]] = defaultdict(set)
    for variant, aid, _ in rows:
        owners[fold(variant)].add(aid)
    with (pairs_dir / "dev_pairs.tsv").open("w", encoding="utf-8") as fh:
        fh.write("variant\tentity_id\tsource\n")
        for variant, aid, source in rows:
            if len(owners[fold(variant)]) == 1 and "\t" not in variant:
                fh.write(f"{variant}\t{aid}\t{source}\n")
    print(f"{len(rows)} dev variants -> {pairs_dir / 'dev_pairs.tsv'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=REPO / "kroniek/data/actors")
    parser.add_argument("--pairs", type=Path, default=REPO / "eval/actors")
    args = parser.parse_args()
    build(args.shared, args.out, args.pairs)


if __name__ == "__main__":
    main()
