"""kroniek show ARTICLE_ID: the article with every extracted record marked in its text."""

from __future__ import annotations

import json
import sys

import typer
from rich.text import Text

from kroniek import api
from kroniek.cli.common import DbOption, check_choice, console, fail, shorten
from kroniek.cli.events import who
from kroniek.cli.quotes import speaker_name
from kroniek.errors import KroniekError, Msg
from kroniek.records import event_to_plover

STYLES = {"E": "bold magenta", "Q": "green", "M": "cyan"}


def show(
    article_id: str = typer.Argument(..., help="An article id, or a unique prefix of one."),
    fmt: str = typer.Option("text", "--format", help="text or json"),
    db: str = DbOption,
) -> None:
    """Show an article with its events [E1 …], quotes [Q1 …] and actor names marked."""
    check_choice(fmt, ("text", "json"))
    with api.open(db, read_only=True) as chronicle:
        article = chronicle.article(article_id)
        if article is None:
            fail(KroniekError(Msg.K004, article_id=article_id, db=db))
        events = chronicle.store.events(doc_id=article.id)
        quotes = chronicle.store.quotes(doc_id=article.id)
        mentions = chronicle.store.mentions(article.id)
    events = sorted(events, key=lambda e: e.start)
    quotes = sorted(quotes, key=lambda q: q.start)
    if fmt == "json":
        out = {
            "article": {f: getattr(article, f) for f in article.__slots__},
            "events": [event_to_plover(e, article) for e in events],
            "quotes": [q.to_json() for q in quotes],
            "mentions": mentions,
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
        return
    spans = [(e.start, e.end, f"E{i}") for i, e in enumerate(events, 1)]
    spans += [(q.start, q.end, f"Q{i}") for i, q in enumerate(quotes, 1)]
    console.print(f"[bold]{article.title or article.id}[/bold]  {article.published or 'undated'}  {article.source}")
    console.print(marked_text(article.text, spans, [(m["start"], m["end"]) for m in mentions]))
    console.print()
    for i, e in enumerate(events, 1):
        kind = f"{e.event or e.type_ere} {e.mode or ''}".strip()
        console.print(
            f"[{STYLES['E']}]E{i}[/] {kind} · {e.date or '?'} · {who(e.actor)} → {who(e.recipient)}"
            f" · sentence {e.sentence} [{e.start}:{e.end}] · mentions {e.mentions}"
        )
    for i, q in enumerate(quotes, 1):
        console.print(
            f"[{STYLES['Q']}]Q{i}[/] {speaker_name(q)} ({q.kind}, {q.speech_verb or '-'}) · "
            f"sentence {q.sentence} [{q.start}:{q.end}] · {shorten(q.text, 70)}"
        )


def marked_text(text: str, spans: list[tuple[int, int, str]], names: list[tuple[int, int]]) -> Text:
    """The text with ``[E1 `` … `` E1]`` around each record span, and actor names highlighted."""
    inserts: list[tuple[int, int, str]] = []  # (offset, order, marker): closings before openings at one offset
    for start, end, label in spans:
        inserts.append((start, 1, f"[{label} "))
        inserts.append((end, 0, f" {label}]"))
    inserts.sort()
    out = Text()
    cursor = 0
    name_starts = dict(names)
    for offset, _order, marker in inserts:
        _append_with_names(out, text, cursor, offset, name_starts)
        out.append(marker, style=STYLES[marker.strip("[] ")[0]])
        cursor = offset
    _append_with_names(out, text, cursor, len(text), name_starts)
    return out


def _append_with_names(out: Text, text: str, start: int, end: int, names: dict[int, int]) -> None:
    base = len(out)
    out.append(text[start:end])
    for name_start, name_end in names.items():
        if start <= name_start < end:
            out.stylize(STYLES["M"], base + name_start - start, base + min(name_end, end) - start)
