"""Spelling-independent keys for names, so that one actor written in several ways gets one id.

Two levels:

:func:`fold` is a deliberately simple fold, not a transliteration engine: the same Cyrillic name
romanised the Dutch, English, German or French way should fall together (Loekasjenko /
Lukashenko / Lukaschenko, Tichanovskaja / Tikhanovskaya). Cyrillic is first romanised
(``translit.latin``). The steps, in order:

1. case-fold, strip diacritics (NFKD), drop apostrophes, turn other punctuation into spaces;
2. fold the consonant clusters of the romanisation conventions (longest first):
   shch/sjtsj/schtsch/szcz -> shch; tsj/tsch/tch/cz -> ch; sj/sch/sz -> sh; zj/zh -> zh;
   kh -> ch (Dutch and German write х as ch); w -> v; ph -> f; x -> ks;
3. fold the vowels: oe/ou -> u; ij and j -> y; a word-final i after a consonant, iy or yy -> y
   (Zelenski / Zelensky, Dmitrij / Dmitriy);
4. collapse doubled letters.

:func:`part_key` goes further for one name part, to bridge the Belarusian and Russian forms
and the vowel choices of the conventions (used by the resolver, never shown):
ci/ti after a Belarusian ц or дз (Tsikhanouski / Tikhanovski: tsi -> ti, dzi -> di, dzm -> dm),
-usk- -> -ovsk- (ў), i before a vowel -> y (Sviatlana / Svyatlana), y between consonants -> i
(Babaryka / Babariko), a final -ka/-ko -> -k (Lukashenka / Lukashenko), Polish ł already -> l.

Known collisions (accepted; the knowledge base disambiguates): English ch (ч) and Dutch ch (х)
give the same key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kroniek.actors.translit import latin

_APOSTROPHES = re.compile(r"['’`´ʼ]")
_NON_ALNUM = re.compile(r"[^a-z0-9@_]+")
#: Applied in this order; each pair is (pattern, replacement).
_RULES: tuple[tuple[str, str], ...] = (
    (r"schtsch|sjtsj|szcz|shch", "\x01"),  # placeholder so the shorter rules don't split it
    (r"tsch|tsj|tch|cz", "\x02"),
    (r"sch|sj|sz|sh", "\x03"),
    (r"zj|zh", "\x04"),
    (r"kh", "ch"),
    (r"ph", "f"),
    (r"w", "v"),
    (r"x", "ks"),
    (r"oe|ou", "u"),
    (r"ij", "y"),
    (r"j", "y"),
    (r"\x01", "shch"),
    (r"\x02", "ch"),
    (r"\x03", "sh"),
    (r"\x04", "zh"),
    (r"(iy|yy|ii)\b", "y"),
    (r"([^aeiouy\s])i\b", r"\1y"),
    (r"([a-z])\1+", r"\1"),
)
_COMPILED = tuple((re.compile(p), r) for p, r in _RULES)
_PART_RULES = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"tsi|ci", "ti"),
        (r"dzi|dzy", "di"),
        (r"^dzm", "dm"),
        (r"usk", "ovsk"),
        (r"([^aeiouy])i([aeou])", r"\1y\2"),
        (r"([^aeiouy])y([^aeiouy])", r"\1i\2"),
        (r"(?<=.{3})k[ao]$", "k"),
        (r"ie", "e"),
    )
)
_EXTRA_DIACRITICS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ß": "ss", "æ": "ae"})


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_DIACRITICS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """The folded form of a name: lowercase ASCII words separated by single spaces."""
    text = strip_diacritics(latin(text).casefold())
    text = _APOSTROPHES.sub("", text)
    text = _NON_ALNUM.sub(" ", text).strip()
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


@lru_cache(maxsize=262144)
def part_key(token: str) -> str:
    """The coarse key of one folded name part (see the module docstring)."""
    for pattern, replacement in _PART_RULES:
        token = pattern.sub(replacement, token)
    return token


def actor_key(name: str) -> str:
    """The id of an actor that is not in the knowledge base: ``kroniek:`` plus the folded name."""
    return "kroniek:" + fold(name).replace(" ", "-")
