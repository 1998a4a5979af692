import io
from pathlib import Path

from ingest_helpers import EXAMPLES

from kroniek.ingest import read_paths, read_source, read_stream
from kroniek.ingest.feed import html_to_text

PAGE = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>Staking in Antwerpen | Testkrant</title>{meta}</head><body>
<nav><a href="/">Home</a> | <a href="/sport">Sport</a></nav>
<article><h1>Staking legt haven van Antwerpen plat</h1>
<p>Havenarbeiders in Antwerpen hebben maandag het werk neergelegd uit protest tegen een nieuwe
pensioenregeling. Volgens de vakbond deden ruim drieduizend mensen mee aan de staking.</p>
<p>De minister van Werk zei dinsdag dat hij ‘snel’ met de bonden wil praten. Het havenbedrijf
sprak van ‘een zware klap voor de economie’.</p></article>
<footer>Alle rechten voorbehouden</footer></body></html>"""


def test_html_example_page(split):
    got = split(read_source(EXAMPLES / "05_navo_overleg.html"))
    assert got.codes() == []
    (article,) = got.articles
    assert article.title == "NAVO-ministers praten in Brussel over luchtverdediging"
    assert (article.published, article.date_precision) == ("2024-02-15", "day")
    assert article.url == "https://example.org/nieuws/2024/02/navo-luchtverdediging"
    assert article.publication == "Voorbeeldkrant"
    assert article.language == "nl"
    assert "Nederland zegde tijdens de bijeenkomst twee extra Patriot-lanceerinstallaties toe." in article.text
    # Boilerplate around the article is not article text.
    for boilerplate in ("Voorpagina", "Meest gelezen", "Weerbericht", "Alle rechten voorbehouden"):
        assert boilerplate not in article.text
    # Paragraphs are separated by a blank line, as in plain-text articles.
    assert "oostflank van het bondgenootschap. Ook de Oekraïense" in article.text
    assert "aan bij het overleg.\n\nSecretaris-generaal Lars Holm" in article.text


def test_html_without_article_text(tmp_path: Path, good_file: Path, split):
    bad = tmp_path / "menu.html"
    bad.write_text("<html><body><nav><a href='/'>Home</a> <a href='/x'>Sport</a></nav></body></html>", "utf-8")
    got = split(read_paths([str(tmp_path)]))
    assert [str(e) for e in got.errors] == [f"{bad}: K106 no article text could be extracted from the HTML page"]
    assert [a.source for a in got.articles] == [str(good_file)]


def test_html_without_date_warns(tmp_path: Path, split):
    page = tmp_path / "staking.htm"
    page.write_text(PAGE.format(meta=""), encoding="utf-8")
    got = split(read_source(page))
    assert [str(w) for w in got.warnings] == [
        f"{page}: K112 no publication date in the source; relative dates stay unresolved"
    ]
    assert got.articles[0].published is None
    assert "Havenarbeiders in Antwerpen" in got.articles[0].text


def test_html_date_from_meta(tmp_path: Path, split):
    page = tmp_path / "staking.html"
    page.write_text(PAGE.format(meta='<meta name="date" content="2023-10-02">'), encoding="utf-8")
    got = split(read_source(page))
    assert got.codes() == []
    assert got.articles[0].published == "2023-10-02"


def test_html_from_stdin_is_sniffed(split):
    got = split(read_stream(io.BytesIO(PAGE.format(meta='<meta name="date" content="2023-10-02">').encode())))
    assert got.codes() == []
    assert got.articles[0].source == "<stdin>"
    assert got.articles[0].title == "Staking legt haven van Antwerpen plat"


def test_rss_example(split):
    path = EXAMPLES / "06_voorbeeldkrant.rss"
    got = split(read_source(path))
    assert got.codes() == []
    first, second = got.articles
    assert first.source == f"{path}#1" and second.source == f"{path}#2"
    assert first.title == "Servië en Kosovo praten in Brussel, maar akkoord blijft uit"
    assert first.url == "https://example.org/nieuws/2023/09/servie-kosovo-overleg"
    assert first.external_id == "vb-2023-0914"
    assert first.publication == "Voorbeeldkrant - Buitenland"
    assert (first.published, first.date_precision) == ("2023-09-14", "day")
    # An evening item at +04:00 keeps the day the feed wrote, not the UTC day.
    assert second.published == "2024-05-26"
    assert "<p>" not in first.text
    assert first.text.startswith("De leiders van Servië en Kosovo")
    assert "kwam het niet.\n\n‘Er is vandaag geen vooruitgang geboekt,’" in first.text
    # content:encoded wins over the one-line description.
    assert second.text.startswith("In de Armeense hoofdstad Jerevan")
    assert "151 betogers" in second.text


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Testfeed</title><id>urn:test</id>
<updated>2022-05-01T10:00:00Z</updated>
<entry><title>Leeg bericht</title><id>urn:1</id><updated>2022-05-01T10:00:00Z</updated></entry>
<entry><title>Rellen in Rotterdam</title><id>urn:2</id><updated>2022-02-30T10:00:00Z</updated>
<content type="html">&lt;p&gt;In Rotterdam zijn zaterdag 35 mensen aangehouden na rellen.&lt;/p&gt;</content></entry>
<entry><title>Overleg in Berlijn</title><id>urn:3</id><published>2022-05-03T09:00:00+02:00</published>
<summary>De Duitse kanselier sprak dinsdag in Berlijn met de Franse president.</summary></entry>
</feed>"""


def test_atom_feed_item_without_text_and_impossible_date(tmp_path: Path, split):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    got = split(read_source(path))
    assert [str(e) for e in got.errors] == [f"{path}#1: K114 the feed item has no text"]
    # Failures name the file itself (a retry reads it again); the item number says where.
    assert [(x.source, x.item) for x in got.errors + got.warnings] == [(str(path), 1), (str(path), 2)]
    # The failure names the file itself, so a retry can read it again.
    assert (got.errors[0].source, got.errors[0].item) == (str(path), 1)
    assert [str(w) for w in got.warnings] == [
        f"{path}#2: K108 the date '2022-02-30T10:00:00Z' is not a real date; the article was kept without a date"
    ]
    rotterdam, berlijn = got.articles
    assert rotterdam.text == "In Rotterdam zijn zaterdag 35 mensen aangehouden na rellen."
    assert rotterdam.published is None
    assert (berlijn.published, berlijn.source) == ("2022-05-03", f"{path}#3")


def test_feed_without_date_warns(tmp_path: Path, split):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<rss version="2.0"><channel><title>T</title><item><title>Kop</title>'
        "<description>De burgemeester van Utrecht opende het nieuwe stadhuis.</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    got = split(read_source(path))
    assert [w.code for w in got.warnings] == ["K112"]
    assert got.articles[0].text == "De burgemeester van Utrecht opende het nieuwe stadhuis."


def test_feed_sniffed_whatever_its_name(tmp_path: Path, split):
    path = tmp_path / "nieuws.txt"
    path.write_text(ATOM, encoding="utf-8")
    assert len(split(read_source(path)).articles) == 2


def test_xml_that_is_not_a_feed(tmp_path: Path, good_file: Path, split):
    bad = tmp_path / "config.xml"
    bad.write_text('<?xml version="1.0"?><instellingen><taal>nl</taal></instellingen>', "utf-8")
    got = split(read_paths([str(tmp_path)]))
    assert [str(e) for e in got.errors] == [f"{bad}: K110 the feed has no items with text"]
    assert [a.source for a in got.articles] == [str(good_file)]


def test_html_to_text():
    assert html_to_text("<p>Een <b>twee</b></p><p>drie &amp; vier<br>vijf</p>") == "Een twee\n\ndrie & vier\nvijf"
    assert html_to_text("<script>x()</script><p>Tekst</p>") == "Tekst"
    assert html_to_text("geen opmaak") == "geen opmaak"


def test_html_parser_crash_is_a_numbered_error(tmp_path: Path, split, monkeypatch):
    def crash(*args, **kwargs):
        raise ValueError("lxml gave up")

    monkeypatch.setattr("kroniek.ingest.html.trafilatura.bare_extraction", crash)
    page = tmp_path / "p.html"
    page.write_text(PAGE.format(meta=""), encoding="utf-8")
    assert [str(e) for e in split(read_source(page)).errors] == [
        f"{page}: K106 no article text could be extracted from the HTML page"
    ]
