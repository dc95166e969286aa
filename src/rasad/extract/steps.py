"""The per-incident stages: guards, roles, fields and typing over one trigger group.

``incident_events`` runs ``STEPS`` in order over a ``Draft`` (what is known so far about one
incident); a step returns None to go on or the reason the incident is not coded, which goes into
``doc.decisions``. Each heuristic in a step is a named rule (``registry.rule``) that the run can
switch off and that, when it fires, goes into the incident's trail. The last step makes one
``Incident`` per place and day.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable

from .context import SentenceView, key_of
from .doc import Decision, Doc
from .fields import (_joined, casualties, claim_for, date_for, sources_for, status_for,
                     weapons_for)
from .incident import DateSpan, Incident
from .registry import Trail, on, rule
from .roles import localize
from .sides import actors_for
from .scene import _country_level_ok, _dominant, _nearby_places, _place_ahead
from .rules import ARMED_TYPES as ARMED, NOT_CODED, classify, weapon_for

RECAP_DAYS = 45
FAILURE_REACH = 12      # characters between an interception word and a failure cue (either side)

FAILED_INTERCEPTION = rule("guards.failed_interception", "guards",
                           "an interception that failed (أخفقت في اعتراض) is not one: the strike "
                           "went through")
NOT_CODED_ALONE = rule("guards.not_coded", "guards",
                       "non-violent developments alone (deployment, incursion, agreement) make "
                       "no event")
ANAPHORA = rule("guards.anaphora", "guards",
                "an incident word right after an anaphoric cue (هذه الغارات) refers to incidents "
                "already reported")
RECAP = rule("guards.recap_days", "guards",
             f"an incident older than {RECAP_DAYS} days before publication is a recap")
COUNTRY_ONLY = rule("guards.country_only", "guards",
                    "an incident placed no finer than a country is not coded")
CIVILIANS_NOT_ACTOR1 = rule("roles.civilians_not_actor1", "roles",
                            "civilians do not initiate (لقي طفلان حتفهما بانفجار لغم names the "
                            "victims)")
BATTLE_SIDES_ARMED = rule("roles.battle_sides_armed", "roles",
                          "the sides of a battle are armed: civilians or a ministry named nearby "
                          "are not one")
LOCALIZE = rule("roles.localize", "roles",
                "a generic actor whose country was the article's guess takes the country of the "
                "incident's place")
ONE_ACTOR_TWICE = rule("roles.one_actor_twice", "roles",
                       "one actor named twice (الجيش الإسرائيلي … القوات الإسرائيلية) is not "
                       "both sides")
CARRIED_DATE = rule("fields.carried_date", "fields",
                    "an incident with no date of its own takes the last date the article named "
                    "before it")
STALE_DATE = rule("fields.stale_date", "fields",
                  "a date carried from a sentence with incidents of its own does not date a new "
                  "one further on")
PLACE_BEFORE = rule("fields.place_before", "fields",
                    "with no place after the incident word, the finest place named before it "
                    "(nearest among equals)")
LAST_PLACE = rule("fields.last_place", "fields",
                  "with no place in its sentence, the place the article left off at")
DOMINANT_PLACE = rule("fields.dominant_place", "fields",
                      "with no place named near it, the country the article names most (when "
                      "named as a country)")
COORDINATED_DAYS = rule("fields.coordinated_days", "fields",
                        "days named together (يومي الجمعة والسبت) are one event each")
PLACE_AHEAD = rule("incidents.place_ahead", "incidents",
                   "an incident placed no finer than a country takes the finer place the next sentences give it")
COUNTED_VICTIMS = rule("roles.counted_victims", "roles",
                       "the people a casualty count counts (13 جنديا قتلوا) are the side hit, not the attacker")
NAMED_VICTIMS = rule("roles.named_victims", "roles",
                     "people named right after a casualty word or counted by its number are the side hit")
VICTIM_TYPES = frozenset({"civilians", "state_forces", "protesters"})
COUNTRY_LEVEL = rule("incidents.country_level", "incidents",
                     "an incident named only by its country is coded at country precision, not dropped")
SHARE_TOLLS = rule("fields.share_tolls", "fields",
                   "one figure for an incident at several places is divided evenly, the "
                   "remainder to the first")


@dataclass
class Draft:
    """What is known so far about one incident while the steps run over it."""

    doc: Doc
    views: list[SentenceView]
    sv: SentenceView
    triggers: list
    places: list                    # the places the trigger group named (may be none)
    trail: Trail
    last_date: DateSpan | None      # the last date the article named before this sentence
    stale: bool                     # last_date came from a sentence with incidents of its own
    last_places: list
    is_title: bool = False
    clause: tuple[int, int] | None = None   # its own clause, when another subject acts in the sentence
    keys: set[str] = field(default_factory=set)
    actor1: Any = None
    actor2: Any = None
    weapons: list[str] = field(default_factory=list)
    weapon_count: int | None = None
    weapon_spans: list = field(default_factory=list)
    cas: dict = field(default_factory=dict)
    event_type: str | None = None
    sub_event_type: str | None = None
    weapon: str | None = None
    date: DateSpan | None = None
    status: str = "occurred"
    claim: Any = None
    sources: list = field(default_factory=list)

    @property
    def first(self):
        return self.triggers[0]

    @property
    def view(self) -> SentenceView:
        """The sentence seen from the incident's clause: only the actors and weapons named in it."""
        if self.clause is None:
            return self.sv
        lo, hi = self.clause
        return replace(self.sv, actors=[a for a in self.sv.actors if lo <= a.nstart < hi],
                       weapons=[w for w in self.sv.weapons if lo <= w.nstart < hi])


def _guards(d: Draft) -> str | None:
    d.keys = {key_of(t) for t in d.triggers}
    failed = [c for c in d.sv.cues_of("failure")
              if any(key_of(t) == "intercept" and (0 <= t.nstart - c.nend <= FAILURE_REACH
                                                   or 0 <= c.nstart - t.nend <= FAILURE_REACH)
                     for t in d.triggers)]
    if d.trail.applies(FAILED_INTERCEPTION, bool(failed)):
        d.keys = d.keys - {"intercept"}     # الدفاعات أخفقت في اعتراض الصاروخين: the strike went through
        if not d.keys:
            return "failed interception (cue: %s)" % failed[0].text
    if d.trail.applies(NOT_CODED_ALONE, d.keys <= NOT_CODED):
        return "non-violent development: not coded as an event"
    anaphoric = [c for c in d.sv.cues_of("anaphora") if 0 <= d.first.nstart - c.nend <= 2]
    if d.trail.applies(ANAPHORA, bool(anaphoric)):
        return "refers back to incidents already reported"
    return None


def _roles(d: Draft) -> str | None:
    view = d.view
    d.actor1, d.actor2 = actors_for(view, d.triggers, d.doc, view.weapons, d.trail)
    return None


def _weapons_casualties(d: Draft) -> str | None:
    d.weapons, d.weapon_count, d.weapon_spans = weapons_for(d.view, d.triggers, d.trail)
    d.cas = casualties(d.sv, d.triggers, d.doc, d.trail)
    return None


def _counted_victims(d: Draft) -> str | None:
    """The people a casualty word names or counts (لقي 13 جنديا مصرعهم) were hit, not the attackers."""
    if d.trail.applies(COUNTED_VICTIMS, d.actor1 is not None and d.actor2 is None and on(COUNTED_VICTIMS)
                       and (_counted(d.actor1, d.cas) or _hit(d.actor1, d.cas))):
        d.actor1, d.actor2 = None, d.actor1
    if d.actor2 is None and on(NAMED_VICTIMS):
        victim = _named_victim(d.sv, d.cas, d.actor1)
        if d.trail.applies(NAMED_VICTIMS, victim is not None):
            d.actor2 = victim       # استشهد فلسطينيان، مقتل مدنيين: the people killed were hit
    return None


def _typing(d: Draft) -> str | None:
    a1, a2 = d.actor1, d.actor2
    implied_w = [w for w in (getattr(t.data, "weapon", None) for t in d.triggers) if w]
    target_type = a2.actor.type if a2 is not None else None
    types = {a.actor.type for a in (a1, a2) if a is not None}
    hurt = any(v for v in (d.cas.get("fatalities"), d.cas.get("injured")) if v)
    typed = classify(d.keys, d.weapons + [w for w in implied_w if w not in d.weapons], target_type, hurt, types,
                     a1.actor.type if a1 is not None else None, trail=d.trail)
    if typed is None:
        return "no incident type: attack without weapon, target or casualties"
    d.event_type, d.sub_event_type = typed
    return None


def _sides(d: Draft) -> str | None:
    """The roles that depend on the type: who may initiate, who may fight a battle."""
    a1, a2 = d.actor1, d.actor2
    if d.trail.applies(CIVILIANS_NOT_ACTOR1, a1 is not None and a1.actor.type == "civilians"):
        a1, a2 = None, (a2 if a2 is not None else a1)
    if d.event_type == "Battles" and on(BATTLE_SIDES_ARMED):
        b1 = a1 if a1 is None or a1.actor.type in ARMED else None
        b2 = a2 if a2 is None or a2.actor.type in ARMED else None
        d.trail.applies(BATTLE_SIDES_ARMED, (b1, b2) != (a1, a2))
        a1, a2 = b1, b2
    d.actor1, d.actor2 = a1, a2
    implied = [getattr(t.data, "weapon", None) for t in d.triggers]
    d.weapon = weapon_for(d.sub_event_type, d.weapons, implied)
    return None


def _date(d: Draft) -> str | None:
    doc = d.doc
    date = date_for(d.sv, d.first, doc, d.trail)
    if date is None and d.last_date is not None and not d.trail.applies(STALE_DATE, d.stale) \
            and d.trail.applies(CARRIED_DATE, True):
        date = d.last_date
    if date is None:
        date = DateSpan.published(doc)
    if date is None:
        return "no date and no publication date"
    if d.trail.applies(RECAP, bool(doc.published) and (doc.published - date.last).days > RECAP_DAYS):
        return f"recap of an incident older than {RECAP_DAYS} days"
    d.date = date
    return None


def _places(d: Draft) -> str | None:
    places = d.places
    if not places:
        near = _nearby_places(d.sv, d.first, d.trail) if on(PLACE_BEFORE) else []
        if d.trail.applies(PLACE_BEFORE, bool(near)):
            places = near
    if not places and d.trail.applies(LAST_PLACE, bool(d.last_places)):
        places = d.last_places
    if not places and on(DOMINANT_PLACE):
        dom = _dominant(d.doc)
        if d.trail.applies(DOMINANT_PLACE, bool(dom)):
            places = dom
    if all(getattr(p, "precision", None) == "country" for p in places) and on(PLACE_AHEAD):
        ahead = _place_ahead(d.doc, d.views, d.sv, places)
        if d.trail.applies(PLACE_AHEAD, bool(ahead)):
            places = ahead
    if places and all(getattr(p, "precision", None) == "country" for p in places):
        if d.trail.applies(COUNTRY_LEVEL, on(COUNTRY_LEVEL) and _country_level_ok(d.doc, d.sv, d.cas)):
            places = places[:1]
        elif d.trail.applies(COUNTRY_ONLY, True):
            return "no place finer than a country: not coded"
    if not places:
        return "no place named in the article: not coded"
    d.places = places
    return None


def _report(d: Draft) -> str | None:
    d.status = status_for(d.sv, d.triggers, d.doc, d.trail)
    d.claim = claim_for(d.sv, d.first, d.actor1, d.doc, d.trail)
    d.sources = sources_for(d.sv, d.doc, d.trail)
    return None


# (stage, step): the order is the data; each step reads what the ones before it set
STEPS: tuple[tuple[str, Callable[[Draft], str | None]], ...] = (
    ("guards", _guards),
    ("roles", _roles),
    ("fields", _weapons_casualties),
    ("roles", _counted_victims),
    ("typing", _typing),
    ("roles", _sides),
    ("fields", _date),
    ("fields", _places),
    ("fields", _report),
)


def incident_events(d: Draft) -> list[Incident]:
    """The events of one trigger group (one per place and day), or none with the reason recorded."""
    for _stage, step in STEPS:
        reason = step(d)
        if reason is not None:
            d.doc.decisions.append(Decision(d.sv.i, d.first.text, False, reason))
            return []
    out = _expand(d)
    d.doc.decisions.append(Decision(d.sv.i, d.first.text, True,
                                    f"{d.event_type} / {d.sub_event_type} at {len(out)} place(s)"))
    return out


def _expand(d: Draft) -> list[Incident]:
    """One event per place and day (ACLED), each with its own copy of the trail."""
    out = []
    days = _coordinated_days(d.sv, d.date, d.trail)
    n = len(d.places) * len(days)
    cas = d.cas
    strength = max(getattr(t.data, "strength", 0.6) or 0.6 for t in d.triggers)
    for k, (place, day) in enumerate((p, dd) for dd in days for p in d.places):
        trail = Trail(list(d.trail.fired))
        b1, b2 = d.actor1, d.actor2
        if on(LOCALIZE):
            b1, b2 = localize(b1, place), localize(b2, place)
            trail.applies(LOCALIZE, (b1, b2) != (d.actor1, d.actor2))
        if trail.applies(ONE_ACTOR_TWICE, b1 is not None and b2 is not None and b1.actor.name == b2.actor.name):
            b2 = None
        split = on(SHARE_TOLLS)
        trail.applies(SHARE_TOLLS, n > 1 and any(cas.get(f) for f in ("fatalities", "injured", "missing")))
        out.append(Incident(
            kind="event", event_type=d.event_type, sub_event_type=d.sub_event_type,
            actor1=b1, actor2=b2, place=place, date=day, status=d.status,
            claim=d.claim, sources=d.sources, weapon=d.weapon,
            weapon_count=d.weapon_count if d.weapon else None,
            fatalities=_share(cas.get("fatalities"), k, n, split), injured=_share(cas.get("injured"), k, n, split),
            missing=_share(cas.get("missing"), k, n, split),
            evidence=[d.sv], spans=[*d.triggers, *d.weapon_spans, *cas.get("spans", [])],
            strength=strength, sentence=d.sv.i, title=d.is_title, keys=sorted(d.keys), trail=trail,
        ))
    return out


def _coordinated_days(sv: SentenceView, date: DateSpan, trail: Trail) -> list[DateSpan]:
    """``يومي الجمعة والسبت``: days named together are one event each (ACLED: one event per day);
    the date found and the day-precision dates joined to it by و."""
    span = date.span
    if span is None or date.precision != "day" or not on(COORDINATED_DAYS):
        return [date]
    ds = [d for d in sv.dates if d.precision == "day"]
    if span not in ds:
        return [date]
    i = ds.index(span)
    lo = hi = i
    while lo > 0 and _joined(sv.doc_text[ds[lo - 1].nend:ds[lo].nstart]) and ds[lo - 1].first != ds[lo].first:
        lo -= 1
    while hi + 1 < len(ds) and _joined(sv.doc_text[ds[hi].nend:ds[hi + 1].nstart]) and ds[hi + 1].first != ds[hi].first:
        hi += 1
    if not trail.applies(COORDINATED_DAYS, lo != hi):
        return [date]
    return [DateSpan.of(d) for d in ds[lo:hi + 1]]


def _share(total, k: int, n: int, split: bool = True):
    """One figure for an incident at n places (غارات على عيتا الشعب وكفركلا … مقتل مدنيين اثنين):
    ACLED divides it evenly across the events, the remainder going to the first."""
    if total is None or n <= 1 or not split:
        return total
    return total // n + (total % n if k == 0 else 0)


def _counted(actor, cas: dict) -> bool:
    """Is the actor the noun a casualty number counts (the number right before it)?"""
    return any(getattr(n, "value", None) is not None and 0 <= actor.nstart - n.nend <= 2
               for n in cas.get("spans", []))


def _hit(actor, cas: dict) -> bool:
    """Is the actor named right after a casualty word (أصيب جندي، مقتل شرطي)?"""
    return any(getattr(c, "value", None) is None and 0 <= actor.nstart - c.nend <= 2
               for c in cas.get("spans", []))


def _named_victim(sv: SentenceView, cas: dict, a1):
    """The people a casualty word names (قتل X، استشهد X، مقتل X) or its number counts."""
    for a in sv.actors:
        if a1 is not None and (a is a1 or a.actor.key == a1.actor.key):
            continue
        if a.actor.type not in VICTIM_TYPES:
            continue
        if _counted(a, cas) or _hit(a, cas):
            return a
    return None
