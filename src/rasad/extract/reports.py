"""Aggregates (counts of incidents over a period) and tallies (cumulative casualty tolls).

"استُهدفت 13 مرة على الأقل … 10 مرات في العراق وثلاث في سوريا" is one aggregate with a breakdown,
not 13 events; "ارتفع عدد القتلى إلى 7326، بينهم 2913 طفلا" is one tally with the reporting body
in ``claim.by``. The sentences used here yield no events.
"""
from __future__ import annotations

from .context import SentenceView, key_of
from .fields import casualties, sources_for
from .incident import ClaimMention, DateSpan, Incident
from .registry import Trail, applies, on, rule

AGGREGATE = rule("reports.aggregate", "reports",
                 "a number of times (استهدفت 13 مرة) makes an aggregate, not that many events")
AGGREGATE_GOES_ON = rule("reports.aggregate_goes_on", "reports",
                         "the next sentence repeating the count or breaking it down is the same "
                         "aggregate")
TALLY = rule("reports.tally", "reports", "a cumulative toll cue (ارتفع عدد القتلى) makes a tally")
TALLY_SINCE = rule("reports.tally_since", "reports",
                   "a count of victims since a calendar point (منذ آذار) is a tally")
SINCE_ONE_VICTIM = rule("reports.since_one_victim", "reports",
                        "a count since a point with a single victim is an incident dated "
                        "loosely, not a toll")
TALLY_GROUPS = rule("reports.tally_groups", "reports",
                    "children, women and civilians counted in a toll are its breakdown")
TALLY_RANGE = rule("reports.tally_range", "reports",
                   "a toll counted since a date covers the range from it to the publication day")
TALLY_CLAIMANT = rule("reports.tally_claimant", "reports",
                      "the body that reports a toll is its claimant")

PRECISION_RANK = {"range": 0, "week": 1, "month": 2, "day": 3, "year": 4}
GROUPS = {"group.children": "children", "group.women": "women", "group.civilians": "civilians"}
COUNTED_INCIDENTS = rule("reports.counted_incidents", "reports",
                         "a number before an incident noun over a period (60 غارة الأسبوع الماضي) counts incidents")
COUNTED_FAMILIES = ("attack.", "clash")
PERIOD_PRECISIONS = ("range", "week", "month", "year")
MIN_COUNTED = 5         # two or three strikes in a week are still told as incidents; a count is more


def _count_numbers(sv: SentenceView) -> list[tuple[int, object, object]]:
    out = []
    times = [c for c in sv.cues if key_of(c) == "aggregate.times"] if on(AGGREGATE) else []
    for c in times:
        num = next((n for n in sv.numbers if 0 <= c.nstart - n.nend <= 1 and not n.vague
                    and getattr(n, "kind", "cardinal") in ("cardinal", "dual")), None)
        if num is not None:
            out.append((int(num.value), num, c))
        # a bare dual ("مرتين", twice) is mostly idiomatic, not a count of incidents: not taken
    if not out and on(COUNTED_INCIDENTS) and _over_a_period(sv):
        for t in sv.triggers:
            if getattr(t.entry, "cls", None) != "noun" or not key_of(t).startswith(COUNTED_FAMILIES):
                continue
            num = next((n for n in sv.numbers if 0 <= t.nstart - n.nend <= 1 and not n.vague
                        and getattr(n, "kind", "cardinal") == "cardinal" and n.value >= MIN_COUNTED), None)
            if num is not None:
                out.append((int(num.value), num, t))
    return out


def _over_a_period(sv: SentenceView) -> bool:
    """The sentence counts over a span of time (الأسبوع الماضي، خلال الشهر، منذ بداية العام)."""
    return bool(sv.cues_of("tally.period")) or any(
        d.precision in PERIOD_PRECISIONS and getattr(d, "relation", "past") != "future" for d in sv.dates)


def _best_date(svs: list[SentenceView]):
    dates = [d for sv in svs for d in sv.dates if getattr(d, "relation", "past") != "future"]
    if not dates:
        return None
    return min(dates, key=lambda d: PRECISION_RANK.get(d.precision, 9))


def find_aggregates(doc, views: list[SentenceView]) -> tuple[list[Incident], set[int]]:
    raw: list[dict] = []
    for sv in views:
        counts = _count_numbers(sv)
        if not counts:
            continue
        values = [v for v, _, _ in counts]
        total = max(values)
        if len(counts) > 1 and sum(v for v, _, _ in counts) - total == total:
            parts = [c for c in counts if c is not max(counts, key=lambda c: c[0])]
        elif len(counts) > 1:
            total, parts = sum(values), counts
        else:
            parts = []
        raw.append({"sentence": sv, "incidents": total, "parts": _breakdown(sv, parts),
                    "spans": [m for c in counts for m in c[1:]], "counts": counts})
    merged: list[dict] = []
    for agg in raw:
        prev = merged[-1] if merged else None
        if prev and agg["sentence"].i - prev["sentences"][-1].i <= 1 and (
                agg["incidents"] == prev["incidents"] or sum(p["incidents"] for p in agg["parts"]) == prev["incidents"]) \
                and prev["trail"].applies(AGGREGATE_GOES_ON, True):
            prev["sentences"].append(agg["sentence"])
            prev["parts"] = prev["parts"] or agg["parts"]
            prev["spans"] += agg["spans"]
            continue
        trail = Trail()
        for _, _, c in agg["counts"]:
            trail.fire(AGGREGATE if key_of(c) == "aggregate.times" else COUNTED_INCIDENTS)
        merged.append({**agg, "sentences": [agg["sentence"]], "trail": trail})
    out = []
    for agg in merged:
        d = _best_date(agg["sentences"])
        out.append(Incident(kind="aggregate", incidents=agg["incidents"], breakdown=agg["parts"],
                            date=DateSpan.of(d) if d is not None else DateSpan.published(doc),
                            evidence=agg["sentences"], spans=agg["spans"],
                            sources=sources_for(agg["sentences"][0], doc), sentence=agg["sentences"][0].i,
                            trail=agg["trail"]))
    used = {sv.i for agg in merged for sv in agg["sentences"]}
    return out, used


def _breakdown(sv: SentenceView, parts) -> list[dict]:
    out = []
    for k, (v, num, cue) in enumerate(parts):
        nxt = parts[k + 1][1].nstart if k + 1 < len(parts) else sv.nend
        place = next((p for p in sv.places if cue.nend <= p.nstart < nxt), None)
        item = {"incidents": v}
        if place is not None:
            if getattr(place, "precision", None) == "country":
                item["country"] = place.best.country
            else:
                item["place"] = place.best.name
                item["country"] = place.best.country
        out.append(item)
    return out


def find_tallies(doc, views: list[SentenceView], skip: set[int]) -> tuple[list[Incident], set[int]]:
    out, used = [], set()
    for sv in views:
        if sv.i in skip:
            continue
        since_point = _since_point(sv, doc) if on(TALLY_SINCE) else None
        toll = bool(sv.cues_of("tally")) and on(TALLY)
        if not toll and since_point is None:
            continue
        trail = Trail()
        cas = casualties(sv, sv.triggers or [sv], doc, trail)
        if not any(cas.get(k) for k in ("fatalities", "injured", "missing")):
            continue
        if applies(SINCE_ONE_VICTIM, not toll and max(cas.get(k) or 0 for k in ("fatalities", "injured")) < 2):
            continue        # منذ آذار with one victim: an incident dated loosely, not a toll
        trail.fire(TALLY if toll else TALLY_SINCE)
        breakdown = {}
        for c in (sv.cues if on(TALLY_GROUPS) else ()):
            group = GROUPS.get(key_of(c))
            if not group:
                continue
            num = next((n for n in sv.numbers if 0 <= c.nstart - n.nend <= 1 and not n.vague), None)
            if num is not None and group not in breakdown:
                breakdown[group] = int(num.value)
                cas["spans"] += [num, c]
        trail.applies(TALLY_GROUPS, bool(breakdown))
        since = next((d for d in sv.dates if d.last < (doc.published or d.last) and _after_since(sv, d)), None)
        date = DateSpan.published(doc)
        if trail.applies(TALLY_RANGE, since is not None and bool(doc.published)):
            date = DateSpan(since.first, doc.published, "range", since.text, since)
        claimant = next((a for a in sv.actors if getattr(a.actor, "role", "actor") in ("source", "both")), None)
        claim = None
        if trail.applies(TALLY_CLAIMANT, claimant is not None):
            claim = ClaimMention(claimant.actor.name, "report", claimant.text, claimant)
        place = next(iter(sv.places), None)
        out.append(Incident(kind="tally", fatalities=cas.get("fatalities"), injured=cas.get("injured"),
                            missing=cas.get("missing"), breakdown=breakdown, date=date, place=place,
                            claim=claim, evidence=[sv], spans=cas["spans"],
                            sources=sources_for(sv, doc, trail), sentence=sv.i, trail=trail))
        used.add(sv.i)
    return out, used


def _since_point(sv: SentenceView, doc):
    """A count running since a point in time (قتل نحو 149 فلسطينيا منذ آذار): the date right after
    منذ when it names a calendar point (a month, a day, a year), not a span back (منذ يومين)."""
    for c in sv.cues_of("since"):
        d = next((d for d in sv.dates if 0 <= d.nstart - c.nend <= 2), None)
        if d is not None and d.rule not in ("ago", "recent", "relday", "weekday") and \
                d.last < (doc.published or d.last):
            return d
    return None


def _after_since(sv: SentenceView, d) -> bool:
    return any(key_of(c) in ("background", "since") and 0 <= d.nstart - c.nend <= 30 for c in sv.cues)
