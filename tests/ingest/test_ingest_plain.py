from pathlib import Path

import pytest
from ingest_helpers import EXAMPLES, SEED

from kroniek.errors import InputWarning
from kroniek.ingest import read_source
from kroniek.ingest.plain import heading, split_header
from kroniek.records import Article, article_id


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed sample is not beside the checkout")
def test_seed_sample_header(split):
    got = split(read_source(SEED))
    assert got.errors == [] and got.warnings == []
    (article,) = got.articles
    assert article.published == "2020-10"
    assert article.date_precision == "month"
    assert article.text.startswith("Loekasjenko probeert")
    assert article.language == "nl"
    assert article.title is None  # the first line is a long lede ending in a full stop
    assert article.source == str(SEED)
    assert article.id == article_id(article.text)


def test_day_and_month_headers_in_examples(split):
    day = split(read_source(EXAMPLES / "01_protest_tbilisi.txt")).articles[0]
    assert (day.published, day.date_precision) == ("2024-05-12", "day")
    assert day.text.startswith("In de Georgische hoofdstad Tbilisi")
    month = split(read_source(EXAMPLES / "02_bezoek_warschau.txt")).articles[0]
    assert (month.published, month.date_precision) == ("2023-03", "month")
    titled = split(read_source(EXAMPLES / "03_dreiging_chisinau.txt")).articles[0]
    assert titled.title == "Moldavië dreigt met uitzetting van Russische diplomaten"
    # The heading stays in the text: the text is what the file says after the header.
    assert titled.text.startswith("Moldavië dreigt met uitzetting")


def test_header_after_leading_whitespace_and_on_its_own_line():
    assert split_header("\n  date 2021-07-01\n\nDe minister zei dat.") == ("2021-07-01", "De minister zei dat.")
    assert split_header("Date 2021 Het jaar begon rustig.") == ("2021", "Het jaar begon rustig.")
    # "date" that is not followed by a date is article text, not a header.
    assert split_header("date night in Den Haag") == (None, "date night in Den Haag")


def test_no_header_is_normal_and_not_warned(tmp_path: Path, split):
    path = tmp_path / "notitie.txt"
    path.write_text("De burgemeester van Rotterdam opende zaterdag het nieuwe station.\n", encoding="utf-8")
    got = split(read_source(path))
    assert got.codes() == []
    assert got.articles[0].published is None
    assert got.articles[0].date_precision is None


@pytest.mark.parametrize("bad", ["2020-02-31", "2020-13"])
def test_impossible_header_date_warns_and_keeps_the_article(tmp_path: Path, split, bad):
    path = tmp_path / "fout.txt"
    path.write_text(f"date {bad} De minister trad dinsdag af.", encoding="utf-8")
    got = split(read_source(path))
    assert isinstance(got.items[0], InputWarning)  # the warning comes before its article
    assert got.items[0].code == "K108"
    assert str(got.items[0]) == f"{path}: K108 the date '{bad}' is not a real date; the article was kept without a date"
    assert got.articles[0].published is None
    assert got.articles[0].text == "De minister trad dinsdag af."


def test_header_only_is_empty(tmp_path: Path, split):
    path = tmp_path / "alleen_kop.txt"
    path.write_text("date 2020-10\n\n", encoding="utf-8")
    got = split(read_source(path))
    assert got.articles == []
    assert [str(e) for e in got.errors] == [f"{path}: K102 the file is empty"]


def test_heading_rule():
    assert heading("Kabinet valt over asielbeleid\n\nHet kabinet is gevallen.") == "Kabinet valt over asielbeleid"
    assert heading("Het kabinet is gevallen.\n\nDe premier bood ontslag aan.") is None
    assert heading("Kabinet valt over asielbeleid\nHet kabinet is gevallen.") is None  # no blank line
    assert heading("Alleen een kop") is None  # nothing follows


def test_normalisation_crlf_nfc(tmp_path: Path, split):
    path = tmp_path / "windows.txt"
    decomposed = "Cafe\u0301 in Lie\u0300ge"
    path.write_bytes(f"date 2021-05-01 {decomposed} ging dicht.\r\n\r\nDe eigenaar protesteerde.\r\n".encode())
    article: Article = split(read_source(path)).articles[0]
    assert article.text == "Café in Liège ging dicht.\n\nDe eigenaar protesteerde."
    assert "\r" not in article.text
