"""Score quotes against ``eval/quotes/gold.jsonl``.

Matching: a predicted quote matches a gold quote when their spans overlap by at least half of
the shorter one (``MIN_OVERLAP``); each predicted quote matches at most one gold quote (greedy,
largest overlap first).

- ``direct_speaker_accuracy``: over gold direct quotes: matched by a predicted quote whose speaker
  is right / all gold direct quotes (a missed quote counts as wrong). The speaker is right when
  it is null and the gold allows null (``speaker_may_be_null``), or when the last word of one of
  the gold names equals the last word of the predicted speaker's canonical name
  (``identifier_text``) or of its text in the article (``entity_text``), compared after
  ``kroniek.actors.keys.fold`` (case, diacritics and transliteration variants: Tichanovskaja ~
  Tsikhanouskaya is NOT equal, so the article's own spelling, entity_text, is also compared).
  A gold speaker that is a country name (``Hongarije`` for "de Hongaarse minister") also
  matches a predicted speaker whose country code is that country's (an unnamed official
  resolved to HUN GOV is that state speaking).
  A gold speaker of ``null`` only accepts null.
- ``indirect_recall``: gold indirect quotes matched by a predicted quote of kind indirect / all.
- ``span_precision`` / ``span_recall``: over all quotes, kinds ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kroniek.actors.keys import fold
from kroniek.actors.lexicon import load
from kroniek.evaluate.gold import DEFAULT_SHARED, EVAL_DIR, annotated, doc_name, overlap, pipeline, ratio, read_gold
from kroniek.records import EntityRef

DEFAULT_GOLD = EVAL_DIR / "quotes" / "gold.jsonl"
MIN_OVERLAP = 0.5


def _last(name: str) -> str:
    words = fold(name).replace("-", " ").split()
    return words[-1] if words else ""


def speaker_ok(gold: dict[str, Any], speaker: EntityRef | None) -> bool:
    if speaker is None:
        return bool(gold.get("speaker_may_be_null"))
    names = gold.get("speaker") or []
    predicted = {_last(x) for x in (speaker.identifier_text, speaker.entity_text) if x}
    if any(_last(n) in predicted for n in names):
        return True
    countries = load("nl").countries
    return speaker.code is not None and any(countries.get(fold(n)) == speaker.code for n in names)


def _matches(gold: list[dict[str, Any]], preds: list) -> dict[int, Any]:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(preds):
            ov = overlap((g["start"], g["end"]), (p.start, p.end))
            shorter = min(g["end"] - g["start"], p.end - p.start) or 1
            if ov / shorter >= MIN_OVERLAP:
                pairs.append((ov, gi, pi))
    out: dict[int, Any] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi in out or pi in used:
            continue
        out[gi] = preds[pi]
        used.add(pi)
    return out


def evaluate_quotes(
    gold_path: Path = DEFAULT_GOLD, shared: Path = DEFAULT_SHARED, use_model: bool = True
) -> dict[str, Any]:
    gold = read_gold(gold_path)
    direct_n = direct_ok = indirect_n = indirect_found = gold_n = matched = pred_n = 0
    errors: list[dict[str, Any]] = []
    for record, doc in annotated(gold, pipeline(use_model), shared):
        preds = list(doc._.quotes or [])
        pred_n += len(preds)
        golds = record["quotes"]
        gold_n += len(golds)
        found = _matches(golds, preds)
        matched += len(found)
        for gi, g in enumerate(golds):
            p = found.get(gi)
            snippet = doc.text[g["start"] : g["end"]][:50]
            if g["kind"] == "direct":
                direct_n += 1
                ok = p is not None and speaker_ok(g, p.speaker)
                direct_ok += ok
                if not ok:
                    got = (
                        None
                        if p is None
                        else (p.speaker.identifier_text or p.speaker.entity_text if p.speaker else "null")
                    )
                    errors.append({"doc": doc_name(record), "kind": "direct", "text": snippet,
                                   "gold": g.get("speaker"), "predicted": got if p else "not found"})  # fmt: skip
            else:
                indirect_n += 1
                ok = p is not None and p.kind == "indirect"
                indirect_found += ok
                if not ok:
                    errors.append({"doc": doc_name(record), "kind": "indirect", "text": snippet,
                                   "gold": g.get("speaker"), "predicted": p.kind if p else "not found"})  # fmt: skip
    return {
        "documents": len(gold),
        "direct": direct_n,
        "indirect": indirect_n,
        "direct_speaker_accuracy": ratio(direct_ok, direct_n),
        "indirect_recall": ratio(indirect_found, indirect_n),
        "span_precision": ratio(matched, pred_n),
        "span_recall": ratio(matched, gold_n),
        "predicted": pred_n,
        "errors": errors,
    }


def format_report(results: dict[str, Any]) -> str:
    lines = [
        f"quotes: {results['direct']} direct + {results['indirect']} indirect gold quotes"
        f" in {results['documents']} documents",
        f"  direct-quote speaker accuracy  {results['direct_speaker_accuracy']}",
        f"  indirect-quote recall          {results['indirect_recall']}",
        f"  span precision                 {results['span_precision']}  ({results['predicted']} predicted)",
        f"  span recall                    {results['span_recall']}",
    ]
    for e in results["errors"]:
        lines.append(f"  x {e['doc']} [{e['kind']}] {e['text']!r} gold {e['gold']} got {e['predicted']}")
    return "\n".join(lines)
