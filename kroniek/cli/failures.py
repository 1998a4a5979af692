"""kroniek failures: the inputs that could not be read, and why."""

from __future__ import annotations

import typer
from rich.table import Table

from kroniek import api
from kroniek.cli.common import DbOption, check_choice, console, emit


def failures(
    all_: bool = typer.Option(False, "--all", help="Include failures resolved by a later retry."),
    fmt: str = typer.Option("table", "--format", help="table, jsonl or csv"),
    db: str = DbOption,
) -> None:
    """List inputs that failed (errors) or were stored with a caveat (warnings)."""
    check_choice(fmt, ("table", "jsonl", "csv"))
    with api.open(db, read_only=True) as chronicle:
        rows = chronicle.store.failures(include_resolved=all_)
    for row in rows:
        for key in ("first_seen", "last_seen"):
            row[key] = row[key].isoformat(sep=" ", timespec="seconds")
    emit(rows, fmt, print_failures)


def print_failures(rows: list[dict]) -> None:
    table = Table(title=f"{len(rows)} failures")
    for column in ("severity", "source", "line", "reason", "attempts", "last seen"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["severity"], r["source"], str(r["line"] or ""), r["reason"], str(r["attempts"]), r["last_seen"])
    console.print(table)
