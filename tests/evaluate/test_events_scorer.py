"""The EventDNA event scorer (kroniek.evaluate.events): matching rules and the figures."""

from __future__ import annotations

import spacy

from kroniek.evaluate.events import doc_from_gold, event_similarity, match_events, score


def _event(start: int, end: int, label: str = "Justice.ArrestJail", **extra: object) -> dict:
    type_, _, subtype = label.partition(".")
    return {"span": [start, end], "type": type_, "subtype": subtype, "modality": "Asserted",
            "polarity": "Positive", "arguments": [], **extra}  # fmt: skip


def _record(events: list[dict], heads: list[int] | None = None) -> dict:
    return {"doc_id": "d1", "events": events, "alpino_head_tokens": [heads or []]}


def test_perfect_predictions_score_one() -> None:
    gold = [
        _event(0, 5, arguments=[{"role": "Person", "span": [1, 3]}]),
        _event(6, 9, "Life.Die", arguments=[{"role": "Victim", "span": [6, 7]}]),
    ]
    result = score([(_record(gold), gold)])
    for key in ("detection", "type", "subtype", "arguments"):
        assert result[key]["f1"] == 1.0, key
    assert result["modality_accuracy"] == 1.0


def test_empty_predictions_recall_nothing() -> None:
    result = score([(_record([_event(0, 5), _event(6, 9)]), [])])
    assert result["detection"]["recall"] == 0.0
    assert result["detection"]["tp"] == 0
    assert result["detection"]["gold"] == 2


def test_token_dice_just_above_and_below_threshold() -> None:
    # gold has 10 tokens; 7 of them: Dice 14/17 = 0.82 (a match); 6 of them: 12/16 = 0.75 (none)
    assert event_similarity([0, 10], [0, 7], set()) > 0.8
    assert event_similarity([0, 10], [0, 6], set()) == 0.0
    assert event_similarity([0, 10], [0, 10], set()) == 2.0  # identical spans beat any overlap


def test_head_dice_matches_when_token_dice_does_not() -> None:
    # tokens: 2*6/16 = 0.75, but both spans hold the single head token 5
    assert event_similarity([0, 10], [4, 10], {5}) == 1.0
    # no head inside the prediction: only the token Dice counts
    assert event_similarity([0, 10], [6, 10], {5}) == 0.0


def test_matching_is_one_to_one() -> None:
    gold = [_event(0, 10)]
    pred = [_event(0, 9), _event(0, 10)]
    pairs = match_events(gold, pred, set())
    assert pairs == [(0, 1)]  # the identical span wins; the other prediction is a false positive
    result = score([(_record(gold), pred)])
    assert result["detection"]["precision"] == 0.5
    assert result["detection"]["recall"] == 1.0


def test_wrong_type_counts_for_detection_only() -> None:
    gold = [_event(0, 5, "Justice.ArrestJail")]
    pred = [_event(0, 5, "Justice.Sentence")]
    result = score([(_record(gold), pred)])
    assert result["detection"]["f1"] == 1.0
    assert result["type"]["f1"] == 1.0  # both Justice
    assert result["subtype"]["f1"] == 0.0
    assert result["per_subtype"]["Justice.Sentence"]["predicted"] == 1


def test_arguments_need_role_and_half_overlap() -> None:
    gold = [_event(0, 8, arguments=[{"role": "Person", "span": [2, 6]}, {"role": "Place", "span": [6, 8]}])]
    pred = [_event(0, 8, arguments=[{"role": "Person", "span": [2, 4]}, {"role": "Agent", "span": [6, 8]}])]
    result = score([(_record(gold), pred)])
    # Person [2,4) vs [2,6): Dice 4/6 = 0.67 >= 0.5; the Place is predicted as Agent: no match
    assert result["arguments"]["tp"] == 1
    assert result["arguments"]["precision"] == 0.5


def test_doc_from_gold_keeps_tokens_spaces_and_sentences() -> None:
    record = {
        "tokens": ["Hij", "werd", "opgepakt", ".", "Later", "vrij", "."],
        "token_char_offsets": [[0, 3], [4, 8], [9, 17], [17, 18], [19, 24], [25, 29], [29, 30]],
        "sentence_token_spans": [[0, 4], [4, 7]],
    }
    doc = doc_from_gold(spacy.blank("nl").vocab, record)
    assert doc.text == "Hij werd opgepakt. Later vrij."
    assert [s.start for s in doc.sents] == [0, 4]
