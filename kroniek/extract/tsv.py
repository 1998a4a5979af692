"""Read a lexicon TSV of one language: ``#`` lines are comments, fields are tab-separated."""

from __future__ import annotations

from functools import lru_cache

from kroniek.nlp.languages import profile_for


@lru_cache(maxsize=64)
def read_lexicon(lang: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``kroniek/data/lexicons/<lang>/<name>`` (cached: lexicons are read once)."""
    profile = profile_for(lang)
    if profile is None:
        raise ValueError(f"kroniek has no language profile for {lang!r}")
    path = profile.lexicon_dir / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(field.strip() for field in line.split("\t")))
    return tuple(rows)
