"""Scoring functions of kroniek.evaluate.nlp on tiny hand-written CoNLL-U and CoNLL-2002 data."""

from __future__ import annotations

import copy
import json

import pytest

from kroniek.evaluate.nlp import (
    eventdna_gold,
    format_report,
    iob1_spans,
    ner_scores,
    parse_conllu,
    read_conll2002,
    ud_scores,
)

CONLLU = """# text = De man slaapt.
1\tDe\tde\tDET\t_\t_\t2\tdet\t_\t_
2\tman\tman\tNOUN\t_\t_\t3\tnsubj\t_\t_
3\tslaapt\tslapen\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_

# text = Hij denkt aan haar.
1\tHij\thij\tPRON\t_\t_\t2\tnsubj\t_\t_
2\tdenkt\tdenken\tVERB\t_\t_\t0\troot\t_\t_
3\taan\taan\tADP\t_\t_\t4\tcase\t_\t_
4\thaar\thaar\tPRON\t_\t_\t2\tobl:arg\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_
"""

CONLL2002 = """-DOCSTART- -DOCSTART- O
Jan N I-PER
Peeters N I-PER
woont V O
in Prep O
Antwerpen N I-LOC
. Punc O

De Art O
Vlaamse Adj I-MISC
regering N O
en Conj O
Groen N I-ORG
! Punc I-ORG
"""


def test_parse_conllu_reads_tokens_heads_and_spaces() -> None:
    sents = parse_conllu(CONLLU)
    assert [len(s) for s in sents] == [4, 5]
    assert sents[0][2].form == "slaapt" and sents[0][2].head == 0 and sents[0][2].lemma == "slapen"
    assert sents[0][2].space_after is False and sents[0][0].space_after is True
    assert sents[1][3].deprel == "obl:arg"


def test_perfect_prediction_scores_one() -> None:
    gold = parse_conllu(CONLLU)
    scores = ud_scores(gold, copy.deepcopy(gold))
    assert scores["tokens"] == 9 and scores["sentences"] == 2
    for metric in ("upos", "lemma", "lemma_joined", "uas", "las", "las_full"):
        assert scores[metric] == 1.0


def test_known_errors_lower_the_right_figures() -> None:
    gold = parse_conllu(CONLLU)
    pred = copy.deepcopy(gold)
    pred[0][1].upos = "PROPN"  # 1 of 9 tags wrong
    pred[0][0].head = 3  # "De" attached to the verb: 1 of 9 heads wrong
    pred[1][3].deprel = "obl"  # subtype lost: LAS (universal labels) keeps it, full-label LAS does not
    pred[1][0].lemma = "Hij"
    # An Alpino-style particle separator: wrong as a lemma, right when joined.
    gold[0][2].lemma, pred[0][2].lemma = "uit_slapen", "uitslapen"
    scores = ud_scores(gold, pred)
    assert scores["upos"] == pytest.approx(8 / 9)
    assert scores["lemma"] == pytest.approx(7 / 9)
    assert scores["lemma_joined"] == pytest.approx(8 / 9)
    assert scores["uas"] == pytest.approx(8 / 9)
    assert scores["las"] == pytest.approx(8 / 9)
    assert scores["las_full"] == pytest.approx(7 / 9)


def test_iob1_chunks_follow_conlleval() -> None:
    assert iob1_spans(["I-PER", "I-PER", "O", "I-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    # B- after I- of the same type opens a second entity; a type change opens one too.
    assert iob1_spans(["I-PER", "B-PER", "I-ORG"]) == [(0, 1, "PER"), (1, 2, "PER"), (2, 3, "ORG")]
    assert iob1_spans(["B-LOC", "I-LOC"]) == [(0, 2, "LOC")]


def test_read_conll2002_marks_documents_and_sentences() -> None:
    sents = list(read_conll2002(CONLL2002))
    assert sents[0] == []  # -DOCSTART-
    assert [w for w, _ in sents[1]] == ["Jan", "Peeters", "woont", "in", "Antwerpen", "."]
    assert sents[2][1] == ("Vlaamse", "I-MISC")


def test_ner_scores_perfect_and_with_a_type_error() -> None:
    sents = [s for s in read_conll2002(CONLL2002) if s]
    gold = [iob1_spans([t for _, t in s]) for s in sents]
    assert gold == [[(0, 2, "PER"), (4, 5, "LOC")], [(1, 2, "MISC"), (4, 6, "ORG")]]
    perfect = ner_scores(gold, gold)
    assert perfect["overall"]["f1"] == 1.0
    assert set(perfect["per_type"]) == {"PER", "LOC", "MISC", "ORG"}

    # Antwerpen as ORG, and "Groen" without its "!": two of four gold entities missed.
    pred = [[(0, 2, "PER"), (4, 5, "ORG")], [(1, 2, "MISC"), (4, 5, "ORG")]]
    scores = ner_scores(gold, pred)
    assert scores["overall"]["p"] == pytest.approx(0.5)
    assert scores["overall"]["r"] == pytest.approx(0.5)
    assert scores["per_type"]["LOC"]["r"] == 0.0 and scores["per_type"]["PER"]["f1"] == 1.0
    assert scores["per_type"]["ORG"]["p"] == 0.0
    # Untyped: Antwerpen's span is right, Groen's is not.
    assert scores["untyped"]["p"] == pytest.approx(0.75)


def test_eventdna_gold_keeps_named_mentions_only_and_the_longest_of_nested_ones() -> None:
    record = {
        "tokens": ["Minister", "Jan", "Jambon", "bezoekt", "Gent", "."],
        "token_char_offsets": [[0, 8], [9, 12], [13, 19], [20, 27], [28, 32], [32, 33]],
        "entities": [
            {"span": [0, 3], "type": "PER", "mention_level": "NOM"},
            {"span": [1, 3], "type": "PER", "mention_level": "NAM"},
            {"span": [2, 3], "type": "PER", "mention_level": "NAM"},
            {"span": [4, 5], "type": "LOC", "mention_level": "NAM"},
        ],
    }
    words, spaces, spans = eventdna_gold(record)
    assert words[4] == "Gent" and spaces == [True, True, True, True, False, False]
    assert spans == [(1, 3, "PER"), (4, 5, "LOC")]


def test_format_report_names_every_section() -> None:
    gold = parse_conllu(CONLLU)
    ner = ner_scores([[(0, 1, "PER")]], [[(0, 1, "PER")]])
    results = {
        "model": {"name": "nl_test", "version": "0", "pipes": ["parser", "ner"]},
        "ud": {"alpino": ud_scores(gold, gold)},
        "ner": {"conll2002_testb": {"sentences": 1, **ner}},
        "targets": [{"metric": "ud.alpino.upos", "target": 0.96, "measured": 1.0, "met": True}],
    }
    report = format_report(results)
    assert "alpino" in report and "CoNLL-2002" in report and "PER" in report and "met" in report
    json.dumps(results)  # the --json output must serialise


def test_eventdna_types_map_to_conll2002_conventions() -> None:
    from kroniek.evaluate.nlp import conll2002_label_lexicon, harmonise_label

    train = "Rusland N I-LOC\nvalt V O\naan Prep O\n\nRusland N I-LOC\nen Conj O\nNAVO N I-ORG\n"
    lexicon = conll2002_label_lexicon(train)
    assert lexicon == {"Rusland": "LOC"}  # NAVO occurs once: too rare to count as clear
    assert harmonise_label("Rusland", "ORG", lexicon) == "LOC"
    assert harmonise_label("Belgische", "LOC", lexicon) == "MISC"
    assert harmonise_label("Gent", "LOC", lexicon) == "LOC"
    assert harmonise_label("NAVO", "ORG", lexicon) == "ORG"
