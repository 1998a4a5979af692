"""kroniek actors: the people and organisations in the store; ``resolve`` names against the KB."""

from __future__ import annotations

import json
import sys
from collections import Counter

import typer
from rich.table import Table

from kroniek import api
from kroniek.cli.common import DbOption, check_choice, check_date, console, emit
from kroniek.records import Actor

app = typer.Typer(help="Actors in the store; resolve names to actors.", invoke_without_command=True)


@app.callback()
def actors(
    ctx: typer.Context,
    limit: int = typer.Option(None, "--limit", min=1),
    fmt: str = typer.Option("table", "--format", help="table or jsonl"),
    unresolved: bool = typer.Option(False, "--unresolved", help="Names outside the knowledge base, by frequency."),
    db: str = DbOption,
) -> None:
    """List actors, most frequent first."""
    if ctx.invoked_subcommand is not None:
        return
    check_choice(fmt, ("table", "jsonl"))
    with api.open(db, read_only=True) as chronicle:
        found = chronicle.actors()
    if unresolved:
        rows = unresolved_rows(list(found))[: limit or None]
        emit(rows, fmt, print_unresolved)
        return
    found = list(found)[: limit or None]
    emit([a.to_json() for a in found], fmt, lambda _rows: print_actors(found))


def unresolved_rows(found: list[Actor]) -> list[dict]:
    """People and organisations whose id is not a KB id: the stable keys, most articles first."""
    from kroniek.actors.resolver import knowledge_base

    kb = knowledge_base()
    rows = [
        {"id": a.id, "canonical": a.canonical, "articles": a.articles, "spellings": list(a.mentions)}
        for a in found
        if a.kind in ("PER", "ORG", None) and kb.by_id(a.id) is None
    ]
    counts = Counter({r["id"]: r["articles"] for r in rows})
    return sorted(rows, key=lambda r: (-counts[r["id"]], r["canonical"]))


def print_unresolved(rows: list[dict]) -> None:
    table = Table(title=f"{len(rows)} names outside the knowledge base")
    for column in ("canonical", "articles", "spellings", "key"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["canonical"], str(r["articles"]), "; ".join(r["spellings"]), r["id"])
    console.print(table)


def print_actors(found: list[Actor]) -> None:
    table = Table(title=f"{len(found)} actors")
    for column in ("canonical", "country", "sector", "articles", "spellings", "id"):
        table.add_column(column, overflow="fold")
    for a in found:
        table.add_row(a.canonical, a.country or "", a.sector or "", str(a.articles), "; ".join(a.mentions), a.id)
    console.print(table)


@app.command("resolve")
def resolve(
    lang: str = typer.Option("nl", "--lang", help="Language of the group nouns (politie, demonstranten)."),
    date: str = typer.Option(None, "--date", help="YYYY-MM-DD: country and sector valid on that date."),
    country: str = typer.Option(None, "--country", help="ISO-3: breaks ties; the country of group nouns."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl"),
) -> None:
    """Read one name per line from stdin; write one JSON object per line, in order:
    {"name", "id", "canonical", "country", "sector", "score"}."""
    check_choice(fmt, ("jsonl",))
    check_date(date)
    from kroniek.actors.resolver import resolver

    res = resolver(lang)
    out = sys.stdout
    for line in sys.stdin:
        name = line.rstrip("\r\n")
        found = res.resolve(name, date=date, country=country.upper() if country else None)
        out.write(json.dumps(found.to_json(), ensure_ascii=False) + "\n")
