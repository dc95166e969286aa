"""Geocoder (first cut): every gazetteer name in an article, ranked in context.

Ranking features per candidate: curated prior, feature type, population, and the share of the
article's other place mentions that lie in the candidate's country. Cue words, stopwords and the
"none" threshold are not yet data-driven (see the report of issue 3).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..records import Location
from ..text.normalize import Normalized
from . import gazetteer
from .gazetteer_build import Place
from .loader import on_clear

FEATURE_WEIGHT = {"country": 0.3, "admin1": 0.15, "region": 0.2, "base": 0.2, "airport": 0.2, "crossing": 0.2,
                  "camp": 0.2, "district": 0.1, "site": 0.15, "city": 0.1, "admin2": 0.0}
PRECISION = {"country": "country", "admin1": "admin1", "admin2": "admin2", "region": "region", "city": "town"}
MIN_SCORE = 0.35


@dataclass
class Candidate:
    place: Place
    score: float
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    nstart: int
    nend: int
    candidates: list[Candidate]
    best: Place | None
    precision: str | None
    cue: str | None = None

    def to_location(self) -> Location | None:
        p = self.best
        if p is None:
            return None
        return Location(name=p.name, name_ar=p.name_ar, text=self.text, country=p.country, admin1=p.admin1,
                        lat=p.lat, lon=p.lon, precision=self.precision, gazetteer_id=p.id)

    def to_json(self) -> dict[str, Any]:
        p = self.best
        value = None if p is None else {"name": p.name, "name_ar": p.name_ar, "lat": p.lat, "lon": p.lon,
                                        "country": p.country, "admin1": p.admin1, "precision": self.precision,
                                        "gazetteer_id": p.id}
        return {"start": self.start, "end": self.end, "text": self.text, "value": value,
                "candidates": [{"id": c.place.id, "name": c.place.name, "country": c.place.country,
                                "score": round(c.score, 3), "features": c.features} for c in self.candidates[:5]]}


class Geocoder:
    _instance: "Geocoder | None" = None

    def __init__(self, gaz: gazetteer.Gazetteer):
        self.gaz = gaz

    @classmethod
    def default(cls) -> "Geocoder":
        if cls._instance is None:
            cls._instance = cls(gazetteer.default())
        return cls._instance

    def find(self, norm: Normalized, published: str | None = None) -> list[PlaceMention]:
        hits = self.gaz.matcher.best(norm)
        countries: Counter[str] = Counter()
        for m in hits:
            for c in {self.gaz.places[i].country for i in m.data}:
                countries[c] += 1.0 / max(1, len({self.gaz.places[i].country for i in m.data}))
        total = sum(countries.values()) or 1.0
        out = []
        for m in hits:
            cands = []
            for i in m.data:
                p = self.gaz.places[i]
                f = {"prior": p.prior, "feature": FEATURE_WEIGHT.get(p.feature, 0.0),
                     "population": min(1.0, math.log10(p.population + 1) / 7) * 0.3,
                     "country_context": 0.4 * countries[p.country] / total,
                     "multiword": 0.1 if " " in m.entry.key else 0.0}
                cands.append(Candidate(p, sum(f.values()), f))
            cands.sort(key=lambda c: -c.score)
            best = cands[0].place if cands and cands[0].score >= MIN_SCORE else None
            prec = None if best is None else PRECISION.get(best.feature, "point")
            out.append(PlaceMention(m.start, m.end, m.text, m.nstart, m.nend, cands, best, prec))
        return out


def _clear() -> None:
    Geocoder._instance = None


on_clear(_clear)
