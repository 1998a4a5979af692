"""Fixtures for the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import GOOD_TEXT, Split


@pytest.fixture
def split() -> type[Split]:
    return Split


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "goed.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path
