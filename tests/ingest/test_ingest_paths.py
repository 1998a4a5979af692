import io
import json
from pathlib import Path

from ingest_helpers import EXAMPLES, GOOD_TEXT

from kroniek.ingest import read_paths


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a" / "diep").mkdir(parents=True)
    (root / ".git").mkdir()
    for rel in ("b/twee.txt", "a/een.txt", "a/diep/drie.txt", "vier.txt"):
        (root / rel).write_text(GOOD_TEXT.replace("Minsk", rel), encoding="utf-8")
    (root / ".verborgen.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (root / ".git" / "x.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (root / "README.md").write_text("# Mijn artikelen\n", encoding="utf-8")
    (root / "foto.png").write_bytes(b"\x89PNG\x00\x00")


def test_folder_recursive_sorted_skipping_hidden(tmp_path: Path, split):
    _tree(tmp_path)
    got = split(read_paths([str(tmp_path)]))
    assert got.codes() == []
    assert [Path(a.source).relative_to(tmp_path).as_posix() for a in got.articles] == [
        "a/diep/drie.txt",
        "a/een.txt",
        "b/twee.txt",
        "vier.txt",
    ]


def test_glob_expansion(tmp_path: Path, split):
    _tree(tmp_path)
    got = split(read_paths([f"{tmp_path}/**/*.txt"]))
    # glob skips hidden names too; README.md and the PNG do not match the pattern.
    assert sorted(Path(a.source).name for a in got.articles) == ["drie.txt", "een.txt", "twee.txt", "vier.txt"]
    got = split(read_paths([f"{tmp_path}/*"]))
    # A glob naming folders walks them; the README it names explicitly is read as text.
    assert "README.md" in {Path(a.source).name for a in got.articles}
    assert got.codes() == ["K103"]  # foto.png, named by the pattern


def test_pattern_without_match(tmp_path: Path, good_file: Path, split):
    pattern = f"{tmp_path}/*.jsonl"
    got = split(read_paths([pattern, str(good_file)]))
    assert [str(e) for e in got.errors] == [f"{pattern}: K001 no input matched {pattern}"]
    assert [a.source for a in got.articles] == [str(good_file)]


def test_missing_file_and_empty_folder(tmp_path: Path, good_file: Path, split):
    empty = tmp_path / "leeg"
    empty.mkdir()
    missing = tmp_path / "bestaat_niet.txt"
    got = split(read_paths([str(missing), str(empty), str(good_file)]))
    assert [str(e) for e in got.errors] == [
        f"{missing}: K109 cannot read the file (no such file or folder)",
        f"{empty}: K001 no input matched {empty}",
    ]
    assert len(got.articles) == 1


def test_file_named_twice_is_read_once(tmp_path: Path, good_file: Path, split):
    got = split(read_paths([str(good_file), str(tmp_path), f"{tmp_path}/*.txt"]))
    assert [a.source for a in got.articles] == [str(good_file)]


def test_stdin_text_with_header(split):
    got = split(read_paths(["-"], stdin=io.StringIO(GOOD_TEXT)))
    assert got.codes() == []
    (article,) = got.articles
    assert article.source == "<stdin>"
    assert article.published == "2022-04-05"
    assert article.text.startswith("De politie in Minsk")


def test_stdin_binary_jsonl(split):
    lines = [
        json.dumps({"text": "De premier sprak in Brussel met de Franse president.", "date": "2024-01-09"}),
        "{kapot",
    ]
    got = split(read_paths(["-"], stdin=io.BytesIO("\n".join(lines).encode())))
    assert [a.source for a in got.articles] == ["<stdin>:1"]
    detail = "Expecting property name enclosed in double quotes at column 2"
    assert [str(e) for e in got.errors] == [f"<stdin>: K104 line 2: not valid JSON ({detail})"]


def test_stdin_empty_and_stdin_read_once(good_file: Path, split):
    got = split(read_paths(["-", str(good_file), "-"], stdin=io.BytesIO(b"  \n")))
    assert [str(e) for e in got.errors] == ["<stdin>: K102 the file is empty"]
    assert len(got.articles) == 1


def test_stdin_text_stream_with_buffer(split):
    # sys.stdin is a text wrapper; its bytes are read, so the encoding is kroniek's to find.
    raw = io.BytesIO("Café in Liège – ‘citaat’ van de burgemeester.".encode("cp1252"))
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    assert split(read_paths(["-"], stdin=stream)).articles[0].text == "Café in Liège – ‘citaat’ van de burgemeester."


def test_examples_folder_reads_clean(split):
    got = split(read_paths([str(EXAMPLES)]))
    assert got.codes() == []
    assert len(got.articles) == 8  # 3 text files, 2 JSONL lines, 1 page, 2 feed items
    assert {a.language for a in got.articles} == {"nl"}
    assert all(a.published for a in got.articles)
    assert len({a.id for a in got.articles}) == 8
