"""What runs on a Dask worker: read one part, analyse it, write its Parquet files.

Workers are processes (spaCy holds the GIL), each with one thread; the pipeline is loaded once
per process by ``load_pipeline``'s cache and reused by every part the worker is given.
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import time
from typing import Any

from kroniek.errors import InputError, Msg
from kroniek.extract.collect import analyse_isolating
from kroniek.records import Article, ArticleRecords
from kroniek.scale.partitions import table_rows, write_part
from kroniek.scale.shards import Part, Shard, ShardError, count_rows

#: Fault injection for the tests: the first worker to reach this point creates the named marker
#: file and kills its own process (SIGKILL), once per marker.
KILL_ONCE_ENV = "KRONIEK_FAULT_KILL_WORKER_ONCE"


class OutputWriteError(Exception):
    """The output could not be written (disk full, say): the run stops, it cannot go on."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(path, detail)
        self.path = path
        self.detail = detail


def _pipeline(lang: str):
    from kroniek.nlp.pipeline import load_pipeline  # imported in the worker process, not the driver

    return load_pipeline(lang)


def plan_shard(shard: Shard) -> dict[str, Any]:
    """A shard's row count and size, or why it cannot be read (never raises for bad input)."""
    try:
        rows, size = count_rows(shard)
    except ShardError as err:
        return {"shard": shard.url, "error": str(err.as_input_error(shard.url)), "code": err.code}
    return {"shard": shard.url, "rows": rows, "size": size}


def process_part(part: Part, out: str, lang: str = "nl", batch_size: int = 32) -> dict[str, Any]:
    """Analyse one part and write its files; returns the counts the journal records."""
    started, cpu_started, wall_started = time.perf_counter(), time.process_time(), time.time()
    nlp = _pipeline(lang)
    counts = {"read": 0, "stored": 0, "duplicates": 0, "not_dutch": 0, "failed": 0, "warnings": 0}
    failures: list[dict[str, Any]] = []
    failed_sources: list[str] = []
    results: list[ArticleRecords] = []
    seen: set[str] = set()
    pending: list[Article] = []
    content = hashlib.sha1()

    def flush() -> None:
        for result in _analyse_safely(nlp, pending, failures, failed_sources):
            results.append(result)
        pending.clear()

    for item in _items(part):
        if isinstance(item, InputError):
            warning = getattr(item, "is_warning", False)
            failures.append(
                {
                    "source": item.source,
                    "line": item.line,
                    "code": item.code,
                    "reason": str(item),
                    "severity": "warning" if warning else "error",
                }
            )
            counts["warnings" if warning else "failed"] += 1
            if not warning:
                failed_sources.append(item.source)
            continue
        counts["read"] += 1
        content.update(item.id.encode("ascii"))
        if item.id in seen:
            counts["duplicates"] += 1
            continue
        seen.add(item.id)
        pending.append(item)
        if len(pending) >= batch_size:
            flush()
    flush()
    counts["failed"] += sum(1 for f in failures if f["code"] == "K202")
    counts["stored"] = len(results)
    counts["not_dutch"] = sum(1 for r in results if r.skipped)

    rows = table_rows(results, failures)
    try:
        _maybe_die(out, part, rows)
        write_part(out, part.id, rows)
    except OSError as err:
        raise OutputWriteError(str(err.filename or out), (err.strerror or str(err)).lower()) from None
    return {
        "part": part.id,
        "shard": part.shard.url,
        "lines": [part.start, part.stop],
        "of": part.of,
        "content_hash": content.hexdigest()[:16],
        **counts,
        "events": len(rows["events"]),
        "quotes": len(rows["quotes"]),
        "failed_sources": failed_sources[:20],
        "seconds": round(time.perf_counter() - started, 3),
        # CPU time says how fast a worker is on a core of its own, however loaded the machine.
        "cpu_seconds": round(time.process_time() - cpu_started, 3),
        "started_at": round(wall_started, 3),
        "finished_at": round(time.time(), 3),
        "worker_pid": os.getpid(),
        # ru_maxrss is in KiB on Linux: the peak resident memory of this worker process so far.
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _items(part: Part):
    from kroniek.scale.shards import read_part

    return read_part(part)


def _analyse_safely(
    nlp: Any, articles: list[Article], failures: list[dict[str, Any]], failed_sources: list[str]
) -> list[ArticleRecords]:
    """A batch at once; if one article breaks the pipeline, each alone, recording the one that fails."""
    if not articles:
        return []
    results, failed = analyse_isolating(nlp, articles)
    for article, exc in failed:
        message = f"{article.source}: {Msg.K202.format(detail=f'{type(exc).__name__}: {exc}')}"
        failures.append(
            {"source": article.source, "line": None, "code": "K202", "reason": message, "severity": "error"}
        )
        failed_sources.append(article.source)
    return results


def _maybe_die(out: str, part: Part, rows: dict[str, list[dict[str, Any]]]) -> None:
    marker = os.environ.get(KILL_ONCE_ENV)
    if not marker:
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.close(fd)
    # Leave a part's articles without their records behind, as a crash would: with no journal
    # line they must not be loaded, and the rerun overwrites them.
    write_part(out, part.id, {"articles": rows["articles"]})
    os.kill(os.getpid(), signal.SIGKILL)
