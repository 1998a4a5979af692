"""Cyrillic names in the Dutch, German, French, Polish and English conventions, and back.

No library gives the Dutch, German, French or Polish spellings (ICU and unidecode give
scholarly or English-like forms; see the field notes), so these are kroniek's own tables:

- Dutch (Onze Taal, after Schaeken): у→oe, ш→sj, ч→tsj, щ→sjtsj, ж→zj, х→ch, й→j, ю→joe, я→ja, ц→ts;
- German (Duden): ш→sch, ч→tsch, щ→schtsch, ж→sch, х→ch, ц→z, в→w, з→s, й→i/j, ю→ju, я→ja;
- French: у→ou, ш→ch, ч→tch, щ→chtch, ж→j, х→kh, ц→ts, ю→iou, я→ia;
- Polish: ш→sz, ч→cz, щ→szcz, ж→ż, х→ch, ц→c, в→w, л→ł (l before soft vowels), ю/я→ju/ja (iu/ia after consonants);
- English (BGN/PCGN-like): ш→sh, ч→ch, щ→shch, ж→zh, х→kh, ц→ts, й→y, ю→yu, я→ya;
- Swedish (Svenska språknämnden): ш→sj, ч→tj, щ→sjtj, ж→zj, х→ch, ц→ts, в→v, й→j, ю→ju, я→ja;
- Łacinka (Belarusian Latin alphabet, ``lat``): ш→š, ч→č, ж→ž, х→ch, ц→c, г→h, ў→ŭ, л→ł (l when soft,
  and then ля/лю/лё/ле are la/lu/lo/le), ья/ю/е after other consonants ia/iu/ie, ь marks softness
  (ń, ś, ź, ć, l).

Russian, Belarusian and Ukrainian sources differ in a few letters (Belarusian і, ў, г→h, э;
Ukrainian і, ї, є, ґ, и→y, г→h); :func:`transliterate` takes the source language. Spellings of a
name are generated from each source form it has (Лукашенко and Лукашэнка), see :func:`spellings`.
:func:`to_cyrillic` goes back from a romanised form to a Russian-looking Cyrillic one (greedy,
longest match first): good enough to compare a romanised name with a Cyrillic one.
"""

from __future__ import annotations

import re
from functools import lru_cache

CONVENTIONS = ("nl", "de", "fr", "pl", "en", "sv", "lat")
_TABLE_CONVENTIONS = ("nl", "de", "fr", "pl", "en")
_VOWELS = set("аеёиоуыэюяіїєў")
#: letters whose Latin form takes a j/y glide at the start of a word or after a vowel
_IOTATED = set("еёюяєї")

# One row per letter: nl, de, fr, pl, en. Iotated vowels have a second form for after consonants.
_BASE: dict[str, tuple[str, str, str, str, str]] = {
    "а": ("a", "a", "a", "a", "a"),
    "б": ("b", "b", "b", "b", "b"),
    "в": ("v", "w", "v", "w", "v"),
    "г": ("g", "g", "g", "g", "g"),
    "ґ": ("g", "g", "g", "g", "g"),
    "д": ("d", "d", "d", "d", "d"),
    "е": ("e", "e", "e", "e", "e"),
    "ё": ("jo", "jo", "io", "io", "yo"),
    "ж": ("zj", "sch", "j", "ż", "zh"),
    "з": ("z", "s", "z", "z", "z"),
    "и": ("i", "i", "i", "i", "i"),
    "і": ("i", "i", "i", "i", "i"),
    "ї": ("ji", "ji", "ï", "ji", "yi"),
    "й": ("j", "j", "ï", "j", "y"),
    "к": ("k", "k", "k", "k", "k"),
    "л": ("l", "l", "l", "ł", "l"),
    "м": ("m", "m", "m", "m", "m"),
    "н": ("n", "n", "n", "n", "n"),
    "о": ("o", "o", "o", "o", "o"),
    "п": ("p", "p", "p", "p", "p"),
    "р": ("r", "r", "r", "r", "r"),
    "с": ("s", "s", "s", "s", "s"),
    "т": ("t", "t", "t", "t", "t"),
    "у": ("oe", "u", "ou", "u", "u"),
    "ў": ("w", "u", "u", "w", "u"),
    "ф": ("f", "f", "f", "f", "f"),
    "х": ("ch", "ch", "kh", "ch", "kh"),
    "ц": ("ts", "z", "ts", "c", "ts"),
    "ч": ("tsj", "tsch", "tch", "cz", "ch"),
    "ш": ("sj", "sch", "ch", "sz", "sh"),
    "щ": ("sjtsj", "schtsch", "chtch", "szcz", "shch"),
    "ъ": ("", "", "", "", ""),
    "ы": ("y", "y", "y", "y", "y"),
    "ь": ("", "", "", "", ""),
    "э": ("e", "e", "e", "e", "e"),
    "є": ("je", "je", "ie", "je", "ye"),
    "ю": ("joe", "ju", "iou", "ju", "yu"),
    "я": ("ja", "ja", "ia", "ja", "ya"),
    "'": ("", "", "", "", ""),
    "’": ("", "", "", "", ""),
}
#: iotated vowels at the start of a word or after a vowel (Jelena, Joeri, Jakovlev)
_INITIAL = {
    "е": ("je", "je", "ie", "je", "ye"),
}
#: after a consonant in Polish the glide is written i (Łukaszenka, Wiaczasłau), and л is l
_PL_AFTER_CONSONANT = {"ю": "iu", "я": "ia", "ё": "io", "е": "e"}
_PL_SOFT = set("еёюяіиь")
#: source-language differences: Ukrainian и is y and г is h, Belarusian г is h
_SOURCE = {
    "uk": {"и": ("y", "y", "y", "y", "y"), "г": ("h", "h", "h", "h", "h")},
    "be": {"г": ("h", "h", "h", "h", "h")},
    "ru": {},
}
#: endings after transliteration: Dutch and German write -ij as -i (Dmitri), English -iy as -y
_ENDINGS = {
    "nl": ((re.compile(r"ij\b"), "i"), (re.compile(r"yj\b"), "y")),
    "de": ((re.compile(r"ij\b"), "i"), (re.compile(r"yj\b"), "y")),
    "fr": ((re.compile(r"iï\b"), "i"), (re.compile(r"yï\b"), "y")),
    "pl": ((re.compile(r"ij\b"), "i"), (re.compile(r"yj\b"), "y")),
    "en": ((re.compile(r"iy\b"), "y"), (re.compile(r"yy\b"), "y")),
}
#: Swedish: differences from the Dutch column
_SV = {"у": "u", "ў": "u", "ч": "tj", "щ": "sjtj", "ю": "ju", "ё": "jo", "ї": "ji", "є": "je"}
#: Łacinka: one form per letter; the soft-vowel and soft-sign rules are in :func:`_lacinka`
_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "ie", "ё": "io", "ж": "ž", "з": "z",
    "и": "i", "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "ł", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ў": "ŭ", "ф": "f", "х": "ch", "ц": "c", "ч": "č", "ш": "š",
    "щ": "šč", "ъ": "", "ы": "y", "ь": "", "э": "e", "є": "je", "ю": "iu", "я": "ia", "'": "", "’": "",
}  # fmt: skip
_LAT_INITIAL = {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"}
_LAT_AFTER_L = {"е": "e", "ё": "o", "ю": "u", "я": "a", "і": "i", "ь": ""}
_LAT_SOFT = {"н": "ń", "с": "ś", "з": "ź", "ц": "ć", "л": "l"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_S_BETWEEN_VOWELS = re.compile(r"(?<=[aeiouy])s(?=[aeiouy])")


def is_cyrillic(text: str) -> bool:
    return not text.isascii() and _CYRILLIC.search(text) is not None  # most names are ASCII


def guess_source(text: str) -> str:
    """``be`` for text with Belarusian letters (ў, і, э without и), ``uk`` for ї/є/ґ, else ``ru``."""
    low = text.lower()
    if any(ch in low for ch in "їєґ"):
        return "uk"
    if "ў" in low or ("і" in low and "и" not in low) or ("э" in low and "и" not in low and "і" in low):
        return "be"
    if "і" in low:
        return "uk"
    return "ru"


def transliterate(text: str, convention: str = "en", source: str | None = None) -> str:
    """``Лукашенко`` -> ``Loekasjenko`` (nl), ``Lukaschenko`` (de), ``Loukachenko`` (fr),
    ``Łukaszenko`` (pl), ``Lukashenko`` (en). Non-Cyrillic characters pass through."""
    source = source or guess_source(text)
    if convention == "lat":
        return _lacinka(text, source)
    table_convention = "nl" if convention == "sv" else convention
    col = _TABLE_CONVENTIONS.index(table_convention)
    extra = _SOURCE.get(source, {})
    out: list[str] = []
    chars = list(text)
    for i, ch in enumerate(chars):
        low = ch.lower()
        row = extra.get(low) or _BASE.get(low)
        if row is None:
            out.append(ch)
            continue
        prev = chars[i - 1].lower() if i else ""
        after_vowel_or_start = not prev.isalpha() or prev in _VOWELS
        latin = row[col]
        if low in _INITIAL and after_vowel_or_start:
            latin = _INITIAL[low][col]
        if convention == "sv" and low in _SV and not (low == "ё" and prev in "жчшщ"):
            latin = _SV[low]
        if convention == "pl":
            nxt = chars[i + 1].lower() if i + 1 < len(chars) else ""
            if low == "л" and nxt in _PL_SOFT:
                latin = "l"
            elif low in _PL_AFTER_CONSONANT and not after_vowel_or_start:
                latin = _PL_AFTER_CONSONANT[low]
            if low == "ь" and prev in "нсзц":
                # Polish marks softness on the consonant: ń, ś, ź, ć
                out[-1] = {"n": "ń", "s": "ś", "z": "ź", "c": "ć"}.get(out[-1], out[-1])
        if low == "ё" and prev in "жчшщ":
            latin = "o"  # Chroesjtsjov, Khrushchov: no glide after a hushing consonant
        elif convention == "fr" and low in "юяё" and not after_vowel_or_start:
            latin = {"ю": "iou", "я": "ia", "ё": "io"}[low]
        if ch.isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    result = "".join(out)
    if convention in ("de", "fr"):
        # German and French write a single s between vowels as ss (Wassili, Vassili)
        result = _S_BETWEEN_VOWELS.sub("ss", result)
    for pattern, replacement in _ENDINGS[table_convention]:
        result = pattern.sub(replacement, result)
    return result


def _lacinka(text: str, source: str) -> str:
    """Łacinka, the Belarusian Latin alphabet (Лукашэнка -> Łukašenka, Ціханоўская -> Cichanoŭskaja,
    Аляксандр -> Alaksandr). Russian forms are written with the same letters (и -> i, г -> h)."""
    out: list[str] = []
    chars = list(text)
    for i, ch in enumerate(chars):
        low = ch.lower()
        latin = _LAT.get(low)
        if latin is None:
            out.append(ch)
            continue
        prev = chars[i - 1].lower() if i else ""
        nxt = chars[i + 1].lower() if i + 1 < len(chars) else ""
        if source == "ru" and low == "г":
            latin = "g"
        if low == "л" and nxt in "еёюяіь":
            latin = "l"  # soft л is l, and the vowel after it loses its i
        elif low in _LAT_AFTER_L and prev == "л":
            latin = _LAT_AFTER_L[low]
        elif low in _LAT_INITIAL and (not prev.isalpha() or prev in _VOWELS or prev in "ьў'’"):
            latin = _LAT_INITIAL[low]
        elif low in "еёюя" and prev in "жчшрщ":
            latin = latin[1:]  # hard consonants take no i (Łukašenka)
        if low == "ь" and out and prev in _LAT_SOFT and prev != "л":
            last = out[-1]
            soft = _LAT_SOFT[prev]
            out[-1] = soft.upper() if last[:1].isupper() else soft
        if ch.isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def spellings(*cyrillic_forms: str) -> dict[str, set[str]]:
    """Every convention's spelling of every source form: convention -> set of spellings."""
    out: dict[str, set[str]] = {c: set() for c in CONVENTIONS}
    for form in cyrillic_forms:
        for convention in CONVENTIONS:
            out[convention].add(transliterate(form, convention))
    return out


# -- back to Cyrillic ------------------------------------------------------------------------

_BACK_COMMON = (
    ("shch", "щ"), ("sjtsj", "щ"), ("schtsch", "щ"), ("szcz", "щ"), ("chtch", "щ"),
    ("tsch", "ч"), ("tsj", "ч"), ("tch", "ч"), ("cz", "ч"),
    ("sch", "ш"), ("sj", "ш"), ("sz", "ш"), ("sh", "ш"),
    ("zj", "ж"), ("zh", "ж"), ("ż", "ж"), ("kh", "х"), ("ts", "ц"),
    ("yu", "ю"), ("ju", "ю"), ("joe", "ю"), ("iou", "ю"), ("ya", "я"), ("ja", "я"), ("ia", "я"),
    ("yo", "ё"), ("jo", "ё"), ("ye", "е"), ("je", "е"),
    ("oe", "у"), ("ou", "у"), ("ł", "л"), ("ń", "нь"), ("ś", "сь"), ("ć", "ць"), ("ź", "зь"),
)  # fmt: skip
_BACK_CHAR = {
    "a": "а", "b": "б", "v": "в", "w": "в", "g": "г", "h": "г", "d": "д", "e": "е", "z": "з",
    "i": "и", "j": "й", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р",
    "s": "с", "t": "т", "u": "у", "f": "ф", "c": "ц", "y": "ы", "x": "кс", "q": "к", "ï": "й",
}  # fmt: skip
_BACK_CH = {"nl": "х", "de": "х", "pl": "х", "fr": "ш", "en": "ч"}


def to_cyrillic(text: str, convention: str = "en") -> str:
    """A Russian-looking Cyrillic form of a romanised name (``Loekasjenko`` -> ``Лукашенко``).

    The convention decides the ambiguous letters: ch is х in Dutch, German and Polish, ш in
    French and ч in English; a final y after i is й (Dmitriy), elsewhere ы.
    """
    low = text.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        for latin, cyr in ((("ch", _BACK_CH[convention]), *_BACK_COMMON)) if convention else _BACK_COMMON:
            if low.startswith(latin, i):
                out.append(cyr)
                i += len(latin)
                break
        else:
            ch = low[i]
            if ch == "y" and out and out[-1] in "аеиоуэ":
                out.append("й")
            else:
                out.append(_BACK_CHAR.get(ch, ch))
            i += 1
    result = "".join(out)
    if convention == "de":
        result = result.replace("сс", "с")
    return result.title() if text[:1].isupper() else result


@lru_cache(maxsize=65536)
def latin(text: str, source: str | None = None) -> str:
    """A Cyrillic name in English-like Latin (the form keys are made from); other text unchanged.
    ``source`` (ru, be, uk) is guessed from ``text`` when not given."""
    if not is_cyrillic(text):
        return text
    # ў is the Russian в in the same name (Лаўроў = Лавров, Ціханоўская = Тихановская): read as в,
    # while the source (г -> h) is still told from the original letters
    return transliterate(text.replace("ў", "в").replace("Ў", "В"), "en", source=source or guess_source(text))
