"""kroniek events: the coded events, newest first."""

from __future__ import annotations

import typer
from rich.table import Table

from kroniek import api
from kroniek.cli.common import DbOption, check_choice, check_date, console, emit, shorten
from kroniek.records import Event, event_row, event_to_plover


def events(
    actor: str = typer.Option(None, "--actor", help="An actor's name, in any spelling seen."),
    type: str = typer.Option(None, "--type", help="A PLOVER event type, e.g. PROTEST."),
    country: str = typer.Option(None, "--country", help="ISO-3 country of an actor or of the place."),
    since: str = typer.Option(None, "--since", callback=check_date, help="YYYY, YYYY-MM or YYYY-MM-DD"),
    until: str = typer.Option(None, "--until", callback=check_date, help="YYYY, YYYY-MM or YYYY-MM-DD"),
    limit: int = typer.Option(None, "--limit", min=1),
    fmt: str = typer.Option("table", "--format", help="table, jsonl (PLOVER) or csv"),
    db: str = DbOption,
) -> None:
    """List events, newest first."""
    check_choice(fmt, ("table", "jsonl", "csv"))
    with api.open(db, read_only=True) as chronicle:
        found = chronicle.events(actor=actor, type=type, country=country, since=since, until=until, limit=limit)
        if fmt == "jsonl":
            articles = {e.doc_id: chronicle.article(e.doc_id) for e in found}
            emit([event_to_plover(e, articles[e.doc_id]) for e in found], fmt, print_events)
        elif fmt == "csv":
            emit([event_row(e) for e in found], fmt, print_events)
        else:
            print_events(list(found))


def who(refs: list) -> str:
    return ", ".join(r.identifier_text or r.entity_text for r in refs) or "-"


def print_events(found: list[Event]) -> None:
    table = Table(title=f"{len(found)} events", show_lines=False)
    for column in ("date", "event", "mode", "actor", "recipient", "place", "size", "mentions", "text"):
        table.add_column(column, overflow="fold")
    for e in found:
        size = ", ".join(
            f"{k} {v}"
            for k, v in (("dead", e.size.dead), ("injured", e.size.injured), ("arrested", e.size.arrested))
            if v is not None
        )
        date = f"{e.date or '?'}" + (f" ({e.date_precision})" if e.date_precision and e.date_precision != "day" else "")
        kind = e.event or e.type_ere or "?"
        if e.modality != "asserted":
            kind += f" [{e.modality}]"
        table.add_row(
            date,
            kind,
            e.mode or "",
            who(e.actor),
            who(e.recipient),
            e.place.extracted_place if e.place else "",
            size,
            str(e.mentions),
            shorten(e.event_text, 70),
        )
    console.print(table)
