"""Place names from a small shipped gazetteer (``places.tsv``), plus facility locatives.

The gazetteer is matched token-exact and case-sensitive ("Brussel", not "brussel"), so nationality
adjectives ("Russische", "Belarussische") and compounds ("Belarus-gezind") are never places. A
country used as an actor ("in Rusland groeit de kritiek") is still a place here: the actors
component decides whether it also acts.

City names that are also ordinary words ("Nice", "Split", "Reading"; ``needs_prep`` in the
gazetteer) count only right after a locative preposition ("in Nice").

Facility locatives ("in een KGB-gevangenis") become below-city places (resolution 5) without a
GeoNames id; their country is the article's most frequent gazetteer country, which is a guess and
marked by ``resolved_place`` staying empty.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kroniek.nlp.extensions import text_of
from kroniek.nlp.lexicons import read_rows, word_class
from kroniek.records import Place


@lru_cache(maxsize=8)
def gazetteer(lang: str = "nl") -> dict[str, Place]:
    """Surface name -> resolved Place (without offsets)."""
    rows = read_rows(lang, "places.tsv")
    header, body = rows[0], rows[1:]
    out: dict[str, Place] = {}
    for row in body:
        rec = dict(zip(header, row, strict=False))
        out[rec["name"]] = Place(
            extracted_place=rec["name"],
            resolved_place=rec["resolved_place"] or None,
            geonameid=int(rec["geonameid"]) if rec.get("geonameid") else None,
            lat=float(rec["lat"]) if rec.get("lat") else None,
            lon=float(rec["lon"]) if rec.get("lon") else None,
            country_code=rec.get("country_code") or None,
            feature_class=rec.get("feature_class") or None,
            feature_code=rec.get("feature_code") or None,
            resolution=int(rec["resolution"]) if rec.get("resolution") else None,
        )
    return out


@lru_cache(maxsize=8)
def wordlike_names(lang: str = "nl") -> frozenset[str]:
    """Gazetteer names that are also ordinary words: places only after a locative preposition."""
    rows = read_rows(lang, "places.tsv")
    header, body = rows[0], rows[1:]
    if "needs_prep" not in header:
        return frozenset()
    col = header.index("needs_prep")
    return frozenset(row[0] for row in body if len(row) > col and row[col] == "1")


@lru_cache(maxsize=8)
def _facility_pattern(lang: str) -> re.Pattern[str]:
    nouns = [row[0] for row in read_rows(lang, "facility_words.tsv")]
    alt = "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True))
    # "in een KGB-gevangenis", "bij de Russische ambassade": preposition, article, optional
    # adjective, then a word ending in a facility noun
    return re.compile(
        rf"\b(?:in|bij|uit|naar|voor)\s+(?:een|de|het)\s+(?:[\w-]+e\s+)?(?P<place>[\w-]*(?:{alt}))\b",
        re.IGNORECASE,
    )


class PlaceComponent:
    def __init__(self, nlp: Language, lang: str) -> None:
        self.lang = lang
        self.places = gazetteer(lang)
        self.wordlike = wordlike_names(lang)
        # prepositions after which a word-like city name is a place ("in Nice", "naar Split")
        self.locatives = word_class(lang, "locative")
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher.add("PLACE", [nlp.make_doc(name) for name in self.places])
        # datelines write the place in capitals ("BARCELONA Door het harde optreden ...")
        self.upper = {n.upper(): n for n in self.places if " " not in n and len(n) >= 4 and not n.isupper()}
        self.matcher.add("DATELINE", [nlp.make_doc(name) for name in self.upper])

    def _base(self, surface: str) -> Place | None:
        return self.places.get(surface) or self.places.get(self.upper.get(surface, ""))

    def __call__(self, doc: Doc) -> Doc:
        found: list[Place] = []
        text = text_of(doc)
        spans = list(self.matcher(doc, as_spans=True))
        # a sentence-final abbreviation keeps its full stop in one token ("uit de VS."): match without it
        spans += [doc[t.i : t.i + 1] for t in doc if t.text.endswith(".") and t.text[:-1] in self.places]
        for span in _longest(spans):
            start, end = span.start_char, span.end_char
            surface = span.text
            if surface.endswith(".") and surface not in self.places:
                surface, end = surface[:-1], end - 1
            if (start > 0 and text[start - 1] == "-") or (end < len(text) and text[end] == "-"):
                continue  # inside a compound: "Rusland-kenner" is no place
            base = self._base(surface)
            if base is None:
                continue  # an unknown name is skipped, never a reason to drop the others
            if surface in self.wordlike and (span.start == 0 or doc[span.start - 1].lower_ not in self.locatives):
                continue  # "Nice try", "Reading is …": a word, not the town
            found.append(replace(base, extracted_place=surface, start=start, end=end))
        country = article_country(found)
        for m in _facility_pattern(self.lang).finditer(text):
            found.append(
                Place(
                    extracted_place=m.group("place"),
                    country_code=country,
                    feature_class="S",
                    resolution=5,
                    start=m.start("place"),
                    end=m.end("place"),
                )
            )
        found.sort(key=lambda p: p.start or 0)
        doc._.places = found
        return doc


def _longest(spans: list) -> list:
    """Non-overlapping matches, longest first ("Den Haag" over a stray "Haag")."""
    chosen: list = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def article_country(places: list[Place]) -> str | None:
    counts = Counter(p.country_code for p in places if p.geonameid is not None and p.country_code)
    return counts.most_common(1)[0][0] if counts else None


def article_place(places: list[Place]) -> Place | None:
    """The article's most frequent gazetteer place (first written wins a tie)."""
    named = [p for p in places if p.geonameid is not None]
    if not named:
        return None
    counts = Counter(p.geonameid for p in named)
    best = max(named, key=lambda p: (counts[p.geonameid], -(p.start or 0)))
    return best


def place_for_span(doc: Doc, start: int, end: int) -> Place | None:
    """The place of a record at ``[start, end)`` (an event trigger), with ``how`` saying why.

    1. ``clause``: the most specific place in the record's own clause (the sentence cut at ``;``
       and at a comma followed by a conjunction or a new subject is too fine for news; the clause
       here is the sentence part between the nearest ``;``/line breaks), nearest to the record on
       a tie;
    2. ``dateline``: the place of a dateline (a place word written in capitals, or a
       "Van onze correspondent in X" line) at the start of the article;
    3. ``article``: the article's main focus, its most frequent gazetteer place.
    None when the article names no place.
    """
    places = [p for p in doc._.places or [] if p.start is not None]
    if not places:
        return None
    text = text_of(doc)
    lo = max(text.rfind(sep, 0, start) for sep in (".", "!", "?", ";", "\n")) + 1
    his = [i for i in (text.find(sep, end) for sep in (".", "!", "?", ";", "\n")) if i >= 0]
    hi = min(his) if his else len(text)
    here = [p for p in places if lo <= (p.start or 0) < hi]
    if here:
        best = max(here, key=lambda p: (p.resolution or 0, -abs((p.start or 0) - start)))
        return replace(best, how="clause")
    first = places[0]
    head = text[: max(0, first.start or 0)].strip()
    if first.geonameid is not None and text[first.start : first.end].isupper() and not head:
        return replace(first, how="dateline")
    fallback = article_place(places)
    return replace(fallback, how="article") if fallback else None


@Language.factory("kroniek_places", default_config={"lang": "nl"}, assigns=["doc._.places"])
def make_places(nlp: Language, name: str, lang: str) -> PlaceComponent:
    return PlaceComponent(nlp, lang)
