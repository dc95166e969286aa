"""ACLED columns an event takes from its records beyond the core fields: admin2, admin3 and the
associated actors (``assoc_actor_1``, ``assoc_actor_2``).

Where they come from in a record (the contract allows added fields, ``rasad.records`` keeps them):

- ``location.admin2`` / ``location.admin3``: names of the second and third administrative levels
  of the place, when the geocoder gives them. A place that *is* a second-level unit
  (``location.precision == "admin2"``) is its own admin2.
- ``assoc_actor_1`` / ``assoc_actor_2`` on the record: actors acting with actor1 (or targeted with
  actor2), as a list of actor objects (``{"name": …}``), names, or one of either.

On the event, associated actors are the union over its records (ACLED's ``"; "``-separated list,
without the event's own actor1/actor2); admin2/admin3 follow the event's chosen location.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

SEP = "; "


def admin_levels(data: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """(admin2, admin3) of a record's location (its JSON), None where unknown."""
    loc = (data or {}).get("location") or {}
    admin2 = _name(loc.get("admin2"))
    admin3 = _name(loc.get("admin3"))
    if admin2 is None and loc.get("precision") == "admin2":
        admin2 = _name(loc.get("name"))
    return admin2, admin3


def assoc_names(data: dict[str, Any] | None, side: int) -> list[str]:
    """Names of the actors associated with actor1 (side 1) or actor2 (side 2) in a record."""
    raw = (data or {}).get(f"assoc_actor_{side}")
    if raw is None:
        return []
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for it in items:
        n = _name(it.get("name") if isinstance(it, dict) else it)
        if n and n not in out:
            out.append(n)
    return out


def merge_assoc(current: str | None, names: Iterable[str], exclude: Iterable[str | None] = ()
                ) -> str | None:
    """Union of an event's stored associated actors and a record's, sorted, ``"; "``-joined."""
    skip = {e for e in exclude if e}
    have = [n for n in (current.split(SEP) if current else []) if n]
    allnames = {n for n in [*have, *names] if n not in skip}
    return SEP.join(sorted(allnames)) or None


def _name(v: Any) -> str | None:
    if isinstance(v, str) and v.strip():
        return v.strip()
    return None


# ---- codebook values: inter codes, interaction, unidentified actors, source scale ----------

INTER_LABEL = {1: "State forces", 2: "Rebel group", 3: "Political militia", 4: "Identity militia",
               5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces"}
INTER_CODE = {"state_forces": 1, "rebel_group": 2, "political_militia": 3, "identity_militia": 4,
              "rioters": 5, "protesters": 6, "civilians": 7, "external_other": 8}
# ACLED's names for an actor the sources do not identify, by event type ({c}: the country)
UNIDENTIFIED = {"Protests": ("Protesters ({c})", 6), "Riots": ("Rioters ({c})", 5)}
UNIDENTIFIED_ARMED = ("Unidentified Armed Group ({c})", 3)
SCALE_ORDER = ("Subnational", "National", "Regional", "International", "New media", "Other")


def inter_code(value: str | int | None) -> int | None:
    """An actor type ("state_forces"), numeric code (1, "1") or label -> ACLED's numeric code."""
    if value is None or value == "":
        return None
    if isinstance(value, int) or str(value).isdigit():
        return int(value) if int(value) in INTER_LABEL else None
    if value in INTER_CODE:
        return INTER_CODE[value]
    return next((k for k, v in INTER_LABEL.items() if v.lower() == str(value).lower()), None)


def interaction(c1: int | None, c2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first; ``X0`` for a sole actor."""
    if c1 is None:
        return None
    if c2 is None:
        return c1 * 10
    lo, hi = sorted((c1, c2))
    return lo * 10 + hi


def interaction_label(code: int | None) -> str | None:
    """"State forces-Civilians", "Protesters only" (ACLED's text form of an interaction code)."""
    if code is None:
        return None
    lo, hi = divmod(code, 10)
    if hi == 0:
        return f"{INTER_LABEL[lo]} only"
    return f"{INTER_LABEL[lo]}-{INTER_LABEL[hi]}"


def actor_or_unidentified(name: str | None, code: int | None, event_type: str | None,
                          country: str | None) -> tuple[str, int]:
    """actor1 as ACLED always fills it: the named actor, else the unidentified one it codes."""
    tmpl, default = UNIDENTIFIED.get(event_type or "", UNIDENTIFIED_ARMED)
    if name and name.strip().lower() not in ("unidentified armed group", "unknown"):
        return name, code if code is not None else default
    where = country or "International"
    return tmpl.format(c=where), code if code is not None else default


def actor2_name(name: str | None, country: str | None) -> str | None:
    """actor2, an unidentified group spelt as ACLED does ("Unidentified Armed Group (Libya)")."""
    if name and name.strip().lower() == "unidentified armed group":
        return UNIDENTIFIED_ARMED[0].format(c=country or "International")
    return name


def _build_outlets() -> dict[str, str]:
    from rasad.knowledge.loader import load_table
    return {r["outlet"].strip().lower(): r["scale"]
            for r in load_table("acled_outlets", ("outlet", "scale")).rows}


_OUTLETS = None


def source_scale(sources: Iterable[str]) -> str | None:
    """ACLED's source_scale for an event's outlets: one scale, or two joined by "-"."""
    global _OUTLETS
    if _OUTLETS is None:
        from rasad.knowledge.loader import cached
        _OUTLETS = cached(_build_outlets)
    table = _OUTLETS()
    scales = {table[s.strip().lower()] for s in sources if s and s.strip().lower() in table}
    ordered = [s for s in SCALE_ORDER if s in scales]
    if len(ordered) > 2:
        ordered = [ordered[0], ordered[-1]]
    return "-".join(ordered) or None


def admin_name(value: str | None) -> str | None:
    """An admin1/admin2 name, never a code: a bare code (digits, or two or three capitals and
    digits as GeoNames and ISO 3166-2 write them) is no name and gives None."""
    v = _name(value)
    if v is None:
        return None
    if v.isdigit() or (len(v) <= 3 and v.upper() == v) or _ISO_3166_2.fullmatch(v):
        return None
    return v


_ISO_3166_2 = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
