"""The driver of a batch run: plan shards into parts, hand parts to Dask, journal what finished.

Only the driver writes the journal, and a part counts as done only once its journal line is on
disk, so a run stopped at any point (a worker killed, the whole run killed, the disk full) is
continued by running it again: the parts without a line are done again, their half-written
files overwritten.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kroniek.errors import KroniekError, Msg
from kroniek.scale.journal import Journal
from kroniek.scale.load import LoadSummary
from kroniek.scale.shards import discover
from kroniek.scale.worker import OutputWriteError, plan_shard, process_part

DEFAULT_CHUNK_SIZE = 500


@dataclass
class RunSummary:
    shards: int = 0
    shards_failed: int = 0
    parts: int = 0
    parts_skipped: int = 0  # done by an earlier run
    parts_done: int = 0
    parts_failed: int = 0
    read: int = 0
    stored: int = 0
    duplicates: int = 0  # within a part (across parts: see load)
    not_dutch: int = 0
    failed: int = 0
    warnings: int = 0
    events: int = 0
    quotes: int = 0
    seconds: float = 0.0
    failed_sources: list[str] = field(default_factory=list)
    #: worker process id -> its peak resident memory (MB) as last reported
    peak_rss_mb: dict[int, float] = field(default_factory=dict)
    load: LoadSummary | None = None

    @property
    def exit_code(self) -> int:
        return 1 if (self.failed or self.parts_failed or self.shards_failed) else 0


@contextmanager
def connect(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """A Dask client: to the cluster at ``scheduler``, else to a local cluster of worker processes."""
    from distributed import Client, LocalCluster

    # Dask's own INFO lines would bury the progress bar; its errors still show.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise KroniekError(Msg.K407, address=scheduler, detail=str(exc).splitlines()[0]) from exc
        with client:
            yield client
        return
    # Processes, one thread each: spaCy holds the GIL, so threads would not run in parallel.
    with (
        LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # never on a public interface, never a fixed port
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def run_batch(
    inputs: list[str],
    out: str | Path,
    *,
    client: Any,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    batch_size: int = 32,
    lang: str = "nl",
    on_message: Callable[[str], None] = print,
    on_progress: Callable[[RunSummary], None] | None = None,
) -> RunSummary:
    """Process every part of ``inputs`` not yet in the journal of ``out`` on the cluster of ``client``.

    Raises :class:`KroniekError` (K404) when the output cannot be written; everything journaled
    before stays, and running again continues.
    """
    import time

    from distributed import as_completed

    started = time.perf_counter()
    out = Path(out).resolve()
    journal = Journal(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        state = journal.state()
    except OSError as err:
        raise KroniekError(Msg.K404, path=err.filename or out, detail=_detail(err)) from None
    summary = RunSummary()
    shards, errors = discover(inputs)
    summary.shards = len(shards)
    for error in errors:
        _journal(journal, {"status": "shard_failed", "shard": error.source, "code": error.code, "reason": str(error)})
        summary.shards_failed += 1
        summary.failed_sources.append(error.source)
        on_message(str(error))

    token = uuid.uuid4().hex[:8]  # keys unique to this run, so a rerun on the same cluster recomputes
    tasks: dict[Any, tuple[str, Any]] = {}
    for shard in shards:
        future = client.submit(plan_shard, shard, key=f"plan-{shard.id}-{token}", pure=False)
        tasks[future] = ("plan", shard)
    pending = as_completed(list(tasks))
    try:
        for future in pending:
            kind, what = tasks.pop(future)
            error = future.exception() if future.status == "error" else None
            if kind == "plan":
                plan = future.result() if error is None else {"error": f"{what.url}: {error}", "code": "K109"}
                if "error" in plan:
                    entry = {"status": "shard_failed", "shard": what.url, "code": plan["code"], "reason": plan["error"]}
                    _journal(journal, entry)
                    summary.shards_failed += 1
                    summary.failed_sources.append(what.url)
                    on_message(plan["error"])
                    continue
                for part in what.parts(plan["rows"], chunk_size):
                    summary.parts += 1
                    if state.is_done(part.id, plan["size"]):
                        summary.parts_skipped += 1
                        continue
                    task = client.submit(
                        process_part, part, str(out), lang, batch_size, key=f"part-{part.id}-{token}", pure=False
                    )
                    tasks[task] = ("part", (part, plan["size"]))
                    pending.add(task)
            else:
                part, size = what
                if isinstance(error, OutputWriteError):
                    raise KroniekError(Msg.K404, path=error.path, detail=error.detail)
                if error is not None:
                    reason = f"{part.shard.url} lines {part.start + 1}-{part.stop}: " + Msg.K202.format(
                        detail=f"{type(error).__name__}: {error}"
                    )
                    entry = {"status": "failed", "part": part.id, "shard": part.shard.url, "code": "K202"}
                    _journal(journal, {**entry, "reason": reason})
                    summary.parts_failed += 1
                    summary.failed_sources.append(part.shard.url)
                    on_message(reason)
                else:
                    result = future.result()
                    _journal(journal, {"status": "done", "size": size, **result})
                    _add(summary, result)
            if on_progress:
                on_progress(summary)
    finally:
        if tasks:
            client.cancel(list(tasks))
        summary.seconds = time.perf_counter() - started
    return summary


def _add(summary: RunSummary, result: dict[str, Any]) -> None:
    summary.parts_done += 1
    for name in ("read", "stored", "duplicates", "not_dutch", "failed", "warnings", "events", "quotes"):
        setattr(summary, name, getattr(summary, name) + result[name])
    summary.failed_sources += result["failed_sources"]
    pid = result["worker_pid"]
    summary.peak_rss_mb[pid] = max(summary.peak_rss_mb.get(pid, 0.0), result["peak_rss_mb"])


def _journal(journal: Journal, entry: dict[str, Any]) -> None:
    try:
        journal.append(entry)
    except OSError as err:
        raise KroniekError(Msg.K404, path=err.filename or journal.path, detail=_detail(err)) from None


def _detail(err: OSError) -> str:
    return (err.strerror or type(err).__name__).lower()
