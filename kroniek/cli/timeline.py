"""kroniek timeline NAME: one actor's events and quotes in date order."""

from __future__ import annotations

import typer
from rich.table import Table

from kroniek import api
from kroniek.cli.common import DbOption, check_choice, console, emit, shorten
from kroniek.cli.events import who
from kroniek.cli.quotes import speaker_name
from kroniek.records import Event, Quote, event_to_plover


def timeline(
    name: str = typer.Argument(..., help="An actor's name, in any spelling seen."),
    fmt: str = typer.Option("table", "--format", help="table or jsonl"),
    db: str = DbOption,
) -> None:
    """One actor's events and quotes, oldest first."""
    check_choice(fmt, ("table", "jsonl"))
    with api.open(db, read_only=True) as chronicle:
        records = chronicle.timeline(name)
    rows = [
        {"record": "event", **event_to_plover(r)} if isinstance(r, Event) else {"record": "quote", **r.to_json()}
        for r in records
    ]
    if fmt == "jsonl":
        emit(rows, fmt, lambda _r: None)
        return
    table = Table(title=f"{name}: {len(records)} records")
    for column in ("date", "what", "who", "where", "text"):
        table.add_column(column, overflow="fold")
    for r in records:
        if isinstance(r, Event):
            what = f"{r.event or r.type_ere} {r.mode or ''}".strip()
            where = (r.place.resolved_place or r.place.extracted_place) if r.place else ""
            table.add_row(_when(r), what, f"{who(r.actor)} → {who(r.recipient)}", where, shorten(r.event_text, 80))
        else:
            table.add_row(_when(r), f"said ({r.kind})", speaker_name(r), "", shorten(r.text, 80))
    console.print(table)


def _when(record: Event | Quote) -> str:
    """The date with its precision when that is coarser than a day: "2020-10 (month)"."""
    if record.date is None:
        return "?"
    coarse = record.date_precision and record.date_precision != "day"
    return f"{record.date} ({record.date_precision})" if coarse else record.date
