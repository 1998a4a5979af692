"""Plain text articles, optionally opening with a ``date YYYY-MM[-DD]`` header.

The header form is the one the project's samples use::

    date 2020-10 Loekasjenko probeert het nu met vriendelijkheid. ...

The article text is what follows the header, stripped of surrounding whitespace. A first line
that reads as a heading (short, no closing punctuation, a blank line after it, more text below)
becomes the title; it stays in the text too, so the text is exactly what the file says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kroniek.errors import InputError, Msg
from kroniek.ingest.common import Item, make_article
from kroniek.ingest.decode import normalise

_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}(?:-\d{1,2}){0,2})(?=\s|\Z)", re.IGNORECASE)
_HEADING = re.compile(r"([^\n]{1,150})\n[ \t]*\n\s*\S")
_CLOSING = ".!?:;,…'\"’”)]»"
MAX_HEADING_WORDS = 20


def split_header(text: str) -> tuple[str | None, str]:
    """(date as written or None, article text) of a normalised plain-text file."""
    match = _HEADER.match(text)
    if match is None:
        return None, text.strip()
    return match[1], text[match.end() :].strip()


def heading(body: str) -> str | None:
    match = _HEADING.match(body)
    if match is None:
        return None
    line = match[1].strip()
    if not line or line[-1] in _CLOSING or len(line.split()) > MAX_HEADING_WORDS:
        return None
    return line


def read_plain(text: str, source: str) -> Iterator[Item]:
    date, body = split_header(normalise(text))
    if not body:
        yield InputError(Msg.K102, source)
        return
    # Plain text without a header is normal (notes, pasted articles): no K112 for it.
    yield from make_article(body, source, where=source, date=date, title=heading(body))
