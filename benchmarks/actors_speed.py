"""Actor resolver speed: KB load time and names resolved per second on one core.

    python benchmarks/actors_speed.py [--pairs eval/actors/dev_pairs.tsv]

Names: the dev-pair variants (all distinct, so the per-name caches do not help), resolved cold
(every per-name, per-part and per-entry cache emptied; the best of ``--repeat`` passes, as the
machine is shared) and then the same list again warm (an article batch repeats names).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", default=str(REPO / "eval/actors/dev_pairs.tsv"))
    parser.add_argument("--repeat", type=int, default=5, help="cold passes; the best is reported")
    args = parser.parse_args()
    from kroniek.actors import resolver as r
    from kroniek.evaluate.actors import read_pairs

    names = [v for v, _, _ in read_pairs(args.pairs)]
    t0 = time.perf_counter()
    kb = r.knowledge_base()
    load = time.perf_counter() - t0
    res = r.Resolver("nl")
    t0 = time.perf_counter()
    kb.index()  # the scored-match index is built on first use: timed apart from the per-name figure
    index_t = time.perf_counter() - t0
    res.resolve("Loekasjenko")
    from kroniek.actors import keys, translit

    def cold_pass() -> tuple[float, float]:
        # every per-name and per-part cache emptied: each pass sees the names for the first time
        for cached in (
            r._parts, r._rep, r._alternatives, r._own_keys, r._plain_keys, r._words, r._weight,
            r.Resolver._resolve, r._spells, keys.readings,
            keys.fold, keys._fold_token, keys._fold_word, keys._latin_word, keys.part_key, keys.part_variants,
            translit.latin,
        ):  # fmt: skip
            cached.cache_clear()
        kb._entries.clear()
        kb.index()._near.clear()
        kb.index()._entry_parts.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        for name in names:
            res.resolve(name)
        return time.perf_counter() - t0, time.process_time() - c0

    # the best of a few passes: the machine is shared, and other jobs only ever slow a pass down
    passes = [cold_pass() for _ in range(args.repeat)]
    cold = min(p[0] for p in passes)
    cold_cpu = min(p[1] for p in passes)
    t0 = time.perf_counter()
    for name in names:
        res.resolve(name)
    warm = time.perf_counter() - t0
    exact = [n for n in names if res._exact(r._parts(n), None, None, None) is not None]
    # cold: no cached resolutions, parts or folds
    for cached in (r._parts, r._rep, r.Resolver._resolve, keys.fold, keys._fold_token, keys._fold_word, keys.part_key):
        cached.cache_clear()
    t0 = time.perf_counter()
    for name in exact:
        res.resolve(name)
    exact_t = time.perf_counter() - t0
    print(f"KB load: {load:.3f} s ({len(kb.rows)} actors, {len(kb.keys)} keys, {len(kb.parts)} name parts)")
    print(f"match index, built on first use: {index_t:.3f} s")
    print(f"distinct names, first pass (best of {args.repeat}): {len(names) / cold:,.0f} names/s ({len(names)} names)")
    # CPU time of this process: the figure per core, less disturbed by other jobs on the machine
    print(f"distinct names, first pass, CPU time: {len(names) / cold_cpu:,.0f} names/s")
    print(f"names found by key, first pass: {len(exact) / exact_t:,.0f} names/s ({len(exact)} names)")
    print(f"same names again (cached parts): {len(names) / warm:,.0f} names/s")


if __name__ == "__main__":
    main()
