"""Spelling-independent keys for names, so that one actor written in several ways gets one id.

Two levels:

:func:`fold` is a deliberately simple fold, not a transliteration engine: the same Cyrillic name
romanised the Dutch, English, German, French, Polish, Swedish or Łacinka way should fall together
(Loekasjenko / Lukashenko / Lukaschenko / Lukasjenko / Łukašenka, Tichanovskaja / Tikhanovskaya).
Cyrillic is first romanised (``translit.latin``). The steps, in order:

1. case-fold; the carons of Łacinka and Czech-style romanisation become digraphs (š -> sh, č -> ch,
   ž -> zh), ŭ (ў) becomes v, as the Russian в it stands for (Łaŭroŭ = Lavrov), other diacritics are
   stripped (NFKD; ł -> l); apostrophes dropped, other
   punctuation becomes spaces;
2. one pass over the consonant clusters of the conventions (longest first):
   shch/sjtsj/sjtj/schtsch/szcz -> shch; tsj/tsch/tch/cz -> ch; Swedish tj -> ch where it cannot be
   т + a j-vowel (before a consonant, e, i or at the end: Protasevitj, Tjernomyrdin);
   sj/sch/sz -> sh; zj/zh -> zh; kh -> ch (Dutch and German write х as ch); w -> v; ph -> f;
   x -> ks; oe/ou -> u; ij and j -> y;
3. a word-final i after a consonant, iy or yy -> y (Zelenski / Zelensky, Dmitrij / Dmitriy);
4. collapse doubled letters.

:func:`part_key` goes further for one name part, to bridge the Belarusian and Russian forms
and the vowel choices of the conventions (used by the resolver, never shown):
Polish/Łacinka ie after a consonant -> e (Siergiej / Sergej), й written i after a vowel -> y
(Makei / Makej, Shoigu / Shoygu), Polish feminine -ska for -skaya (Cichanouska),
ci/ti after a Belarusian ц or дз (Tsikhanouski / Tikhanovski: tsi -> ti, dzi -> di, dzm -> dm),
-usk- -> -ovsk- (ў), i before a vowel -> y (Sviatlana / Svyatlana), ly before a vowel -> l
(Łacinka Alaksandr / Alyaksandr), y between consonants -> i
(Babaryka / Babariko), a final -ka/-ko -> -k (Lukashenka / Lukashenko), a final -off -> -ov
(Antonoff), Polish ł already -> l; ё and ье after a consonant -> e (Fyodorov, Semyonova, Solovyev
= Fedorov, Semenova, Solovev); the Belarusian endings -аў/-оў (folded -av, -au, -u) -> -ov, -еў
-> -ev, -ава -> -ova (Hyerasimaw, Barsukou, Vasileu, Kalesnikava). Gendered forms stay apart
(Golikov / Golikova).

:func:`part_variants` gives the readings a part key has in the *other* conventions, tried only
when the plain key finds nothing (they would merge distinct western names if always applied):
Belarusian/Ukrainian h for Russian g (Ryhor, Hienadz), Polish/Łacinka c for ts (Capkala),
Swedish tj before a/o/u for ч (Tjajka), French j for ж (between vowels or as initial Ji) and
French -ine for -in (Prigojine, Poutine, Jirinovski). :func:`readings` is a part key with its variants.

Known collisions (accepted; the knowledge base disambiguates): English ch (ч) and Dutch ch (х)
give the same key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kroniek.actors.translit import guess_source, is_cyrillic, latin

_DROP_APOSTROPHES = dict.fromkeys(map(ord, "'’`´ʼ"))
_NON_ALNUM = re.compile(r"[^a-z0-9@_]+")
#: one pass, longest alternative first at each position (a regex alternation tries them in order)
_CLUSTERS = {
    "schtsch": "shch", "sjtsj": "shch", "sjtj": "shch", "szcz": "shch", "shch": "shch",
    "tsch": "ch", "tsj": "ch", "tch": "ch", "cz": "ch", "tj": "ch",
    "sch": "sh", "sj": "sh", "sz": "sh", "sh": "sh",
    "zj": "zh", "zh": "zh", "kh": "ch", "ph": "f", "w": "v", "x": "ks",
    "oe": "u", "ou": "u", "ij": "y", "j": "y",
}  # fmt: skip
_CLUSTER_RE = re.compile(
    r"schtsch|sjtsj|sjtj|szcz|shch|tsch|tsj|tch|cz|tj(?![aou])|sch|sj|sz|sh|zj|zh|kh|ph|w|x|oe|ou|ij|j"
)
_ENDINGS = re.compile(r"(?:iy|yy|ii)\b|(?<=[^aeiouy\s])i\b")
_DOUBLES = re.compile(r"([a-z])\1+")
#: (pattern, replacement, guard): a rule runs only when its guard, a substring every match
#: contains, is in the part (a guard ending in $: the part ends with it); a substring test is far
#: cheaper than a regex pass that finds nothing
_PART_RULES = tuple(
    (re.compile(p), r, g.rstrip("$"), g.endswith("$"))
    for p, r, g in (
        (r"tsi|ci", "ti", "i"),
        (r"dzi|dzy", "di", "dz"),
        (r"^dzm", "dm", "dzm"),
        (r"usk", "ovsk", "usk"),
        (r"(?<=[^aeiouy])ie", "e", "ie"),  # Polish and Łacinka soft e: Siergiej, Siarhiej, Makiej
        (r"([^aeiouy])i([aeou])", r"\1y\2", "i"),
        # ё and ье after a consonant, written e, yo or ye: Fyodorov, Semyonova, Solovyev, Lyovin
        # = Fedorov, Semenova, Solovev, Levin
        (r"(?<=[^aeiouy\s])ye", "e", "ye"),
        (r"(?<=[^aeiouy\s])yo", "e", "yo"),
        (r"ly(?=[aeou])", "l", "ly"),  # soft l: Łacinka Alaksandr, Illa / Alyaksandr, Ilya
        (r"([^aeiouy])y([^aeiouy])", r"\1i\2", "y"),
        (r"(?<=[aeou])i(?=[^aeiouy]|$)", "y", "i"),  # й written i: Makei, Shoigu, Sergei = Makej, Shoygu, Sergey
        (r"(?<=[sc]k)aya$", "a", "kaya"),  # Polish -ska for -skaja: Cichanouska = Tsikhanouskaya
        (r"(?<=.{3})k[ao]$", "k", "k"),
        # Belarusian -аў/-оў/-еў, -ава for Russian -ов/-ев, -ова (Hyerasimaw, Barsukou, Vasileu,
        # Kalesnikava = Gerasimov, Barsukov, Vasilev, Kolesnikova; folded ou is u, ŭ and w are v)
        (r"(?<=..[^aeiouy])a?u$", "ov", "u$"),
        (r"(?<=..[^aeiouy])av$", "ov", "av$"),
        (r"(?<=..[^aeiouy])eu$", "ev", "eu$"),
        (r"(?<=..[^aeiouy])ava$", "ova", "ava$"),
        (r"(?<=.{3})of$", "ov", "of"),
        (r"ie", "e", "ie"),
    )
)
#: second-tier readings (see :func:`part_variants`), each applied to the folded part
#: (pattern, replacement, guard) as in _PART_RULES
_VARIANT_RULES = tuple(
    (re.compile(p), r, g)
    for p, r, g in (
        (r"(?<![csztgkd])h", "g", "h"),  # Belarusian/Ukrainian г = Russian g
        (r"c(?![hi])", "ts", "c"),  # Polish/Łacinka ц
        (r"ty(?=[aou])", "ch", "ty"),  # Swedish tj = ч before a, o, u (folded j = y)
        # French j = ж between vowels (Prigojine, Jirinovski; folded j = y), not in a final -ya/-yo
        (r"(?<=[aeiou])y(?=[aeiou].)|^y(?=i)", "zh", "y"),  # Russian has no йи: initial Ji is Жи
        (r"(?<=..[^aeiouy])ine$", "in", "ine"),  # French -ine for -ин (Poutine, Rogozine)
    )
)
_EXTRA = str.maketrans(
    {
        "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th",
        "š": "sh", "č": "ch", "ž": "zh", "ŭ": "v",
    }
)  # fmt: skip


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _cluster(match: re.Match[str]) -> str:
    found = match.group(0)
    return _CLUSTERS.get(found, "ch")


@lru_cache(maxsize=262144)
def _fold_word(word: str) -> str:
    word = _CLUSTER_RE.sub(_cluster, word)
    word = _ENDINGS.sub("y", word)
    return _DOUBLES.sub(r"\1", word)


@lru_cache(maxsize=65536)
def _latin_word(word: str, source: str) -> str:
    """One word of :func:`translit.latin` (the source guessed from the whole name)."""
    return latin(word, source) if is_cyrillic(word) else word


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """The folded form of a name: lowercase ASCII words separated by single spaces."""
    if is_cyrillic(text):
        # word by word, cached: the same given names and surnames come back in many names
        source = guess_source(text)
        text = " ".join(_latin_word(w, source) for w in text.split())
    text = text.casefold()
    if not text.isascii():
        text = strip_diacritics(text)
    text = text.translate(_DROP_APOSTROPHES)
    if not (text.isascii() and text.replace(" ", "").isalnum()):  # most names need no cleaning
        text = _NON_ALNUM.sub(" ", text)
    # per word, cached: names repeat their given names and surnames
    return " ".join(_fold_word(w) for w in text.split())


@lru_cache(maxsize=262144)
def part_key(token: str) -> str:
    """The coarse key of one folded name part (see the module docstring)."""
    for pattern, replacement, guard, at_end in _PART_RULES:
        if token.endswith(guard) if at_end else guard in token:
            token = pattern.sub(replacement, token)
    return token


@lru_cache(maxsize=65536)
def part_variants(token: str) -> tuple[str, ...]:
    """Part keys of the other readings of a folded part (empty when there are none)."""
    out: list[str] = []
    rules = [(pattern, replacement) for pattern, replacement, guard in _VARIANT_RULES if guard in token]
    for pattern, replacement in rules:
        changed = pattern.sub(replacement, token)
        if changed != token:
            out.append(part_key(_DOUBLES.sub(r"\1", changed)))
    if out:  # all readings together (Hrycenka: h -> g and c -> ts; Prigojine: j -> zh, then -ine)
        both = token
        for pattern, replacement in rules:
            both = pattern.sub(replacement, both)
        out.append(part_key(_DOUBLES.sub(r"\1", both)))
    base = part_key(token)
    return tuple(k for k in dict.fromkeys(out) if k != base)


@lru_cache(maxsize=131072)
def readings(token: str) -> frozenset[str]:
    """A folded word's part key and its readings in the other conventions (the keys a surname is
    compared by: see ``resolver._surname_agrees``)."""
    return frozenset((part_key(token), *part_variants(token)))


def actor_key(name: str) -> str:
    """The id of an actor that is not in the knowledge base: ``kroniek:`` plus the folded name."""
    return "kroniek:" + fold(name).replace(" ", "-")
