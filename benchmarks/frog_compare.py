"""Side-by-side NER F1 and words/s of kroniek's model and Frog (Debian's ``frog``) on ned.testb.

Frog is not a dependency of kroniek or its CI and this script installs nothing: when ``frog``
is not on PATH it says so and exits 0. Usage::

    .venv/bin/python benchmarks/frog_compare.py [--limit N]

Both systems get the gold tokens of CoNLL-2002 ned.testb (one sentence per line, Frog's own
tokenizer skipped) and are scored with the same conlleval-style function. Frog's extra types
(pro, eve) count as MISC.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kroniek.evaluate.nlp import iob1_spans, ner_scores, read_conll2002  # noqa: E402

TESTB = REPO.parent / "shared" / "data" / "conll2002_nl" / "ned.testb.utf8"
FROG_TYPES = {"per": "PER", "loc": "LOC", "org": "ORG", "misc": "MISC", "pro": "MISC", "eve": "MISC"}


def frog_spans(sents: list[list[str]]) -> tuple[list[list[tuple[int, int, str]]], float]:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.txt", Path(tmp) / "out.tsv"
        src.write_text("\n".join(" ".join(s) for s in sents) + "\n", encoding="utf8")
        t0 = time.perf_counter()
        subprocess.run(
            ["frog", "-n", "--skip=tmcp", "-t", str(src), "-o", str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - t0
        tagged: list[list[str]] = [[]]
        for line in out.read_text(encoding="utf8").splitlines():
            cols = line.split("\t")
            if len(cols) < 7:
                if tagged[-1]:
                    tagged.append([])
                continue
            prefix, _, typ = cols[6].partition("-")
            tagged[-1].append(f"{prefix}-{FROG_TYPES.get(typ.lower(), 'MISC')}" if typ else "O")
    return [iob1_spans(tags) for tags in tagged[: len(sents)]], elapsed


def kroniek_spans(sents: list[list[str]]) -> tuple[list[list[tuple[int, int, str]]], float]:
    from spacy.tokens import Doc

    from kroniek.evaluate.nlp import load_model

    nlp = load_model()
    docs = [Doc(nlp.vocab, words=s) for s in sents]
    t0 = time.perf_counter()
    docs = list(nlp.get_pipe("ner").pipe(docs, batch_size=256))
    elapsed = time.perf_counter() - t0
    return [[(e.start, e.end, e.label_) for e in d.ents] for d in docs], elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    args = parser.parse_args(argv)
    if shutil.which("frog") is None:
        print("frog is not installed (Debian: apt install frog); nothing to compare. Skipped.")
        return 0
    data = [s for s in read_conll2002(TESTB.read_text(encoding="utf8")) if s]
    if args.limit:
        data = data[: args.limit]
    sents = [[w for w, _ in s] for s in data]
    gold = [iob1_spans([t for _, t in s]) for s in data]
    n_words = sum(len(s) for s in sents)
    print(f"ned.testb: {len(sents)} sentences, {n_words} words")
    print(f"{'system':<10}{'typed F1':>10}{'untyped F1':>12}{'words/s':>10}")
    for name, fn in (("kroniek", kroniek_spans), ("frog", frog_spans)):
        pred, seconds = fn(sents)
        scores = ner_scores(gold, pred)
        print(f"{name:<10}{scores['overall']['f1']:>10.4f}{scores['untyped']['f1']:>12.4f}{n_words / seconds:>10.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
