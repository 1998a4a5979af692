"""Assemble the shipped pipeline from the UD and NER training runs and write it to kroniek/models/nl.

tokenizer -> tok2vec, morphologizer, trainable_lemmatizer (UD run) -> kroniek_sentence_hints ->
parser (UD run) -> ner (NER run, with its own embedding layer) -> kroniek_entity_cleanup.

The model directory is replaced, not added to, so a retrain never leaves stale files behind.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import spacy

from kroniek.nlp.tokenizer import ENTITY_CLEANUP_FACTORY, SENTENCE_HINTS_FACTORY

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MODEL_DIR = REPO / "kroniek" / "models" / "nl"
KEEP = ("MODEL_CARD.md",)  # written by training/model_card.py after evaluation


def assemble(ud_dir: Path, ner_dir: Path | None, out_dir: Path, version: str) -> None:
    """``ner_dir=None``: ``ud_dir`` is the joint run, which has its own ner."""
    nlp = spacy.load(ud_dir)
    if ner_dir is not None:
        ner_nlp = spacy.load(ner_dir)
        nlp.add_pipe("ner", source=ner_nlp)
    # Sentence hints must come before the parser, which then keeps them.
    nlp.add_pipe(SENTENCE_HINTS_FACTORY, before="parser")
    nlp.add_pipe(ENTITY_CLEANUP_FACTORY, after="ner")
    nlp.meta.update(
        {
            "name": "kroniek_news",
            "version": version,
            "description": "kroniek's Dutch news pipeline: tags, morphology, lemmas, parse, names (CPU).",
            "author": "kroniek project",
            "license": "CC BY-SA 4.0 (syntax, trained on UD Dutch); NER: research use (see MODEL_CARD.md)",
            "sources": [
                {"name": "UD Dutch Alpino (train rebuilt from the Alpino Treebank)", "license": "CC BY-SA 4.0"},
                {"name": "UD Dutch LassySmall (2017 train, no-overlap)", "license": "CC BY-SA 4.0"},
                {"name": "CoNLL-2002 Dutch NER (ned.train)", "license": "research use (no explicit licence)"},
                {"name": "EventDNA train (named mentions)", "license": "research use only"},
            ],
        }
    )
    nlp.meta.pop("performance", None)
    nlp.meta.pop("speed", None)
    if out_dir.exists():
        for child in out_dir.iterdir():
            if child.name in KEEP:
                continue
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    nlp.to_disk(out_dir)
    print(f"wrote {out_dir} with pipes {nlp.pipe_names}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path, default=HERE / "output" / "ud" / "model-best")
    parser.add_argument("--ner", type=Path, default=HERE / "output" / "ner" / "model-best")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--version", default="0.1.0")
    parser.add_argument("--joint", type=Path, default=None, help="a joint run's model (replaces --ud/--ner)")
    args = parser.parse_args(argv)
    if args.joint is not None:
        assemble(args.joint, None, args.out, args.version)
    else:
        assemble(args.ud, args.ner, args.out, args.version)


if __name__ == "__main__":
    main()
