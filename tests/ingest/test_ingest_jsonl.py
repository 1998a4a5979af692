import gzip
import json
from pathlib import Path

import kroniek.ingest.readers as readers
from kroniek.errors import InputWarning
from kroniek.ingest import read_paths, read_source
from kroniek.records import article_id

NL_1 = "De Europese Unie kondigde maandag sancties aan tegen tien functionarissen uit Minsk."
NL_2 = "De Poolse premier belde woensdag met zijn Litouwse ambtgenoot over de grens."
NL_3 = "Volgens de politie werden ruim 200 demonstranten opgepakt in het centrum van Tbilisi."


def _line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_broken_line_among_good_ones(tmp_path: Path, split):
    path = _write(
        tmp_path / "a.jsonl",
        _line(text=NL_1, date="2021-06-21"),
        '{"text": "afgebroken',
        _line(text=NL_2, date="2022-02-02"),
    )
    got = split(read_source(path))
    assert [str(e) for e in got.errors] == [
        f"{path}: K104 line 2: not valid JSON (Unterminated string starting at column 10)"
    ]
    assert got.errors[0].line == 2 and got.errors[0].source == str(path)
    assert [a.source for a in got.articles] == [f"{path}:1", f"{path}:3"]
    assert [a.text for a in got.articles] == [NL_1, NL_2]


def test_line_that_is_not_an_object(tmp_path: Path, split):
    path = _write(tmp_path / "a.jsonl", _line(text=NL_1, date="2021"), '["text", "lijst"]')
    got = split(read_source(path))
    assert [str(e) for e in got.errors] == [f"{path}: K104 line 2: not valid JSON (expected an object, found list)"]
    assert len(got.articles) == 1


def test_line_without_text(tmp_path: Path, split):
    path = _write(
        tmp_path / "a.jsonl",
        _line(title="Alleen een kop", date="2021-01-01"),
        _line(text="   ", date="2021-01-01"),
        _line(text=NL_2, date="2021-01-01"),
    )
    got = split(read_source(path))
    assert [str(e) for e in got.errors] == [
        f"{path}: K105 line 1: the article has no 'text'",
        f"{path}: K105 line 2: the article has no 'text'",
    ]
    assert [a.source for a in got.articles] == [f"{path}:3"]


def test_wrong_types(tmp_path: Path, split):
    path = _write(
        tmp_path / "a.jsonl",
        _line(text=["geen", "string"]),
        _line(text=NL_1, title=7, date="2021-03"),
    )
    got = split(read_source(path))
    assert [str(e) for e in got.errors] == [f"{path}: K111 line 1: 'text' must be a string"]
    # A wrong optional field costs the field, not the article.
    assert [str(w) for w in got.warnings] == [f"{path}: K111 line 2: 'title' must be a string"]
    (article,) = got.articles
    assert article.title is None and article.published == "2021-03"


def test_fields_and_external_id(tmp_path: Path, split):
    path = _write(
        tmp_path / "a.jsonl",
        _line(
            id=42,
            text=NL_1,
            title="  EU  kondigt sancties aan ",
            date="2021-06-21T23:30:00+02:00",
            url="https://example.org/x",
            source="Voorbeeldkrant",
        ),
        _line(id="b-2", text=NL_1, date="2021"),
    )
    first, second = split(read_source(path)).articles
    assert first.external_id == "42" and second.external_id == "b-2"
    # The article id is the content hash, so the same text twice is one article for the store.
    assert first.id == second.id == article_id(NL_1)
    assert first.title == "EU kondigt sancties aan"
    # The day as the source wrote it, not moved to UTC.
    assert (first.published, first.date_precision) == ("2021-06-21", "day")
    assert (second.published, second.date_precision) == ("2021", "year")
    assert first.url == "https://example.org/x"
    assert first.publication == "Voorbeeldkrant"
    assert first.source == f"{path}:1"


def test_language_field_wins_over_detection(tmp_path: Path, split):
    path = _write(
        tmp_path / "a.jsonl",
        _line(text=NL_1, date="2021", language="en"),
        _line(text=NL_2, date="2021", language="nl-BE"),
        _line(text=NL_3, date="2021"),
        _line(text="The European Union announced new sanctions against Belarus on Monday.", date="2021"),
    )
    assert [a.language for a in split(read_source(path)).articles] == ["en", "nl", "nl", "en"]


def test_missing_impossible_and_unknown_dates(tmp_path: Path, split):
    path = _write(
        tmp_path / "a.jsonl",
        _line(text=NL_1),
        _line(text=NL_2, date="2020-02-31"),
        _line(text=NL_3, date="gisteren"),
    )
    got = split(read_source(path))
    assert got.errors == []
    # Each warning comes just before the article it is about, and every article is kept. A
    # missing date in the user's own JSONL is not warned about, as in plain text.
    kinds = ["W" if isinstance(x, InputWarning) else "A" for x in got.items]
    assert kinds == ["A", "W", "A", "W", "A"]
    assert [str(w) for w in got.warnings] == [
        f"{path}:2: K108 the date '2020-02-31' is not a real date; the article was kept without a date",
        f"{path}:3: K113 the date 'gisteren' is not in a known form; the article was kept without a date",
    ]
    assert [w.line for w in got.warnings] == [2, 3]
    assert all(a.published is None for a in got.articles)


def test_blank_lines_bom_and_crlf(tmp_path: Path, split):
    path = tmp_path / "a.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + (_line(text=NL_1, date="2021") + "\r\n\r\n" + _line(text=NL_2, date="2021")).encode()
    )
    got = split(read_source(path))
    assert got.codes() == []
    assert [a.source for a in got.articles] == [f"{path}:1", f"{path}:3"]


def test_cp1252_line_among_utf8(tmp_path: Path, split):
    path = tmp_path / "a.ndjson"
    path.write_bytes(
        (_line(text=NL_1, date="2021") + "\n").encode()
        + (_line(text="Café in Liège – ‘citaat’ van de burgemeester.", date="2021") + "\n").encode("cp1252")
    )
    got = split(read_source(path))
    assert got.codes() == []
    assert got.articles[1].text == "Café in Liège – ‘citaat’ van de burgemeester."


def test_empty_jsonl(tmp_path: Path, split):
    path = tmp_path / "leeg.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert [str(e) for e in split(read_source(path)).errors] == [f"{path}: K102 the file is empty"]


def test_binary_jsonl(tmp_path: Path, split):
    path = tmp_path / "data.jsonl"
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert split(read_source(path)).codes() == ["K103"]


def test_gzip_jsonl_and_broken_gzip(tmp_path: Path, split):
    good = tmp_path / "a.jsonl.gz"
    with gzip.open(good, "wt", encoding="utf-8") as f:
        f.write(_line(text=NL_1, date="2021-06-21") + "\n" + _line(text=NL_2, date="2021-06-22") + "\n")
    bad = tmp_path / "b.jsonl.gz"
    bad.write_bytes(b"dit is geen gzip")
    got = split(read_paths([str(tmp_path)]))
    assert [a.source for a in got.articles] == [f"{good}:1", f"{good}:2"]
    (err,) = got.errors
    assert err.code == "K101" and str(err).startswith(f"{bad}: K101 cannot decode the bytes as text (not a valid gzip")


def test_over_limit_line_is_skipped(tmp_path: Path, split, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 200)
    path = _write(
        tmp_path / "a.jsonl",
        _line(text=NL_1, date="2021"),
        _line(text="lang " * 100, date="2021"),
        _line(text=NL_2, date="2021"),
    )
    got = split(read_source(path))
    assert [(e.code, e.line) for e in got.errors] == [("K107", 2)]
    assert str(got.errors[0]).startswith(f"{path}:2: K107 ")
    assert [a.source for a in got.articles] == [f"{path}:1", f"{path}:3"]
