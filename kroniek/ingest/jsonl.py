"""JSON Lines: one article object per line.

``text`` is required; ``id``, ``title``, ``date``, ``url``, ``source`` (the publication) and
``language`` are optional. A bad line is reported with its number and the other lines are still
read. A missing ``date`` is not warned about (an impossible one is, K108). The article's
source is ``path:line``; the user's ``id`` is kept as ``external_id`` (the
article id stays the content hash, so the same text from two files is one article).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from kroniek.errors import InputError, InputWarning, Msg
from kroniek.ingest.common import Item, make_article
from kroniek.ingest.decode import DecodeError, clean_field, decode_bytes, normalise
from kroniek.ingest.language import normalise_language

#: Optional fields that must be strings when present (``id`` and ``date`` may also be numbers).
STRING_FIELDS = ("title", "url", "source", "publication", "language")


def iter_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; None for a line longer than ``limit`` (skipped unread)."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit:
            # Skip the rest of the over-long line without holding it in memory.
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield number, None
            continue
        yield number, line


def read_jsonl(stream: IO[bytes], source: str, limit: int) -> Iterator[Item]:
    """Articles and per-line errors from a JSONL byte stream."""
    any_content = False
    for number, raw in iter_lines(stream, limit):
        if raw is None:
            any_content = True
            yield InputError(Msg.K107, source, number, size_mb=limit / 1e6, limit_mb=f"{limit / 1e6:g}")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        any_content = True
        yield from _read_line(raw, source, number)
    if not any_content:
        yield InputError(Msg.K102, source)


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(raw)


def _read_line(raw: bytes, source: str, number: int) -> Iterator[Item]:
    try:
        line = _decode_line(raw)
    except DecodeError as err:
        code = Msg.K103 if err.binary else Msg.K101
        yield InputError(code, source, number, **({} if err.binary else {"detail": err.detail}))
        return
    try:
        obj: Any = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as err:
        # json's messages end in "starting at" or not; either way say the column once.
        where = "column" if err.msg.endswith(" at") else "at column"
        yield InputError(Msg.K104, source, number, detail=f"{err.msg} {where} {err.colno}")
        return
    if not isinstance(obj, dict):
        yield InputError(Msg.K104, source, number, detail=f"expected an object, found {type(obj).__name__}")
        return
    text = obj.get("text")
    if text is not None and not isinstance(text, str):
        yield InputError(Msg.K111, source, number, field="text")
        return
    text = normalise(text or "").strip()
    if not text:
        yield InputError(Msg.K105, source, number)
        return

    fields: dict[str, str | None] = {}
    for name in STRING_FIELDS:
        value = obj.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            # A wrong optional field costs that field, not the article.
            yield InputWarning(Msg.K111, source, number, field=name)
            continue
        fields[name] = clean_field(value)
    date = obj.get("date")
    if date is not None and (isinstance(date, bool) or not isinstance(date, str | int)):
        yield InputWarning(Msg.K111, source, number, field="date")
        date = None
    ext_id = obj.get("id")
    if ext_id is not None and (isinstance(ext_id, bool) or not isinstance(ext_id, str | int)):
        yield InputWarning(Msg.K111, source, number, field="id")
        ext_id = None
    language = normalise_language(fields["language"]) if fields.get("language") else None

    yield from make_article(
        text,
        f"{source}:{number}",
        where=source,
        line=number,
        date=date,
        # A JSONL file is the user's own data: a missing date is their choice, as in plain
        # text, and not a failure to report line by line (HTML pages and feeds do get K112).
        language=language,
        title=fields.get("title"),
        url=fields.get("url"),
        publication=fields.get("source") or fields.get("publication"),
        external_id=str(ext_id) if ext_id is not None else None,
    )
