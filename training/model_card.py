"""Evaluate and benchmark the assembled model and write kroniek/models/nl/MODEL_CARD.md.

Also saves the raw figures to training/output/scores.json and speed.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from kroniek.evaluate.nlp import evaluate_nlp, format_report

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MODEL_DIR = REPO / "kroniek" / "models" / "nl"


def model_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def speed() -> dict[str, Any]:
    # A fresh process, so load time and peak memory are those of a user's process.
    out = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "nlp_speed.py"), "--json"],
        check=True,
        capture_output=True,
        text=True,
        cwd=REPO,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def card(scores: dict[str, Any], bench: dict[str, Any], size_mb: float, config: dict[str, Any]) -> str:
    ud, ner = scores["ud"], scores["ner"]
    comps = config["components"]
    width = comps["tok2vec"]["model"]["encode"]["width"]
    ner_shared = comps["ner"]["model"]["tok2vec"]["@architectures"] == "spacy.Tok2VecListener.v1"
    variant = "`training/ud.cfg` and `training/ner.cfg` (two runs, assembled by `training/assemble.py`)"
    ner_line = (
        "- `ner` (PER, ORG, LOC, MISC in CoNLL-2002 conventions) on the same shared tok2vec."
        if ner_shared
        else "- `ner` (PER, ORG, LOC, MISC in CoNLL-2002 conventions) with its own CNN embedding (width "
        f"{comps['ner']['model']['tok2vec']['encode']['width']})."
    )
    return f"""# kroniek Dutch news model (`kroniek/models/nl`)

A spaCy {_spacy_version()} pipeline trained by kroniek on CPU from public data, rebuilt with
`bash training/build_all.sh` from {variant}, fixed seeds, one thread per training run.

Pipes: {", ".join(scores["model"]["pipes"])}.

- `tok2vec`: CNN (width {width}, hash embeddings of NORM/PREFIX/SUFFIX/SHAPE, no word vectors),
  shared by `morphologizer` (UPOS + UD features), `trainable_lemmatizer` (edit trees) and
  `parser` (UD relations; also sets sentence boundaries).
{ner_line}
- `kroniek_sentence_hints` and `kroniek_entity_cleanup`: rules in `kroniek/nlp/tokenizer.py`,
  which must be imported before `spacy.load`. Before the parser: a token after a line break
  starts a sentence (heading lines stand alone); a closing quote after the full stop, the word
  after an opening quote or a colon, and a lower-case word do not. After the ner: entities are
  trimmed of whitespace, letterless ones dropped, and a one-word heading line that is a common
  word ("Huisarrest", tagged NOUN or used in lower case elsewhere) is not an entity.

## Data and licences

- **tagger, morphology, lemmas, parser**: UD Dutch Alpino train (rebuilt from the Alpino
  Treebank with alud 2.14.0, see `../shared/data/ud_dutch/README.md`) and UD Dutch LassySmall
  2017 train (no-overlap file); dev: Alpino and LassySmall dev. Licence **CC BY-SA 4.0**
  (Alpino: Bouma, van Noord, Zeman, Žabokrtský; LassySmall: Bouma, van Noord). These weights
  are a derived work and are shared alike under **CC BY-SA 4.0**.
- **ner**: CoNLL-2002 Dutch ned.train (De Morgen, 2000; University of Antwerp) and EventDNA
  train named mentions (Colruyt et al. 2023, Belgian news); dev: ned.testa. **Research use
  only**: CoNLL-2002 has no explicit licence and EventDNA none was found (LT3, Ghent University:
  "available for research purposes"). Do not redistribute the ner weights commercially until
  the terms are confirmed.

EventDNA types were mapped onto CoNLL-2002 conventions for training (a name whose CoNLL-2002
type is clear takes that type: countries LOC even where EventDNA says ORG; nationality adjectives
such as "Belgische" MISC). No test file (UD test, ned.testb, EventDNA dev/test) is used in training.
The data files are not in the repository; training reads them from `../shared/data`.

## Scores

Command: `kroniek evaluate nlp` (or `.venv/bin/python -m kroniek.cli.evaluate_nlp`), gold tokens,
the whole model including its rule components. UD: all tokens incl. punctuation; LAS on
universal relation labels as in CoNLL 2018 (LASfull: with subtypes). NER: entity level, exact
span and type (conlleval). CoNLL-2002 tags section headings ("Sport", "Cultuur") MISC; the
entity clean-up drops such one-word heading lines on purpose, which costs about 0.006 F1 there.

```
{format_report(scores)}
```

| metric | target | measured |
|---|---|---|
| UPOS Alpino test | 0.96 | {ud["alpino"]["upos"]:.4f} |
| LAS Alpino test | 0.84 | {ud["alpino"]["las"]:.4f} |
| UPOS LassySmall test | 0.95 | {ud["lassysmall"]["upos"]:.4f} |
| LAS LassySmall test | 0.82 | {ud["lassysmall"]["las"]:.4f} |
| NER F1 ned.testb | 0.85 | {ner["conll2002_testb"]["overall"]["f1"]:.4f} |
| NER F1 EventDNA dev (its own types) | - | {ner["eventdna_dev"]["overall"]["f1"]:.4f} |
| NER F1 EventDNA dev (CoNLL-2002 types) | - | {ner["eventdna_dev_conll_types"]["overall"]["f1"]:.4f} |
| words/s, one core (CPU time) | 10,000 | {bench["words_per_cpu_second"]:,} |
| load time | 2 s | {bench["load_seconds"]} s |
| peak memory | 1 GB | {bench["peak_rss_mb"]} MB |
| model files | 50 MB | {size_mb:.1f} MB |

## Speed and size

`benchmarks/nlp_speed.py` (one thread, `nlp.pipe`, ned.testb paragraphs + the seed article,
{bench["words"]:,} words): {bench["words_per_cpu_second"]:,} words per CPU second, i.e. on one free
core; {bench["words_per_second"]:,} words per wall-clock second on the build machine (2 cores, possibly
shared with other jobs at the time). The layers multiply with numpy's BLAS
(`kroniek.nlp.pipeline.load_model`): thinc's default, blis, runs at about half that speed on the
build machine's AMD EPYC cores with the same predictions (`benchmarks/nlp_speed.py --blis`).
Model load {bench["load_seconds"]} s (plus
{bench["import_seconds"]} s start-up and spaCy import), peak RSS {bench["peak_rss_mb"]} MB.
Model files: {size_mb:.1f} MB.

## Known weaknesses

- NER is a CNN without pretrained vectors: names unseen in training, and MISC, are the weak
  spots; CoNLL-2002 is Belgian news from 2000, so current names are underrepresented.
- The Alpino train set is a reconstruction (close, not identical to the official file), and the
  LassySmall train set is the 2017 Wikipedia-only release: the current LassySmall train is missing.
- Sentence ends inside quotes follow the parser (with the hints above), which saw few quotes.
- Lemmas: Alpino marks compound and particle parts with "_" ("klooster_orde", "mee_doen"), the
  2017 LassySmall train does not; the edit-tree lemmatizer learned both conventions and sometimes
  produces broken forms ("missionariss"). The `lemma_` column ignores the separators.
- UPOS and LAS are below the targets: no pretrained vectors, a reconstructed Alpino train and an
  old, Wikipedia-only LassySmall train; the UD run stopped improving on dev after ~4,500 steps.
- The ner has its own CNN (as costly as the shared tok2vec): one joint training run would save
  about a quarter of the time, but a first attempt failed (the parser did not learn from the
  mixed corpus, where name-only documents have no heads), and a ner listening to the frozen UD
  tok2vec reached only about 0.55 F1 on the NER dev set after 1,500 steps (the own CNN: 0.69).
- Name-list features did not pay: a ner reading a gazetteer table as static vectors (given
  names, surnames, organisation words, countries, places, nationality adjectives from the actor
  knowledge base, CLDR and the place lexicon) gained 0.5 and 1.0 F1 on the NER dev set over two
  seeds but nothing on ned.testb (0.7496 against 0.7494), so it is not shipped.
- EventDNA scored on its own types is low by construction: it tags countries acting as agents
  ORG and nationality adjectives LOC, where the model follows CoNLL-2002 (LOC, MISC).
"""


def _spacy_version() -> str:
    import spacy

    return spacy.__version__


def main() -> None:
    scores = evaluate_nlp()
    print(format_report(scores))
    bench = speed()
    print(json.dumps(bench, indent=1))
    size = model_size_mb(MODEL_DIR)
    out = HERE / "output"
    out.mkdir(exist_ok=True)
    (out / "scores.json").write_text(json.dumps(scores, indent=1), encoding="utf8")
    (out / "speed.json").write_text(json.dumps(bench, indent=1), encoding="utf8")
    import spacy

    config = spacy.util.load_config(MODEL_DIR / "config.cfg", interpolate=True)
    (MODEL_DIR / "MODEL_CARD.md").write_text(card(scores, bench, size, config), encoding="utf8")
    print(f"wrote {MODEL_DIR / 'MODEL_CARD.md'} ({size:.1f} MB of model files)")


if __name__ == "__main__":
    main()
