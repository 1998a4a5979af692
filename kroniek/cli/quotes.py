"""kroniek quotes: who said what."""

from __future__ import annotations

import typer
from rich.table import Table

from kroniek import api
from kroniek.cli.common import DbOption, check_choice, check_date, console, emit, shorten
from kroniek.records import Quote, quote_row


def quotes(
    speaker: str = typer.Option(None, "--speaker", help="A speaker's name, in any spelling seen."),
    since: str = typer.Option(None, "--since", callback=check_date),
    until: str = typer.Option(None, "--until", callback=check_date),
    limit: int = typer.Option(None, "--limit", min=1),
    fmt: str = typer.Option("table", "--format", help="table, jsonl or csv"),
    db: str = DbOption,
) -> None:
    """List quotes, newest first."""
    check_choice(fmt, ("table", "jsonl", "csv"))
    with api.open(db, read_only=True) as chronicle:
        found = chronicle.quotes(speaker=speaker, since=since, until=until, limit=limit)
    if fmt == "jsonl":
        emit([q.to_json() for q in found], fmt, print_quotes)
    elif fmt == "csv":
        emit([quote_row(q) for q in found], fmt, print_quotes)
    else:
        print_quotes(list(found))


def speaker_name(q: Quote) -> str:
    if q.speaker is None:
        return "(unknown)"
    return q.speaker.identifier_text or q.speaker.entity_text


def print_quotes(found: list[Quote]) -> None:
    table = Table(title=f"{len(found)} quotes")
    for column in ("date", "speaker", "kind", "verb", "quote"):
        table.add_column(column, overflow="fold")
    for q in found:
        table.add_row(q.date or "?", speaker_name(q), q.kind, q.speech_verb or "", shorten(q.text, 100))
    console.print(table)
