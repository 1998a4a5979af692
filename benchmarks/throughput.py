"""End-to-end throughput of ``kroniek run``: articles/s, peak memory per worker, scaling 1 -> 2 workers.

Usage (from the repository root)::

    .venv/bin/python benchmarks/throughput.py [--articles 1000] [--workers 1 2] [--json]
    .venv/bin/python benchmarks/throughput.py --profile [--articles 40]

The corpus is built at run time and never written into the repository: about 500 words per
article, recombined from the sentences of examples/articles/*, ../shared/samples/*.txt and the
``text`` of ../shared/data/eventdna/train.jsonl (seeded, so every run sees the same corpus),
written as JSONL shards into a temporary folder. Each worker count is a separate ``kroniek run``
process: cluster start-up, model loads, analysis, Parquet writes and the DuckDB load all count.

Reported per worker count: end-to-end articles/s (wall clock of the whole command), the rate
while parts were being processed (first part started -> last part finished), articles per
CPU-second per worker (independent of how loaded the machine is), and each worker's peak RSS.
The machine load (``uptime``) is printed alongside: other jobs on the same cores slow it down.

``--profile`` times each pipeline component, then runs one part in this process under cProfile.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[A-Z\"'“‘])")


def source_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((REPO / "examples" / "articles").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    for path in sorted((REPO / "examples" / "articles").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for path in sorted((SHARED / "samples").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    eventdna = SHARED / "data" / "eventdna" / "train.jsonl"
    if eventdna.exists():
        with open(eventdna, encoding="utf-8") as stream:
            texts += [json.loads(line)["text"] for line in stream if line.strip()]
    return texts


def sentences(texts: list[str]) -> list[str]:
    out = []
    for text in texts:
        for paragraph in text.split("\n"):
            out += [s.strip() for s in _SENTENCE_END.split(paragraph) if len(s.split()) >= 4]
    return out


def build_corpus(n: int, words: int = 500, seed: int = 8) -> list[dict]:
    pool = sentences(source_texts())
    rng = random.Random(seed)
    corpus = []
    for i in range(n):
        picked, count = [], 0
        while count < words:
            sentence = rng.choice(pool)
            picked.append(sentence)
            count += len(sentence.split())
        # Paragraphs of four sentences, as news articles have.
        text = "\n\n".join(" ".join(picked[k : k + 4]) for k in range(0, len(picked), 4))
        corpus.append({"id": f"bench-{i}", "date": "2020-10-11", "title": picked[0][:80], "text": text})
    return corpus


def write_shards(corpus: list[dict], folder: Path, shards: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for s in range(shards):
        with open(folder / f"shard-{s:03d}.jsonl", "w", encoding="utf-8") as stream:
            for row in corpus[s::shards]:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def run_once(shards: Path, work: Path, workers: int, chunk_size: int) -> dict:
    out, db = work / f"out-{workers}", work / f"k-{workers}.duckdb"
    command = [sys.executable, "-m", "kroniek", "run", str(shards), "--out", str(out), "--db", str(db)]
    command += ["--workers", str(workers), "--chunk-size", str(chunk_size), "-q"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"kroniek run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    entries = [json.loads(line) for line in (out / "_journal.jsonl").read_text().splitlines()]
    parts = [e for e in entries if e["status"] == "done"]
    articles = sum(p["read"] for p in parts)
    window = max(p["finished_at"] for p in parts) - min(p["started_at"] for p in parts)
    per_worker: dict[int, dict] = {}
    for p in parts:
        w = per_worker.setdefault(p["worker_pid"], {"articles": 0, "cpu": 0.0, "rss_mb": 0.0})
        w["articles"] += p["read"]
        w["cpu"] += p["cpu_seconds"]
        w["rss_mb"] = max(w["rss_mb"], p["peak_rss_mb"])
    return {
        "workers": workers,
        "articles": articles,
        "wall_s": round(wall, 1),
        "end_to_end_per_s": round(articles / wall, 2),
        "processing_per_s": round(articles / window, 2),
        "per_cpu_second_per_worker": round(articles / sum(w["cpu"] for w in per_worker.values()), 2),
        "peak_rss_mb_per_worker": sorted(round(w["rss_mb"]) for w in per_worker.values()),
        "dataset_mb": round(sum(f.stat().st_size for f in out.rglob("*.parquet")) / 1e6, 2),
        "load_average": os.getloadavg(),
    }


def profile(n: int) -> None:
    """Where one worker's time goes: per pipeline component, then cProfile of one whole part."""
    import cProfile
    import pstats

    sys.path.insert(0, str(REPO))
    from kroniek.extract.collect import make_doc
    from kroniek.records import Article
    from kroniek.scale.shards import Shard
    from kroniek.scale.worker import _pipeline, process_part

    corpus = build_corpus(n)
    nlp = _pipeline("nl")  # the model load is once per worker: leave it out of the profile
    docs = [make_doc(nlp, Article.create(a["text"], source=a["id"], language="nl")) for a in corpus]
    print(f"per component, {n} articles of ~500 words (wall seconds):")
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        print(f"  {name:24s} {time.perf_counter() - started:7.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        write_shards(corpus, Path(tmp) / "shards", 1)
        (part,) = Shard(str(Path(tmp) / "shards" / "shard-000.jsonl")).parts(n, n)
        profiler = cProfile.Profile()
        profiler.enable()
        process_part(part, str(Path(tmp) / "out"))
        profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(20)
    stats.sort_stats("cumulative").print_stats(r"kroniek", 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--shards", type=int, default=6)
    parser.add_argument("--chunk-size", type=int, default=25)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", action="store_true", help="profile one part in this process instead")
    args = parser.parse_args()
    if args.profile:
        profile(args.articles)
        return
    corpus = build_corpus(args.articles)
    words = sum(len(a["text"].split()) for a in corpus) / len(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        shards = Path(tmp) / "shards"
        write_shards(corpus, shards, args.shards)
        print(f"corpus: {len(corpus)} articles, {words:.0f} words each on average, {args.shards} shards")
        print(f"machine: {os.cpu_count()} cores, load average before {os.getloadavg()}")
        results = []
        for workers in args.workers:
            result = run_once(shards, Path(tmp), workers, args.chunk_size)
            results.append(result)
            print(json.dumps(result) if args.json else _line(result))
    if len(results) >= 2:
        base, top = results[0], results[-1]
        print(
            f"scaling {base['workers']} -> {top['workers']} workers: "
            f"end to end x{top['end_to_end_per_s'] / base['end_to_end_per_s']:.2f}, "
            f"while processing x{top['processing_per_s'] / base['processing_per_s']:.2f}"
        )


def _line(r: dict) -> str:
    return (
        f"{r['workers']} worker(s): {r['articles']} articles in {r['wall_s']}s = {r['end_to_end_per_s']} articles/s "
        f"end to end, {r['processing_per_s']}/s while processing, {r['per_cpu_second_per_worker']} per CPU-second "
        f"per worker; peak RSS per worker {r['peak_rss_mb_per_worker']} MB; Parquet {r['dataset_mb']} MB; "
        f"load average after {r['load_average']}"
    )


if __name__ == "__main__":
    main()
