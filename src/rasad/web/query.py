"""Adapter between the HTTP layer and ``rasad.store``: validated filters (all evaluated in SQL
by the store, see ``rasad.store.query.EventFilters``) and day/week/actor statistics.

Everything reaching the store goes through ``EventFilters`` (bound parameters there); nothing here
builds SQL.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from typing import Any, Iterator

from rasad.errors import InputError
from rasad.store import EventRow
from rasad.store.query import EventFilters

STORE_GROUPS = ("event_type", "sub_event_type", "country", "admin1", "month", "year", "source", "day")
LOCAL_GROUPS = ("week", "actor", "actor_type")
GROUPS = STORE_GROUPS + LOCAL_GROUPS
MAX_LIMIT = 500
_CHUNK = 2000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ACTOR_TYPES = ("state_forces", "rebel_group", "political_militia", "identity_militia", "rioters",
               "protesters", "civilians", "external_other")


@dataclass
class Query:
    """All filters the API accepts, validated; ``store_filters()`` hands them to the store."""

    since: str | None = None
    until: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    actor_type: str | None = None
    country: str | None = None
    admin1: str | None = None
    source: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_fatalities: int | None = None

    def store_filters(self) -> EventFilters:
        return EventFilters(**{f.name: getattr(self, f.name) for f in fields(self)})

    def as_params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v is None or v == "":
                continue
            out[f.name] = ",".join(map(str, v)) if f.name == "bbox" else str(v)
        return out


def parse_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise InputError(f"{name} must be a date YYYY-MM-DD, got {value!r}", source=name)
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{name} is not a valid date: {value!r}", source=name) from exc
    return value


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise InputError("bbox must be minlon,minlat,maxlon,maxlat", source="bbox")
    try:
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError as exc:
        raise InputError(f"bbox values must be numbers: {value!r}", source="bbox") from exc
    if not all(map(_finite, (minlon, minlat, maxlon, maxlat))):
        raise InputError("bbox values must be finite", source="bbox")
    if not (-180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
        raise InputError("bbox must satisfy -180<=minlon<=maxlon<=180 and -90<=minlat<=maxlat<=90",
                         source="bbox")
    return (minlon, minlat, maxlon, maxlat)


def _finite(x: float) -> bool:
    return x == x and x not in (float("inf"), float("-inf"))


def build_query(**kw: Any) -> Query:
    """Validate raw string parameters into a ``Query`` (raises ``InputError``)."""
    text = {k: (v.strip() if isinstance(v, str) else v) for k, v in kw.items()}
    for k, v in text.items():
        if isinstance(v, str) and len(v) > 500:
            raise InputError(f"{k} is longer than 500 characters", source=k)
        if isinstance(v, str) and "\x00" in v:  # PostgreSQL text cannot hold NUL
            raise InputError(f"{k} contains a NUL character", source=k)
    since, until = parse_date(text.get("since"), "since"), parse_date(text.get("until"), "until")
    if since and until and since > until:
        raise InputError("since is after until", source="since")
    mf = text.get("min_fatalities")
    if mf is not None and (not isinstance(mf, int) or mf < 0):
        raise InputError("min_fatalities must be a non-negative integer", source="min_fatalities")
    at = text.get("actor_type") or None
    if at is not None and at not in ACTOR_TYPES:
        raise InputError(f"actor_type must be one of {sorted(ACTOR_TYPES)}", source="actor_type")
    return Query(since=since, until=until, bbox=parse_bbox(text.get("bbox")), min_fatalities=mf,
                 actor_type=at, **{k: (text.get(k) or None) for k in
                                   ("event_type", "sub_event_type", "actor", "country", "admin1",
                                    "source", "q")})


def iter_rows(store: Any, q: Query) -> Iterator[EventRow]:
    """Every event matching ``q``, in the store's order, fetched in chunks."""
    flt, offset = q.store_filters(), 0
    while True:
        rows, total = store.query_events(flt, limit=_CHUNK, offset=offset)
        yield from rows
        offset += len(rows)
        if not rows or offset >= total:
            return


def query_events(store: Any, q: Query, limit: int, offset: int) -> tuple[list[EventRow], int]:
    return store.query_events(q.store_filters(), limit=limit, offset=offset)


def _week(day: str) -> str:
    d = dt.date.fromisoformat(day[:10])
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def stats(store: Any, q: Query, group_by: str) -> list[dict[str, Any]]:
    """[{key, events, fatalities}] grouped by ``group_by`` (see GROUPS); dates in date order."""
    flt = q.store_filters()
    if group_by == "week":  # weeks are summed from the store's per-day counts
        return _tally(((_week(s.key) if s.key else None, s.events, s.fatalities)
                       for s in store.stats("day", flt)), by_key=True)
    if group_by in STORE_GROUPS:
        rows = [{"key": s.key, "events": s.events, "fatalities": s.fatalities}
                for s in store.stats(group_by, flt)]
        if group_by == "day":
            rows.sort(key=lambda r: (r["key"] is None, r["key"] or ""))
        return rows
    return _tally(((k, 1, row.fatalities or 0) for row in iter_rows(store, q)
                   for k in _actor_keys(row, group_by)), by_key=False)


def _tally(items: Iterator[tuple[str | None, int, int]], by_key: bool) -> list[dict[str, Any]]:
    events: Counter[str | None] = Counter()
    deaths: defaultdict[str | None, int] = defaultdict(int)
    for key, n, fat in items:
        events[key] += n
        deaths[key] += fat
    order = (lambda k: (k is None, k or "")) if by_key else (lambda k: (-events[k], k or ""))
    return [{"key": k, "events": events[k], "fatalities": deaths[k]} for k in sorted(events, key=order)]


def _actor_keys(row: EventRow, group_by: str) -> list[str | None]:
    """An event counts once per distinct actor (``actor``) or ACLED interaction code (``actor_type``)."""
    vals = {row.actor1, row.actor2} if group_by == "actor" else {row.inter1, row.inter2}
    return [str(v) for v in vals if v] or [None]


def export_rows(store: Any, q: Query) -> Iterator[dict[str, Any]]:
    """ACLED-column dicts from the store, every filter applied there."""
    return store.iter_export(q.store_filters())
