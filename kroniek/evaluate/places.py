"""Score place mentions against ``eval/places/gold.jsonl``.

A gold place is matched by the predicted place (``doc._.places``) overlapping it most.

- ``place_accuracy``: matched with the gold GeoNames id / all gold places (a missed place counts
  as wrong);
- ``country_accuracy``: matched with the gold ISO-3 country / all gold places;
- ``adjectives_as_places``: predicted places overlapping a gold ``not_places`` span (nationality
  adjectives such as "Russische", which must never be places).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kroniek.evaluate.gold import DEFAULT_SHARED, EVAL_DIR, annotated, doc_name, overlap, pipeline, ratio, read_gold

DEFAULT_GOLD = EVAL_DIR / "places" / "gold.jsonl"


def evaluate_places(
    gold_path: Path = DEFAULT_GOLD, shared: Path = DEFAULT_SHARED, use_model: bool = True
) -> dict[str, Any]:
    gold = read_gold(gold_path)
    n = ok_id = ok_country = detected = wrong_adj = 0
    errors: list[dict[str, Any]] = []
    for record, doc in annotated(gold, pipeline(use_model), shared):
        preds = [p for p in doc._.places or [] if p.start is not None]
        for g in record["places"]:
            n += 1
            span = (g["start"], g["end"])
            best = max(preds, key=lambda p: overlap((p.start, p.end), span), default=None)
            if best is not None and not overlap((best.start, best.end), span):
                best = None
            detected += best is not None
            id_ok = best is not None and best.geonameid == g["geonameid"]
            country_ok = best is not None and best.country_code == g["country"]
            ok_id += id_ok
            ok_country += country_ok
            if not (id_ok and country_ok):
                errors.append({"doc": doc_name(record), "text": doc.text[g["start"] : g["end"]],
                               "gold": [g["geonameid"], g["country"]],
                               "predicted": [best.geonameid, best.country_code] if best else None})  # fmt: skip
        for bad in record.get("not_places", []):
            if any(overlap((p.start, p.end), (bad["start"], bad["end"])) for p in preds):
                wrong_adj += 1
                errors.append({"doc": doc_name(record), "text": doc.text[bad["start"] : bad["end"]],
                               "gold": "not a place", "predicted": "place"})  # fmt: skip
    return {
        "documents": len(gold),
        "places": n,
        "place_accuracy": ratio(ok_id, n),
        "country_accuracy": ratio(ok_country, n),
        "detected": ratio(detected, n),
        "not_places": sum(len(r.get("not_places", [])) for r in gold),
        "adjectives_as_places": wrong_adj,
        "errors": errors,
    }


def format_report(results: dict[str, Any]) -> str:
    lines = [
        f"places: {results['places']} gold place mentions in {results['documents']} documents",
        f"  place accuracy (GeoNames id)  {results['place_accuracy']}",
        f"  country-level accuracy        {results['country_accuracy']}",
        f"  detected                      {results['detected']}",
        f"  adjectives taken as places    {results['adjectives_as_places']} of {results['not_places']}",
    ]
    for e in results["errors"]:
        lines.append(f"  x {e['doc']}: {e['text']!r} gold {e['gold']} got {e['predicted']}")
    return "\n".join(lines)
