"""The PLOVER event scorer on hand-made predictions: perfect, empty, wrong and alternative types,
optional events, actor names, sizes and modality."""

import pytest

import kroniek.evaluate.plover as scorer
from kroniek.records import EntityRef, Event, Size

TEXT = (
    "De politie hield 40 betogers aan in Minsk. "
    "Minister Jan de Vries ontmoette zijn Poolse ambtgenoot. "
    "Agenten sloegen een fotograaf. "
    "Volgens critici was het overleg zinloos."
)
SENTENCES = [(0, 42), (43, 98), (99, 129), (130, 170)]


def span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def gold_event(word: str, sentence: int, event: str, mode, **more) -> dict:
    start, end = span(word)
    return {"event": event, "mode": mode, "sentence": sentence, "sentence_span": list(SENTENCES[sentence]),
            "start": start, "end": end, "text": word, "modality": "asserted", **more}  # fmt: skip


ARREST = gold_event("hield", 0, "COERCE", "arrest", actor=["politie"], recipient=["betogers"], size={"arrested": 40})
MEETING = gold_event("ontmoette", 1, "CONSULT", ["visit", None], actor=["Jan de Vries"],
                     recipient=["Polen", "Poolse ambtgenoot"], recipient_may_be_null=True)  # fmt: skip
BEATING = gold_event("sloegen", 2, "ASSAULT", "beat", alternatives=["COERCE"], actor=["agenten", "politie"],
                     recipient=["fotograaf"])  # fmt: skip
CRITICISM = gold_event("zinloos", 3, "ACCUSE", "disapprove", optional=True, actor=["critici"], recipient=[])
GOLD = [{"path": "x", "events": [ARREST, MEETING, BEATING, CRITICISM]}]


def event(word: str, plover: str, mode: str | None = None, actor=(), recipient=(), size: Size | None = None,
          modality: str = "asserted") -> Event:  # fmt: skip
    start, end = span(word)
    sentence = next(i for i, (s, e) in enumerate(SENTENCES) if s <= start < e)
    return Event(
        id=word, doc_id="d", sentence=sentence, start=start, end=end, sentence_text="", event_text=word,
        event=plover, mode=mode, actor=[EntityRef(entity_text=a) for a in actor],
        recipient=[EntityRef(entity_text=r) for r in recipient], size=size or Size(), modality=modality,
        trigger=word,
    )  # fmt: skip


def right_arrest(**changes) -> Event:
    fields = {"actor": ["De politie"], "recipient": ["40 betogers"], "size": Size(arrested=40)} | changes
    return event("hield", "COERCE", "arrest", **fields)


RIGHT = [
    right_arrest(),
    event("ontmoette", "CONSULT", None, actor=["De Vries"]),
    event("sloegen", "ASSAULT", "beat", actor=["Agenten"], recipient=["een fotograaf"]),
]


def score(fake_run, predictions: list[Event]) -> dict:
    return scorer.evaluate_plover(fake_run(scorer, GOLD, [TEXT], "events", [predictions]))


def test_the_fixture_sentences() -> None:
    assert [TEXT[s:e].split()[0] for s, e in SENTENCES] == ["De", "Minister", "Agenten", "Volgens"]
    assert all(TEXT[e - 1] == "." for _, e in SENTENCES)


def test_perfect_predictions(fake_run) -> None:
    res = score(fake_run, RIGHT)
    assert (res["precision"], res["recall"], res["f1"]) == (1.0, 1.0, 1.0)
    assert res["gold"] == 3  # the optional criticism, unmatched, is not counted
    assert all(a["accuracy"] == 1.0 for a in res["attributes"].values())
    assert res["attributes"]["size"]["n"] == 1  # only the arrest has a size on either side
    assert res["misses"] == [] and res["false_positives"] == [] and res["wrong_attributes"] == []
    assert res["per_type"]["CONSULT"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1, "predicted": 1}


def test_empty_predictions(fake_run) -> None:
    res = score(fake_run, [])
    assert res["precision"] is None  # nothing predicted: no precision, not a perfect one
    assert res["recall"] == 0.0 and res["f1"] is None
    assert sorted(m["event"] for m in res["misses"]) == ["ASSAULT", "COERCE", "CONSULT"]  # not the optional one
    assert [m["sentence"] for m in res["misses"]] == [0, 1, 2]


def test_a_wrong_type_is_a_miss_and_a_false_positive(fake_run) -> None:
    res = score(fake_run, [event("hield", "ASSAULT", "beat")])  # the arrest coded as an assault
    assert res["precision"] == 0.0 and res["recall"] == 0.0
    assert res["false_positives"][0]["event"] == "ASSAULT" and res["false_positives"][0]["sentence"] == 0
    assert res["per_type"]["ASSAULT"]["precision"] == 0.0
    assert res["per_type"]["COERCE"]["recall"] == 0.0


def test_an_alternative_type_matches_but_its_mode_is_not_scored(fake_run) -> None:
    res = score(fake_run, [event("sloegen", "COERCE", "arrest", actor=["Agenten"], recipient=["fotograaf"])])
    assert res["precision"] == 1.0 and res["recall"] == pytest.approx(1 / 3, abs=1e-3)
    assert res["attributes"]["mode"]["n"] == 0
    assert res["per_type"]["COERCE"]["precision"] == 1.0  # counted under the predicted type
    assert res["per_type"]["ASSAULT"]["recall"] == 1.0  # and under the gold type


def test_an_optional_event_counts_only_when_found(fake_run) -> None:
    res = score(fake_run, [*RIGHT, event("zinloos", "ACCUSE", "disapprove", actor=["critici"])])
    assert (res["precision"], res["recall"], res["gold"], res["matched"]) == (1.0, 1.0, 4, 4)
    # an optional event of another type is not a licence: that prediction is a false positive
    res = score(fake_run, [*RIGHT, event("zinloos", "THREATEN")])
    assert res["precision"] == 0.75 and res["recall"] == 1.0


def test_a_prediction_elsewhere_in_the_sentence_matches_and_the_trigger_is_preferred(fake_run) -> None:
    res = score(fake_run, [right_arrest(size=Size()), event("Minsk", "COERCE", "arrest", size=Size(arrested=4))])
    assert res["matched"] == 1 and len(res["false_positives"]) == 1
    assert res["false_positives"][0]["trigger"] == "Minsk"  # the one on the gold trigger was kept
    res = score(fake_run, [event("Minsk", "COERCE", "arrest")])
    assert res["matched"] == 1  # alone, a prediction elsewhere in the same sentence matches


def test_actor_names_match_on_the_last_word(fake_run) -> None:
    preds = [right_arrest(actor=["Minsk"]), event("ontmoette", "CONSULT", "visit", actor=["Jan"])]
    res = score(fake_run, preds)
    assert res["attributes"]["actor"] == {"accuracy": 0.0, "n": 2}
    assert res["attributes"]["mode"]["accuracy"] == 1.0  # "visit" is one of the gold modes


def test_name_rules() -> None:
    assert scorer.name_ok(["Élisabeth Lefèvre"], EntityRef(entity_text="LEFEVRE"))
    assert scorer.name_ok(["Lefèvre"], EntityRef(entity_text="de premier", identifier_text="Élisabeth Lefèvre"))
    assert scorer.name_ok(["Oekraïense minister"], EntityRef(entity_text="de Oekraïense minister van Defensie"))
    assert not scorer.name_ok(["Oekraïense minister"], EntityRef(entity_text="de Poolse minister van Defensie"))
    assert not scorer.name_ok(["Jan de Vries"], EntityRef(entity_text="Jan"))


def test_missing_participants_are_right_only_where_the_gold_allows_it() -> None:
    assert scorer.participants_ok(MEETING, "recipient", [])  # recipient_may_be_null
    assert not scorer.participants_ok(MEETING, "actor", [])
    assert scorer.participants_ok(CRITICISM, "recipient", [])  # no recipient in the text
    assert not scorer.participants_ok(CRITICISM, "recipient", [EntityRef(entity_text="overleg")])


def test_size_and_modality_mismatches(fake_run) -> None:
    res = score(fake_run, [right_arrest(size=Size(arrested=400), modality="negated")])
    assert res["attributes"]["size"] == {"accuracy": 0.0, "n": 1}
    assert res["attributes"]["modality"] == {"accuracy": 0.0, "n": 1}
    assert {w["field"] for w in res["wrong_attributes"]} == {"size", "modality"}
    # a size where the gold has none is wrong too
    res = score(fake_run, [event("sloegen", "ASSAULT", "beat", size=Size(injured=1))])
    assert res["attributes"]["size"] == {"accuracy": 0.0, "n": 1}


def test_the_report_names_misses(fake_run) -> None:
    text = scorer.format_report(score(fake_run, RIGHT[:2]))
    assert "miss x#0 s2 ASSAULT:beat sloegen" in text
    assert "F1" in text
