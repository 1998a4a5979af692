"""Batch runs on Dask: exact counts, resumable after every kind of interruption.

Every run here is checked against ``reference_counts``: what a single-process pass stores for
the same 24 articles. One local cluster (2 worker processes, 1 thread each, bound to
127.0.0.1) serves the module, to keep the tests fast.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kroniek.errors import KroniekError
from kroniek.scale import load_dataset, run_batch
from kroniek.scale import partitions as partitions_module
from kroniek.scale.journal import Journal
from kroniek.scale.worker import KILL_ONCE_ENV
from kroniek.store import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _load(out: Path, db: Path, synth) -> dict[str, int]:
    with Store(db) as store:
        load_dataset(out, store)
        counts = synth.table_counts(store.con)
        # No article twice, no record of an article twice.
        con = store.con
        assert con.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone()[0] == 0
        dup = 'SELECT count(*) FROM (SELECT doc_id, start, "end", label FROM mentions GROUP BY ALL HAVING count(*) > 1)'
        assert con.execute(dup).fetchone()[0] == 0
        return counts


def test_a_run_is_exact_and_a_rerun_does_nothing_again(tmp_path, shards, client, reference_counts, synth) -> None:
    folder, _ = shards
    out = tmp_path / "out"
    first = run_batch([str(folder)], out, client=client, chunk_size=4)
    assert first.exit_code == 0
    # 7 + 6 + 6 + 6 lines in parts of at most 4: 2 + 2 + 2 + 2 parts; article 0 is read twice.
    assert (first.parts, first.parts_done, first.read) == (8, 8, 25)
    assert len(first.peak_rss_mb) >= 1
    counts = _load(out, tmp_path / "k.duckdb", synth)
    assert counts == reference_counts
    assert counts["articles"] == 24

    again = run_batch([str(folder)], out, client=client, chunk_size=4)
    assert (again.parts_skipped, again.parts_done, again.read) == (8, 0, 0)
    # Loading the same dataset twice adds nothing.
    assert _load(out, tmp_path / "k.duckdb", synth) == reference_counts


def test_a_worker_killed_mid_run(tmp_path, shards, client, reference_counts, synth) -> None:
    folder, _ = shards
    out = tmp_path / "out"
    marker = tmp_path / "killed"
    # Arm the fault in the running workers: the first to reach a write kills itself, once.
    # (Lambdas, so that they travel by value and change each worker's own environment.)
    client.run(lambda: os.environ.__setitem__(KILL_ONCE_ENV, str(marker)))
    try:
        summary = run_batch([str(folder)], out, client=client, chunk_size=4)
    finally:
        client.run(lambda: os.environ.pop(KILL_ONCE_ENV, None))
    assert marker.exists(), "no worker was killed"
    assert summary.exit_code == 0
    assert (summary.parts_done, summary.parts_failed, summary.read) == (8, 0, 25)
    done = [e["part"] for e in Journal(out).entries() if e["status"] == "done"]
    assert len(done) == len(set(done)) == 8
    assert _load(out, tmp_path / "k.duckdb", synth) == reference_counts


def test_corrupt_shards_are_recorded_and_the_others_complete(tmp_path, shards, client, reference_counts, synth):
    folder, _ = shards
    (folder / "e.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"kapot" * 40)
    (folder / "f.parquet").write_bytes(b"PAR1 geen parquet PAR1")
    out = tmp_path / "out"
    messages: list[str] = []
    summary = run_batch([str(folder)], out, client=client, chunk_size=4, on_message=messages.append)
    assert summary.exit_code == 1
    assert (summary.shards, summary.shards_failed, summary.parts_done) == (6, 2, 8)
    assert sorted(Path(m.split(":")[0]).name for m in messages) == ["e.jsonl.gz", "f.parquet"]
    assert _load(out, tmp_path / "k.duckdb", synth) == reference_counts
    with Store(tmp_path / "k.duckdb") as store:
        failed = {(Path(f["source"]).name, f["code"]) for f in store.failures()}
    assert failed == {("e.jsonl.gz", "K101"), ("f.parquet", "K101")}


def test_disk_full_stops_with_one_clear_line_and_a_rerun_completes(
    tmp_path, shards, reference_counts, synth, monkeypatch
) -> None:
    from distributed import Client, LocalCluster

    folder, _ = shards
    out = tmp_path / "out"
    real_write = partitions_module._write_file
    calls = {"n": 0}

    def fill_up(data, target):
        calls["n"] += 1
        if calls["n"] > 20:  # two parts' worth of files fit, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(target))
        real_write(data, target)

    # A cluster in this process, so that the patched writer is the one the worker calls.
    monkeypatch.setattr(partitions_module, "_write_file", fill_up)
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as local,
    ):
        with pytest.raises(KroniekError) as caught:
            run_batch([str(folder)], out, client=local, chunk_size=4)
        message = str(caught.value)
        assert caught.value.code == "K404"
        assert "\n" not in message
        assert str(out) in message and "no space left on device" in message
        finished = [e for e in Journal(out).entries() if e["status"] == "done"]
        assert 1 <= len(finished) < 8

        monkeypatch.setattr(partitions_module, "_write_file", real_write)
        rerun = run_batch([str(folder)], out, client=local, chunk_size=4)
    assert rerun.parts_skipped == len(finished)
    assert rerun.parts_done == 8 - len(finished)
    assert _load(out, tmp_path / "k.duckdb", synth) == reference_counts


def test_the_whole_run_killed_and_run_again(tmp_path, synth, reference_counts) -> None:
    folder = tmp_path / "shards"
    folder.mkdir()
    synth.write_jsonl(folder / "a.jsonl", [synth.article(i) for i in range(12)])
    synth.write_jsonl(folder / "b.jsonl", [synth.article(i) for i in range(12, 24)])
    out, db = tmp_path / "out", tmp_path / "k.duckdb"
    command = [sys.executable, "-m", "kroniek", "run", str(folder), "--out", str(out), "--db", str(db)]
    command += ["--workers", "1", "--chunk-size", "1", "-q"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # Its own process group, so that SIGKILL takes the workers too, as when a machine goes down.
    first = subprocess.Popen(command, cwd=tmp_path, env=env, start_new_session=True)
    journal = Journal(out)
    deadline = time.monotonic() + 120
    while not any(e["status"] == "done" for e in journal.entries()):
        assert first.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)
    first.wait()
    done_before = sum(1 for e in journal.entries() if e["status"] == "done")
    assert 1 <= done_before < 24

    second = subprocess.run(command, cwd=tmp_path, env=env, timeout=300)
    assert second.returncode == 0
    done = [e["part"] for e in journal.entries() if e["status"] == "done"]
    assert len(done) == len(set(done)) == 24
    with Store(db) as store:
        counts = synth.table_counts(store.con)
    assert counts == reference_counts
    assert json.loads(journal.path.read_text().splitlines()[-1])["status"] == "done"
