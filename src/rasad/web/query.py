"""Adapter between the HTTP layer and ``rasad.store``: validated filters, the filters the store
does not take (bbox, min_fatalities, actor_type) applied here, and day/week/actor statistics.

Everything reaching the store goes through ``rasad.store.Filters`` (bound parameters there);
nothing here builds SQL.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, fields
from typing import Any, Iterator

from rasad.errors import InputError
from rasad.store import EventRow, Filters

STORE_GROUPS = ("event_type", "sub_event_type", "country", "admin1", "month", "year", "source")
LOCAL_GROUPS = ("day", "week", "actor", "actor_type")
GROUPS = STORE_GROUPS + LOCAL_GROUPS
MAX_LIMIT = 500
_CHUNK = 2000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# ACLED interaction labels per contract actor type (for actor_type on EventRow.inter1/inter2)
ACTOR_TYPE_LABELS = {
    "state_forces": ("state forces", "1"), "rebel_group": ("rebel groups", "rebel group", "2"),
    "political_militia": ("political militias", "political militia", "3"),
    "identity_militia": ("identity militias", "identity militia", "4"),
    "rioters": ("rioters", "5"), "protesters": ("protesters", "6"),
    "civilians": ("civilians", "7"), "external_other": ("external/other forces", "external/other", "8"),
}


@dataclass
class Query:
    """All filters the API accepts; ``store_filters()`` is the part the store evaluates."""

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

    def store_filters(self) -> Filters:
        return Filters(since=self.since, until=self.until, country=self.country,
                       event_type=self.event_type, sub_event_type=self.sub_event_type,
                       actor=self.actor, admin1=self.admin1, source=self.source, q=self.q)

    def has_local(self) -> bool:
        return self.bbox is not None or self.min_fatalities is not None or self.actor_type is not None

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
    since, until = parse_date(text.get("since"), "since"), parse_date(text.get("until"), "until")
    if since and until and since > until:
        raise InputError("since is after until", source="since")
    mf = text.get("min_fatalities")
    if mf is not None and (not isinstance(mf, int) or mf < 0):
        raise InputError("min_fatalities must be a non-negative integer", source="min_fatalities")
    at = text.get("actor_type") or None
    if at is not None and at not in ACTOR_TYPE_LABELS:
        raise InputError(f"actor_type must be one of {sorted(ACTOR_TYPE_LABELS)}", source="actor_type")
    return Query(since=since, until=until, bbox=parse_bbox(text.get("bbox")), min_fatalities=mf,
                 actor_type=at, **{k: (text.get(k) or None) for k in
                                   ("event_type", "sub_event_type", "actor", "country", "admin1",
                                    "source", "q")})


def _local_match(q: Query, row: EventRow) -> bool:
    if q.min_fatalities is not None and (row.fatalities or 0) < q.min_fatalities:
        return False
    if q.bbox is not None:
        if row.latitude is None or row.longitude is None:
            return False
        minlon, minlat, maxlon, maxlat = q.bbox
        if not (minlon <= row.longitude <= maxlon and minlat <= row.latitude <= maxlat):
            return False
    if q.actor_type is not None:
        labels = ACTOR_TYPE_LABELS[q.actor_type] + (q.actor_type,)
        vals = (row.inter1, row.inter2, getattr(row, "actor1_type", None), getattr(row, "actor2_type", None))
        inters = {str(v).strip().lower() for v in vals if v is not None}
        if not inters & set(labels):
            return False
    return True


def iter_rows(store: Any, q: Query) -> Iterator[EventRow]:
    """Every event matching ``q``, in the store's order, fetched in chunks."""
    flt, offset = q.store_filters(), 0
    while True:
        rows, total = store.query_events(flt, limit=_CHUNK, offset=offset)
        for row in rows:
            if _local_match(q, row):
                yield row
        offset += len(rows)
        if not rows or offset >= total:
            return


def query_events(store: Any, q: Query, limit: int, offset: int) -> tuple[list[EventRow], int]:
    if not q.has_local():
        return store.query_events(q.store_filters(), limit=limit, offset=offset)
    page, total = [], 0
    for row in iter_rows(store, q):
        if offset <= total < offset + limit:
            page.append(row)
        total += 1
    return page, total


def _week(day: str) -> str:
    d = dt.date.fromisoformat(day[:10])
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def stats(store: Any, q: Query, group_by: str) -> list[dict[str, Any]]:
    """[{key, events, fatalities}] grouped by ``group_by`` (see GROUPS)."""
    if group_by in STORE_GROUPS and not q.has_local():
        return [{"key": s.key, "events": s.events, "fatalities": s.fatalities}
                for s in store.stats(group_by, q.store_filters())]
    events: Counter[str | None] = Counter()
    deaths: defaultdict[str | None, int] = defaultdict(int)
    for row in iter_rows(store, q):
        for key in _keys(row, group_by):
            events[key] += 1
            deaths[key] += row.fatalities or 0
    keys = sorted(events, key=lambda k: (k is None, k or "")) if group_by in (
        "day", "week", "month", "year") else sorted(events, key=lambda k: (-events[k], k or ""))
    return [{"key": k, "events": events[k], "fatalities": deaths[k]} for k in keys]


def _keys(row: EventRow, group_by: str) -> list[str | None]:
    date = row.event_date
    if group_by == "day":
        return [date[:10] if date else None]
    if group_by == "week":
        return [_week(date) if date else None]
    if group_by == "month":
        return [date[:7] if date else None]
    if group_by == "year":
        return [date[:4] if date else None]
    if group_by == "actor":
        return [a for a in {row.actor1, row.actor2} if a] or [None]
    if group_by == "actor_type":
        return [str(v) for v in {row.inter1, row.inter2} if v] or [None]
    if group_by == "source":
        return list(row.sources) or [None]
    return [getattr(row, group_by)]


def export_rows(store: Any, q: Query) -> Iterator[dict[str, Any]]:
    """ACLED-column dicts from the store, with the local filters applied on their columns."""
    for d in store.iter_export(q.store_filters()):
        if q.has_local():
            row = EventRow.model_construct(
                fatalities=_int(d.get("fatalities")), latitude=_float(d.get("latitude")),
                longitude=_float(d.get("longitude")), inter1=d.get("inter1"), inter2=d.get("inter2"))
            if not _local_match(q, row):
                continue
        yield d


def _int(v: Any) -> int | None:
    try:
        return int(v) if v not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _float(v: Any) -> float | None:
    try:
        return float(v) if v not in (None, "") else None
    except (TypeError, ValueError):
        return None
