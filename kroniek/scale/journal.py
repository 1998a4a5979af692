"""The journal of a batch run: DIR/_journal.jsonl, one JSON line per finished (or failed) part.

Only the driver writes it, after a part's files are all in place, and every line is fsync'ed:
a part is done exactly when its line is there. A line cut short by a crash is ignored.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

JOURNAL = "_journal.jsonl"


@dataclass
class JournalState:
    #: part id -> its latest "done" entry
    done: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: shard url -> its latest unreadable-shard entry, unless a part of it was done since
    failed_shards: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: part id -> latest "failed" entry, unless the part was done since
    failed_parts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def is_done(self, part_id: str, size: int | None) -> bool:
        entry = self.done.get(part_id)
        # A shard whose size changed since is a different file: do its parts again.
        return entry is not None and entry.get("size") == size


class Journal:
    def __init__(self, out: str | Path) -> None:
        self.path = Path(out) / JOURNAL

    def entries(self) -> Iterator[dict[str, Any]]:
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as stream:
            for line in stream:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue  # the torn last line of a killed run
                if isinstance(entry, dict) and "status" in entry:
                    yield entry

    def state(self) -> JournalState:
        state = JournalState()
        for entry in self.entries():
            if entry["status"] == "done":
                state.done[entry["part"]] = entry
                state.failed_parts.pop(entry["part"], None)
                state.failed_shards.pop(entry["shard"], None)
            elif entry["status"] == "shard_failed":
                state.failed_shards[entry["shard"]] = entry
            elif entry["status"] == "failed":
                state.failed_parts[entry["part"]] = entry
        return state

    def append(self, entry: dict[str, Any]) -> None:
        """Add one line and wait until it is on disk."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        try:
            with open(self.path, "ab+") as stream:
                stream.seek(0, os.SEEK_END)
                if stream.tell():
                    stream.seek(-1, os.SEEK_END)
                    if stream.read(1) != b"\n":
                        line = "\n" + line  # after a torn line, start a fresh one
                stream.write(line.encode("utf-8"))
                stream.flush()
                os.fsync(stream.fileno())
        except OSError as err:
            if not err.filename:
                err.filename = str(self.path)
            raise
