"""Rebuild kroniek/models/nl_events/ from ../shared/data/eventdna/train.jsonl (deterministically).

    OMP_NUM_THREADS=1 .venv/bin/python -m training.events.train [--shared ../shared] [--dev]

Parses the training documents once with the shipped Dutch pipeline (kroniek/models/nl; cached
under training/output/events/), then trains the CRFsuite models of ``kroniek.extract.event_model``
(L-BFGS, fixed iterations: no randomness) and writes them, replacing the old directory. ``--dev``
also scores the result on dev.jsonl with ``kroniek evaluate events``. Only train.jsonl is used
for fitting; dev is for choosing settings, the held-out test split is not in the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

import kroniek.nlp.tokenizer  # noqa: F401  (the model's config names kroniek_sentence_hints)
from kroniek.evaluate.events import doc_from_gold, read_gold
from kroniek.extract import event_model as em
from kroniek.extract.plover import EventMatcher
from kroniek.nlp.pipeline import load_model

REPO = Path(__file__).resolve().parents[2]
CACHE = REPO / "training" / "output" / "events"
#: settings chosen on dev (see the closing note of issue 4)
SETTINGS = {
    "outer": {"c1": 0.05, "c2": 0.01, "max_iterations": 150},
    "inner": {"c1": 0.1, "c2": 0.01, "max_iterations": 100},
    "type": {"c1": 0.05, "c2": 0.01, "max_iterations": 150},
    "modality": {"c1": 0.1, "c2": 0.01, "max_iterations": 100},
    "polarity": {"c1": 0.1, "c2": 0.01, "max_iterations": 100},
    "args": {"c1": 0.05, "c2": 0.01, "max_iterations": 150},
}
MIN_TYPE_PROB = 0.0


def parsed_docs(nlp: spacy.Language, path: Path) -> tuple[list[dict], list[Doc]]:
    """The gold records and their parsed Docs (cached by the file's and the model's checksums)."""
    records = list(read_gold(path))
    # every file of the model, not its meta.json: a retrained model keeps its name and version
    digest = hashlib.sha1(path.read_bytes())
    for model_file in sorted((REPO / "kroniek" / "models" / "nl").rglob("*")):
        if model_file.is_file() and model_file.name != "MODEL_CARD.md":
            digest.update(model_file.name.encode() + model_file.read_bytes())
    key = digest.hexdigest()[:12]
    cache = CACHE / f"{path.stem}-{key}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        return records, docs
    docs = []
    for record in records:
        doc = doc_from_gold(nlp.vocab, record)
        for name, proc in nlp.pipeline:
            if name != "kroniek_sentence_hints":
                doc = proc(doc)
        docs.append(doc)
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return records, docs


def layers(events: list[dict]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Outer spans (not inside another, longest first, no overlaps) and one nested layer."""
    spans = sorted({tuple(e["span"]) for e in events}, key=lambda s: (-(s[1] - s[0]), s[0]))
    outer: list[tuple[int, int]] = []
    inner: list[tuple[int, int]] = []
    for s in spans:
        if not any(s[0] < o[1] and o[0] < s[1] for o in outer):
            outer.append(s)
        elif not any(s[0] < o[1] and o[0] < s[1] for o in inner):
            inner.append(s)
    return sorted(outer), sorted(inner)


def train_part(name: str, items: list[tuple[list[list[str]], list[str]]], out_dir: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in items:
        trainer.append(xseq, yseq)
    trainer.set_params({**SETTINGS[name], "feature.possible_transitions": name in ("outer", "inner")})
    started = time.perf_counter()
    trainer.train(str(out_dir / f"{name}.crfsuite"))
    print(f"  {name}: {len(items)} sequences, {time.perf_counter() - started:.0f} s", file=sys.stderr)


def build(shared: Path, out_dir: Path) -> dict:
    nlp = load_model(REPO / "kroniek" / "models" / "nl")
    matcher = EventMatcher(nlp, "nl")
    started = time.perf_counter()
    records, docs = parsed_docs(nlp, shared / "data" / "eventdna" / "train.jsonl")
    print(f"parsed {len(docs)} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    detect_outer, detect_inner, typed, modal, polar, args = [], [], [], [], [], []
    for record, doc in zip(records, docs, strict=True):
        hits = em.lexicon_hits(matcher, doc)
        for s0, s1 in record["sentence_token_spans"]:
            sent = doc[s0:s1]
            events = [e for e in record["events"] if s0 <= e["span"][0] < s1]
            outer, inner = layers(events)
            outer = [(a, min(b, s1)) for a, b in outer]
            inner = [(a, min(b, s1)) for a, b in inner]
            feats = em.token_features(sent, hits)
            outer_tags = em.spans_to_bio(outer, s0, len(sent))
            detect_outer.append((feats, outer_tags))
            detect_inner.append((em.with_layer(feats, outer_tags), em.spans_to_bio(inner, s0, len(sent))))
            candidates = em.candidate_phrases(sent)
            for event in events:
                start, end = event["span"][0], min(event["span"][1], s1)
                f = [em.span_features(doc, start, end, sent, hits)]
                typed.append((f, [f"{event['type']}.{event['subtype']}"]))
                modal.append((f, [event["modality"]]))
                polar.append((f, [event["polarity"]]))
                mention = em.EventMention(start, end, event["type"], event["subtype"])
                for c0, c1, head in candidates:
                    if (c0, c1) == (start, end):
                        continue
                    role = _gold_role(event["arguments"], c0, c1)
                    args.append(([em.argument_features(doc, mention, c0, c1, head)], [role]))
    if out_dir.exists():
        shutil.rmtree(out_dir)  # replaced, not added to
    out_dir.mkdir(parents=True)
    for name, items in (("outer", detect_outer), ("inner", detect_inner), ("type", typed),
                        ("modality", modal), ("polarity", polar), ("args", args)):  # fmt: skip
        train_part(name, items, out_dir)
    meta = {
        "name": "kroniek_nl_events",
        "description": "Event mentions, types, modality, polarity and argument roles (CRFsuite)",
        "trained_on": "EventDNA train.jsonl (Colruyt et al. 2023)",
        "license": "research use only (EventDNA has no license; see shared/data/eventdna/README.md)",
        "settings": SETTINGS,
        "min_type_prob": MIN_TYPE_PROB,
        "parser_model": json.loads((REPO / "kroniek" / "models" / "nl" / "meta.json").read_text())["version"],
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


def _gold_role(arguments: list[dict], start: int, end: int) -> str:
    """The role of the gold argument this candidate phrase covers best (Dice >= 0.5), else O."""
    best, role = 0.0, "O"
    cand = set(range(start, end))
    for arg in arguments:
        gold = set(range(*arg["span"]))
        d = 2 * len(gold & cand) / (len(gold) + len(cand))
        if d >= 0.5 and d > best:
            best, role = d, arg["role"]
    return role


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--out", type=Path, default=em.model_dir("nl"))
    parser.add_argument("--dev", action="store_true", help="score the new model on dev.jsonl")
    args = parser.parse_args(argv)
    build(args.shared, args.out)
    if args.dev:
        from kroniek.evaluate.events import evaluate_events, format_report

        em.load_event_model.cache_clear()
        print(format_report(evaluate_events(args.shared / "data" / "eventdna" / "dev.jsonl")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
