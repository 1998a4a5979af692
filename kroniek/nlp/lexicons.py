"""Reading a language's word lists: TSV files in ``kroniek/data/lexicons/<lang>/``.

``#`` lines are comments; fields are tab-separated. Each file is read once per process.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from kroniek.nlp.languages import require_profile


def lexicon_path(lang: str, name: str) -> Path:
    return require_profile(lang).lexicon_dir / name


def _lines(lang: str, name: str) -> list[str]:
    text = lexicon_path(lang, name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=64)
def read_rows(lang: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a headerless lexicon as tuples of stripped fields."""
    return tuple(tuple(field.strip() for field in line.split("\t")) for line in _lines(lang, name))


@lru_cache(maxsize=64)
def read_table(lang: str, name: str) -> tuple[dict[str, str], ...]:
    """The rows of a lexicon with a header row, as dicts (missing cells are empty strings)."""
    reader = csv.DictReader(_lines(lang, name), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items() if k} for row in reader)


@lru_cache(maxsize=8)
def word_classes(lang: str) -> dict[str, frozenset[str]]:
    """Closed word classes (``word_classes.tsv``: class, word), e.g. ``negation`` or ``article``."""
    table: dict[str, set[str]] = {}
    for row in read_rows(lang, "word_classes.tsv"):
        table.setdefault(row[0], set()).add(row[1] if len(row) > 1 else "")
    return {name: frozenset(words) for name, words in table.items()}


def word_class(lang: str, name: str) -> frozenset[str]:
    return word_classes(lang).get(name, frozenset())
