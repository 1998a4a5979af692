"""Shared fixtures: paths to the seed article and to the project's own example articles."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "samples" / "000_94b4341cbd3b6ace.txt"
EXAMPLES = REPO / "examples" / "articles"


@pytest.fixture
def seed_article() -> Path:
    if not SEED_ARTICLE.exists():
        pytest.skip("../shared/samples is not beside the checkout")
    return SEED_ARTICLE
