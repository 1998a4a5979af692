"""kroniek ingest PATH...: read articles, analyse them and store the records."""

from __future__ import annotations

import sys
import time

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from kroniek import api
from kroniek.cli.common import DbOption, console, err_console, plain
from kroniek.store import Store


def ingest(
    paths: list[str] = typer.Argument(None, help="Files, folders, globs, or - for standard input."),
    db: str = DbOption,
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Read again the sources that failed before."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per committed batch."),
) -> None:
    """Read articles, extract events, quotes and actors, and store them."""
    if not paths and not retry_failed:
        raise typer.BadParameter("give at least one PATH (or - for standard input), or --retry-failed")
    started = time.perf_counter()
    with (
        Store(db) as store,
        Progress(
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} articles"),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            console=err_console,
            disable=quiet,
            transient=True,
        ) as progress,
    ):
        task = progress.add_task("ingesting", total=None, rate="")

        def advance(n: int) -> None:
            progress.advance(task, n)
            done = progress.tasks[0].completed
            progress.update(task, rate=f"{done / max(time.perf_counter() - started, 1e-9):.1f} articles/s")

        options = dict(stdin=sys.stdin, batch_size=batch_size, on_message=plain(progress.console), on_progress=advance)
        try:
            if retry_failed:
                summary = api.retry_failed(store, paths or [], **options)
            else:
                summary = api.ingest(store, paths, **options)
        except KeyboardInterrupt:
            err_console.print(
                "interrupted: every batch committed so far is stored; run the same command "
                "again to continue where it stopped"
            )
            raise typer.Exit(130) from None
        counts = store.counts()
    if not quiet:
        elapsed = time.perf_counter() - started
        plain(console)(
            f"{summary.read} articles read, {summary.stored} stored, {summary.duplicates} already there, "
            f"{summary.not_dutch} not Dutch (stored, not analysed), {summary.failed} failed, "
            f"{summary.warnings} warnings in {elapsed:.1f}s; the store {db} now holds {counts['articles']} "
            f"articles, {counts['events']} events, {counts['quotes']} quotes"
        )
        if summary.failed:
            console.print(
                f"{summary.failed} inputs failed: `kroniek failures --db {db}` lists them, "
                f"`kroniek ingest --retry-failed --db {db}` tries them again"
            )
    raise typer.Exit(summary.exit_code)
