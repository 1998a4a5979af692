"""``kroniek evaluate nlp``: score the shipped Dutch model on the held-out data in ../shared.

Typer-free so the CLI wiring stays with the ``kroniek`` app; also runnable on its own:
``python -m kroniek.cli.evaluate_nlp [--json]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kroniek.errors import Msg
from kroniek.evaluate.nlp import DEFAULT_SHARED, evaluate_nlp, format_report
from kroniek.nlp.languages import profile_for


def run(json_output: bool = False, shared_dir: Path = DEFAULT_SHARED) -> int:
    """Print the report (or JSON); 1 when the model or the data is missing."""
    profile = profile_for("nl")
    assert profile is not None
    if not (profile.model_dir / "config.cfg").exists():
        print(Msg.K301.format(path=profile.model_dir), file=sys.stderr)
        return 1
    if not (Path(shared_dir) / "data").is_dir():
        print(f"no evaluation data at {Path(shared_dir) / 'data'}", file=sys.stderr)
        return 1
    results = evaluate_nlp(shared_dir=shared_dir)
    print(json.dumps(results, indent=1) if json_output else format_report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(run(json_output="--json" in sys.argv[1:]))
