"""RSS and Atom feeds by feedparser: one article per item that has text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.html
from lxml.etree import ParserError

from kroniek.errors import InputError, Msg
from kroniek.ingest.common import Item, make_article
from kroniek.ingest.decode import clean_field, normalise

_BLOCKS = {
    "p", "div", "section", "article", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "table", "tr", "pre", "figure", "figcaption", "header", "footer",
}  # fmt: skip
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def html_to_text(markup: str) -> str:
    """Text of an HTML fragment: a blank line between blocks, a newline for <br>, tags gone."""
    if "<" not in markup:
        return markup
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in _BLOCKS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _item_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        text = value if content.get("type") == "text/plain" else html_to_text(value)
        if text.strip():
            return text
    return html_to_text(entry.get("summary") or "")


def read_feed(data: bytes, source: str) -> Iterator[Item]:
    try:
        feed = feedparser.parse(data)
    except Exception:  # feedparser is lenient, but a parser bug must not become a traceback
        yield InputError(Msg.K110, source)
        return
    publication = clean_field(feed.feed.get("title") or "") if feed.get("feed") else None
    for number, entry in enumerate(feed.entries, start=1):
        text = normalise(_item_text(entry)).strip()
        if not text:
            yield InputError(Msg.K114, source, item=number)
            continue
        title = entry.get("title")
        yield from make_article(
            text,
            f"{source}#{number}",  # the article's address; errors keep the readable path
            where=source,
            item=number,
            # The date as the feed wrote it: feedparser's parsed form is in UTC and can move
            # an evening article to the next day.
            date=entry.get("published") or entry.get("updated"),
            warn_missing_date=True,
            title=clean_field(html_to_text(title)) if title else None,
            url=entry.get("link"),
            publication=publication,
            external_id=entry.get("id"),
        )
    if not feed.entries:
        # Items without text were reported one by one (K114); this is a feed with no items.
        yield InputError(Msg.K110, source)
