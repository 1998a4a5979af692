"""``python -m kroniek.serve --db FILE [--workers N]``: ``kroniek serve`` with worker processes."""

from __future__ import annotations

import argparse
import os

from kroniek.serve import run


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m kroniek.serve", description=__doc__)
    parser.add_argument("--db", default="kroniek.duckdb")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--token", default=os.environ.get("KRONIEK_TOKEN"))
    parser.add_argument("--workers", type=int, default=1, help="processes; one per core is a good start")
    args = parser.parse_args()
    run(args.db, args.host, args.port, args.token, args.workers)


if __name__ == "__main__":
    main()
