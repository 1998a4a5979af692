"""kroniek actors: the people and organisations in the store."""

from __future__ import annotations

import typer
from rich.table import Table

from kroniek import api
from kroniek.cli.common import DbOption, check_choice, console, emit
from kroniek.records import Actor


def actors(
    limit: int = typer.Option(None, "--limit", min=1),
    fmt: str = typer.Option("table", "--format", help="table or jsonl"),
    db: str = DbOption,
) -> None:
    """List actors, most frequent first."""
    check_choice(fmt, ("table", "jsonl"))
    with api.open(db, read_only=True) as chronicle:
        found = chronicle.actors(limit=limit)
    emit([a.to_json() for a in found], fmt, lambda _rows: print_actors(list(found)))


def print_actors(found: list[Actor]) -> None:
    table = Table(title=f"{len(found)} actors")
    for column in ("canonical", "country", "sector", "articles", "spellings", "id"):
        table.add_column(column, overflow="fold")
    for a in found:
        table.add_row(a.canonical, a.country or "", a.sector or "", str(a.articles), "; ".join(a.mentions), a.id)
    console.print(table)
