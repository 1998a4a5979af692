"""kroniek export: PLOVER JSON Lines, CSV or Parquet."""

from __future__ import annotations

from pathlib import Path

import typer

from kroniek import api
from kroniek.cli.common import DbOption, check_choice, console
from kroniek.store.export import FORMATS, TABLES
from kroniek.store.export import export as export_store


def export(
    fmt: str = typer.Option(..., "--format", help="plover (events as PLOVER JSON Lines), csv or parquet"),
    output: Path = typer.Option(..., "--output", "-o", help="The file to write."),
    table: str = typer.Option("events", "--table", help="For csv and parquet: events, quotes, actors, articles."),
    db: str = DbOption,
) -> None:
    """Export the store's records to a standard format."""
    check_choice(fmt, FORMATS)
    check_choice(table, TABLES)
    with api.open(db, read_only=True) as chronicle:
        count = export_store(chronicle.store, fmt, output, table=table)
    what = "events" if fmt == "plover" else table
    console.print(f"wrote {count} {what} to {output}")
