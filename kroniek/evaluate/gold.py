"""Reading the hand-made gold sets under ``eval/`` and running the production pipeline on them.

A gold record names its document in one of two ways (see ``eval/README.md``):

- ``{"path": "examples/articles/04_voorbeeldkrant.jsonl", "item": 1}``: an article file read by the
  ordinary readers (``item`` = the n-th article in the file), the path relative to the repository
  (the seed article is ``../shared/samples/...``);
- ``{"eventdna": "eventdna_1352", "published": "2018-03-17", "precision": "day"}``: a document of
  ``<shared>/data/eventdna/dev.jsonl``, its ``text`` field being the article text; the gold gives the
  publication date to resolve relative dates against (EventDNA has none).

Offsets in gold are character offsets into ``Article.text``.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kroniek.extract.collect import make_doc
from kroniek.records import Article

REPO_DIR = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO_DIR.parent / "shared"
EVAL_DIR = REPO_DIR / "eval"
log = logging.getLogger("kroniek")


def read_gold(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=2)
def _eventdna(shared: Path) -> dict[str, dict[str, Any]]:
    rows = {}
    with (shared / "data" / "eventdna" / "dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            rows[rec["doc_id"]] = rec
    return rows


def article_for(record: dict[str, Any], shared: Path = DEFAULT_SHARED) -> Article:
    """The Article a gold record points to."""
    if "eventdna" in record:
        text = _eventdna(Path(shared))[record["eventdna"]]["text"]
        return Article.create(
            text,
            source=f"eventdna:{record['eventdna']}",
            published=record.get("published"),
            date_precision=record.get("precision"),
            language="nl",
        )
    from kroniek.ingest import read_paths

    path = REPO_DIR / record["path"]
    articles = [a for a in read_paths([str(path)]) if isinstance(a, Article)]
    return articles[record.get("item", 0)]


#: Components the quote, date and place scores do not depend on (events read dates and places,
#: never the other way round), switched off so that these scores measure only their own parts.
NOT_SCORED = ("kroniek_events",)


def pipeline(use_model: bool = True, disable: tuple[str, ...] = NOT_SCORED) -> Language:
    """The production pipeline without the components in ``disable`` (by default the ones these
    scorers do not score); the rule-based one when the trained model cannot be loaded."""
    from kroniek.nlp.pipeline import load_pipeline

    with contextlib.suppress(ImportError):  # the shipped model's config names components registered there
        import kroniek.nlp.tokenizer  # noqa: F401
    if use_model:
        try:
            return load_pipeline("nl", disable=disable)
        except Exception as exc:  # a model being rebuilt must not stop the rule-based scores
            log.warning("the trained model could not be loaded (%s); scoring the rule-based pipeline", exc)
    return load_pipeline("nl", use_model=False, disable=disable)


def annotated(
    gold: list[dict[str, Any]], nlp: Language, shared: Path = DEFAULT_SHARED
) -> Iterator[tuple[dict[str, Any], Doc]]:
    for record in gold:
        article = article_for(record, shared)
        yield record, nlp(make_doc(nlp, article))


def doc_name(record: dict[str, Any]) -> str:
    if "eventdna" in record:
        return record["eventdna"]
    return f"{record['path']}#{record.get('item', 0)}"


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None
