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
        store = chronicle.store
        events = list(store.events(doc_id=article.id))
        # Reports in this article of happenings first stored from another sentence or article.
        repeats = store.event_mentions(doc_id=article.id)
        known = {e.id for e in events}
        events += [e for e in (store.event(r["event_id"]) for r in repeats) if e and e.id not in known]
        also = store.event_mentions(event_ids=[e.id for e in events])
        quotes = store.quotes(doc_id=article.id)
        mentions = store.mentions(article.id)
    events = sorted(events, key=lambda e: (e.doc_id != article.id, e.start))
    quotes = sorted(quotes, key=lambda q: q.start)
    if fmt == "json":
        out = {
            "article": {f: getattr(article, f) for f in article.__slots__},
            "events": [
                {**event_to_plover(e), "also_reported": [r for r in also if r["event_id"] == e.id]} for e in events
            ],
            "quotes": [q.to_json() for q in quotes],
            "mentions": mentions,
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
        return
    label = {e.id: f"E{i}" for i, e in enumerate(events, 1)}
    spans = [(e.start, e.end, label[e.id]) for e in events if e.doc_id == article.id]
    spans += [(r["start"], r["end"], label[r["event_id"]]) for r in repeats if r["event_id"] in label]
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
        if e.doc_id != article.id:
            console.print(f"    first reported in {e.doc_id}, sentence {e.sentence}: {shorten(e.sentence_text, 80)}")
        for r in also:
            if r["event_id"] == e.id:
                console.print(
                    f"    also reported in {r['doc_id']}, sentence {r['sentence']}: {shorten(r['sentence_text'], 80)}"
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
