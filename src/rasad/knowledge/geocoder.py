"""Geocoder: every gazetteer name in an article, resolved in context (lookup, then ranking).

Lookup is the gazetteer's clitic-aware matcher. Ranking gives each candidate named features:

- ``prior`` (curated preference), ``feature`` (kind of place), ``population``, ``multiword``;
- ``country_context``: the share of the article's place mentions in the candidate's country
  (unambiguous mentions count fully, ambiguous ones split their vote);
- ``nearby``: another place named close by in the text resolves unambiguously to the same
  country (and more when to the same first-level unit);
- ``home``: where a name is shared by places in the Middle East and elsewhere (زنجبار is Zinjibar
  in Yemen and Zanzibar), the Middle-East place is preferred unless the article's countries say
  otherwise;
- ``head_noun``: the noun before the name (``مدينة``، ``محافظة``، ``مخيم`` …) agrees or disagrees
  with the candidate's kind of place.

Mentions that are not places of events are told apart: a function word or common noun that
GeoNames happens to list as a village (``stop``), a country name with the article prefixed
(``السورية`` is "Syrian", an adjective), and a capital or country standing for its government
(``قالت واشنطن``، ``المدعومة من طهران``: ``role="metonymy"``, no best place), and a news outlet
named like a place (``للجزيرة``، ``مراسل الجزيرة``، ``صحيفة الرياض``: ``role="outlet"``, no best
place). A relation word
before the name (``قرب``، ``ريف``، ``شمال``) is kept as ``cue`` and widens the precision. The words
live in ``place_context.tsv``. A best candidate scoring under ``MIN_SCORE`` is an explicit "none".
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..records import Location
from ..text.matcher import Entry, Matcher
from ..text.normalize import Normalized, norm_key
from ..text.spans import Span
from . import gazetteer
from .gazetteer_build import REGION, Place
from .loader import load_table, on_clear

FEATURE_WEIGHT = {"country": 0.3, "admin1": 0.15, "region": 0.2, "base": 0.2, "airport": 0.2, "crossing": 0.2,
                  "camp": 0.2, "district": 0.1, "site": 0.15, "city": 0.1, "admin2": 0.0}
PRECISION = {"country": "country", "admin1": "admin1", "admin2": "admin2", "region": "region", "city": "town"}
# the head noun's kind -> the candidate features it agrees with
HEAD_AGREES = {"city": {"city", "district"}, "admin1": {"admin1"}, "admin2": {"admin2", "admin1"},
               "region": {"region", "admin2", "admin1", "site", "district", "city"}, "camp": {"camp"}, "airport": {"airport"},
               "base": {"base", "airport"}, "crossing": {"crossing"}, "district": {"district", "city"},
               "site": {"site"}}
MIN_SCORE = 0.35
HOME = 0.1          # a Middle-East place over a same-named place elsewhere
NEARBY_CHARS = 120
WITHIN_GAP = 5      # characters between a place and the containing place named after it
ADJACENT = 2        # at most this many characters (spaces, punctuation) between a cue and the name


@dataclass
class Candidate:
    place: Place
    score: float
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class PlaceMention(Span):
    nstart: int
    nend: int
    candidates: list[Candidate]
    best: Place | None
    precision: str | None
    cue: str | None = None          # relation before the name: near | countryside | direction | origin
    role: str | None = None         # "metonymy" when the name stands for a government
    within: bool = False            # names the place that contains the one before it (كنصفرة بريف إدلب)

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
        return {"start": self.start, "end": self.end, "text": self.text, "value": value, "cue": self.cue,
                "role": self.role,
                "candidates": [{"id": c.place.id, "name": c.place.name, "country": c.place.country,
                                "score": round(c.score, 3), "features": c.features} for c in self.candidates[:5]]}


@dataclass(frozen=True)
class PlaceWords:
    stop: frozenset[str]
    heads: frozenset[str]
    matcher: Matcher           # head nouns, relations and metonymy cues
    within: frozenset[str] = frozenset()    # proclitics and words that put a place inside the one before
    relations: frozenset[str] = frozenset()  # relation words (قرب، شمال، وسط …), normalized
    outlets: frozenset[str] = frozenset()    # outlet names that are also place names (الجزيرة، الرياض)
    outlets_bare: frozenset[str] = frozenset()  # of those, names that stand for the outlet even alone


@lru_cache(maxsize=1)
def place_words() -> PlaceWords:
    t = load_table("place_context", required=("surface", "kind"))
    stop, heads, entries, within, relations = set(), set(), [], set(), set()
    outlets, bare = set(), set()
    for r in t.rows:
        kind, value = r["kind"], r.get("value") or ""
        key = norm_key(r["surface"])
        if kind == "stop":
            stop.add(key)
        elif kind == "within":
            within.add(key)
        elif kind in ("joinable", "not_world"):
            continue            # read by the gazetteer build (كفر كلا / كفركلا; world towns' names)
        elif kind == "outlet":
            outlets.add(key)
            if value == "bare":
                bare.add(key)
        elif kind in ("feature", "relation", "metonymy_before", "metonymy_after", "outlet_before",
                      "outlet_after"):
            if kind == "feature":
                heads.add(key)
            elif kind == "relation":
                relations.add(key)
            entries.append(Entry(r["surface"], f"{kind}:{value}", cls="name", data=(kind, value)))
        else:
            from ..errors import KnowledgeError
            raise KnowledgeError(f"unknown kind {kind!r}", path=r.path, line=r.line)
    return PlaceWords(frozenset(stop), frozenset(heads), Matcher(entries, "place_context"), frozenset(within),
                      frozenset(relations), frozenset(outlets), frozenset(bare))


def _gap_ok(text: str, a: int, b: int) -> bool:
    return 0 <= b - a <= ADJACENT and not text[a:b].strip(" \u060c,:\"'()-")


class Geocoder:
    _instance: "Geocoder | None" = None

    def __init__(self, gaz: gazetteer.Gazetteer):
        self.gaz = gaz

    @classmethod
    def default(cls) -> "Geocoder":
        if cls._instance is None:
            cls._instance = cls(gazetteer.default())
        return cls._instance

    @staticmethod
    def _is_place_word(m, text: str, words: PlaceWords) -> bool:
        key = m.entry.key
        core = text[m.nstart + len(m.prefix):m.nend]      # the name as written, proclitics removed
        if not m.data or key in words.stop or key in words.heads or core in words.stop or core in words.heads:
            return False
        # "ال" added to a name that has none makes an adjective: السورية = Syrian, not Syria
        if "ال" in m.prefix and not key.startswith("ال"):
            return False
        # a short name written without its article (ام for الام, عين for العين) is an ordinary word,
        # and so is an outlet's name (جزيرة is an island; للجزيرة keeps its article inside لل)
        if key.startswith("ال") and not core.startswith("ال") and " " not in key and len(core) <= 3:
            return False
        if key in words.outlets_bare and not core.startswith("ال") and not m.prefix.endswith("ل"):
            return False
        return True

    def find(self, norm: Normalized, published: str | None = None) -> list[PlaceMention]:
        words = place_words()
        text = norm.text
        hits = [m for m in self.gaz.matcher.best(norm) if self._is_place_word(m, text, words)]
        cues = words.matcher.find(norm)
        ends: dict[int, list] = {}
        starts: dict[int, list] = {}
        for c in cues:
            ends.setdefault(c.nend, []).append(c)
            starts.setdefault(c.nstart, []).append(c)
        ctx = [self._context(m, text, ends, starts) for m in hits]
        # names that are not places here (a government, an outlet) neither vote nor lend context
        aside = [c[2] or self._is_outlet(m, c[0], c[3], words) for m, c in zip(hits, ctx)]
        countries: Counter[str] = Counter()
        sole: list[Place | None] = []
        for m, meto in zip(hits, aside):
            cs = {self.gaz.places[i].country for i in m.data}
            only = self.gaz.places[m.data[0]] if len(m.data) == 1 else None
            sole.append(only)
            if meto:
                continue
            for c in cs:
                countries[c] += 1.0 / len(cs)
        total = sum(countries.values()) or 1.0
        out = []
        hit_starts = [h.nstart for h in hits]       # in order: ``best`` gives hits by start
        for k, m in enumerate(hits):
            head, rel, meto, outlet = ctx[k]
            lo = bisect_left(hit_starts, m.nstart - NEARBY_CHARS)
            hi = bisect_right(hit_starts, m.nstart + NEARBY_CHARS)
            near = [sole[j] for j in range(lo, hi) if j != k and sole[j] is not None and not aside[j]]
            places = [self.gaz.places[i] for i in m.data]
            # a national capital elsewhere (إسلام آباد) is not outweighed by a namesake village
            mixed = len({p.country in REGION for p in places}) > 1 \
                and not any(p.capital and p.country not in REGION for p in places)
            cands = [self._candidate(p, m, head, near, countries, total, mixed) for p in places]
            cands.sort(key=lambda c: (-c.score, c.place.id))
            best = cands[0].place if cands and cands[0].score >= MIN_SCORE else None
            role = None
            if best is not None and meto and (best.capital or best.feature == "country"):
                best, role = None, "metonymy"
            if self._is_outlet(m, head, outlet, words):
                best, role = None, "outlet"
            prec = None if best is None else PRECISION.get(best.feature, "point")
            if best is not None and rel == "countryside" and prec in ("town", "point"):
                prec = "region"         # ريف حلب: the land around the city; شرق البريج stays at the town
            out.append(PlaceMention(m.start, m.end, m.text, m.nstart, m.nend, cands, best, prec, rel, role,
                                    self._within(m, hits[k - 1] if k else None, text, words)))
        for k in range(1, len(out)):
            a, b = out[k - 1], out[k]
            # محافظة ذي قار جنوبي العراق، مدينة حلب شمال سوريا: a place of another scale right
            # after a name, with nothing between them, says where that one lies
            if not b.within and not hits[k].prefix and a.best is not None and b.best is not None \
                    and a.precision != b.precision and not text[a.nend:b.nstart].strip():
                out[k] = replace(b, within=True)
        return out

    @staticmethod
    def _within(m, prev, text: str, words: PlaceWords) -> bool:
        """``في جبل الزاوية بريف إدلب``، ``الحي في مدينة حلب``: right after another place, a place
        with a containment proclitic or word before it names where that one lies."""
        if prev is None or m.nstart - prev.nend > WITHIN_GAP:
            return False
        if m.prefix and m.prefix[-1:] in words.within:
            return True
        between = text[prev.nend:m.nstart].split()
        return len(between) == 1 and between[0] in words.within

    @staticmethod
    def _is_outlet(m, head: str | None, cued: bool, words: PlaceWords) -> bool:
        """``مراسل الجزيرة``، ``قال للجزيرة``، ``صحيفة الرياض``: an outlet's name, not a place. A
        name standing for its outlet even alone (``bare``) stays a place after a head noun."""
        key = m.entry.key
        if key not in words.outlets:
            return False
        if cued or m.prefix.endswith("ل"):
            return True
        return key in words.outlets_bare and head is None

    @staticmethod
    def _context(m, text: str, ends: dict, starts: dict) -> tuple[str | None, str | None, bool, bool]:
        """(head-noun kind, relation, metonymy, outlet cue) read from the cue words adjacent to a
        name."""
        head = rel = None
        meto = outlet = False
        pos = m.nstart
        for _ in range(3):          # e.g. قرب | مدينة | حلب, or المدعومة من | طهران
            found = None
            for gap in range(ADJACENT + 1):
                for c in ends.get(pos - gap, []):
                    if _gap_ok(text, c.nend, pos):
                        found = c
                        break
                if found:
                    break
            if found is None:
                break
            kind, value = found.data
            if kind == "feature" and head is None:
                head = value
            elif kind == "relation" and rel is None:
                rel = value
            elif kind == "metonymy_before":
                meto = True
            elif kind == "outlet_before":
                outlet = True
            pos = found.nstart
        for gap in range(ADJACENT + 1):
            after = [c.data[0] for c in starts.get(m.nend + gap, []) if _gap_ok(text, m.nend, c.nstart)]
            meto = meto or "metonymy_after" in after
            outlet = outlet or "outlet_after" in after
        return head, rel, meto, outlet

    @staticmethod
    def _candidate(p: Place, m, head: str | None, near: list[Place], countries: Counter, total: float,
                   mixed: bool = False) -> Candidate:
        f = {"prior": p.prior, "feature": FEATURE_WEIGHT.get(p.feature, 0.0),
             "population": round(min(1.0, math.log10(p.population + 1) / 7) * 0.3, 3),
             "country_context": round(0.4 * countries[p.country] / total, 3),
             "multiword": 0.1 if " " in m.entry.key else 0.0}
        if mixed and p.country in REGION:
            f["home"] = HOME
        same = [q for q in near if q.id != p.id and q.country == p.country]
        if same:
            f["nearby"] = 0.15 + (0.1 if any(q.admin1 and q.admin1 == p.admin1 for q in same) else 0.0)
        if head is not None:
            f["head_noun"] = 0.25 if p.feature in HEAD_AGREES.get(head, ()) else -0.15
        return Candidate(p, sum(f.values()), f)


def _clear() -> None:
    Geocoder._instance = None
    place_words.cache_clear()


on_clear(_clear)
