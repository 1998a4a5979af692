"""Small synthetic Dutch articles written into shards, for the batch-run tests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

CITIES = ["Minsk", "Tbilisi", "Chisinau", "Warschau", "Vilnius", "Riga", "Kyiv", "Tallinn"]
NAMES = ["Anna de Vries", "Pieter Jansen", "Sofia Bakker", "Mark Visser", "Eva Smit", "Tom Mulder"]


def article(i: int) -> dict:
    """Article ``i``: three sentences, different for every ``i``."""
    city = CITIES[i % len(CITIES)]
    name = NAMES[i % len(NAMES)]
    text = (
        f"In {city} zijn zaterdag {100 + i} demonstranten opgepakt door de politie. "
        f'"We laten ons niet het zwijgen opleggen," zei actievoerder {name} tegen verslaggevers. '
        f"De minister van Binnenlandse Zaken kondigde aan dat er maandag {i + 2} extra agenten komen."
    )
    return {"id": f"a{i}", "title": f"Protest in {city} ({i})", "date": "2020-10-10", "text": text}


def write_jsonl(path: Path, rows: list[dict], gz: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def write_parquet(path: Path, rows: list[dict]) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


@pytest.fixture
def shards(tmp_path: Path) -> tuple[Path, int]:
    """Four shards (JSONL, JSONL.gz, Parquet) holding 24 distinct articles; article 0 is in two."""
    folder = tmp_path / "shards"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [article(i) for i in range(0, 7)])
    write_jsonl(folder / "b.jsonl.gz", [article(i) for i in range(7, 13)], gz=True)
    write_parquet(folder / "c.parquet", [article(i) for i in range(13, 19)])
    write_jsonl(folder / "d.jsonl", [article(0)] + [article(i) for i in range(19, 24)])
    return folder, 24


def table_counts(con) -> dict[str, int]:
    tables = ("articles", "sentences", "mentions", "events", "event_actors", "event_mentions", "quotes", "actors")
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in (*tables, "actor_names")}
    # How many reports each happening has: what the event merge decided.
    counts["event_reports"] = con.execute("SELECT coalesce(sum(mentions), 0) FROM events").fetchone()[0]
    return counts


@pytest.fixture(scope="session")
def reference_counts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """What one plain, single-process pass stores for the 24 articles: the counts a run must match."""
    from kroniek.extract.collect import analyse
    from kroniek.ingest import read_paths
    from kroniek.records import Article
    from kroniek.scale.worker import _pipeline
    from kroniek.store import Store

    path = write_jsonl(tmp_path_factory.mktemp("ref") / "all.jsonl", [article(i) for i in range(24)])
    articles = [a for a in read_paths([str(path)]) if isinstance(a, Article)]
    assert len({a.id for a in articles}) == 24
    with Store(":memory:") as store:
        store.write(list(analyse(_pipeline("nl"), articles)))
        return table_counts(store.con)


class Synth:
    """The helpers above, as a fixture (test modules do not import each other)."""

    article = staticmethod(article)
    write_jsonl = staticmethod(write_jsonl)
    write_parquet = staticmethod(write_parquet)
    table_counts = staticmethod(table_counts)


@pytest.fixture(scope="session")
def synth() -> type[Synth]:
    return Synth
