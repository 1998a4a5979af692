"""Time of the event stage against the NLP pipeline's (tok2vec ... ner) on the seed article.

    .venv/bin/python benchmarks/events_speed.py [ARTICLE ...] [--repeat N]

Prints seconds per pass for the trained NLP pipes, the kroniek_events stage, and their ratio
(the issue's budget: the event stage adds at most 30% to the NLP pipeline's time).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import kroniek.nlp.tokenizer  # noqa: F401  (the model's config names kroniek_sentence_hints)
from kroniek.nlp.pipeline import load_pipeline
from kroniek.records import Article

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "samples" / "000_94b4341cbd3b6ace.txt"
NLP_PIPES = {"tok2vec", "morphologizer", "trainable_lemmatizer", "kroniek_sentence_hints", "parser", "ner"}


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 10
    paths = [Path(a) for a in argv if a.endswith(".txt")] or [SEED]
    nlp = load_pipeline("nl")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp_time = events_time = 0.0
    tokens = 0
    for _ in range(repeat):
        for text in texts:
            doc = nlp.make_doc(text)
            doc._.article = Article.create(text, source="bench")
            doc._.notes = []
            tokens += len(doc)
            for name, proc in nlp.pipeline:
                started = time.perf_counter()
                doc = proc(doc)
                spent = time.perf_counter() - started
                if name in NLP_PIPES:
                    nlp_time += spent
                elif name == "kroniek_events":
                    events_time += spent
    passes = repeat * len(texts)
    print(f"{passes} passes, {tokens // passes} tokens each")
    print(f"NLP pipeline  {nlp_time / passes * 1000:8.1f} ms/article")
    print(f"event stage   {events_time / passes * 1000:8.1f} ms/article")
    print(f"ratio         {events_time / nlp_time:8.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
