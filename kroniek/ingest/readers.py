"""One source (a file or a stream) to Articles and numbered input errors.

The format is chosen by the file name, then by the content: ``.jsonl``/``.ndjson`` (optionally
``.gz``), ``.html``/``.htm``, ``.xml``/``.rss``/``.atom``; anything else that starts like a feed,
an HTML page or a JSON object line is read as that, and the rest is plain text.
"""

from __future__ import annotations

import gzip
import io
import json
import stat
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, BinaryIO, TextIO

from kroniek.errors import InputError, Msg
from kroniek.ingest.common import Item
from kroniek.ingest.decode import DecodeError, bom_encoding, decode_bytes, looks_binary
from kroniek.ingest.feed import read_feed
from kroniek.ingest.html import read_html
from kroniek.ingest.jsonl import read_jsonl
from kroniek.ingest.plain import read_plain

#: Largest file read as one article source (bytes). For JSONL it is the limit per line, since a
#: JSONL file holds many articles and is streamed. Tests monkeypatch this.
MAX_BYTES = 50 * 1000 * 1000

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
TEXT_SUFFIXES = (".txt", ".text")
#: What a folder is searched for; a file named on the command line is read whatever its name.
ARTICLE_SUFFIXES = JSONL_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + TEXT_SUFFIXES

STDIN_SOURCE = "<stdin>"


def kind_from_name(name: str) -> str | None:
    lower = name.lower()
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("html", HTML_SUFFIXES), ("feed", FEED_SUFFIXES)):
        if lower.endswith(suffixes):
            return kind
    return None


def sniff(data: bytes) -> str:
    """The format of bytes whose name did not say: feed, html, jsonl or text."""
    encoding = bom_encoding(data)
    head = data[:4096]
    if encoding in ("utf-16", "utf-32"):
        head = head.decode(encoding, errors="ignore").encode("utf-8")
    elif encoding:
        head = head[3:]
    head = head.lstrip().lower()
    if head.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        return "feed"
    if head.startswith(b"<?xml"):
        return "html" if b"<html" in head and b"<rss" not in head and b"<feed" not in head else "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"{"):
        first = data.lstrip()[: 1 << 20].split(b"\n", 1)[0]
        try:
            obj = json.loads(first)
        except (ValueError, UnicodeDecodeError):
            return "text"
        if isinstance(obj, dict) and "text" in obj:
            return "jsonl"
    return "text"


def _too_big(source: str, size: int) -> InputError:
    return InputError(Msg.K107, source, size_mb=size / 1e6, limit_mb=f"{MAX_BYTES / 1e6:g}")


def read_bytes(data: bytes, source: str, kind: str | None = None) -> Iterator[Item]:
    """Read a whole source held in memory (a file under the limit, or stdin)."""
    if not data.strip():
        yield InputError(Msg.K102, source)
        return
    if looks_binary(data):
        yield InputError(Msg.K103, source)
        return
    kind = kind or sniff(data)
    if kind == "jsonl":
        yield from read_jsonl(io.BytesIO(data), source, MAX_BYTES)
        return
    if kind == "feed":
        # feedparser reads the XML encoding declaration itself.
        yield from read_feed(data, source)
        return
    try:
        text = decode_bytes(data)
    except DecodeError as err:
        yield InputError(Msg.K103, source) if err.binary else InputError(Msg.K101, source, detail=err.detail)
        return
    if not text.replace("\ufeff", "").strip():
        yield InputError(Msg.K102, source)
        return
    if kind == "html":
        yield from read_html(text, source)
    else:
        yield from read_plain(text, source)


def _os_detail(err: OSError) -> str:
    return (err.strerror or type(err).__name__).lower()


def _read_jsonl_file(path: Path, source: str) -> Iterator[Item]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
            if head and looks_binary(head):
                yield InputError(Msg.K103, source)
                return
            yield from read_jsonl(stream, source, MAX_BYTES)
    except (gzip.BadGzipFile, EOFError, zlib.error) as err:
        yield InputError(Msg.K101, source, detail=f"not a valid gzip file: {err}")
    except OSError as err:
        yield InputError(Msg.K109, source, detail=_os_detail(err))


def read_source(path: Path | str, source: str | None = None) -> Iterator[Item]:
    """Articles (each preceded by its warnings) and errors from one file. Never raises for bad input."""
    path = Path(path)
    source = source or str(path)
    try:
        info = path.stat()
    except OSError as err:
        yield InputError(Msg.K109, source, detail=_os_detail(err))
        return
    if stat.S_ISDIR(info.st_mode):
        yield InputError(Msg.K109, source, detail="it is a folder")
        return
    kind = kind_from_name(path.name)
    if kind == "jsonl":
        yield from _read_jsonl_file(path, source)
        return
    if info.st_size > MAX_BYTES:
        yield _too_big(source, info.st_size)
        return
    try:
        with open(path, "rb") as stream:
            # Read one byte past the limit: a file that grew since stat() is still caught.
            data = stream.read(MAX_BYTES + 1)
    except OSError as err:
        yield InputError(Msg.K109, source, detail=_os_detail(err))
        return
    if len(data) > MAX_BYTES:
        yield _too_big(source, len(data))
        return
    yield from read_bytes(data, source, kind)


def read_stream(stream: TextIO | BinaryIO | IO[str] | IO[bytes] | None, source: str = STDIN_SOURCE) -> Iterator[Item]:
    """Read one source from a stream (standard input by default); the format is sniffed."""
    if stream is None:
        stream = sys.stdin
    binary = getattr(stream, "buffer", None)
    try:
        data = (binary if binary is not None else stream).read(MAX_BYTES + 1)
    except OSError as err:
        yield InputError(Msg.K109, source, detail=_os_detail(err))
        return
    except UnicodeDecodeError as err:  # a text stream that could not decode what it was given
        yield InputError(Msg.K101, source, detail=str(err))
        return
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogateescape")
    if len(data) > MAX_BYTES:
        yield _too_big(source, len(data))
        return
    yield from read_bytes(data, source)
