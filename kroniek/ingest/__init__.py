"""Readers: input files and streams to :class:`kroniek.records.Article` objects.

``read_paths`` is what the CLI and store call. Problems never raise: they are yielded as
:class:`kroniek.errors.InputError` (the source was not read) or
:class:`kroniek.errors.InputWarning` (yielded just before the article it concerns, which was kept).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from kroniek.errors import InputError
from kroniek.ingest.common import Item
from kroniek.ingest.language import detect_language
from kroniek.ingest.paths import expand_path, walk_folder
from kroniek.ingest.readers import MAX_BYTES, read_bytes, read_source, read_stream
from kroniek.records import Article

__all__ = [
    "MAX_BYTES",
    "Item",
    "detect_language",
    "expand_path",
    "read_bytes",
    "read_paths",
    "read_source",
    "read_stream",
    "readable_source",
    "walk_folder",
]


def readable_source(article: Article) -> tuple[str, int | None]:
    """The file an article can be read again from, and its JSONL line.

    ``Article.source`` is the article's address: ``path``, ``path:LINE`` (JSON Lines) or
    ``path#ITEM`` (feeds). Failures are recorded against the readable path, so a retry finds it.
    """
    source = article.source
    head, sep, tail = source.rpartition("#")
    if sep and tail.isdigit() and os.path.exists(head):
        return head, None
    head, sep, tail = source.rpartition(":")
    if sep and tail.isdigit() and os.path.exists(head):
        return head, int(tail)
    return source, None


def read_paths(paths: list[str], stdin: TextIO | BinaryIO | None = None) -> Iterator[Article | InputError]:
    """Articles and input errors from files, folders, glob patterns and ``-`` (standard input).

    Folders are searched recursively in sorted order, skipping hidden entries; a file reached
    twice (named and inside a named folder) is read once; ``-`` is read once.
    """
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            if "-" not in seen:
                seen.add("-")
                yield from read_stream(stdin)
            continue
        for found in expand_path(raw):
            if isinstance(found, InputError):
                yield found
                continue
            key = os.path.realpath(found)
            if key in seen:
                continue
            seen.add(key)
            yield from read_source(found)
