"""Shared helpers for the ingest tests: bad files are made in tmp_path, never committed."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kroniek.errors import InputError, InputWarning
from kroniek.records import Article

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "articles"
SEED = REPO.parent / "shared" / "samples" / "000_94b4341cbd3b6ace.txt"

#: A short Dutch article written for these tests.
GOOD_TEXT = (
    "date 2022-04-05 De politie in Minsk heeft dinsdag tientallen betogers aangehouden. "
    "Volgens mensenrechtengroep Viasna ging het om zeker veertig mensen.\n"
)


class Split:
    def __init__(self, items: Iterable[Article | InputError]) -> None:
        self.items = list(items)
        self.articles = [x for x in self.items if isinstance(x, Article)]
        self.errors = [x for x in self.items if isinstance(x, InputError) and not isinstance(x, InputWarning)]
        self.warnings = [x for x in self.items if isinstance(x, InputWarning)]

    def codes(self) -> list[str]:
        return [x.code for x in self.items if isinstance(x, InputError)]
