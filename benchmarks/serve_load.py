"""Load benchmark of ``kroniek serve`` on a store of 1,000,000 synthetic events.

    .venv/bin/python benchmarks/serve_load.py [--events 1000000] [--requests 600] [--connections 8]
        [--workers 2] [--row-cache 20000] [--db FILE] [--cli]

The store is generated in DuckDB SQL (no Python loop of inserts): actors drawn from a Zipf
distribution over 20,000 actors (eight countries), PLOVER types with skewed frequencies, dates
over ten years, one or two participants per event, a quote for every fifth event.

The server runs as a subprocess on 127.0.0.1 (``python -m kroniek.serve --workers N``, or with
``--cli`` the one-process ``kroniek serve``). The load generator is closed-loop and bounded: a
fixed number of keep-alive connections (asyncio, raw HTTP/1.1 on loopback, in this process) each
send one request, wait for the whole response, and send the next, until a fixed number of
requests is done. Latency runs from writing the request to reading the last byte of the body.

The request mix is drawn the way readers would look: the actor of a query is drawn from the same
Zipf distribution as the data (busy actors often, the long tail now and then: hundreds of
distinct actors per run), with varied periods, types and pages. The server keeps a bounded cache
of event rows (``--row-cache``, 0 = none); its hit rate is reported. Targets: p95 <= 100 ms for a
one-actor timeline, >= 300 requests/s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

import httpx

from kroniek.records import PLOVER_TYPES
from kroniek.store import Store

N_ACTORS = 20_000
# Rough relative frequencies of PLOVER types in news event data: talk is common, violence rarer.
TYPE_WEIGHTS = [8, 25, 6, 2, 5, 3, 2, 8, 9, 4, 5, 10, 4, 3, 9, 7]
COUNTRIES = "['BLR','RUS','UKR','NLD','FRA','GEO','ARM','POL']"


def fill(db: str, n_events: int) -> float:
    """Create a store with ``n_events`` synthetic events; return the seconds it took."""
    started = time.perf_counter()
    with Store(db) as store:
        con = store.con
        con.execute("SELECT setseed(0.42)")
        # an actor's country, as in the actors table below
        con.execute(f"CREATE TEMP MACRO bench_country(i) AS {COUNTRIES}[1 + i % 8]")
        # PLOVER type by inverse CDF of a uniform draw, as one CASE expression.
        total, acc, arms = sum(TYPE_WEIGHTS), 0, []
        for name, weight in zip(PLOVER_TYPES, TYPE_WEIGHTS, strict=True):
            acc += weight
            arms.append(f"WHEN u < {acc / total:.6f} THEN '{name}'")
        pick_type = f"CASE {' '.join(arms)} ELSE '{PLOVER_TYPES[-1]}' END"
        con.execute(f"""INSERT INTO actors
            SELECT 'bench:a' || i, 'Actor ' || i, bench_country(i),
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
                   40 + (a % 300) / 20.0, (a % 300) / 8.0,
                   CASE WHEN random() < 0.8 OR r IS NULL THEN bench_country(a) ELSE bench_country(r) END,
                   'deed iets', 0, 0, 9, 'Actor deed iets.', 0.5, 1,
                   '[{"entity_text": "Actor ' || a || '", "code": null, "sector": null, "identifier_id": "bench:a' || a
                        || '", "identifier_text": "Actor ' || a || '", "start": null, "end": null}]',
                   CASE WHEN r IS NULL THEN '[]' ELSE '[{"entity_text": "Actor ' || r || '", "code": null, '
                        || '"sector": null, "identifier_id": "bench:a' || r || '", "identifier_text": "Actor ' || r
                        || '", "start": null, "end": null}]' END,
                   NULL, '[]'
            FROM ev""")
        con.execute("""INSERT INTO event_actors
            SELECT id, 'actor', 'bench:a' || a, 'Actor ' || a, 'Actor ' || a, bench_country(a), NULL FROM ev
            UNION ALL
            SELECT id, 'recipient', 'bench:a' || r, 'Actor ' || r, 'Actor ' || r, bench_country(r), NULL
            FROM ev WHERE r IS NOT NULL""")
        con.execute("""INSERT INTO quotes (id, doc_id, date, date_precision, kind, speaker_text, speaker_id,
                speaker_code, text, sentence, start, "end", sentence_text, confidence)
            SELECT printf('q%015x', i), doc_id, date, 'day', 'direct', 'Actor ' || a, 'bench:a' || a, bench_country(a),
                   'Wij zeggen iets.', 0, 0, 16, 'Wij zeggen iets.', 0.5 FROM ev WHERE i % 5 = 0""")
        con.execute("CHECKPOINT")
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the request mix ------------------------------------------------------------------------------


def zipf_actor(rng: random.Random) -> str:
    """An actor as often as it occurs in the data: rank floor(N^u) - 1, P(rank k) ~ 1/k."""
    return f"bench:a{int(N_ACTORS ** rng.random()) - 1}"


def period(rng: random.Random) -> dict[str, str]:
    year = rng.randrange(2015, 2025)
    return rng.choice([{"since": str(year)}, {"since": str(year), "until": f"{year}-06"}, {"until": str(year)}])


def timeline_url(rng: random.Random) -> str:
    return "/api/timeline?" + urlencode({"actor": zipf_actor(rng)})


def events_url(rng: random.Random) -> str:
    # page 1 mostly: a reader pages on now and then, rarely far
    params: dict[str, object] = {"limit": 50, "offset": 50 * min(int(rng.expovariate(0.7)), 40)}
    kind = rng.random()
    if kind < 0.6:
        params["actor"] = zipf_actor(rng)
    elif kind < 0.8:
        params |= {"type": rng.choice(PLOVER_TYPES), **period(rng)}
    elif kind < 0.9:
        params |= {"actor": zipf_actor(rng), "type": rng.choice(PLOVER_TYPES)}
    return "/api/events?" + urlencode(params)


def network_url(rng: random.Random) -> str:
    params: dict[str, object] = {"max_edges": 120}
    if rng.random() < 0.3:
        params["actor"] = zipf_actor(rng)
    else:
        params |= {"type": rng.choice(PLOVER_TYPES), **period(rng)}
    return "/api/network?" + urlencode(params)


def page_view_urls(rng: random.Random) -> list[str]:
    """What the web view asks for when a reader opens an actor's timeline."""
    actor = zipf_actor(rng)
    return [
        "/api/timeline?" + urlencode({"actor": actor}),
        "/api/events?" + urlencode({"actor": actor, "limit": 50, "offset": 0}),
        "/api/quotes?" + urlencode({"speaker": actor, "limit": 50, "offset": 0}),
    ]


# -- the load generator -------------------------------------------------------------------------


async def _load(port: int, urls: list[str], connections: int) -> tuple[list[float], int, float]:
    """Send every url once over ``connections`` keep-alive connections; latencies, errors, seconds."""
    timings: list[float] = []
    errors = 0
    todo = iter(urls)

    async def client() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for url in todo:  # one iterator shared by the clients: each url is sent once
                started = time.perf_counter()
                writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                await reader.readexactly(length)
                timings.append(time.perf_counter() - started)
                if head[9:12] != b"200":
                    errors += 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    return timings, errors, time.perf_counter() - started


def measure(port: int, name: str, urls: list[str], connections: int, server_pid: int) -> dict[str, object]:
    server_cpu, client_cpu = _cpu_seconds(server_pid), time.process_time()
    timings, errors, elapsed = asyncio.run(_load(port, urls, connections))
    server_cpu, client_cpu = _cpu_seconds(server_pid) - server_cpu, time.process_time() - client_cpu
    timings.sort()
    return {
        # CPU per request does not depend on what else the machine runs, unlike req/s and latency
        "server_cpu_ms": 1000 * server_cpu / len(urls),
        "client_cpu_ms": 1000 * client_cpu / len(urls),
        "query": name,
        "requests": len(urls),
        "distinct": len(set(urls)),
        "errors": errors,
        "rps": len(urls) / elapsed,
        "p50_ms": 1000 * timings[len(timings) // 2],
        "p95_ms": 1000 * timings[int(0.95 * (len(timings) - 1))],
        "max_ms": 1000 * timings[-1],
    }


# -- the server -----------------------------------------------------------------------------------


def _rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (worker processes), from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its children (worker processes)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError):
            continue
    return total


def server_stats(base: str, tries: int = 12) -> dict[int, dict]:
    """Each worker's /api/server answer (new connections land on either worker)."""
    found: dict[int, dict] = {}
    for _ in range(tries):
        try:
            r = httpx.get(base + "/api/server", timeout=5)
        except httpx.HTTPError:
            break
        if r.status_code != 200:
            break
        found[r.json()["pid"]] = r.json()
    return found


def start_server(db: str, port: int, args: argparse.Namespace) -> tuple[subprocess.Popen, float]:
    if args.cli:
        cmd = [sys.executable, "-m", "kroniek", "serve", "--db", db, "--port", str(port)]
    else:
        cmd = [sys.executable, "-m", "kroniek.serve", "--db", db, "--port", str(port), "--workers", str(args.workers)]
    env = {**os.environ, "KRONIEK_ROW_CACHE": str(args.row_cache)}
    started = time.perf_counter()
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    base = f"http://127.0.0.1:{port}"
    pids: set[int] = set()
    for _ in range(1200):
        if server.poll() is not None:
            raise SystemExit("the server stopped: " + server.stderr.read().decode())
        try:
            if args.cli:
                if httpx.get(base + "/api", timeout=2).status_code == 200:
                    break
            else:
                # every worker listens on its own socket once its indexes are built: wait for all
                pids.add(httpx.get(base + "/api/server", timeout=2).json()["pid"])
                if len(pids) >= args.workers:
                    break
                continue
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    else:
        server.kill()
        raise SystemExit("the server did not start in 2 minutes")
    return server, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=600, help="requests per query")
    parser.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections")
    parser.add_argument("--workers", type=int, default=2, help="server processes (one per core)")
    parser.add_argument("--row-cache", type=int, default=20_000, help="event rows each worker caches; 0: none")
    parser.add_argument("--cli", action="store_true", help="start the one-process `kroniek serve` instead")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", default=None, help="keep the store here (default: a temporary file)")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "bench.duckdb")
    if not Path(db).exists():
        seconds = fill(db, args.events)
        print(f"filled {db} with {args.events:,} events in {seconds:.1f} s")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server, startup = start_server(db, port, args)
    try:
        rss = _rss_mb(server.pid)
        mode = "kroniek serve (1 process)" if args.cli else f"{args.workers} worker(s)"
        print(f"server: {mode}, row cache {args.row_cache}; ready in {startup:.1f} s, resident memory {rss:.0f} MB")
        rng = random.Random(args.seed)
        n = args.requests
        mixes: list[tuple[str, Callable[[random.Random], str]]] = [
            ("one-actor timeline", timeline_url),
            ("events page", events_url),
            ("network", network_url),
        ]
        results = []
        for name, draw in mixes:
            measure(port, "warm-up", [draw(rng) for _ in range(30)], 2, server.pid)
            results.append(measure(port, name, [draw(rng) for _ in range(n)], args.connections, server.pid))
        views = [url for _ in range(n // 3) for url in page_view_urls(rng)]
        results.append(measure(port, "page view (t+e+q)", views, args.connections, server.pid))
        print(
            f"\n{'query':<20} {'requests':>8} {'distinct':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>8} "
            f"{'p95 ms':>8} {'max ms':>8} {'srv cpu ms':>10} {'cli cpu ms':>10}"
        )
        for r in results:
            print(
                f"{r['query']:<20} {r['requests']:>8} {r['distinct']:>8} {r['errors']:>6} {r['rps']:>8.0f} "
                f"{r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['max_ms']:>8.1f} {r['server_cpu_ms']:>10.2f} "
                f"{r['client_cpu_ms']:>10.2f}"
            )
        print(
            "srv/cli cpu ms: CPU time per request of the server (all workers) and of this load generator;\n"
            f"load average at the end (other work on the machine counts too): {os.getloadavg()[0]:.1f}, "
            f"{os.cpu_count()} cores"
        )
        stats = {} if args.cli else server_stats(base)
        for pid, s in sorted(stats.items()):
            print(
                f"worker {pid}: index {s['index_bytes'] / 1e6:.0f} MB built in {s['index_build_seconds']:.1f} s; "
                f"row cache {s['rows_cached']}/{s['row_cache_size']} rows, hit rate {s['row_hit_rate']}"
            )
        print(f"server resident memory after the run: {_rss_mb(server.pid):.0f} MB")
    finally:
        server.terminate()
        server.wait(20)
        tmp.cleanup()


if __name__ == "__main__":
    main()
