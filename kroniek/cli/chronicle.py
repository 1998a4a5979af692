"""kroniek chronicle [PATH...]: (ingest, then) print the chronicle, events and quotes newest first."""

from __future__ import annotations

import typer

from kroniek import api
from kroniek.cli.common import DbOption, console, plain
from kroniek.cli.events import print_events
from kroniek.cli.quotes import print_quotes
from kroniek.store import Store


def chronicle(
    paths: list[str] = typer.Argument(None, help="Articles to ingest first (files, folders, globs)."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many events and this many quotes."),
    db: str = DbOption,
) -> None:
    """Ingest PATHs (if given) and print the chronicle: events and quotes, newest first."""
    exit_code = 0
    if paths:
        with Store(db) as store:
            summary = api.ingest(store, paths, on_message=plain(console))
        console.print(
            f"{summary.stored} new articles stored, {summary.duplicates} already there, {summary.failed} failed"
        )
        exit_code = summary.exit_code
    with api.open(db, read_only=True) as chron:
        print_events(list(chron.events(limit=limit)))
        print_quotes(list(chron.quotes(limit=limit)))
    raise typer.Exit(exit_code)
