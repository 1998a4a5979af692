"""Convert the shared training data into spaCy ``.spacy`` corpora under ``training/corpus/``.

Reads ``../shared/data`` (never copied into the repository) and writes:

* ``ud_train.spacy``  UD Dutch Alpino (rebuilt train) + LassySmall (2017 train, no-overlap file)
* ``ud_dev.spacy``    UD Dutch Alpino dev + LassySmall dev
* ``ner_train.spacy`` CoNLL-2002 ned.train + EventDNA train named mentions (mention_level NAM)
* ``ner_dev.spacy``   CoNLL-2002 ned.testa

Test files (UD *-test, ned.testb, EventDNA dev/test) are never read here: they are for
``kroniek.evaluate.nlp`` only.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.training.converters import conllu_to_docs
from spacy.util import filter_spans

from kroniek.evaluate.nlp import conll2002_label_lexicon, harmonise_label, iob1_spans, read_conll2002

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = Path(__file__).resolve().parent / "corpus"

UD_TRAIN = ("nl_alpino-ud-train.rebuilt.conllu", "nl_lassysmall-ud-train.ud2.0-2017-02.no-overlap.conllu")
UD_DEV = ("nl_alpino-ud-dev.conllu", "nl_lassysmall-ud-dev.conllu")

#: Sentences per training Doc: multi-sentence docs teach the parser where sentences end.
SENTS_PER_DOC = 10


def ud_docs(path: Path) -> list[Doc]:
    text = path.read_text(encoding="utf8")
    # The rebuilt Alpino file carries enhanced deps in column 9; spaCy reads only basic deps.
    return list(conllu_to_docs(text, n_sents=SENTS_PER_DOC, no_print=True))


def conll2002_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    return read_conll2002(path.read_text(encoding="utf8"))


def conll2002_docs(path: Path, vocab, sents_per_doc: int = SENTS_PER_DOC) -> list[Doc]:
    """Docs of up to ``sents_per_doc`` sentences, never crossing a -DOCSTART- boundary."""
    groups: list[list[list[tuple[str, str]]]] = [[]]
    for sent in conll2002_sentences(path):
        if not sent or len(groups[-1]) >= sents_per_doc:
            groups.append([])
        if sent:
            groups[-1].append(sent)
    docs = []
    for group in groups:
        if not group:
            continue
        sent_docs = [conll2002_sentence(vocab, sent) for sent in group]
        docs.append(Doc.from_docs(sent_docs, ensure_whitespace=True))
    return docs


def conll2002_sentence(vocab, sent: list[tuple[str, str]]) -> Doc:
    words = [w for w, _ in sent]
    doc = Doc(vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, s, e, label=t) for s, e, t in iob1_spans([t for _, t in sent])]
    return doc


def eventdna_docs(path: Path, vocab, lexicon: dict[str, str] | None = None) -> list[Doc]:
    """One Doc per EventDNA document; named (NAM) mentions are the entities, the rest is O."""
    docs = []
    for line in path.read_text(encoding="utf8").splitlines():
        record = json.loads(line)
        docs.append(eventdna_doc(record, vocab, lexicon))
    return docs


def eventdna_doc(record: dict, vocab, lexicon: dict[str, str] | None = None) -> Doc:
    tokens = record["tokens"]
    offsets = record["token_char_offsets"]
    spaces = [offsets[i][1] < offsets[i + 1][0] for i in range(len(tokens) - 1)] + [False]
    starts = {s for s, _ in record["sentence_token_spans"]}
    doc = Doc(vocab, words=tokens, spaces=spaces, sent_starts=[i in starts for i in range(len(tokens))])
    spans = []
    for ent in record["entities"]:
        if ent["mention_level"] != "NAM":
            continue
        span = Span(doc, ent["span"][0], ent["span"][1], label=ent["type"])
        if lexicon is not None:
            span = Span(doc, span.start, span.end, label=harmonise_label(span.text, span.label_, lexicon))
        spans.append(span)
    doc.ents = filter_spans(spans)  # nested/overlapping names: keep the longest
    return doc


def save(docs: Iterable[Doc], path: Path) -> int:
    db = DocBin(store_user_data=False)
    n = 0
    for doc in docs:
        db.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--out", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    data = args.shared / "data"
    vocab = spacy.blank("nl").vocab
    ud = data / "ud_dutch"
    ner = data / "conll2002_nl"
    counts = {
        "ud_train": save((d for f in UD_TRAIN for d in ud_docs(ud / f)), args.out / "ud_train.spacy"),
        "ud_dev": save((d for f in UD_DEV for d in ud_docs(ud / f)), args.out / "ud_dev.spacy"),
        "ner_train": save(
            [
                *conll2002_docs(ner / "ned.train.utf8", vocab),
                *eventdna_docs(
                    data / "eventdna" / "train.jsonl",
                    vocab,
                    conll2002_label_lexicon((ner / "ned.train.utf8").read_text(encoding="utf8")),
                ),
            ],
            args.out / "ner_train.spacy",
        ),
        "ner_dev": save(conll2002_docs(ner / "ned.testa.utf8", vocab), args.out / "ner_dev.spacy"),
    }
    for name, n in counts.items():
        print(f"{name}: {n} docs")


if __name__ == "__main__":
    main()
