"""Conservative, explainable matching of event records to deduplicated incidents.

A record may join an existing event only when the event types agree, the dates are within
``DATE_WINDOW_DAYS``, the places are compatible (same country; within ``MAX_KM`` where both have
coordinates, and within 5 km when both name different places; otherwise the same place
name or admin1), no known actor contradicts and the death tolls are not far apart. Those
that pass are scored from weighted features; the best score at or above ``THRESHOLD`` wins. The
score and every feature are returned so the store can keep them next to the record.
Two records of the same article are never merged (the article itself distinguishes them).
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

DATE_WINDOW_DAYS = 2
MAX_KM = 30.0
THRESHOLD = 0.6
MIN_CASUALTY_RATIO = 0.3
WEIGHTS = {"date": 0.3, "place": 0.3, "actors": 0.2, "sub_event_type": 0.1, "casualties": 0.1}
UNKNOWN_ACTORS = {"Unidentified armed group", "Unidentified", None, ""}


@dataclass
class Incident:
    """The features of one record or one event that matching looks at."""

    event_type: str | None
    sub_event_type: str | None
    date: str | None           # ISO YYYY-MM-DD (start)
    country: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    article_ids: frozenset[str] = frozenset()


@dataclass
class Match:
    score: float
    features: dict[str, Any]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def _actor_score(a: Incident, b: Incident) -> float | None:
    """1 agree, 0.5 unknown on either side, None = contradiction (known and different)."""
    scores = []
    for x, y in ((a.actor1, b.actor1), (a.actor2, b.actor2)):
        if x in UNKNOWN_ACTORS or y in UNKNOWN_ACTORS:
            scores.append(0.5)
        elif x == y:
            scores.append(1.0)
        elif {x, y} == {a.actor2, b.actor1} or {x, y} == {a.actor1, b.actor2}:
            scores.append(0.3)  # roles swapped between reports: weak, not contradictory
        else:
            return None
    return sum(scores) / len(scores)


def match(rec: Incident, ev: Incident) -> Match | None:
    """Score ``rec`` against ``ev``; None when a hard constraint rules the merge out."""
    feats: dict[str, Any] = {}
    if not rec.event_type or rec.event_type != ev.event_type:
        return None
    if rec.article_ids & ev.article_ids:
        return None
    days = _days(rec.date, ev.date)
    if days is None or days > DATE_WINDOW_DAYS:
        return None
    feats["days_apart"] = days
    if rec.country and ev.country and rec.country != ev.country:
        return None
    km = None
    if None not in (rec.lat, rec.lon, ev.lat, ev.lon):
        km = haversine_km(rec.lat, rec.lon, ev.lat, ev.lon)  # type: ignore[arg-type]
    same_name = bool(rec.location and rec.location == ev.location)
    feats["km"] = None if km is None else round(km, 2)
    feats["same_location"] = same_name
    named_apart = bool(rec.location and ev.location and not same_name)
    if km is not None:
        if km > MAX_KM or (named_apart and km >= 5):  # two different named towns
            return None
        place = 1.0 if km < 5 else (0.7 if km < 15 else 0.4)
    elif same_name:
        place = 1.0
    elif rec.admin1 and rec.admin1 == ev.admin1 and not named_apart:
        place = 0.4
    else:
        return None
    actors = _actor_score(rec, ev)
    if actors is None:
        return None
    feats["actors"] = actors
    sub = 1.0 if rec.sub_event_type == ev.sub_event_type else 0.0
    feats["same_sub_event_type"] = bool(sub)
    if rec.fatalities is not None and ev.fatalities is not None:
        hi = max(rec.fatalities, ev.fatalities)
        cas = 1.0 if hi == 0 else min(rec.fatalities, ev.fatalities) / hi
        if cas < MIN_CASUALTY_RATIO and hi - min(rec.fatalities, ev.fatalities) > 3:
            return None  # e.g. 4 killed vs 15 killed: two incidents, not two reports of one
    else:
        cas = 0.5
    feats["casualties"] = round(cas, 3)
    parts = {"date": 1.0 - days / (DATE_WINDOW_DAYS + 1), "place": place, "actors": actors,
             "sub_event_type": sub, "casualties": cas}
    score = sum(WEIGHTS[k] * v for k, v in parts.items())
    feats["parts"] = {k: round(v, 3) for k, v in parts.items()}
    feats["threshold"] = THRESHOLD
    return Match(round(score, 4), feats) if score >= THRESHOLD else None


def best_match(rec: Incident, candidates: list[tuple[str, Incident]]) -> tuple[str, Match] | None:
    """The best-scoring candidate event id and its Match, or None (a new event)."""
    best: tuple[str, Match] | None = None
    for ev_id, ev in candidates:
        m = match(rec, ev)
        if m is not None and (best is None or m.score > best[1].score
                              or (m.score == best[1].score and ev_id < best[0])):
            best = (ev_id, m)
    return best


def incident_dict(inc: Incident) -> dict[str, Any]:
    d = asdict(inc)
    d["article_ids"] = sorted(inc.article_ids)
    return d
