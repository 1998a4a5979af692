"""kroniek evaluate ...: scores on gold data. Each subcommand prints a report, or JSON with --json.

Quality claims in notes and docs come from these commands, never from unit tests.
"""

from __future__ import annotations

from pathlib import Path

import typer

from kroniek.cli import evaluate_nlp

app = typer.Typer(help="Score kroniek on gold data.", no_args_is_help=True)

SharedOption = typer.Option(evaluate_nlp.DEFAULT_SHARED, "--shared", help="The shared/ folder with data/.")


@app.command("nlp")
def nlp(
    json_output: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    shared: Path = SharedOption,
) -> None:
    """Tags, lemmas and parse on the UD Dutch test sets; names on CoNLL-2002 testb and EventDNA dev."""
    raise typer.Exit(evaluate_nlp.run(json_output=json_output, shared_dir=shared))
