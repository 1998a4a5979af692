"""HTML pages: the main text and metadata (title, date, url, site name) by trafilatura."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import trafilatura

from kroniek.errors import InputError, Msg
from kroniek.ingest.common import Item, make_article
from kroniek.ingest.decode import clean_field, normalise

#: Only dates the page's markup states (meta tags, <time>, JSON-LD): a date guessed from the
#: body text would date the chronicle wrongly, and no date is better than a wrong one.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


def extract_html(markup: str) -> dict[str, str | None] | None:
    """trafilatura's text and metadata for a page, or None when it finds no article text."""
    # trafilatura logs "discarding data" and the like at WARNING for ordinary pages.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=DATE_PARAMS,
        )
    except Exception:  # trafilatura/lxml raise assorted errors on broken markup
        return None
    if doc is None or not (doc.text or "").strip():
        return None
    return {
        "text": doc.text,
        "title": doc.title,
        "date": doc.date,
        "url": doc.url,
        "sitename": doc.sitename,
    }


def read_html(markup: str, source: str) -> Iterator[Item]:
    found = extract_html(markup)
    if found is None:
        yield InputError(Msg.K106, source)
        return
    # trafilatura puts one paragraph per line; a blank line between them gives the same shape
    # as plain-text articles, so headings and paragraphs stay separate sentences downstream.
    lines = (line.strip() for line in normalise(found["text"] or "").split("\n"))
    text = "\n\n".join(line for line in lines if line)
    if len(text.split()) < 3:
        # Menus and cookie banners, not an article.
        yield InputError(Msg.K106, source)
        return
    yield from make_article(
        text,
        source,
        where=source,
        date=found["date"],
        warn_missing_date=True,
        title=clean_field(found["title"]) if found["title"] else None,
        url=found["url"],
        publication=clean_field(found["sitename"]) if found["sitename"] else None,
    )
