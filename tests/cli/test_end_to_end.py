"""The CLI as a user runs it: a real process, a real store file, real articles."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ENV = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}


def kroniek(*args: str, db: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kroniek", *args, "--db", str(db)],
        input=stdin,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
    )


def jsonl(result: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_seed_article_gives_events_and_quotes_marked_in_show(tmp_path, seed_article):
    db = tmp_path / "k.duckdb"
    result = kroniek("ingest", str(seed_article), "--quiet", db=db)
    assert result.returncode == 0, result.stderr

    events = jsonl(kroniek("events", "--format", "jsonl", db=db))
    assert len(events) >= 1
    assert all(e["text_info"]["text_story"] == events[0]["text_info"]["text_story"] for e in events)
    quotes = jsonl(kroniek("quotes", "--format", "jsonl", db=db))
    assert len(quotes) >= 3
    assert sum(1 for q in quotes if q["speaker"]) >= 3

    article_id = events[0]["kroniek"]["doc_id"]
    shown = kroniek("show", article_id[:8], db=db)
    assert shown.returncode == 0, shown.stderr
    assert "[E1 " in shown.stdout and " E1]" in shown.stdout
    assert "[Q1 " in shown.stdout and " Q1]" in shown.stdout
    # The marked quote is the quote text itself, taken from the article at the record's offsets.
    first_quote = min(quotes, key=lambda q: q["start"])
    assert f"[Q1 {first_quote['text'][:8]}" in shown.stdout.replace("\n", " ")


def test_reingesting_stores_nothing_twice(tmp_path, seed_article):
    db = tmp_path / "k.duckdb"
    assert kroniek("ingest", str(seed_article), "--quiet", db=db).returncode == 0
    first = len(jsonl(kroniek("events", "--format", "jsonl", db=db)))
    copy = tmp_path / "copy.txt"
    copy.write_text(seed_article.read_text(encoding="utf-8").replace("\n\n", "\n\n\n"), encoding="utf-8")
    again = kroniek("ingest", str(seed_article), str(copy), db=db)
    assert again.returncode == 0
    assert "0 stored, 2 already there" in " ".join(again.stdout.split())
    assert len(jsonl(kroniek("events", "--format", "jsonl", db=db))) == first


def test_bad_inputs_are_one_line_each_recorded_and_retried(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(
        "date 2021-03-02 Dinsdag werden in Minsk twintig betogers opgepakt.\n", encoding="utf-8"
    )
    (inbox / "empty.txt").write_text("", encoding="utf-8")
    (inbox / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (inbox / "feed.jsonl").write_text(
        '{"text": "Het kabinet sprak maandag met de vakbonden over de lonen."}\n{"text": broken\n',
        encoding="utf-8",
    )
    db = tmp_path / "k.duckdb"
    result = kroniek("ingest", str(inbox), "--quiet", db=db)
    assert result.returncode == 1
    problems = [line for line in (result.stdout + result.stderr).splitlines() if " K1" in line]
    assert any("empty.txt" in line and "K102" in line for line in problems)
    assert any("blob.txt" in line and "K103" in line for line in problems)
    assert any("feed.jsonl" in line and "K104" in line and "line 2" in line for line in problems)
    assert "Traceback" not in result.stderr

    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2  # good.txt and line 1
    con.close()
    listed = kroniek("failures", "--format", "jsonl", db=db)
    assert {Path(r["source"]).name for r in jsonl(listed)} >= {"empty.txt", "blob.txt", "feed.jsonl"}

    # The user repairs the files; a retry reads them again and resolves their failures.
    (inbox / "empty.txt").write_text("Vrijdag protesteerden honderden boeren in Den Haag.", encoding="utf-8")
    (inbox / "blob.txt").unlink()
    (inbox / "feed.jsonl").write_text(
        '{"text": "Het kabinet sprak maandag met de vakbonden over de lonen."}\n'
        '{"text": "De minister dreigde dinsdag met ontslag."}\n',
        encoding="utf-8",
    )
    retried = kroniek("ingest", "--retry-failed", "--quiet", db=db)
    remaining = jsonl(kroniek("failures", "--format", "jsonl", db=db))
    assert [Path(r["source"]).name for r in remaining] == ["blob.txt"]  # gone, so it fails again
    assert retried.returncode == 1
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    con.close()


def test_stdin_and_usage_errors(tmp_path):
    db = tmp_path / "k.duckdb"
    piped = kroniek("ingest", "-", "--quiet", db=db, stdin="Zaterdag werden in Minsk vijftig mensen opgepakt.\n")
    assert piped.returncode == 0, piped.stderr
    assert kroniek("events", "--since", "oktober", db=db).returncode == 2
    assert kroniek("events", "--format", "xml", db=db).returncode == 2
    missing = kroniek("show", "ffffffffffff", db=db)
    assert missing.returncode == 1 and "K004" in missing.stderr and "Traceback" not in missing.stderr


def test_exports_through_the_cli(tmp_path, seed_article):
    db = tmp_path / "k.duckdb"
    kroniek("ingest", str(seed_article), "--quiet", db=db)
    for fmt, name in (("plover", "e.jsonl"), ("csv", "e.csv"), ("parquet", "e.parquet")):
        result = kroniek("export", "--format", fmt, "--output", str(tmp_path / name), db=db)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 0
    first = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["event"] in {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "REQUEST",
        "ACCUSE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path):
    cities = ["Minsk", "Moskou", "Brussel", "Den Haag", "Kiev", "Warschau", "Vilnius", "Berlijn"]
    lines = [
        json.dumps(
            {
                "text": f"Op dag {i} werden in {cities[i % len(cities)]} {i + 3} betogers opgepakt. "
                f"De politie sprak van rellen bij bijeenkomst nummer {i}.",
                "date": "2021-05-01",
            }
        )
        for i in range(120)
    ]
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "k.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "kroniek", "ingest", str(source), "--db", str(db), "--quiet", "--batch-size", "4"],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if db.exists() and db.stat().st_size > 0:
            time.sleep(1.0)  # let a few batches commit, then kill without warning
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    resumed = kroniek("ingest", str(source), "--quiet", db=db)
    assert resumed.returncode == 0, resumed.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (120, 120)
    # No article's records were written twice (events are keyed by content and article).
    assert con.execute("SELECT count(*) - count(DISTINCT id) FROM events").fetchone()[0] == 0
    assert (
        con.execute("SELECT count(*) FROM sentences").fetchone()[0]
        == con.execute('SELECT count(DISTINCT (doc_id, "index")) FROM sentences').fetchone()[0]
    )
    con.close()


@pytest.mark.parametrize("command", ["events", "quotes", "actors", "failures"])
def test_listing_commands_work_on_an_empty_store(tmp_path, command):
    result = kroniek(command, db=tmp_path / "empty.duckdb")
    assert result.returncode == 0, result.stderr


def test_show_lists_every_report_of_one_happening(tmp_path):
    db = tmp_path / "k.duckdb"
    first = tmp_path / "a.txt"
    second = tmp_path / "b.txt"
    first.write_text(
        "date 2021-03-07 Zondag werden in Minsk 120 demonstranten opgepakt door de politie.", encoding="utf-8"
    )
    second.write_text(
        "date 2021-03-07 De politie heeft zondag in Minsk 120 demonstranten opgepakt, "
        "meldden mensenrechtenorganisaties.",
        encoding="utf-8",
    )
    assert kroniek("ingest", str(first), str(second), "--quiet", db=db).returncode == 0
    arrests = [
        e for e in jsonl(kroniek("events", "--format", "jsonl", "--type", "COERCE", db=db)) if e["mode"] == "arrest"
    ]
    assert len(arrests) == 1 and arrests[0]["kroniek"]["mentions"] == 2
    con = duckdb.connect(str(db), read_only=True)
    second_id = con.execute("SELECT id FROM articles WHERE source LIKE '%b.txt'").fetchone()[0]
    con.close()
    shown = kroniek("show", second_id, "--format", "json", db=db)
    (event,) = [e for e in json.loads(shown.stdout)["events"] if e["mode"] == "arrest"]
    assert [r["doc_id"] for r in event["also_reported"]] == [second_id]


def test_timeline_shows_dates_with_precision_and_places(tmp_path, seed_article):
    db = tmp_path / "k.duckdb"
    kroniek("ingest", str(seed_article), "--quiet", db=db)
    shown = kroniek("timeline", "Lukashenko", db=db).stdout
    # The meeting in the KGB prison on Saturday 10 October 2020, found under the English spelling.
    assert "2020-10-10" in shown and "KGB-gevangenis" in shown
    assert "(month)" in shown  # records known only to the month say so
