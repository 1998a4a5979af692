"""Scorer tests run the scorers on hand-made predictions: the pipeline is replaced by fake docs."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest


@pytest.fixture
def fake_run(monkeypatch, tmp_path: Path):
    """``fake_run(module, gold_records, predictions)``: point ``module``'s pipeline at fake docs whose
    ``doc._.<attr>`` lists are ``predictions[i]``; returns the gold file to score."""

    def setup(module, records: list[dict], texts: list[str], attr: str, predictions: list[list]) -> Path:
        gold = tmp_path / "gold.jsonl"
        gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        pairs = zip(texts, predictions, strict=True)
        docs = [SimpleNamespace(text=t, _=SimpleNamespace(**{attr: p})) for t, p in pairs]
        monkeypatch.setattr(module, "pipeline", lambda use_model=True, **options: None)
        monkeypatch.setattr(module, "annotated", lambda gold, nlp, shared: zip(gold, docs, strict=True))
        return gold

    return setup
