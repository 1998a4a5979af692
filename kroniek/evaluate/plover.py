"""Score PLOVER-coded events against ``eval/plover/gold.jsonl``.

The full production pipeline (events included) runs on each document; the PLOVER-coded Event
records of the Doc (``doc._.events`` with a PLOVER ``event`` type, before the store merges
happenings) are matched to the gold events one-to-one.

Matching: a predicted event can match a gold event of the same document when its type is the
gold type or one of the gold ``alternatives``, and its span (the trigger, ``start``/``end``)
either overlaps the gold trigger or lies mostly inside the gold event's sentence
(``sentence_span``: the gold carries it, so a different sentence split in kroniek does not
matter). Pairs are taken greedily, best first: trigger overlap, then the gold's own type, then
the larger overlap.

- ``precision`` / ``recall`` / ``f1``: over events. A gold event marked ``optional`` is neither
  a miss nor a false positive: unmatched it is left out of both sides, matched it counts as
  found. Per-type figures count a match under the predicted type for precision and under the
  gold type for recall.
- Among matched events (optional ones included):
  - ``mode``: over matches whose predicted type is the gold type (a mode belongs to its type);
    the gold ``mode`` is a value, null (no PLOVER mode fits) or a list of acceptable values;
  - ``actor`` / ``recipient``: right when one predicted entity's text or canonical name matches
    one acceptable gold name (last word, folded as in the quote scorer, or the whole gold name
    inside the predicted text, or a gold country whose ISO-3 code the entity carries), or when
    nothing is predicted and the gold allows it (``actor_may_be_null``, or no gold names);
  - ``size``: over matches where the gold or the prediction has a size: dead, injured and
    arrested all equal (a gold ``relation`` such as ">=" only documents a lower bound);
  - ``modality``: asserted / negated / hypothetical / future, a value or a list of them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from kroniek.actors.keys import fold
from kroniek.actors.lexicon import load
from kroniek.evaluate.gold import DEFAULT_SHARED, EVAL_DIR, annotated, doc_name, overlap, pipeline, ratio, read_gold
from kroniek.records import PLOVER_TYPES, EntityRef, Event

DEFAULT_GOLD = EVAL_DIR / "plover" / "gold.jsonl"
SIZE_FIELDS = ("dead", "injured", "arrested")


def _words(name: str) -> list[str]:
    return fold(name).replace("-", " ").split()


def _accepts(gold_value: Any, predicted: Any) -> bool:
    """A gold value is one acceptable value or a list of them."""
    return predicted in gold_value if isinstance(gold_value, list) else predicted == gold_value


def name_ok(names: list[str], ref: EntityRef) -> bool:
    """Whether a predicted entity is one of the acceptable gold names."""
    predicted = [_words(x) for x in (ref.identifier_text, ref.entity_text) if x]
    for name in names:
        gold = _words(name)
        if not gold:
            continue
        for words in predicted:
            if words and words[-1] == gold[-1]:
                return True
            # "Oekraïense minister" in "de Oekraïense minister van Buitenlandse Zaken"
            if any(words[i : i + len(gold)] == gold for i in range(len(words) - len(gold) + 1)):
                return True
    countries = load("nl").countries
    return ref.code is not None and any(countries.get(fold(n)) == ref.code for n in names)


def participants_ok(gold: dict[str, Any], role: str, refs: list[EntityRef]) -> bool:
    names = gold.get(role) or []
    if not refs:
        return not names or bool(gold.get(f"{role}_may_be_null"))
    return any(name_ok(names, ref) for ref in refs)


def _size(event: Event) -> dict[str, int | None]:
    return {f: getattr(event.size, f) for f in SIZE_FIELDS}


def size_ok(gold: dict[str, Any], event: Event) -> bool:
    want = gold.get("size") or {}
    return _size(event) == {f: want.get(f) for f in SIZE_FIELDS}


def _types(gold: dict[str, Any]) -> list[str]:
    return [gold["event"], *gold.get("alternatives", [])]


def _in_sentence(gold: dict[str, Any], pred: Event) -> bool:
    sent = gold["sentence_span"]
    length = max(1, pred.end - pred.start)
    return 2 * overlap((sent[0], sent[1]), (pred.start, pred.end)) > length


def match(golds: list[dict[str, Any]], preds: list[Event]) -> dict[int, Event]:
    """Gold index -> its predicted event, one-to-one (see the module docstring)."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if p.event not in _types(g):
                continue
            trigger = overlap((g["start"], g["end"]), (p.start, p.end))
            if trigger or _in_sentence(g, p):
                pairs.append((trigger > 0, p.event == g["event"], trigger, -abs(p.start - g["start"]), gi, pi))
    found: dict[int, Event] = {}
    used: set[int] = set()
    for *_, gi, pi in sorted(pairs, reverse=True):
        if gi in found or pi in used:
            continue
        found[gi] = preds[pi]
        used.add(pi)
    return found


def _prf(tp_p: int, pred: int, tp_r: int, gold: int) -> dict[str, Any]:
    p, r = ratio(tp_p, pred), ratio(tp_r, gold)
    f1 = round(2 * p * r / (p + r), 4) if p is not None and r is not None and p + r else None
    return {"precision": p, "recall": r, "f1": f1, "gold": gold, "predicted": pred}


def _names(refs: list[EntityRef]) -> list[str]:
    return [r.identifier_text or r.entity_text for r in refs]


def _describe(event: Event) -> dict[str, Any]:
    return {"event": event.event, "mode": event.mode, "modality": event.modality, "trigger": event.trigger,
            "actor": _names(event.actor), "recipient": _names(event.recipient)}  # fmt: skip


def evaluate_plover(
    gold_path: Path = DEFAULT_GOLD, shared: Path = DEFAULT_SHARED, use_model: bool = True
) -> dict[str, Any]:
    gold = read_gold(gold_path)
    gold_n = pred_n = tp = 0
    gold_by_type: Counter[str] = Counter()
    pred_by_type: Counter[str] = Counter()
    tp_gold_type: Counter[str] = Counter()
    tp_pred_type: Counter[str] = Counter()
    checks: dict[str, list[int]] = {k: [0, 0] for k in ("mode", "actor", "recipient", "size", "modality")}
    misses: list[dict[str, Any]] = []
    false_positives: list[dict[str, Any]] = []
    wrong: list[dict[str, Any]] = []

    def check(kind: str, ok: bool, g: dict[str, Any], p: Event, name: str) -> None:
        checks[kind][0] += ok
        checks[kind][1] += 1
        if not ok:
            wrong.append({"doc": name, "sentence": g["sentence"], "field": kind, "event": g["event"],
                          "trigger": g.get("text"), "gold": g.get(kind), "predicted": _describe(p)})  # fmt: skip

    for record, doc in annotated(gold, pipeline(use_model, disable=()), shared):  # events scored: none off
        name = doc_name(record)
        golds = record["events"]
        preds = [e for e in doc._.events or [] if e.event in PLOVER_TYPES]
        found = match(golds, preds)
        matched_preds = {id(p) for p in found.values()}
        for gi, g in enumerate(golds):
            p = found.get(gi)
            if p is None:
                if not g.get("optional"):
                    gold_n += 1
                    gold_by_type[g["event"]] += 1
                    misses.append({"doc": name, "sentence": g["sentence"], "event": g["event"], "mode": g["mode"],
                                   "start": g["start"], "end": g["end"], "trigger": g.get("text")})  # fmt: skip
                continue
            gold_n += 1
            pred_n += 1
            tp += 1
            gold_by_type[g["event"]] += 1
            pred_by_type[p.event] += 1
            tp_gold_type[g["event"]] += 1
            tp_pred_type[p.event] += 1
            if p.event == g["event"]:
                check("mode", _accepts(g["mode"], p.mode), g, p, name)
            check("actor", participants_ok(g, "actor", p.actor), g, p, name)
            check("recipient", participants_ok(g, "recipient", p.recipient), g, p, name)
            if g.get("size") or not p.size.is_empty():
                check("size", size_ok(g, p), g, p, name)
            check("modality", _accepts(g.get("modality", "asserted"), p.modality), g, p, name)
        for p in preds:
            if id(p) in matched_preds:
                continue
            pred_n += 1
            pred_by_type[p.event] += 1
            false_positives.append({"doc": name, "sentence": p.sentence, "start": p.start, "end": p.end,
                                    **_describe(p)})  # fmt: skip
    types = sorted(set(gold_by_type) | set(pred_by_type), key=PLOVER_TYPES.index)
    return {
        "documents": len(gold),
        **_prf(tp, pred_n, tp, gold_n),
        "matched": tp,
        "optional_gold": sum(bool(g.get("optional")) for r in gold for g in r["events"]),
        "per_type": {t: _prf(tp_pred_type[t], pred_by_type[t], tp_gold_type[t], gold_by_type[t]) for t in types},
        "attributes": {k: {"accuracy": ratio(ok, n), "n": n} for k, (ok, n) in checks.items()},
        "misses": misses,
        "false_positives": false_positives,
        "wrong_attributes": wrong,
    }


def format_report(results: dict[str, Any]) -> str:
    lines = [
        f"plover: {results['gold']} gold events (+{results['optional_gold']} optional)"
        f" in {results['documents']} documents, {results['predicted']} predicted, {results['matched']} matched",
        f"  events  P {results['precision']}  R {results['recall']}  F1 {results['f1']}",
        "  per type                P       R       F1      gold  pred",
    ]
    for t, s in results["per_type"].items():
        cells = "".join(f"{'-' if s[k] is None else s[k]:<8}" for k in ("precision", "recall", "f1"))
        lines.append(f"    {t:<10}            {cells}{s['gold']:<6}{s['predicted']}")
    lines.append("  on matched events")
    for k, a in results["attributes"].items():
        lines.append(f"    {k:<10} accuracy  {a['accuracy']}  (n={a['n']})")
    for m in results["misses"]:
        lines.append(f"  miss {m['doc']} s{m['sentence']} {m['event']}:{m['mode']} {m['trigger'] or ''}".rstrip())
    for f in results["false_positives"]:
        lines.append(f"  false positive {f['doc']} s{f['sentence']} {f['event']}:{f['mode']} {f['trigger']!r}")
    return "\n".join(lines)
