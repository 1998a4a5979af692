"""The quote scorer on hand-made predictions: perfect, empty and partly right."""

import kroniek.evaluate.quotes as scorer
from kroniek.records import EntityRef, Quote

TEXT = "‘We blijven’, zei Anna de Wit. Volgens de politie waren er honderd betogers. De Hongaarse minister zei nee."
DIRECT = (1, 11)  # We blijven
INDIRECT = (50, 75)  # waren er honderd betogers
GOLD = [
    {
        "path": "x",
        "quotes": [
            {"kind": "direct", "start": DIRECT[0], "end": DIRECT[1], "speaker": ["Anna de Wit"]},
            {"kind": "indirect", "start": INDIRECT[0], "end": INDIRECT[1], "speaker": ["politie"],
             "speaker_may_be_null": True},
        ],
    }
]  # fmt: skip


def quote(span: tuple[int, int], kind: str, speaker: EntityRef | None) -> Quote:
    return Quote(
        id="q", doc_id="d", sentence=0, start=span[0], end=span[1], sentence_text="", text=TEXT[span[0] : span[1]],
        kind=kind, speaker=speaker,
    )  # fmt: skip


def test_spans_in_the_fixture() -> None:
    assert TEXT[DIRECT[0] : DIRECT[1]] == "We blijven"
    assert TEXT[INDIRECT[0] : INDIRECT[1]] == "waren er honderd betogers"


def test_perfect_predictions(fake_run) -> None:
    preds = [quote(DIRECT, "direct", EntityRef(entity_text="De Wit")), quote(INDIRECT, "indirect", None)]
    gold = fake_run(scorer, GOLD, [TEXT], "quotes", [preds])
    res = scorer.evaluate_quotes(gold)
    assert res["direct_speaker_accuracy"] == 1.0
    assert res["indirect_recall"] == 1.0
    assert res["span_precision"] == 1.0 and res["span_recall"] == 1.0
    assert res["errors"] == []


def test_empty_predictions(fake_run) -> None:
    gold = fake_run(scorer, GOLD, [TEXT], "quotes", [[]])
    res = scorer.evaluate_quotes(gold)
    assert res["direct_speaker_accuracy"] == 0.0
    assert res["indirect_recall"] == 0.0
    assert res["span_precision"] is None  # nothing predicted: no precision, not a perfect one
    assert res["span_recall"] == 0.0
    assert len(res["errors"]) == 2


def test_wrong_speaker_and_wrong_kind(fake_run) -> None:
    # the direct quote found with another speaker; the indirect one found but called direct
    preds = [quote(DIRECT, "direct", EntityRef(entity_text="Lewandowski")), quote(INDIRECT, "direct", None)]
    gold = fake_run(scorer, GOLD, [TEXT], "quotes", [preds])
    res = scorer.evaluate_quotes(gold)
    assert res["direct_speaker_accuracy"] == 0.0
    assert res["indirect_recall"] == 0.0
    assert res["span_recall"] == 1.0  # kinds are ignored for spans


def test_a_span_overlapping_less_than_half_does_not_match(fake_run) -> None:
    # a span starting at "en’, zei …" shares 2 characters with the 10 of the shorter (gold) span
    far = (DIRECT[0] + 8, DIRECT[1] + 40)
    gold = fake_run(scorer, GOLD, [TEXT], "quotes", [[quote(far, "direct", EntityRef(entity_text="Anna de Wit"))]])
    assert scorer.evaluate_quotes(gold)["direct_speaker_accuracy"] == 0.0


def test_speaker_rules() -> None:
    g = {"speaker": ["Svetlana Tichanovskaja"]}
    assert scorer.speaker_ok(g, EntityRef(entity_text="Tichanovskaja"))
    assert scorer.speaker_ok(g, EntityRef(entity_text="de oppositieleider", identifier_text="Svetlana Tichanovskaja"))
    assert not scorer.speaker_ok(g, EntityRef(entity_text="Svetlana"))
    assert not scorer.speaker_ok(g, None)  # null only where the gold allows it
    assert scorer.speaker_ok({"speaker": ["politie"], "speaker_may_be_null": True}, None)
    assert not scorer.speaker_ok({"speaker": None}, EntityRef(entity_text="iemand"))


def test_a_country_speaker_matches_its_officials() -> None:
    g = {"speaker": ["Hongarije"], "speaker_may_be_null": True}
    assert scorer.speaker_ok(g, EntityRef(entity_text="Hongaarse minister", code="HUN", sector="GOV"))
    assert not scorer.speaker_ok(g, EntityRef(entity_text="Poolse minister", code="POL", sector="GOV"))
