"""The ``kroniek`` command."""

from __future__ import annotations

import logging
import sys

import typer

from kroniek.cli import actors, chronicle, evaluate, events, export, failures, ingest, quotes, serve, show, timeline
from kroniek.cli import run as run_cmd
from kroniek.cli.common import err_console, print_error
from kroniek.errors import KroniekError, Msg

app = typer.Typer(
    name="kroniek",
    help="Reads Dutch news articles and writes the chronicle they describe: events, quotes, actors.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command()(ingest.ingest)
app.command()(chronicle.chronicle)
app.command()(events.events)
app.command()(quotes.quotes)
app.add_typer(actors.app, name="actors")
app.command()(timeline.timeline)
app.command()(show.show)
app.command()(export.export)
app.command()(failures.failures)
app.command(name="run")(run_cmd.run_command)
app.command()(serve.serve)
app.add_typer(evaluate.app, name="evaluate")


def run() -> None:
    """Entry point: one line for an error, the traceback only with --debug."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    logging.basicConfig(level=logging.INFO if debug else logging.ERROR, format="%(message)s")
    try:
        app()
    except KroniekError as error:
        if debug:
            raise
        print_error(error)
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
    except Exception as error:  # the last net: one numbered line, the traceback only with --debug
        if debug:
            raise
        print_error(Msg.K005.format(detail=f"{type(error).__name__}: {error}"))
        sys.exit(1)


if __name__ == "__main__":
    run()
