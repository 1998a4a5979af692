"""Score time expressions against ``eval/dates/gold.jsonl``.

A gold expression is matched by the predicted expression (``doc._.dates``) that overlaps it most.

- ``exact``: matched with the same value, precision and (for ranges) ``end`` / all gold;
- ``day``: over gold expressions of day precision: matched with the same day / those;
- ``detected``: gold expressions matched at all / all gold; ``precision``: predicted expressions
  overlapping a gold one / predicted (gold lists only the expressions the annotator chose to mark
  in a document, so this precision is a lower bound).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kroniek.evaluate.gold import DEFAULT_SHARED, EVAL_DIR, annotated, doc_name, overlap, pipeline, ratio, read_gold

DEFAULT_GOLD = EVAL_DIR / "dates" / "gold.jsonl"


def evaluate_dates(
    gold_path: Path = DEFAULT_GOLD, shared: Path = DEFAULT_SHARED, use_model: bool = True
) -> dict[str, Any]:
    gold = read_gold(gold_path)
    n = exact = day_n = day_ok = detected = pred_n = pred_ok = 0
    errors: list[dict[str, Any]] = []
    for record, doc in annotated(gold, pipeline(use_model), shared):
        preds = list(doc._.dates or [])
        pred_n += len(preds)
        spans = [(g["start"], g["end"]) for g in record["dates"]]
        pred_ok += sum(1 for p in preds if any(overlap((p.start_char, p.end_char), s) for s in spans))
        for g in record["dates"]:
            n += 1
            span = (g["start"], g["end"])
            best = max(preds, key=lambda p: overlap((p.start_char, p.end_char), span), default=None)
            if best is not None and not overlap((best.start_char, best.end_char), span):
                best = None
            detected += best is not None
            got = (best.value, best.precision, getattr(best, "end", None)) if best else (None, None, None)
            ok = got == (g["value"], g["precision"], g.get("value_end"))
            exact += ok
            if g["precision"] == "day":
                day_n += 1
                day_ok += best is not None and best.value == g["value"]
            if not ok:
                errors.append({"doc": doc_name(record), "text": doc.text[g["start"] : g["end"]],
                               "gold": [g["value"], g["precision"]], "predicted": list(got[:2])})  # fmt: skip
    return {
        "documents": len(gold),
        "expressions": n,
        "exact_accuracy": ratio(exact, n),
        "day_expressions": day_n,
        "day_accuracy": ratio(day_ok, day_n),
        "detected": ratio(detected, n),
        "precision": ratio(pred_ok, pred_n),
        "errors": errors,
    }


def format_report(results: dict[str, Any]) -> str:
    lines = [
        f"dates: {results['expressions']} gold time expressions in {results['documents']} documents",
        f"  value+precision accuracy  {results['exact_accuracy']}",
        f"  day-level accuracy        {results['day_accuracy']}"
        f"  (on {results['day_expressions']} day-precision expressions)",
        f"  detected                  {results['detected']}",
        f"  precision (lower bound)   {results['precision']}",
    ]
    for e in results["errors"]:
        lines.append(f"  x {e['doc']}: {e['text']!r} gold {e['gold']} got {e['predicted']}")
    return "\n".join(lines)
