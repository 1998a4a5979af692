"""What every reader does once it has an article's text: date, language, warnings, Article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kroniek.errors import InputError, InputWarning, Msg
from kroniek.ingest.dates import ImpossibleDate, UnknownDateForm, parse_date
from kroniek.ingest.language import detect_language
from kroniek.records import Article

Item = Article | InputError


def make_article(
    text: str,
    source: str,
    *,
    where: str,
    line: int | None = None,
    item: int | None = None,
    date: str | int | None = None,
    warn_missing_date: bool = False,
    language: str | None = None,
    **fields: Any,
) -> Iterator[Item]:
    """Yield the warnings about an article (``where``/``line``/``item`` say where), then the article.

    ``source`` is the article's own address (``path``, ``path:line``, ``path#item``).
    """
    published = precision = None
    if date is None or str(date).strip() == "":
        if warn_missing_date:
            yield InputWarning(Msg.K112, where, line, item=item)
    else:
        try:
            parsed = parse_date(date)
            published, precision = parsed.value, parsed.precision
        except ImpossibleDate:
            yield InputWarning(Msg.K108, where, line, item=item, value=str(date))
        except UnknownDateForm:
            yield InputWarning(Msg.K113, where, line, item=item, value=str(date))
    yield Article.create(
        text,
        source,
        published=published,
        date_precision=precision,
        language=language or detect_language(text),
        **fields,
    )
