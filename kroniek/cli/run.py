"""kroniek run INPUT... --out DIR: a batch run on Dask, resumable, then loaded into the store."""

from __future__ import annotations

import time

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from kroniek.cli.common import console, err_console, plain
from kroniek.store import DEFAULT_DB, Store


def run_command(
    inputs: list[str] = typer.Argument(..., help="Shards: JSONL, JSONL.gz or Parquet files, folders, globs, URLs."),
    out: str = typer.Option(..., "--out", "-o", help="Folder for the Parquet dataset and the journal."),
    workers: int = typer.Option(None, "--workers", "-w", min=1, help="Local worker processes (default: one per core)."),
    scheduler: str = typer.Option(None, "--scheduler", help="Address of an existing Dask scheduler (tcp://host:8786)."),
    db: str = typer.Option(
        DEFAULT_DB, "--db", "--load", envvar="KRONIEK_DB", help="The store (DuckDB) the dataset is loaded into."
    ),
    no_load: bool = typer.Option(False, "--no-load", help="Leave the Parquet dataset in DIR, load nothing."),
    chunk_size: int = typer.Option(500, "--chunk-size", min=1, help="Lines (rows) of a shard per task."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per pipeline batch."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary."),
) -> None:
    """Process sharded inputs on a Dask cluster; run again after any interruption to continue."""
    from kroniek.scale import connect, load_dataset, run_batch

    if workers and scheduler:
        raise typer.BadParameter("give --workers (a local cluster) or --scheduler (an existing one), not both")
    started = time.perf_counter()
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} parts"),
        TextColumn("{task.fields[articles]} articles {task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("starting workers", total=None, articles=0, rate="")

        def advance(summary) -> None:
            rate = summary.read / max(time.perf_counter() - started, 1e-9)
            progress.update(
                task,
                description="running",
                total=summary.parts,
                completed=summary.parts_done + summary.parts_skipped + summary.parts_failed,
                articles=summary.read,
                rate=f"({rate:.1f}/s)",
            )

        try:
            with connect(workers=workers, scheduler=scheduler) as client:
                summary = run_batch(
                    inputs,
                    out,
                    client=client,
                    chunk_size=chunk_size,
                    batch_size=batch_size,
                    on_message=plain(progress.console),
                    on_progress=advance,
                )
        except KeyboardInterrupt:
            err_console.print("interrupted: finished parts are journaled; run the same command again to continue")
            raise typer.Exit(130) from None
        if not no_load:
            progress.update(task, description=f"loading into {db}")
            with Store(db) as store:
                summary.load = load_dataset(out, store)
                counts = store.counts()
    if not quiet:
        rate = summary.read / max(summary.seconds, 1e-9)
        line = (
            f"{summary.parts_done} parts done, {summary.parts_skipped} done before, {summary.parts_failed} failed "
            f"({summary.shards} shards, {summary.shards_failed} unreadable); {summary.read} articles read, "
            f"{summary.stored} analysed, {summary.failed} failed, {summary.warnings} warnings "
            f"in {summary.seconds:.1f}s ({rate:.1f} articles/s)"
        )
        if summary.load is not None:
            line += (
                f"; {summary.load.articles} new articles loaded ({summary.load.duplicates} copies of articles "
                "stored before or in two shards were kept once); "
                f"the store {db} now holds {counts['articles']} articles, {counts['events']} events, "
                f"{counts['quotes']} quotes"
            )
        else:
            line += f"; the Parquet dataset is in {out} (see docs/scaling.md to query it in place)"
        console.print(line)
        if summary.exit_code:
            console.print(
                "some inputs failed: run the same command again to retry them"
                + ("" if no_load else f"; `kroniek failures --db {db}` lists them")
            )
    raise typer.Exit(summary.exit_code)
