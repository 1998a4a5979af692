"""Shards and parts: what one Dask task reads.

A shard is one input file (JSONL, JSONL.gz, Parquet; a local path or any fsspec URL). A shard
is cut into parts of at most ``chunk_size`` lines (rows), so that one big file does not keep a
single worker busy while the others idle. A part's id names its shard and its line range, so it
is the same in every run over the same file with the same chunk size.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import itertools
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import fsspec

from kroniek.errors import InputError, Msg
from kroniek.ingest.common import Item
from kroniek.ingest.jsonl import read_jsonl
from kroniek.ingest.readers import MAX_BYTES

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
SHARD_SUFFIXES = JSONL_SUFFIXES + PARQUET_SUFFIXES
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True, slots=True)
class Shard:
    url: str  # absolute local path or fsspec URL

    @property
    def kind(self) -> str:
        return "parquet" if self.url.lower().endswith(PARQUET_SUFFIXES) else "jsonl"

    @property
    def id(self) -> str:
        """Readable and unique: the file's name, then a hash of the whole address."""
        name = _UNSAFE.sub("_", self.url.rstrip("/").rsplit("/", 1)[-1])[:40]
        return f"{name}-{hashlib.sha1(self.url.encode('utf-8')).hexdigest()[:8]}"

    def parts(self, rows: int, chunk_size: int) -> list[Part]:
        # An empty shard still gets one part, so that its K102 (empty file) is reported.
        starts = range(0, max(rows, 1), chunk_size)
        return [Part(self, start, min(start + chunk_size, max(rows, 1)), len(starts)) for start in starts]


@dataclass(frozen=True, slots=True)
class Part:
    shard: Shard
    start: int  # first line (0-based) of the range
    stop: int  # one past the last line
    of: int  # how many parts the shard has

    @property
    def id(self) -> str:
        return f"{self.shard.id}-{self.start:09d}-{self.stop:09d}"


def is_url(value: str) -> bool:
    return "://" in value


def discover(inputs: list[str]) -> tuple[list[Shard], list[InputError]]:
    """The shards named by files, folders, glob patterns and URLs, each once, in a stable order."""
    shards: dict[str, Shard] = {}
    errors: list[InputError] = []
    for raw in inputs:
        found = _expand_url(raw) if is_url(raw) else _expand_local(raw)
        if not found:
            errors.append(InputError(Msg.K109, raw, detail="no such file, or no shards in it"))
        for url in found:
            shards.setdefault(url, Shard(url))
    return list(shards.values()), errors


def _expand_local(raw: str) -> list[str]:
    path = Path(raw).expanduser()
    if path.is_dir():
        return sorted(
            str(p.resolve())
            for p in path.rglob("*")
            if p.is_file() and p.name.lower().endswith(SHARD_SUFFIXES) and not _hidden(p.relative_to(path))
        )
    if path.is_file():
        return [str(path.resolve())]
    if glob.has_magic(raw):
        return sorted(str(Path(p).resolve()) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
    return []


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _expand_url(raw: str) -> list[str]:
    fs, path = fsspec.core.url_to_fs(raw)
    try:
        if glob.has_magic(path):
            paths = fs.glob(path)
        elif fs.isdir(path):
            paths = [p for p in fs.find(path) if p.lower().endswith(SHARD_SUFFIXES)]
        elif fs.exists(path):
            paths = [path]
        else:
            paths = []
    except OSError:
        return []
    return sorted(fs.unstrip_protocol(p) for p in paths)


# -- reading (runs on the workers) -------------------------------------------------------------


class ShardError(Exception):
    """A shard that cannot be read at all (bad gzip, bad Parquet, missing): (code, detail)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail

    def as_input_error(self, source: str) -> InputError:
        if self.code == "K109":
            return InputError(Msg.K109, source, detail=self.detail)
        return InputError(Msg.K101, source, detail=self.detail)


def _open(url: str):
    return fsspec.open(url, "rb", compression="infer")


def count_rows(shard: Shard) -> tuple[int, int | None]:
    """(lines or rows, size in bytes) of a shard; reads a JSONL shard once through (that is
    also what finds a broken gzip stream before any of it is analysed). Raises ShardError."""
    try:
        fs, path = fsspec.core.url_to_fs(shard.url)
        size = fs.size(path)
        if shard.kind == "parquet":
            return _parquet_rows(fs, path), size
        lines = 0
        last = b"\n"
        with _open(shard.url) as stream:
            while block := stream.read(1 << 20):
                lines += block.count(b"\n")
                last = block[-1:]
        return lines + (last != b"\n"), size
    except FileNotFoundError:
        raise ShardError("K109", "no such file") from None
    except (gzip.BadGzipFile, EOFError, zlib.error) as err:
        raise ShardError("K101", f"not a valid gzip file: {err}") from None
    except OSError as err:
        raise ShardError("K109", (err.strerror or type(err).__name__).lower()) from None


def _parquet_rows(fs: Any, path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with fs.open(path, "rb") as stream:
        try:
            return pq.ParquetFile(stream).metadata.num_rows
        except (pa.ArrowException, OSError, ValueError) as err:
            raise ShardError("K101", f"not a valid Parquet file: {err}") from None


class _Window:
    """A byte stream over some lines: those before ``start`` read as empty lines (so that
    ``read_jsonl`` numbers lines as in the whole file and skips them), none after ``stop``."""

    def __init__(self, lines: Iterator[bytes], start: int, stop: int) -> None:
        self._lines = lines
        self._start = start
        self._stop = stop
        self._index = 0

    def readline(self, size: int = -1) -> bytes:
        if self._index >= self._stop:
            return b""
        line = next(self._lines, None)
        if line is None:
            return b""
        self._index += 1
        return b"\n" if self._index <= self._start else line


def read_part(part: Part) -> Iterator[Item]:
    """Articles and input errors of one part, as ``kroniek ingest`` reads them (sources ``url:line``)."""
    url = part.shard.url
    try:
        if part.shard.kind == "parquet":
            lines = _parquet_lines(url, part.start, part.stop)
            items = read_jsonl(_Window(lines, part.start, part.stop), url, MAX_BYTES)  # type: ignore[arg-type]
            yield from items
            return
        with _open(url) as stream:
            items = read_jsonl(_Window(iter(stream), part.start, part.stop), url, MAX_BYTES)  # type: ignore[arg-type]
            for item in items:
                # Only the first part of a shard may call the shard empty.
                if part.start > 0 and isinstance(item, InputError) and item.msg is Msg.K102:
                    continue
                yield item
    except (gzip.BadGzipFile, EOFError, zlib.error) as err:
        yield InputError(Msg.K101, url, detail=f"not a valid gzip file: {err}")
    except FileNotFoundError:
        yield InputError(Msg.K109, url, detail="no such file")


def _parquet_lines(url: str, start: int, stop: int) -> Iterator[bytes]:
    """Rows of a Parquet shard as JSON lines (empty lines before ``start``); fields as in JSONL."""
    import pyarrow.parquet as pq

    yield from itertools.repeat(b"\n", start)
    with fsspec.open(url, "rb") as stream:
        seen = 0
        for batch in pq.ParquetFile(stream).iter_batches(batch_size=1024):
            if seen + batch.num_rows <= start:
                seen += batch.num_rows
                continue
            lo = max(start - seen, 0)
            hi = min(stop - seen, batch.num_rows)
            for row in batch.slice(lo, hi - lo).to_pylist():
                yield json.dumps(row, ensure_ascii=False, default=_json_value).encode("utf-8") + b"\n"
            seen += batch.num_rows
            if seen >= stop:
                return


def _json_value(value: Any) -> Any:
    # A Parquet date or timestamp column becomes the ISO date the JSONL reader parses.
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
