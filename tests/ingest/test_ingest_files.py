"""Bad files of every kind: each gives one numbered line naming the file, and the good file
beside it is still read."""

import os
from pathlib import Path

import pytest

import kroniek.ingest.readers as readers
from kroniek.ingest import read_paths, read_source


def _read_with_good(tmp_path: Path, good_file: Path, bad: Path, split):
    got = split(read_paths([str(tmp_path)]))
    # The good article is read whatever happened to its neighbour.
    assert [a.source for a in got.articles] == [str(good_file)]
    assert got.articles[0].published == "2022-04-05"
    return got


def test_empty_file(tmp_path: Path, good_file: Path, split):
    bad = tmp_path / "a_leeg.txt"
    bad.write_bytes(b"")
    got = _read_with_good(tmp_path, good_file, bad, split)
    assert [str(e) for e in got.errors] == [f"{bad}: K102 the file is empty"]


def test_whitespace_only_file(tmp_path: Path, good_file: Path, split):
    bad = tmp_path / "a_spaties.txt"
    bad.write_bytes(b" \n\t\r\n  \n")
    got = _read_with_good(tmp_path, good_file, bad, split)
    assert got.codes() == ["K102"]


def test_bom_only_file_is_empty(tmp_path: Path, split):
    bad = tmp_path / "bom.txt"
    bad.write_bytes(b"\xef\xbb\xbf\n")
    assert split(read_source(bad)).codes() == ["K102"]


def test_binary_file(tmp_path: Path, good_file: Path, split):
    bad = tmp_path / "a_foto.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    got = _read_with_good(tmp_path, good_file, bad, split)
    assert [str(e) for e in got.errors] == [f"{bad}: K103 the file looks binary, not text"]


def test_undecodable_mixed_utf8(tmp_path: Path, good_file: Path, split):
    # Valid UTF-8 ("Café") followed by a cp1252 byte ("è" as 0xE8): a damaged or
    # concatenated file that no single encoding reads right.
    bad = tmp_path / "a_kapot.txt"
    bad.write_bytes("Het café in ".encode() + "Liège ging dicht.".encode("cp1252"))
    got = _read_with_good(tmp_path, good_file, bad, split)
    (err,) = got.errors
    assert err.code == "K101"
    # 0-based: "Het café in Li" is 15 bytes in UTF-8, so the cp1252 "è" is byte 15.
    detail = "invalid UTF-8 at byte 15 in text that is otherwise UTF-8"
    assert str(err) == f"{bad}: K101 cannot decode the bytes as text ({detail})"


def test_undecodable_high_bytes(tmp_path: Path, split):
    bad = tmp_path / "ruis.txt"
    bad.write_bytes(bytes(range(128, 256)) * 3)
    got = split(read_source(bad))
    assert got.codes() == ["K101"]
    assert str(bad) in str(got.errors[0])


def test_cp1252_file_decoded_right(tmp_path: Path, good_file: Path, split):
    text = "date 2021-09-14 Café in Liège – ‘citaat’ van de burgemeester over het „nieuwe” plein."
    legacy = tmp_path / "oud.txt"
    legacy.write_bytes(text.encode("cp1252"))
    got = split(read_paths([str(tmp_path)]))
    assert got.codes() == []
    by_source = {a.source: a for a in got.articles}
    assert by_source[str(legacy)].text == text.removeprefix("date 2021-09-14 ")
    assert str(good_file) in by_source


def test_short_cp1252_line(tmp_path: Path, split):
    legacy = tmp_path / "kort.txt"
    legacy.write_bytes("Café in Liège – ‘citaat’".encode("cp1252"))
    assert split(read_source(legacy)).articles[0].text == "Café in Liège – ‘citaat’"


def test_cp1251_russian(tmp_path: Path, split):
    path = tmp_path / "ru.txt"
    text = "Лукашенко встретился с оппозицией в тюрьме КГБ, сообщает пресс-служба президента."
    path.write_bytes(text.encode("cp1251"))
    article = split(read_source(path)).articles[0]
    assert article.text == text
    assert article.language == "ru"


def test_utf8_bom_file(tmp_path: Path, split):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + b"date 2023-01-02 Het kabinet in Den Haag besprak de crisis.")
    got = split(read_source(path))
    assert got.codes() == []
    article = got.articles[0]
    assert article.published == "2023-01-02"  # the header is found behind the BOM
    assert article.text == "Het kabinet in Den Haag besprak de crisis."


def test_utf16_bom_file(tmp_path: Path, split):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Het kabinet in Den Haag besprak de crisis in België.".encode("utf-16"))
    assert split(read_source(path)).articles[0].text == "Het kabinet in Den Haag besprak de crisis in België."


def test_over_limit_file(tmp_path: Path, good_file: Path, split, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 200)
    bad = tmp_path / "a_groot.txt"
    bad.write_text("De minister sprak lang. " * 20, encoding="utf-8")  # 480 bytes
    got = _read_with_good(tmp_path, good_file, bad, split)
    (err,) = got.errors
    assert err.code == "K107"
    assert str(err) == f"{bad}: K107 the file is 0 MB, over the 0.0002 MB limit for one article source"


def test_over_limit_is_not_read_whole(tmp_path: Path, split, monkeypatch):
    monkeypatch.setattr(readers, "MAX_BYTES", 10)
    bad = tmp_path / "groot.txt"
    bad.write_text("x" * 100, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError("the over-limit file was opened")

    monkeypatch.setattr("builtins.open", refuse)
    assert split(read_source(bad)).codes() == ["K107"]


def test_missing_and_folder_paths_are_k109(tmp_path: Path, split):
    gone = tmp_path / "weg.txt"
    got = split(read_source(gone))  # e.g. deleted between listing and reading
    assert got.codes() == ["K109"]
    assert str(got.errors[0]).startswith(f"{gone}: K109 cannot read the file (")
    assert split(read_source(tmp_path)).codes() == ["K109"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path, good_file: Path, split):
    bad = tmp_path / "a_geheim.txt"
    bad.write_text("geheim", encoding="utf-8")
    bad.chmod(0)
    try:
        got = _read_with_good(tmp_path, good_file, bad, split)
    finally:
        bad.chmod(0o644)
    assert [str(e) for e in got.errors] == [f"{bad}: K109 cannot read the file (permission denied)"]


def test_unreadable_file_as_root_via_open_error(tmp_path: Path, good_file: Path, split, monkeypatch):
    bad = tmp_path / "a_geheim.txt"
    bad.write_text("geheim", encoding="utf-8")
    real_open = open

    def guarded(file, *args, **kwargs):
        if str(file) == str(bad):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded)
    got = _read_with_good(tmp_path, good_file, bad, split)
    assert [str(e) for e in got.errors] == [f"{bad}: K109 cannot read the file (permission denied)"]


def test_control_characters_without_nul_look_binary(tmp_path: Path, split):
    bad = tmp_path / "dump.txt"
    bad.write_bytes(bytes(range(1, 9)) * 50 + b"wat tekst")
    got = split(read_source(bad))
    assert [str(e) for e in got.errors] == [f"{bad}: K103 the file looks binary, not text"]
