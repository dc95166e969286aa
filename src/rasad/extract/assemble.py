"""From incident drafts to contract records: merging repeats, evidence, ids and confidence.

Merging follows the annotation guide: the same incident in the headline and the body is one
event; a coarse mention ("in Syria") of an incident also located precisely is the same event;
conflicting casualty figures keep the lowest.
"""
from __future__ import annotations

import math

from ..knowledge.vocab import acled_pick
from ..notes import annotate
from ..records import Actor, Claim, DateValue, Evidence, Location, Record, Source, record_id
from .incident import DateSpan, Incident
from .registry import on, rule

COARSE = {"country", "admin1", "region"}
SAME_PLACE_KM = 5.0
NEAR_TWIN = rule("merge.near_twin_place", "merge",
                 "one town under two gazetteer entries a few km apart (طرابلس / العاصمة طرابلس) is one place")


def _km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _same_place(a: Incident, b: Incident) -> bool:
    if a.place_id == b.place_id:
        return True
    if a.place_id is None or b.place_id is None or a.precision in COARSE or b.precision in COARSE:
        return False
    pa, pb = a.place.best, b.place.best
    if None in (pa.lat, pa.lon, pb.lat, pb.lon) or pa.country != pb.country or _km(pa, pb) > SAME_PLACE_KM:
        return False
    if on(NEAR_TWIN):
        a.trail.fire(NEAR_TWIN)
        return True
    return False

_NUM_FIELDS = ("fatalities", "injured", "missing")
_OTHER_SIDE = {"actor1": "actor2", "actor2": "actor1"}

SAME_SPOT = rule("merge.same_spot", "merge",
                 "two types at one precise place on one day are one event of the tactic ACLED "
                 "ranks highest")
CROWD_SPOT = rule("merge.crowd_spot", "merge",
                  "an undated mention of a crowd event where the article dates one at that place "
                  "is that one")
OWN_DATE_WINS = rule("merge.own_date_wins", "merge",
                     "merging an incident the article dates with one that took the report's date "
                     "keeps the former")
SAME_DAY_PLACE = rule("merge.same_day_place", "merge",
                      "the same type at the same place on the same day is one event")
NEXT_DAY_TWIN = rule("merge.next_day_twin", "merge",
                     "the same strike reported late one day and at dawn the next, by the same "
                     "hand, is one event")
DATELESS_TWIN = rule("merge.dateless_twin", "merge",
                     "an incident with the report's date, like one the article dates at that "
                     "place, is that one")
HEADLINE_BODY = rule("merge.headline_body", "merge",
                     "an incident in the headline is the one the body reports in that country")
FOLD_COARSE = rule("merge.fold_coarse", "merge",
                   "an event located at country or province level with a precise twin goes into it")
LOWEST_FIGURE = rule("merge.lowest_figure", "merge",
                     "conflicting casualty figures for one event keep the lowest")
NOT_BOTH_SIDES = rule("merge.not_both_sides", "merge",
                      "an actor already on one side of an event is not taken for the other from "
                      "its twin")


def _actor_key(a) -> str | None:
    return a.actor.key if a is not None else None


def _absorb(into: Incident, other: Incident) -> None:
    for k in ("actor1", "actor2", "weapon", "weapon_count", "claim"):
        if getattr(into, k) is None and getattr(other, k) is not None:
            side = getattr(into, _OTHER_SIDE[k]) if k in _OTHER_SIDE else None
            if into.trail.applies(NOT_BOTH_SIDES, side is not None
                                  and side.actor.name == getattr(other, k).actor.name):
                continue        # the actor already on the other side is not both
            setattr(into, k, getattr(other, k))
    for k in _NUM_FIELDS:
        a, b = getattr(into, k), getattr(other, k)
        if a is None:
            setattr(into, k, b)
        elif into.trail.applies(LOWEST_FIGURE, b is not None and b < a):
            setattr(into, k, b)
    names = {x.name for x in into.sources}
    into.sources = into.sources + [s for s in other.sources if s.name not in names]
    into.evidence = into.evidence + [e for e in other.evidence if e not in into.evidence]
    into.spans = into.spans + other.spans
    into.strength = max(into.strength, other.strength)
    into.trail.extend(other.trail)


CROWD_EVENTS = {"Protests", "Riots"}


def _same_spot(a: Incident, b: Incident) -> bool:
    """One precise place, one day: ACLED codes one event there, of the tactic that ranks highest.
    An undated mention of a crowd event where the article dates one (احتجاجات البصرة …) is that one."""
    if a.status != b.status or a.place_id is None or a.place_id != b.place_id or a.precision in COARSE:
        return False
    if a.date.first == b.date.first:
        return on(SAME_SPOT)
    crowd = a.event_type in CROWD_EVENTS and b.event_type in CROWD_EVENTS
    return crowd and (b.date.text is None or a.date.text is None) and on(CROWD_SPOT)


def _next_day_twin(a: Incident, b: Incident) -> bool:
    """The same strike reported as late Monday and as dawn Tuesday: one precise place, the same
    initiator (or none named), dates a day apart, in one article."""
    if a.place_id is None or a.place_id != b.place_id or a.precision in COARSE:
        return False
    if a.sentence == b.sentence:
        return False            # يومي الجمعة والسبت: two days named together are two events
    if abs((a.date.first - b.date.first).days) > 1 or a.date.precision != "day" \
            or b.date.precision != "day":
        return False
    k1, k2 = _actor_key(a.actor1), _actor_key(b.actor1)
    return k1 is None or k2 is None or k1 == k2


def _dateless_twin(dated: Incident, bare: Incident) -> bool:
    """``أقر التحالف بأخطاء في غارات على صعدة`` and ``الغارات التي شنها التحالف الشهر الماضي على
    صعدة``: an incident that took the report's date for want of its own, at the same place with the
    same initiator and sub-event as one the article dates, is that one."""
    if bare.date.text is not None or dated.date.text is None:
        return False
    if dated.place_id is None or dated.place_id != bare.place_id or dated.sub_event_type != bare.sub_event_type:
        return False
    k1, k2 = _actor_key(dated.actor1), _actor_key(bare.actor1)
    return k1 is not None and k1 == k2


class _Seen:
    """The merged events a new one can join, found through indexes (by place, by day and country,
    headlines) instead of testing every earlier event: merging stays linear in the events. A
    superset: merge_events still runs its tests on each, in order, and takes the first that
    holds."""

    def __init__(self, out: list[Incident]):
        self.out, self.by_place, self.by_day, self.titled = out, {}, {}, []

    def add(self, k: int) -> None:
        """Index ``out[k]`` (again, after its date changed: stale entries only cost a test)."""
        ev = self.out[k]
        if ev.place_id is not None:
            self.by_place.setdefault(ev.place_id, []).append(k)
        self.by_day.setdefault((ev.date.first, ev.country), []).append(k)
        if ev.title:
            self.titled.append(k)

    def same_place(self, ev: Incident) -> list[int]:
        return sorted(set(self.by_place.get(ev.place_id, ()))) if ev.place_id is not None else []

    def around(self, ev: Incident) -> list[int] | range:
        if ev.title:
            return range(len(self.out))
        day = self.by_day.get((ev.date.first, ev.country), ())
        return sorted({*self.same_place(ev), *day, *self.titled})


def merge_events(events: list[Incident]) -> list[Incident]:
    out: list[Incident] = []
    seen = _Seen(out)
    for ev in events:
        target = None
        at = next((k for k in seen.same_place(ev) if out[k].event_type != ev.event_type
                   and _same_spot(out[k], ev)), None)
        if at is not None:
            spot = out[at]
            spot.trail.fire(SAME_SPOT if spot.date.first == ev.date.first else CROWD_SPOT)
            et, sub = acled_pick([(spot.event_type, spot.sub_event_type), (ev.event_type, ev.sub_event_type)])
            if (et, sub) != (spot.event_type, spot.sub_event_type):
                spot.event_type, spot.sub_event_type = et, sub
                spot.weapon = ev.weapon if et == ev.event_type else spot.weapon
            if spot.trail.applies(OWN_DATE_WINS, spot.date.text is None and ev.date.text is not None):
                spot.date = ev.date       # the article's own date for it wins
                seen.add(at)
            _absorb(spot, ev)
            continue
        why = None
        for at in seen.around(ev):
            cand = out[at]
            why = _twin(cand, ev)
            if why is not None:
                target = cand
                break
        if target is None:
            out.append(ev.copy())
            seen.add(len(out) - 1)
            continue
        target.trail.fire(why)
        if target.trail.applies(OWN_DATE_WINS, _dateless_twin(ev, target)):
            target.date = ev.date     # the article's own date for the incident wins
            seen.add(at)
        if target.title and not ev.title:
            keep = ev.copy()
            _absorb(keep, target)
            at = out.index(target)
            out[at] = keep
            seen.add(at)
        else:
            _absorb(target, ev)
    return _fold_coarse(out) if on(FOLD_COARSE) else out


def _twin(cand: Incident, ev: Incident):
    """The merge rule by which ``ev`` is the same event as ``cand`` (of the same type), or None."""
    if cand.event_type != ev.event_type or cand.status != ev.status:
        return None
    if cand.date.first == ev.date.first and on(SAME_DAY_PLACE) and _same_place(cand, ev):
        return SAME_DAY_PLACE
    if _next_day_twin(cand, ev) and on(NEXT_DAY_TWIN):
        return NEXT_DAY_TWIN
    if (_dateless_twin(cand, ev) or _dateless_twin(ev, cand)) and on(DATELESS_TWIN):
        return DATELESS_TWIN
    if (cand.title or ev.title) and (cand.country == ev.country or None in (cand.country, ev.country)):
        if cand.place_id == ev.place_id or cand.precision in COARSE or ev.precision in COARSE \
                or cand.title or ev.title:
            return HEADLINE_BODY if on(HEADLINE_BODY) else None
    return None


def _fold_coarse(events: list[Incident]) -> list[Incident]:
    """A coarse event (country, province) with a precise twin of the same type and day goes into it."""
    keep = []
    precise: dict[tuple, list[Incident]] = {}     # by type and status, and by country too, in order
    for o in events:
        if o.precision not in COARSE and o.place is not None:
            precise.setdefault((o.event_type, o.status), []).append(o)
            precise.setdefault((o.event_type, o.status, o.country), []).append(o)
    for ev in events:
        if ev.precision in COARSE or ev.place is None:
            key = (ev.event_type, ev.status) + (() if ev.place is None else (ev.country,))
            twin = next((o for o in precise.get(key, ()) if o is not ev
                         and o.event_type == ev.event_type and o.status == ev.status
                         and o.date.first <= ev.date.last and ev.date.first <= o.date.last
                         and (ev.place is None or o.country == ev.country)
                         and _actor_key(ev.actor1) in (None, _actor_key(o.actor1))), None)
            if twin is not None:
                twin.trail.fire(FOLD_COARSE)
                _absorb(twin, ev)
                continue
        keep.append(ev)
    return keep


def _ev(m) -> Evidence:
    return Evidence(start=m.start, end=m.end, text=m.text)


def _date(d: DateSpan | None) -> DateValue | None:
    if d is None:
        return None
    prec = d.precision if d.first == d.last or d.precision != "day" else "range"
    return DateValue(start=d.first.isoformat(), end=d.last.isoformat(), precision=prec, text=d.text)


def _confidence(ev: Incident) -> float:
    c = 0.45 + 0.3 * float(ev.strength or 0.6)
    if ev.place is not None and ev.precision not in COARSE:
        c += 0.1
    if ev.date.span is not None:
        c += 0.05
    if ev.actor1 is not None:
        c += 0.05
    return round(min(c, 0.95), 2)


def to_record(ev: Incident, article_id: str, ordinal: int) -> Record:
    """The one way from an incident draft to a contract record."""
    spans = {}
    evidence: list[Evidence] = []
    seen = set()

    def add(m, field: str | None = None):
        if m is None or not hasattr(m, "start"):
            return
        if field:
            spans.setdefault(field, {"start": m.start, "end": m.end, "text": m.text})
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            evidence.append(_ev(m))

    for m in ev.spans:
        add(m)
    add(ev.actor1, "actor1")
    add(ev.actor2, "actor2")
    add(ev.place, "location")
    if ev.date is not None and ev.date.span is not None:
        add(ev.date.span, "date")
    claim = ev.claim
    if claim:
        add(claim.span, "claim")
    for s in ev.sources:
        add(s.span)
    if not evidence:
        for sv in ev.evidence:
            add(sv)
    evidence.sort(key=lambda e: e.start)
    rec = Record(
        kind=ev.kind, date=_date(ev.date), status=ev.status,
        claim=Claim(by=claim.by, type=claim.type, text=claim.text) if claim else None,
        sources=[Source(name=s.name, text=s.text) for s in ev.sources],
        evidence=evidence, confidence=_confidence(ev) if ev.kind == "event" else 0.7,
        event_type=ev.event_type, sub_event_type=ev.sub_event_type,
        actor1=_actor(ev.actor1), actor2=_actor(ev.actor2),
        location=_location(ev.place), weapon=ev.weapon, weapon_count=ev.weapon_count,
        fatalities=ev.fatalities, injured=ev.injured, missing=ev.missing,
        incidents=ev.incidents, breakdown=ev.breakdown if ev.kind != "event" else None,
    )
    rec.field_evidence = spans
    rec.rules = list(ev.trail.fired)
    loc = rec.location
    rec.id = record_id(article_id, ev.kind, ev.event_type, loc.gazetteer_id if loc else None,
                       rec.date.start if rec.date else None, ordinal)
    annotate(rec)                        # English notes + Arabic evidence sentence (rasad.notes)
    return rec


def _actor(m) -> Actor | None:
    if m is None:
        return None
    return m.to_actor()


def _location(p) -> Location | None:
    if p is None:
        return None
    return p.to_location()
