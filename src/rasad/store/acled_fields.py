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
