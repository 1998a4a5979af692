"""The Python API as a notebook user calls it."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

import kroniek

TEXT = (
    "Zondag werden in Minsk meer dan 300 demonstranten opgepakt door de politie. "
    "‘Wij laten ons niet bang maken’, zei oppositieleider Svetlana Tichanovskaja."
)


def test_read_text_returns_records_with_provenance():
    records = kroniek.read(TEXT, published="2020-10-12")
    assert records.article.language == "nl"
    assert records.article.date_precision == "day"
    arrests = [e for e in records.events if e.event == "COERCE" and e.mode == "arrest"]
    assert arrests and arrests[0].size.arrested == 300
    for record in [*records.events, *records.quotes]:
        # Offsets point into the article text, inside the sentence they name.
        sentence = records.sentences[record.sentence]
        assert sentence.start <= record.start < record.end <= sentence.end
    (quote,) = records.quotes
    assert TEXT[quote.start : quote.end] == quote.text == "Wij laten ons niet bang maken"
    assert quote.speaker is not None and "Tichanovskaja" in quote.speaker.entity_text


def test_results_turn_into_data_frames():
    records = kroniek.read(TEXT, published="2020-10-12")
    frame = records.events.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert {"event", "mode", "date", "size_arrested", "doc_id", "start", "end"} <= set(frame.columns)
    table = records.quotes.to_arrow()
    assert isinstance(table, pa.Table) and table.num_rows == 1


def test_read_a_file_and_open_a_store(tmp_path):
    path = tmp_path / "artikel.txt"
    path.write_text("date 2020-10-12 " + TEXT, encoding="utf-8")
    from_file = kroniek.read(path)
    assert from_file.article.published == "2020-10-12"

    with kroniek.open(tmp_path / "k.duckdb") as chronicle:
        summary = chronicle.ingest(str(path), on_message=lambda _m: None)
        assert (summary.stored, summary.failed) == (1, 0)
        assert len(chronicle.events(actor="politie")) >= 1
        assert chronicle.quotes(speaker="Tichanovskaja").to_pandas().shape[0] == 1
        timeline = chronicle.timeline("Tichanovskaja")
        assert [type(r).__name__ for r in timeline].count("Quote") == 1


def test_non_dutch_articles_are_stored_but_not_analysed(tmp_path):
    with kroniek.open(tmp_path / "k.duckdb") as chronicle:
        path = tmp_path / "en.txt"
        path.write_text(
            "On Sunday police in Minsk detained more than three hundred protesters, officials said.",
            encoding="utf-8",
        )
        summary = chronicle.ingest(str(path), on_message=lambda _m: None)
        assert (summary.stored, summary.not_dutch) == (1, 1)
        assert chronicle.events() == []
        row = chronicle.store.con.execute("SELECT language, status, notes FROM articles").fetchone()
        assert row[0] == "en" and row[1] == "skipped" and "K201" in row[2]


def test_an_article_that_breaks_the_pipeline_is_recorded_and_retried(tmp_path, monkeypatch):
    from kroniek import api

    source = tmp_path / "feed.jsonl"
    source.write_text(
        '{"text": "Maandag protesteerden boeren in Den Haag."}\n{"text": "Dinsdag BOEM staakten de piloten."}\n',
        encoding="utf-8",
    )
    from kroniek.extract import collect

    real = collect.analyse

    def fragile(nlp, articles):
        articles = list(articles)
        if any("BOEM" in a.text for a in articles):
            raise RuntimeError("model crashed")
        return real(nlp, articles)

    messages: list[str] = []
    with kroniek.open(tmp_path / "k.duckdb") as chronicle:
        monkeypatch.setattr(collect, "analyse", fragile)
        summary = chronicle.ingest(str(source), on_message=messages.append)
        assert (summary.stored, summary.failed) == (1, 1)
        assert any("K202" in m and "feed.jsonl:2" in m for m in messages)
        (failure,) = chronicle.failures()
        # Recorded against the readable file and its line, so that a retry can read it again.
        assert (failure["source"], failure["line"], failure["code"]) == (str(source), 2, "K202")

        monkeypatch.setattr(collect, "analyse", real)
        retried = api.retry_failed(chronicle.store, on_message=messages.append)
        assert (retried.stored, retried.failed) == (1, 0)
        assert chronicle.failures() == []
