"""Dutch number expressions: "meer dan 700 mensen", "ruim 200", "tientallen", "tweehonderd".

Words come from ``number_words.tsv``. A vague plural ("tientallen", "honderdduizenden") is read as
a lower bound (20, 200000): counts in event data are lower bounds too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kroniek.nlp.lexicons import read_rows


@dataclass(frozen=True, slots=True)
class NumberExpr:
    start: int  # char offsets into the text searched
    end: int
    text: str
    value: int
    qualifier: str | None = None  # min | approx | None (exact)
    counted: str | None = None  # what the following noun says was counted: person|dead|injured|arrested
    counted_end: int | None = None  # end of that noun


@dataclass(frozen=True)
class _Words:
    units: dict[str, int]
    multipliers: dict[str, int]
    vague: dict[str, int]
    qualifiers: dict[str, str]
    counted: dict[str, str]
    pattern: re.Pattern[str]


@lru_cache(maxsize=8)
def _words(lang: str) -> _Words:
    units: dict[str, int] = {}
    multipliers: dict[str, int] = {}
    vague: dict[str, int] = {}
    qualifiers: dict[str, str] = {}
    counted: dict[str, str] = {}
    for kind, word, value in read_rows(lang, "number_words.tsv"):
        if kind in ("unit", "teen", "ten"):
            units[word] = int(value)
        elif kind == "multiplier":
            multipliers[word] = int(value)
        elif kind == "vague":
            vague[word] = int(value)
        elif kind == "qualifier":
            qualifiers[word] = value
        elif kind == "counted":
            counted[word] = value
    quals = "|".join(sorted((re.escape(q) for q in qualifiers), key=len, reverse=True))
    nouns = "|".join(sorted((re.escape(c) for c in counted), key=len, reverse=True))
    mults = "|".join(re.escape(m) for m in multipliers)
    parts = sorted([*units, *multipliers, *vague, "en", "ën"], key=len, reverse=True)
    numword = "(?:" + "|".join(re.escape(p) for p in parts) + ")+"
    # a number: digits (Dutch "1.200" / "1,5") or one letter word, optionally "miljoen"/"duizend" after it
    pattern = re.compile(
        rf"(?:\b(?P<qual>{quals})\s+)?"
        rf"\b(?P<num>\d{{1,3}}(?:\.\d{{3}})+\b|\d+(?:,\d+)?\b|(?!en\b|ën\b){numword}\b)"
        rf"(?:\s+(?P<mult>{mults})\b)?"
        rf"(?:\s+(?:\w+\s+)?(?P<noun>{nouns})\b)?",
        re.IGNORECASE,
    )
    return _Words(units, multipliers, vague, qualifiers, counted, pattern)


def parse_number_word(word: str, lang: str = "nl") -> int | None:
    """The value of one Dutch number word or numeral: "700", "1.200", "vijfentwintig", "tientallen"."""
    w = _words(lang)
    word = word.lower().replace("\u00ad", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", word):
        return int(word.replace(".", ""))
    if re.fullmatch(r"\d+", word):
        return int(word)
    if word in w.vague:
        return w.vague[word]
    return _compose(word, w)


def _compose(word: str, w: _Words) -> int | None:
    """Dutch writes numbers as one word: tweehonderdvijfentwintigduizend = 2 * 100 + 5 + 20 ..."""
    if not word:
        return None
    if word in w.units:
        return w.units[word]
    if word in w.multipliers:
        return w.multipliers[word]
    # the largest multiplier splits the word: "<head>duizend<tail>"
    for mult, factor in sorted(w.multipliers.items(), key=lambda kv: -kv[1]):
        idx = word.find(mult)
        if idx >= 0:
            head, tail = word[:idx], word[idx + len(mult) :]
            head_value = _compose(head, w) if head else 1
            tail_value = _compose(tail, w) if tail else 0
            if head_value is None or tail_value is None:
                return None
            return head_value * factor + tail_value
    # "vijfentwintig" = 5 + 20
    for sep in ("ën", "en"):
        if sep in word:
            unit, _, ten = word.partition(sep)
            if unit in w.units and ten in w.units and w.units[ten] >= 20 and w.units[unit] < 10:
                return w.units[unit] + w.units[ten]
    return None


def find_numbers(text: str, lang: str = "nl", offset: int = 0) -> list[NumberExpr]:
    """All number expressions in ``text``; offsets are ``offset`` + index into ``text``."""
    w = _words(lang)
    found: list[NumberExpr] = []
    for m in w.pattern.finditer(text):
        raw = m.group("num")
        value = parse_number_word(raw.replace(",", ".") if "," in raw else raw, lang)
        if value is None and "," in raw:
            value = None
        if "," in raw:  # "1,5 miljoen"
            try:
                decimal = float(raw.replace(",", "."))
            except ValueError:
                continue
            if not m.group("mult"):
                continue  # a decimal count of people without "miljoen" is not a count
            value = int(decimal * w.multipliers[m.group("mult").lower()])
        elif value is not None and m.group("mult"):
            value *= w.multipliers[m.group("mult").lower()]
        if value is None:
            continue
        word = raw.lower()
        if word in ("een", "één") and not m.group("noun"):
            continue  # "een" is mostly the article: only a count when a counted noun follows
        qual = w.qualifiers[m.group("qual").lower()] if m.group("qual") else None
        if word in w.vague:
            qual = "min"
        noun = m.group("noun")
        found.append(
            NumberExpr(
                start=offset + m.start(),
                end=offset + (m.end("mult") if m.group("mult") else m.end("num")),
                text=text[m.start() : m.end("mult") if m.group("mult") else m.end("num")],
                value=value,
                qualifier=qual,
                counted=w.counted[noun.lower()] if noun else None,
                counted_end=offset + m.end("noun") if noun else None,
            )
        )
    return found
