"""Which language an article is written in (ISO 639-1), by lingua on the article's opening."""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

#: The languages kroniek tells apart: Dutch, the languages Dutch news sources mix in, and those
#: of the regions the chronicle covers. A small set keeps loading fast and mistakes rare.
LANGUAGES = (
    Language.DUTCH,
    Language.ENGLISH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.ITALIAN,
    Language.PORTUGUESE,
    Language.POLISH,
    Language.RUSSIAN,
    Language.UKRAINIAN,
    Language.BELARUSIAN,
    Language.TURKISH,
    Language.ARABIC,
)

#: Characters looked at: an article's first paragraphs settle its language.
SAMPLE_CHARS = 2000


@cache
def _detector() -> LanguageDetector:
    # Low-accuracy mode loads in a tenth of a second instead of seconds; on article-length text
    # it is as good (it is only weaker on a few words, where None is the honest answer anyway).
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code ("nl") of the text's language, or None when it cannot be told."""
    sample = text[:SAMPLE_CHARS].strip()
    if not sample:
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found is not None else None


def normalise_language(value: str) -> str | None:
    """A language tag as a source gives it ("nl", "NL", "nl-BE", "nl_NL") as ISO 639-1."""
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if len(code) == 2 and code.isalpha() else None
