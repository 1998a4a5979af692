"""Speed of the shipped Dutch model on one core: words/s with nlp.pipe, load time, peak RSS.

Usage (from the repository root)::

    .venv/bin/python benchmarks/nlp_speed.py [--model kroniek/models/nl] [--kroniek] [--blis] [--json]

Reports words per second of wall time and per second of CPU time (one thread, so the second is
the speed on one free core even when other processes share the machine). The texts are the
CoNLL-2002 ned.testb sentences (Belgian news, 2000) joined back into paragraphs of ten
sentences, plus the seed article, all read from ../shared (nothing is copied).
``--kroniek`` times kroniek's full pipeline (model + kroniek components) instead of the model.
``--blis`` computes with thinc's default matrix library (blis) instead of numpy's BLAS, which
kroniek uses (see ``kroniek.nlp.pipeline.load_model``): the two give the same predictions.
"""

from __future__ import annotations

import os
import time

_T_START = time.perf_counter()  # before spaCy is imported: import time counts towards start-up

# One core: set before numpy/thinc are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kroniek.evaluate.nlp import read_conll2002  # noqa: E402

SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "samples" / "000_94b4341cbd3b6ace.txt"


def benchmark_texts(shared: Path = SHARED, sents_per_text: int = 10) -> list[str]:
    sents = [s for s in read_conll2002((shared / "data/conll2002_nl/ned.testb.utf8").read_text("utf8")) if s]
    texts = [
        " ".join(w for s in sents[i : i + sents_per_text] for w, _ in s) for i in range(0, len(sents), sents_per_text)
    ]
    seed = shared / "samples" / SEED_ARTICLE.name
    if seed.exists():
        texts.append(seed.read_text("utf8"))
    return texts


def run(model: Path | None, kroniek: bool, repeat: int = 1, blis: bool = False) -> dict[str, float | int | str]:
    from kroniek.nlp.pipeline import load_model

    t_import = time.perf_counter() - _T_START
    t1 = time.perf_counter()
    if kroniek:
        from kroniek.nlp.pipeline import load_pipeline, set_matrix_ops

        nlp = load_pipeline("nl")
        if blis:
            set_matrix_ops(nlp, use_blis=True)
    else:
        from kroniek.nlp.languages import profile_for

        nlp = load_model(model or profile_for("nl").model_dir, use_blis=blis)  # type: ignore[union-attr]
    t_load = time.perf_counter() - t1
    texts = benchmark_texts()
    list(nlp.pipe(texts[:5]))  # warm-up
    words = 0
    t2, cpu2 = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for doc in nlp.pipe(texts, batch_size=64):
            words += sum(1 for t in doc if not t.is_space)
    elapsed = time.perf_counter() - t2
    # CPU time as well: on a shared machine wall time also counts other processes' turns.
    cpu = time.process_time() - cpu2
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "pipeline": "kroniek load_pipeline('nl')" if kroniek else "model only",
        "matrix_library": "blis" if blis else "numpy BLAS",
        "pipes": ", ".join(nlp.pipe_names),
        "texts": len(texts) * repeat,
        "words": words,
        "seconds": round(elapsed, 2),
        "words_per_second": round(words / elapsed),
        "cpu_seconds": round(cpu, 2),
        "words_per_cpu_second": round(words / cpu),
        "import_seconds": round(t_import, 2),
        "load_seconds": round(t_load, 2),
        "peak_rss_mb": round(rss_mb),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--kroniek", action="store_true", help="time kroniek's full pipeline")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--blis", action="store_true", help="use thinc's default blis instead of numpy's BLAS")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.model, args.kroniek, args.repeat, args.blis)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>18}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
