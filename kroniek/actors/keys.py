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
from functools import lru_cache, partial
from operator import itemgetter

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
#: a replacement that is a C callable, not a template string: Python 3.11 expands a template with
#: group references in Python code, on every call and every match
_undouble = partial(_DOUBLES.sub, itemgetter(1))
# the rules of part_key, applied in this order (see part_key for the guards)
_DZI = re.compile(r"dzi|dzy")
_SOFT_IE = re.compile(r"(?<=[^aeiouy])ie")  # Polish and Łacinka soft e: Siergiej, Siarhiej, Makiej
# i before a vowel is y (Sviatlana / Svyatlana); written with lookarounds, without group references
# (slow in Python 3.11): the same matches, as neither neighbour can be an i
_I_BEFORE_VOWEL = re.compile(r"(?<=[^aeiouy])i(?=[aeou])")
# ё and ье after a consonant, written e, yo or ye: Fyodorov, Semyonova, Solovyev, Lyovin
# = Fedorov, Semenova, Solovev, Levin
_SOFT_YE = re.compile(r"(?<=[^aeiouy\s])ye")
_SOFT_YO = re.compile(r"(?<=[^aeiouy\s])yo")
_SOFT_L = re.compile(r"ly(?=[aeou])")  # soft l: Łacinka Alaksandr, Illa / Alyaksandr, Ilya
# y between consonants is i (Babaryka / Babariko); the consonants are consumed: in "bybyb" only
# the first y changes
_Y_BETWEEN = re.compile(r"([^aeiouy])y([^aeiouy])")
_I_GLIDE = re.compile(r"(?<=[aeou])i(?=[^aeiouy]|$)")  # й written i: Makei, Shoigu, Sergei = Makej, Shoygu, Sergey
_SKAYA = re.compile(r"(?<=[sc]k)aya$")  # Polish -ska for -skaja: Cichanouska = Tsikhanouskaya
_KA = re.compile(r"(?<=.{3})k[ao]$")
# Belarusian -аў/-оў/-еў, -ава for Russian -ов/-ев, -ова (Hyerasimaw, Barsukou, Vasileu,
# Kalesnikava = Gerasimov, Barsukov, Vasilev, Kolesnikova; folded ou is u, ŭ and w are v)
_BE_U = re.compile(r"(?<=..[^aeiouy])a?u$")
_BE_AV = re.compile(r"(?<=..[^aeiouy])av$")
_BE_EU = re.compile(r"(?<=..[^aeiouy])eu$")
_BE_AVA = re.compile(r"(?<=..[^aeiouy])ava$")
_OFF = re.compile(r"(?<=.{3})of$")


def _i_between(match: re.Match[str]) -> str:
    return f"{match[1]}i{match[2]}"


#: second-tier readings (see :func:`part_variants`), each applied to the folded part
#: (pattern, replacement, guard): a rule runs only when its guard, a substring every match contains,
#: is in the part
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
    if word[-1:] in ("i", "y") or "@" in word:  # _ENDINGS matches only at a word's end (\b: or at an @)
        word = _ENDINGS.sub("y", word)
    return _undouble(word)


@lru_cache(maxsize=65536)
def _latin_word(word: str, source: str) -> str:
    """One word of :func:`translit.latin` (the source guessed from the whole name)."""
    return latin(word, source) if is_cyrillic(word) else word


@lru_cache(maxsize=262144)
def _fold_token(token: str, source: str) -> tuple[str, ...]:
    """The folded words of one whitespace-free token (none when it is all punctuation); ``source``
    is the Cyrillic source language guessed from the whole name, "" for a name without Cyrillic."""
    text = _latin_word(token, source) if source else token
    text = text.casefold()
    if not text.isascii():
        text = strip_diacritics(text)
    if not (text.isascii() and text.isalnum()):  # most words need no cleaning (and have no apostrophe)
        text = _NON_ALNUM.sub(" ", text.translate(_DROP_APOSTROPHES))
    return tuple(map(_fold_word, text.split()))


def fold_words(text: str) -> tuple[str, ...]:
    """``fold(text).split()``, without the joining and splitting."""
    # token by token, cached: the same given names and surnames come back in many names. Every step
    # maps characters on their own (diacritics and punctuation never join two tokens), so folding
    # the tokens apart gives the fold of the whole; only the Cyrillic source is told from the whole
    source = guess_source(text) if is_cyrillic(text) else ""
    tokens = text.split()
    if len(tokens) == 1:
        return _fold_token(tokens[0], source)
    out: list[str] = []
    for token in tokens:
        out += _fold_token(token, source)
    return tuple(out)


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """The folded form of a name: lowercase ASCII words separated by single spaces."""
    return " ".join(fold_words(text))


@lru_cache(maxsize=262144)
def part_key(token: str) -> str:
    """The coarse key of one folded name part (see the module docstring)."""
    # written out rather than a loop over a table of rules: this runs for every new name part. Each
    # rule runs only when a substring every match of it contains is in the part (a substring test is
    # far cheaper than a regex pass that finds nothing); literal rules are str.replace (the same
    # non-overlapping, left-to-right replacement)
    if "i" in token:
        # ci/ti after a Belarusian ц (Tsikhanouski / Tikhanovski); "tsi" and "ci" share no letters
        # that could overlap, so two passes replace what the one alternation did
        token = token.replace("tsi", "ti").replace("ci", "ti")
    if "dz" in token:
        token = _DZI.sub("di", token)  # дз (Dzianis / Denis)
        if token.startswith("dzm"):
            token = "dm" + token[3:]  # Dzmitry / Dmitry
    token = token.replace("usk", "ovsk")  # ў: Tsikhanouski / Tikhanovski
    if "ie" in token:
        token = _SOFT_IE.sub("e", token)
    if "i" in token:
        token = _I_BEFORE_VOWEL.sub("y", token)
    if "ye" in token:
        token = _SOFT_YE.sub("e", token)
    if "yo" in token:
        token = _SOFT_YO.sub("e", token)
    if "ly" in token:
        token = _SOFT_L.sub("l", token)
    if "y" in token:
        token = _Y_BETWEEN.sub(_i_between, token)
    if "i" in token:
        token = _I_GLIDE.sub("y", token)
    if token.endswith("kaya"):
        token = _SKAYA.sub("a", token)
    if token.endswith(("ka", "ko")):
        token = _KA.sub("k", token)  # Lukashenka / Lukashenko
    if token.endswith("u"):
        token = _BE_U.sub("ov", token)
    if token.endswith("av"):
        token = _BE_AV.sub("ov", token)
    if token.endswith("eu"):
        token = _BE_EU.sub("ev", token)
    if token.endswith("ava"):
        token = _BE_AVA.sub("ova", token)
    if token.endswith("of"):
        token = _OFF.sub("ov", token)  # Antonoff
    return token.replace("ie", "e")


@lru_cache(maxsize=65536)
def part_variants(token: str) -> tuple[str, ...]:
    """Part keys of the other readings of a folded part (empty when there are none)."""
    rules = [(pattern, replacement) for pattern, replacement, guard in _VARIANT_RULES if guard in token]
    if not rules:
        return ()
    out: list[str] = []
    for pattern, replacement in rules:
        changed = pattern.sub(replacement, token)
        if changed != token:
            out.append(part_key(_undouble(changed)))
    if not out:
        return ()
    if len(rules) > 1:  # all readings together (Hrycenka: h -> g and c -> ts; Prigojine: j -> zh, then -ine)
        both = token
        for pattern, replacement in rules:
            both = pattern.sub(replacement, both)
        out.append(part_key(_undouble(both)))
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
