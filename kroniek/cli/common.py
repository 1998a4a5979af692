"""What every command shares: the store option, output formats and one-line errors."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape

from kroniek.errors import KroniekError, Msg
from kroniek.store import DEFAULT_DB

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

DbOption = typer.Option(DEFAULT_DB, "--db", envvar="KRONIEK_DB", help="The store file (DuckDB).")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str | None) -> str | None:
    """A YYYY, YYYY-MM or YYYY-MM-DD that exists (2020-13 and 2021-02-30 are refused)."""
    if value is None:
        return None
    from kroniek.ingest.dates import parse_date

    try:
        if not _DATE.match(value):
            raise ValueError(value)
        parse_date(value)
    except ValueError:
        raise typer.BadParameter(Msg.K003.format(value=value)) from None
    return value


def check_choice(value: str, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if value not in choices:
        raise typer.BadParameter(Msg.K002.format(value=value, choices=", ".join(choices)))
    return value


def emit(rows: list[dict[str, Any]], fmt: str, table: Callable[[list[dict[str, Any]]], None]) -> None:
    """Print rows as a rich table, JSON Lines or CSV."""
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: _flat(v) for k, v in row.items()} for row in rows)
    else:
        table(rows)


def _flat(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def plain(console_: Console) -> Callable[[str], None]:
    """A printer for messages that hold user text (file names, article text): never read as markup."""
    return lambda message: console_.print(message, markup=False, highlight=False, soft_wrap=True)


def print_error(error: object) -> None:
    err_console.print("[red]error[/red] " + escape(str(error)), soft_wrap=True)


def fail(error: KroniekError, code: int = 1) -> None:
    print_error(error)
    raise typer.Exit(code)


def shorten(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"
