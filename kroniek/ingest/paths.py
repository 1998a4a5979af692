"""Command-line inputs (files, folders, globs, ``-``) to the files to read, in a stable order."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from pathlib import Path

from kroniek.errors import InputError, Msg
from kroniek.ingest.readers import ARTICLE_SUFFIXES


def _hidden(name: str) -> bool:
    return name.startswith(".")


def walk_folder(folder: Path) -> Iterator[Path | InputError]:
    """Article files under a folder, recursively, sorted, skipping hidden files and folders.

    Only files with an article suffix are taken (a README.md beside the articles is not one).
    """
    problems: list[OSError] = []
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        dirs[:] = [d for d in dirs if not _hidden(d)]
        found.extend(
            Path(root) / name for name in files if not _hidden(name) and name.lower().endswith(ARTICLE_SUFFIXES)
        )
    for err in problems:
        yield InputError(Msg.K109, str(err.filename or folder), detail=(err.strerror or "error").lower())
    if not found and not problems:
        yield InputError(Msg.K001, str(folder), pattern=str(folder))
    yield from sorted(found, key=lambda p: p.parts)


def expand_path(raw: str) -> Iterator[Path | InputError]:
    """The files one command-line argument names (not ``-``, which read_paths handles)."""
    path = Path(raw)
    if path.is_dir():
        yield from walk_folder(path)
    elif path.exists() or path.is_symlink():
        yield path
    elif glob.has_magic(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        if not matches:
            yield InputError(Msg.K001, raw, pattern=raw)
        for match in matches:
            found = Path(match)
            if found.is_dir():
                yield from walk_folder(found)
            else:
                yield found
    else:
        # A plain name that is not there: say so as a read failure, naming the file.
        yield InputError(Msg.K109, raw, detail="no such file or folder")
