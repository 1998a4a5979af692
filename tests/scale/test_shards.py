"""Shards cut into parts, read as ``kroniek ingest`` reads them; the journal."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kroniek.errors import InputError
from kroniek.records import Article
from kroniek.scale.journal import Journal
from kroniek.scale.shards import Shard, ShardError, count_rows, discover, read_part


def _read(shard: Shard, chunk: int) -> list[list]:
    rows, _ = count_rows(shard)
    return [list(read_part(part)) for part in shard.parts(rows, chunk)]


@pytest.mark.parametrize("name", ["s.jsonl", "s.jsonl.gz", "s.parquet"])
def test_parts_cover_every_line_once_with_file_line_numbers(tmp_path: Path, name: str, synth) -> None:
    rows = [synth.article(i) for i in range(7)]
    path = tmp_path / name
    if name.endswith(".parquet"):
        synth.write_parquet(path, rows)
    else:
        synth.write_jsonl(path, rows, gz=name.endswith(".gz"))
    shard = Shard(str(path))
    assert count_rows(shard)[0] == 7
    parts = _read(shard, 3)
    assert [len(p) for p in parts] == [3, 3, 1]
    articles = [a for p in parts for a in p]
    assert all(isinstance(a, Article) for a in articles)
    # Sources say the line in the whole file, not in the part.
    assert [a.source for a in articles] == [f"{path}:{n}" for n in range(1, 8)]
    assert [a.external_id for a in articles] == [f"a{i}" for i in range(7)]
    assert articles[5].published == "2020-10-10"


def test_a_bad_line_is_an_error_with_its_line_and_the_others_are_read(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(
        "\n".join(['{"text": "De eerste regel is een artikel over Minsk."}', "{niet geldig", '{"title": "geen tekst"}'])
        + "\n",
        encoding="utf-8",
    )
    (only,) = _read(Shard(str(path)), 10)
    assert isinstance(only[0], Article)
    errors = [i for i in only if isinstance(i, InputError)]
    assert [(e.code, e.line) for e in errors] == [("K104", 2), ("K105", 3)]


def test_broken_shards_are_refused_before_any_analysis(tmp_path: Path) -> None:
    bad_gz = tmp_path / "x.jsonl.gz"
    bad_gz.write_bytes(gzip.compress(b'{"text": "Een artikel."}\n' * 50)[:-30])  # cut short
    bad_pq = tmp_path / "y.parquet"
    bad_pq.write_bytes(b"PAR1 this is no parquet file")
    for path, code in ((bad_gz, "K101"), (bad_pq, "K101"), (tmp_path / "missing.jsonl", "K109")):
        with pytest.raises(ShardError) as caught:
            count_rows(Shard(str(path)))
        assert caught.value.code == code


def test_discover_folders_globs_and_missing_inputs(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.jsonl", "sub/b.jsonl.gz", "c.parquet", "notes.txt", ".hidden.jsonl"):
        (tmp_path / name).write_bytes(b"")
    shards, errors = discover([str(tmp_path), str(tmp_path / "*.jsonl"), str(tmp_path / "nothing-here")])
    assert [Path(s.url).name for s in shards] == ["a.jsonl", "c.parquet", "b.jsonl.gz"]
    assert [e.code for e in errors] == ["K109"]
    assert len({s.id for s in shards}) == 3


def test_journal_keeps_the_latest_state_and_skips_a_torn_line(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.append({"status": "failed", "part": "p1", "shard": "s", "code": "K202", "reason": "boom"})
    journal.append({"status": "done", "part": "p1", "shard": "s", "size": 10})
    with open(journal.path, "a", encoding="utf-8") as stream:
        stream.write('{"status": "done", "part": "p2", "sh')  # killed mid-write
    journal.append({"status": "shard_failed", "shard": "t", "code": "K101", "reason": "bad gzip"})
    state = journal.state()
    assert set(state.done) == {"p1"}
    assert state.failed_parts == {}
    assert set(state.failed_shards) == {"t"}
    assert state.is_done("p1", 10)
    assert not state.is_done("p1", 11)  # the file changed since


def test_run_refuses_both_a_local_and_an_existing_cluster(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kroniek.cli.main import app

    result = CliRunner().invoke(
        app, ["run", str(tmp_path), "--out", str(tmp_path / "o"), "--workers", "2", "--scheduler", "tcp://x:1"]
    )
    assert result.exit_code == 2


def test_an_article_that_breaks_the_pipeline_is_recorded_and_the_part_goes_on(tmp_path: Path, synth, monkeypatch):
    import pyarrow.parquet as pq

    from kroniek.extract import collect
    from kroniek.records import ArticleRecords
    from kroniek.scale import worker

    def fake_analyse(nlp, articles):
        for a in articles:
            if "Riga" in a.text:
                raise RuntimeError("kapot")
        return [ArticleRecords(article=a) for a in articles]

    monkeypatch.setattr(worker, "_pipeline", lambda lang: None)
    monkeypatch.setattr(collect, "analyse", fake_analyse)
    path = synth.write_jsonl(tmp_path / "s.jsonl", [synth.article(i) for i in range(8)] + [synth.article(1)])
    (part,) = Shard(str(path)).parts(9, 10)
    result = worker.process_part(part, str(tmp_path / "out"))
    # Article 5 is the one in Riga; article 1 is there twice.
    assert (result["read"], result["stored"], result["duplicates"], result["failed"]) == (9, 7, 1, 1)
    failures = pq.read_table(tmp_path / "out" / "failures" / f"{part.id}.parquet").to_pylist()
    assert [(f["source"], f["code"]) for f in failures] == [(f"{path}:6", "K202")]
    assert "kapot" in failures[0]["reason"]
    stored = pq.read_table(tmp_path / "out" / "articles" / f"{part.id}.parquet").column("external_id").to_pylist()
    assert sorted(stored) == sorted(f"a{i}" for i in range(8) if i != 5)
