"""Load benchmark of ``kroniek serve`` on a store of 1,000,000 synthetic events.

    .venv/bin/python benchmarks/serve_load.py [--events 1000000] [--requests 600] [--threads 8] [--db FILE]

The store is generated in DuckDB SQL (no Python loop of inserts): actors drawn from a Zipf
distribution over 20,000 actors, PLOVER types with skewed frequencies, dates over ten years,
one or two participants per event. The server runs as a subprocess on 127.0.0.1; a bounded
thread pool of httpx clients sends a fixed number of requests per query (loopback only) and
reports requests per second and latency percentiles. Targets: p95 <= 100 ms for a one-actor
timeline, >= 300 requests/s.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from kroniek.records import PLOVER_TYPES
from kroniek.store import Store

N_ACTORS = 20_000
# Rough relative frequencies of PLOVER types in news event data: talk is common, violence rarer.
TYPE_WEIGHTS = [8, 25, 6, 2, 5, 3, 2, 8, 9, 4, 5, 10, 4, 3, 9, 7]


def fill(db: str, n_events: int) -> float:
    """Create a store with ``n_events`` synthetic events; return the seconds it took."""
    started = time.perf_counter()
    with Store(db) as store:
        con = store.con
        con.execute("SELECT setseed(0.42)")
        # PLOVER type by inverse CDF of a uniform draw, as one CASE expression.
        total, acc, arms = sum(TYPE_WEIGHTS), 0, []
        for name, weight in zip(PLOVER_TYPES, TYPE_WEIGHTS, strict=True):
            acc += weight
            arms.append(f"WHEN u < {acc / total:.6f} THEN '{name}'")
        pick_type = f"CASE {' '.join(arms)} ELSE '{PLOVER_TYPES[-1]}' END"
        con.execute(f"""INSERT INTO actors
            SELECT 'bench:a' || i, 'Actor ' || i, ['BLR','RUS','UKR','NLD','FRA','GEO','ARM','POL'][1 + i % 8],
                   ['GOV','OPP','COP','CVL','MIL','JRN'][1 + i % 6], 'PER' FROM range({N_ACTORS}) r(i)""")
        con.execute(f"""INSERT INTO actor_names
            SELECT 'bench:a' || i, 'Actor ' || i FROM range({N_ACTORS}) r(i)
            UNION ALL SELECT 'bench:a' || i, 'Akteur_' || i FROM range({N_ACTORS}) r(i)""")
        con.execute("""INSERT INTO articles (id, text, source, published, date_precision, language, status, ingested_at)
            SELECT printf('%016x', i), 'synthetic article ' || i, 'bench', NULL, NULL, 'nl', 'analysed', now()
            FROM range(50000) r(i)""")
        # Zipf-like actor ranks: floor(N^u) for uniform u gives P(rank k) ~ 1/k.
        con.execute(f"""CREATE TEMP TABLE ev AS
            SELECT i, printf('e%015x', i) AS id, printf('%016x', i % 50000) AS doc_id,
                   strftime(DATE '2015-01-01' + CAST(floor(random() * 3650) AS INTEGER), '%Y-%m-%d') AS date,
                   {pick_type} AS event,
                   CAST(floor(pow({N_ACTORS}, random())) AS INTEGER) - 1 AS a,
                   CASE WHEN random() < 0.6 THEN CAST(floor(pow({N_ACTORS}, random())) AS INTEGER) - 1 END AS r
            FROM (SELECT i, random() AS u FROM range({n_events}) t(i))""")
        con.execute("""INSERT INTO events (id, doc_id, date, date_precision, event, modality, actor_text, actor_id,
                recipient_text, recipient_id, place, place_resolved, lat, lon, place_country, event_text, sentence,
                start, "end", sentence_text, confidence, mentions, actor_json, recipient_json, place_json, context_json)
            SELECT id, doc_id, date, 'day', event, 'asserted', 'Actor ' || a, 'bench:a' || a,
                   coalesce('Actor ' || r, ''), coalesce('bench:a' || r, ''),
                   'Plaats ' || (a % 300), 'Plaats ' || (a % 300),
                   40 + (a % 300) / 20.0, (a % 300) / 8.0, 'BLR', 'deed iets', 0, 0, 9, 'Actor deed iets.', 0.5, 1,
                   '[{"entity_text": "Actor ' || a || '", "code": null, "sector": null, "identifier_id": "bench:a' || a
                        || '", "identifier_text": "Actor ' || a || '", "start": null, "end": null}]',
                   CASE WHEN r IS NULL THEN '[]' ELSE '[{"entity_text": "Actor ' || r || '", "code": null, '
                        || '"sector": null, "identifier_id": "bench:a' || r || '", "identifier_text": "Actor ' || r
                        || '", "start": null, "end": null}]' END,
                   NULL, '[]'
            FROM ev""")
        con.execute("""INSERT INTO event_actors
            SELECT id, 'actor', 'bench:a' || a, 'Actor ' || a, 'Actor ' || a, NULL, NULL FROM ev
            UNION ALL
            SELECT id, 'recipient', 'bench:a' || r, 'Actor ' || r, 'Actor ' || r, NULL, NULL
            FROM ev WHERE r IS NOT NULL""")
        con.execute("""INSERT INTO quotes (id, doc_id, date, date_precision, kind, speaker_text, speaker_id, text,
                sentence, start, "end", sentence_text, confidence)
            SELECT printf('q%015x', i), doc_id, date, 'day', 'direct', 'Actor ' || a, 'bench:a' || a,
                   'Wij zeggen iets.', 0, 0, 16, 'Wij zeggen iets.', 0.5 FROM ev WHERE i % 5 = 0""")
        con.execute("CHECKPOINT")
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(base: str, name: str, urls: list[str], n: int, threads: int) -> dict[str, float]:
    timings: list[float] = []
    errors = 0

    def one(i: int) -> None:
        nonlocal errors
        client = clients[i % threads]
        t0 = time.perf_counter()
        r = client.get(urls[i % len(urls)])
        timings.append(time.perf_counter() - t0)
        if r.status_code != 200:
            errors += 1

    clients = [httpx.Client(base_url=base, timeout=30) for _ in range(threads)]
    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(n)))
    elapsed = time.perf_counter() - started
    for c in clients:
        c.close()
    timings.sort()
    return {
        "query": name,
        "requests": n,
        "errors": errors,
        "rps": n / elapsed,
        "p50_ms": 1000 * statistics.median(timings),
        "p95_ms": 1000 * timings[int(0.95 * (len(timings) - 1))],
        "max_ms": 1000 * timings[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=600, help="requests per query")
    parser.add_argument("--threads", type=int, default=8, help="concurrent clients")
    parser.add_argument("--db", default=None, help="keep the store here (default: a temporary file)")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.duckdb")
    if not Path(db).exists():
        seconds = fill(db, args.events)
        print(f"filled {db} with {args.events:,} events in {seconds:.1f} s")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "kroniek", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/api", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start: " + server.stderr.read().decode() if server.stderr else "")
        rng = random.Random(7)
        # Actors across the Zipf range: the busiest ones and the long tail.
        ranks = [rng.choice([0, 1, 2, 5, 10, 50, 100, 500, 1000, 5000]) for _ in range(50)]
        timeline = [f"/api/timeline?actor=bench:a{k}" for k in ranks]
        pages = [f"/api/events?limit=50&offset={rng.randrange(0, 5000)}" for _ in range(50)]
        pages += [f"/api/events?actor=bench:a{k}&limit=50" for k in ranks[:25]]
        types = [t for t in PLOVER_TYPES]
        network = [
            f"/api/network?type={rng.choice(types)}&since={y}&until={y}-06" for y in range(2015, 2025) for _ in range(5)
        ]
        results = []
        for name, urls in (("one-actor timeline", timeline), ("events page", pages), ("network", network)):
            measure(base, name, urls[:10], 20, 2)  # warm up
            results.append(measure(base, name, urls, args.requests, args.threads))
        print(f"\n{'query':<20} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for r in results:
            print(
                f"{r['query']:<20} {r['requests']:>8} {r['errors']:>6} {r['rps']:>8.0f} {r['p50_ms']:>8.1f} "
                f"{r['p95_ms']:>8.1f} {r['max_ms']:>8.1f}"
            )
    finally:
        server.terminate()
        server.wait(10)
        tmp.cleanup()


if __name__ == "__main__":
    main()
