"""``kroniek evaluate events``: score event mentions against EventDNA-format gold (JSONL).

kroniek runs on each gold document with the gold tokens and sentences (a Doc built from
``tokens`` with the spaces of ``token_char_offsets``, every sentence start preset), and its event
mentions (``doc._.event_mentions``, token offsets) are compared with the gold events:

- **detection**: a predicted event matches a gold one of the same document when the token spans
  are identical, or the Dice overlap of their head-token sets (the gold sentence's
  ``alpino_head_tokens`` that fall inside each span) or of their token sets is >= 0.8. Matching
  is one-to-one, best pairs first;
- **type** and **type.subtype**: a matched pair counts when its labels agree (P over all
  predictions, R over all gold events), with a per-label table;
- **arguments**: same role and token Dice >= 0.5, one-to-one within matched events. ``arguments``
  counts every gold and predicted argument (those of unmatched events are misses);
  ``arguments_in_matched_events`` only those of matched events;
- **modality** and **polarity**: accuracy over matched pairs.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

DETECTION_DICE = 0.8
ARGUMENT_DICE = 0.5


# -- reading and running -----------------------------------------------------------------------


def read_gold(path: Path) -> Iterator[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def doc_from_gold(vocab: Any, record: dict[str, Any]) -> Doc:
    """A Doc with the gold tokens, their spacing and every sentence boundary preset."""
    tokens: list[str] = record["tokens"]
    offsets: list[list[int]] = record["token_char_offsets"]
    spaces = [i + 1 < len(tokens) and offsets[i + 1][0] > offsets[i][1] for i in range(len(tokens))]
    starts = {s for s, _ in record["sentence_token_spans"]}
    sent_starts = [i in starts for i in range(len(tokens))]
    return Doc(vocab, words=tokens, spaces=spaces, sent_starts=sent_starts)


#: components that would re-split the gold sentences
SKIP_ON_GOLD = ("kroniek_sentence_hints", "kroniek_sentences")


def predict_gold(nlp: Language, records: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], list[dict]]]:
    """Run the pipeline on each gold document: (record, predicted events as JSON dicts)."""
    from kroniek.records import Article

    for record in records:
        doc = doc_from_gold(nlp.vocab, record)
        doc._.article = Article(id=record["doc_id"], text=doc.text, source=record["doc_id"], language="nl")
        doc._.notes = []
        for name, proc in nlp.pipeline:
            if name not in SKIP_ON_GOLD:
                doc = proc(doc)
        yield record, [m.to_json() for m in doc._.event_mentions or ()]


# -- matching ----------------------------------------------------------------------------------


def dice(a: set[int], b: set[int]) -> float:
    if not a and not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _heads(span: Sequence[int], head_tokens: set[int]) -> set[int]:
    return {i for i in range(span[0], span[1]) if i in head_tokens}


def event_similarity(gold: Sequence[int], pred: Sequence[int], head_tokens: set[int]) -> float:
    """2 for identical spans, else the larger of the head-set and token-set Dice (0 if unmatched)."""
    if tuple(gold) == tuple(pred):
        return 2.0
    tok = dice(set(range(*gold)), set(range(*pred)))
    gh, ph = _heads(gold, head_tokens), _heads(pred, head_tokens)
    head = dice(gh, ph) if gh and ph else 0.0
    best = max(tok, head)
    return best if best >= DETECTION_DICE else 0.0


def one_to_one(scores: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, highest score first (ties: earlier gold, earlier prediction)."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, g, p in sorted(scores, key=lambda x: (-x[0], x[1], x[2])):
        if score > 0 and g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def match_events(gold: list[dict], pred: list[dict], head_tokens: set[int]) -> list[tuple[int, int]]:
    scores = [
        (event_similarity(g["span"], p["span"], head_tokens), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
    ]
    return one_to_one(scores)


def match_arguments(gold: list[dict], pred: list[dict]) -> int:
    scores = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g["role"] == p["role"]:
                d = dice(set(range(*g["span"])), set(range(*p["span"])))
                if d >= ARGUMENT_DICE:
                    scores.append((d, gi, pi))
    return len(one_to_one(scores))


# -- scoring -----------------------------------------------------------------------------------


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp,
            "predicted": n_pred, "gold": n_gold}  # fmt: skip


def _label(event: dict, level: str) -> str:
    return event["type"] if level == "type" else f"{event['type']}.{event['subtype']}"


def score(pairs: Iterable[tuple[dict[str, Any], list[dict]]]) -> dict[str, Any]:
    """Scores for (gold record, predicted events) pairs; see the module doc for the rules."""
    n_docs = n_gold = n_pred = tp = 0
    label_counts: dict[str, Counter[str]] = {lvl: Counter() for lvl in ("type", "subtype")}
    per_label: dict[str, dict[str, Counter[str]]] = {lvl: {"gold": Counter(), "pred": Counter(), "tp": Counter()}
                                                     for lvl in ("type", "subtype")}  # fmt: skip
    arg_tp = arg_gold = arg_pred = arg_gold_m = arg_pred_m = 0
    modality_ok = polarity_ok = 0
    for record, pred in pairs:
        n_docs += 1
        gold = record["events"]
        heads = {i for sent in record.get("alpino_head_tokens", []) for i in sent}
        n_gold += len(gold)
        n_pred += len(pred)
        for lvl in ("type", "subtype"):
            per_label[lvl]["gold"].update(_label(g, lvl) for g in gold)
            per_label[lvl]["pred"].update(_label(p, lvl) for p in pred)
        arg_gold += sum(len(g.get("arguments", [])) for g in gold)
        arg_pred += sum(len(p.get("arguments", [])) for p in pred)
        for gi, pi in match_events(gold, pred, heads):
            g, p = gold[gi], pred[pi]
            tp += 1
            for lvl in ("type", "subtype"):
                if _label(g, lvl) == _label(p, lvl):
                    label_counts[lvl]["tp"] += 1
                    per_label[lvl]["tp"][_label(g, lvl)] += 1
            modality_ok += g.get("modality") == p.get("modality")
            polarity_ok += g.get("polarity") == p.get("polarity")
            ga, pa = g.get("arguments", []), p.get("arguments", [])
            arg_gold_m += len(ga)
            arg_pred_m += len(pa)
            arg_tp += match_arguments(ga, pa)
    result: dict[str, Any] = {
        "documents": n_docs,
        "detection": prf(tp, n_pred, n_gold),
        "type": prf(label_counts["type"]["tp"], n_pred, n_gold),
        "subtype": prf(label_counts["subtype"]["tp"], n_pred, n_gold),
        "arguments": prf(arg_tp, arg_pred, arg_gold),
        "arguments_in_matched_events": prf(arg_tp, arg_pred_m, arg_gold_m),
        "modality_accuracy": round(modality_ok / tp, 4) if tp else 0.0,
        "polarity_accuracy": round(polarity_ok / tp, 4) if tp else 0.0,
    }
    for lvl, key in (("type", "per_type"), ("subtype", "per_subtype")):
        counts = per_label[lvl]
        labels = sorted(set(counts["gold"]) | set(counts["pred"]))
        result[key] = {lab: prf(counts["tp"][lab], counts["pred"][lab], counts["gold"][lab]) for lab in labels}
    return result


def evaluate_events(gold_path: Path, predictions_path: Path | None = None, nlp: Language | None = None) -> dict:
    """Run kroniek on the gold file's documents and score them; optionally write the predictions."""
    if nlp is None:
        import kroniek.nlp.tokenizer  # noqa: F401  (the model's config names kroniek_sentence_hints)
        from kroniek.nlp.pipeline import load_pipeline

        nlp = load_pipeline("nl")
    started = time.perf_counter()
    pairs = list(predict_gold(nlp, read_gold(gold_path)))
    seconds = time.perf_counter() - started
    if predictions_path is not None:
        with Path(predictions_path).open("w", encoding="utf-8") as out:
            for record, pred in pairs:
                out.write(json.dumps({"doc_id": record["doc_id"], "events": pred}, ensure_ascii=False) + "\n")
    result = score(pairs)
    result["gold_file"] = str(gold_path)
    result["seconds"] = round(seconds, 1)
    return result


def format_report(result: dict[str, Any]) -> str:
    def row(name: str, s: dict) -> str:
        return (f"{name:<32} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
                f"{s['tp']:>6} {s['predicted']:>6} {s['gold']:>6}")  # fmt: skip

    head = f"{'':<32} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'pred':>6} {'gold':>6}"
    lines = [f"EventDNA events: {result['documents']} documents ({result.get('gold_file', '')})", head]
    for key in ("detection", "type", "subtype", "arguments", "arguments_in_matched_events"):
        lines.append(row(key, result[key]))
    lines.append(f"modality accuracy {result['modality_accuracy']:.3f}   "
                 f"polarity accuracy {result['polarity_accuracy']:.3f}")  # fmt: skip
    for key in ("per_type", "per_subtype"):
        lines += ["", key, head]
        lines += [row(lab, s) for lab, s in result[key].items()]
    return "\n".join(lines)
