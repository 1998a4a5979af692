"""Score the actor resolver as a clustering of name variants.

Input: a TSV of ``variant<TAB>entity_id`` (a header row and a third ``source`` column are
allowed). Every variant is resolved on its own; two variants are *predicted* together when they
get the same id, *gold* together when they share ``entity_id``. Over all pairs of variants:
precision = correct same-id pairs / predicted same-id pairs, recall = correct / gold pairs.
A variant resolved to null (not a name) is a cluster of its own. Figures are also given per
source. Counting pairs through cluster sizes keeps it linear in the number of variants.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from kroniek.actors.resolver import resolver

TARGETS = {"f1": 0.90, "precision": 0.97}


def read_pairs(path: str | Path) -> list[tuple[str, str, str]]:
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 2 or row[0].startswith("#") or (row[0], row[1]) == ("variant", "entity_id"):
                continue
            rows.append((row[0], row[1], row[2] if len(row) > 2 else ""))
    return rows


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(gold: list[str], predicted: list[str | None]) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of a predicted clustering against a gold one."""
    pred = [p if p is not None else f"\x00null{i}" for i, p in enumerate(predicted)]
    both = sum(_pairs(n) for n in Counter(zip(gold, pred, strict=True)).values())
    gold_pairs = sum(_pairs(n) for n in Counter(gold).values())
    pred_pairs = sum(_pairs(n) for n in Counter(pred).values())
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "variants": len(gold),
        "entities": len(set(gold)),
        "gold_pairs": gold_pairs,
        "predicted_pairs": pred_pairs,
        "correct_pairs": both,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def evaluate_actors(path: str | Path, lang: str = "nl") -> dict[str, Any]:
    rows = read_pairs(path)
    res = resolver(lang)
    predicted = [res.resolve(variant).id for variant, _, _ in rows]
    result = {"pairs_file": str(path), "overall": pairwise([g for _, g, _ in rows], predicted), "targets": TARGETS}
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, source) in enumerate(rows):
        if source:
            by_source[source].append(i)
    result["by_source"] = {
        s: pairwise([rows[i][1] for i in idx], [predicted[i] for i in idx]) for s, idx in sorted(by_source.items())
    }
    result["errors"] = _errors(rows, predicted)
    return result


def _errors(rows: list[tuple[str, str, str]], predicted: list[str | None], limit: int = 10) -> dict[str, list]:
    """A few wrong merges (one predicted id over several entities) and misses, for reading."""
    by_pred: dict[str | None, list[int]] = defaultdict(list)
    for i, p in enumerate(predicted):
        if p is not None:
            by_pred[p].append(i)
    merges = [
        [f"{rows[i][0]} ({rows[i][1]})" for i in idx][:4]
        for p, idx in by_pred.items()
        if len({rows[i][1] for i in idx}) > 1
    ]
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, (_, g, _) in enumerate(rows):
        by_gold[g].append(i)
    misses = [
        [f"{rows[i][0]} -> {predicted[i]}" for i in idx][:4]
        for g, idx in by_gold.items()
        if len({predicted[i] for i in idx}) > 1
    ]
    return {"wrong_merges": merges[:limit], "wrong_merge_count": len(merges), "split": misses[:limit]}


def format_report(result: dict[str, Any]) -> str:
    lines = [f"actor resolution on {result['pairs_file']} (pairwise same-entity, clustering)"]
    header = f"{'':14}{'variants':>9}{'entities':>9}{'P':>8}{'R':>8}{'F1':>8}"
    lines.append(header)
    for label, r in [("overall", result["overall"]), *result["by_source"].items()]:
        lines.append(
            f"{label:14}{r['variants']:>9}{r['entities']:>9}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
        )
    t = result["targets"]
    o = result["overall"]
    ok = o["f1"] >= t["f1"] and o["precision"] >= t["precision"]
    lines.append(f"target: F1 >= {t['f1']}, precision >= {t['precision']}: {'met' if ok else 'NOT met'}")
    return "\n".join(lines)


#: OpenSanctions logic-v2 on the same bench at its default threshold (from logicv2-frozen.csv, see its README)
BENCH_REFERENCE = {"precision": 0.762, "recall": 0.821, "f1": 0.790}


def read_bench(path: str | Path) -> list[dict[str, str]]:
    """Labelled name pairs: ``name1, name2, is_match`` (+ schema, quality, case_group), as in
    nomenklatura's ``cases.csv``."""
    with open(path, encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row.get("name1") and row.get("name2")]


def evaluate_bench(path: str | Path, lang: str = "nl") -> dict[str, Any]:
    """Score the resolver as a name comparator on labelled pairs: two names are predicted to match
    when they resolve to the same id (a KB actor, or the same stable key outside the KB).

    Unlike the dev pairs these labels are pairs, not entity groups: two names not labelled
    together are not known to be different people, so only the labelled pairs are counted."""
    rows = read_bench(path)
    res = resolver(lang)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors: dict[str, list[str]] = {"false_match": [], "missed": []}
    for row in rows:
        a, b = res.resolve(row["name1"]).id, res.resolve(row["name2"]).id
        predicted = a is not None and a == b
        gold = row["is_match"].strip().lower() == "true"
        outcome = ("TP" if gold else "FP") if predicted else ("FN" if gold else "TN")
        for group in ("overall", row.get("schema") or "?"):
            counts[group][outcome] += 1
        kept = errors["false_match" if outcome == "FP" else "missed"]
        if outcome in ("FP", "FN") and len(kept) < 15:
            kept.append(f"{row['name1']} | {row['name2']} -> {a} / {b}")
    return {
        "bench_file": str(path),
        "overall": _binary(counts.pop("overall")),
        "by_schema": {k: _binary(v) for k, v in sorted(counts.items())},
        "reference_logic_v2": BENCH_REFERENCE,
        "errors": errors,
    }


def _binary(c: Counter[str]) -> dict[str, Any]:
    tp, fp, fn, tn = c["TP"], c["FP"], c["FN"], c["TN"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": tp + fp + fn + tn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def format_bench(result: dict[str, Any]) -> str:
    lines = [f"actor names as labelled pairs on {result['bench_file']} (match = same resolved id)"]
    lines.append(f"{'':14}{'pairs':>7}{'TP':>6}{'FP':>6}{'FN':>6}{'TN':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for label, r in [("overall", result["overall"]), *result["by_schema"].items()]:
        lines.append(
            f"{label:14}{r['pairs']:>7}{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}{r['tn']:>6}"
            f"{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}"
        )
    ref = result["reference_logic_v2"]
    lines.append(f"reference (OpenSanctions logic-v2): P={ref['precision']} R={ref['recall']} F1={ref['f1']}")
    return "\n".join(lines)
