"""Assemble incidents from triggers: one event per incident, place and day.

For every sentence: triggers are grouped into incidents (adjacent triggers that do not name a
place of their own join the incident beside them); each incident takes its places (coordinated
lists ``التنف والركبان والمالكية`` make one event per place), date, actors, weapon, casualties,
status, claim and sources from the sentence, falling back on the sentences before it for what it
does not say. Sentences that report counts of incidents or cumulative tolls are left to
``reports``. Every decision is recorded in ``doc.decisions``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .context import SentenceView, key_of
from .doc import Decision, Doc
from .fields import (_joined, casualties, claim_for, coordinated_places, date_for, sources_for, status_for,
                     weapons_for)
from .incident import DateSpan, Incident
from .roles import actors_for, localize
from .registry import Trail, on, rule
from .rules import ARMED_TYPES as ARMED, NOT_CODED, classify, weapon_for

PLACE_AHEAD = rule("incidents.place_ahead", "incidents",
                   "an incident placed no finer than a country takes the finer place the next sentences give it")
COUNTED_VICTIMS = rule("roles.counted_victims", "roles",
                       "the people a casualty count counts (13 جنديا قتلوا) are the side hit, not the attacker")
NAMED_VICTIMS = rule("roles.named_victims", "roles",
                     "people named right after a casualty word or counted by its number are the side hit")
VICTIM_TYPES = frozenset({"civilians", "state_forces", "protesters"})
COUNTRY_LEVEL = rule("incidents.country_level", "incidents",
                     "an incident named only by its country is coded at country precision, not dropped")

RECAP_DAYS = 45
FAILURE_REACH = 12      # characters between an interception word and a failure cue (either side)


@dataclass
class TriggerGroup:
    """The triggers of one sentence that name one incident, and the places it is at."""

    sentence: SentenceView
    triggers: list = field(default_factory=list)
    places: list = field(default_factory=list)
    clause: tuple[int, int] | None = None   # (nstart, nend) of its own clause, when it has a subject of its own

    @property
    def keys(self) -> set[str]:
        return {key_of(t) for t in self.triggers}


DESCRIPTIVE_REACH = 40   # characters after a descriptive relative clause opener (التي شهدت)
FEAR_REACH = 12          # characters between a fear cue (مخاوف من، خشية) and the incident word it fears
FEARED = rule("incidents.feared", "incidents",
              "an incident word right after a fear cue (مخاوف من تجدد) names what did not happen")


NEW_SUBJECT = rule("incidents.new_subject", "incidents",
                   "a trigger right after a coordinated actor (… والمقاومة تستهدف) starts another incident")


def _clause_view(sv: SentenceView, inc: TriggerGroup) -> SentenceView:
    """The sentence seen from one clause: only the actors named inside it."""
    if inc.clause is None:
        return sv
    lo, hi = inc.clause
    return replace(sv, actors=[a for a in sv.actors if lo <= a.nstart < hi],
                   weapons=[w for w in sv.weapons if lo <= w.nstart < hi])


def _new_subject(sv: SentenceView, prev, t) -> int | None:
    """Between two incident words, a subject joined by و stands right before the second (an actor,
    or a definite noun before a verb: والمقاومة تستهدف): the clause reports an incident of its
    own. Returns where that clause begins, or None."""
    for a in sv.actors:
        if prev.nend <= a.nstart and 0 <= t.nstart - a.nend <= 2 and sv.doc_text[a.nstart] == "و":
            return a.nstart
    gap = sv.doc_text[prev.nend:t.nstart]
    words = gap.split()
    if getattr(t.entry, "cls", None) == "verb" and len(words) >= 2 and words[-1].startswith("وال"):
        return prev.nend + gap.rindex(words[-1])
    return None


def group_incidents(sv: SentenceView) -> list[TriggerGroup]:
    """Split a sentence's triggers into incidents by the places each clause names. Triggers inside
    a relative clause describing a place (المدينة التي شهدت احتجاجات) belong to no incident."""
    out: list[TriggerGroup] = []
    rel = sv.cues_of("descriptive")
    trig = [t for t in sv.triggers if not any(0 <= t.nstart - c.nend <= DESCRIPTIVE_REACH for c in rel)]
    if on(FEARED):
        # مخاوف من تجدد المواجهات: the incident feared has not happened; it joins no incident
        fear = sv.cues_of("status.fear")
        trig = [t for t in trig if not any(0 <= t.nstart - c.nend <= FEAR_REACH for c in fear)]
    for k, t in enumerate(trig):
        region_end = trig[k + 1].nstart if k + 1 < len(trig) else sv.nend
        own = [p for p in sv.places if t.nend <= p.nstart < region_end and getattr(p, "cue", None) != "origin"]
        # a country right after the trigger (غارة منسوبة لإسرائيل قرب مطار دمشق) is rarely where it
        # happened when a finer place follows: start from the first finer one
        fine = [p for p in own if getattr(p, "precision", None) != "country"]
        places = coordinated_places(fine or own, sv) if own else []
        if len(places) > 1 and any(0 <= places[0].nstart - c.nend <= 2 for c in sv.cues_of("between")):
            places = places[:1]     # على الطريق بين كركوك وتكريت: one place on the way, not two events
        cut = _new_subject(sv, trig[k - 1], t) if out and on(NEW_SUBJECT) else None
        if cut is not None:
            # والمقاومة تستهدف: another side acts; each clause keeps its own actors and weapons
            out[-1].clause = (out[-1].clause or (sv.nstart, cut))[0], cut
            out.append(TriggerGroup(sv, [t], places, (cut, sv.nend)))
            continue
        if out and (not places or not out[-1].places):
            out[-1].triggers.append(t)
            if places:
                out[-1].places = places
            continue
        out.append(TriggerGroup(sv, [t], places))
    return out


def build_events(doc: Doc, views: list[SentenceView], report_sentences: set[int]) -> list[Incident]:
    events: list[Incident] = []
    last_date = None
    carrier_made, carrier_i = False, -1   # did the sentence that gave last_date make events of its own?
    last_places: list = []
    title_i = 0 if len(views) > 1 and _headline(doc, views[0]) else -1
    for sv in views:
        own_date = date_for(sv, None, doc)
        if not sv.triggers:
            if own_date:
                last_date, carrier_made, carrier_i = own_date, False, sv.i
            last_places = _scene(sv) or last_places
            continue
        if sv.i in report_sentences:
            doc.decisions.append(Decision(sv.i, sv.triggers[0].text, False, "counts of incidents or a toll: reported as aggregate/tally"))
            continue
        if sv.cues_of("background"):
            doc.decisions.append(Decision(sv.i, sv.triggers[0].text, False, "background recap (cue: %s)" % sv.cues_of("background")[0].text))
            continue
        made_here = False
        for inc in group_incidents(sv):
            if events and _refers_back(doc, sv, inc):
                doc.decisions.append(Decision(sv.i, inc.triggers[0].text, False,
                                              "definite noun with no place or day of its own: the incident already reported"))
                continue
            # a date carried from a sentence that reported its own incident does not date a new
            # incident at a place of its own further on (the day of the last strike is not the day of the
            # next); the sentence right after it usually elaborates the same report
            inherited = None if (carrier_made and inc.places and sv.i - carrier_i > 1) else last_date
            made = _incident_events(doc, views, sv, inc, inherited, last_places, is_title=(sv.i == title_i))
            for ev in made:
                _same_hand(ev, events)
            events.extend(made)
            if made:
                made_here = True
                last_places = inc.places or last_places
        if own_date:
            last_date, carrier_made, carrier_i = own_date, made_here, sv.i
        if sv.places:
            last_places = coordinated_places(sv.places[-1:], sv)
    return events


SAME_HAND_SENTENCES = 2


def _same_hand(ev: Incident, earlier: list[Incident]) -> None:
    """``شنت مقاتلات التحالف غارات … واستهدفت المقاتلات بغارات أخرى …``: a strike of the same kind
    reported right after one whose initiator is named, with none of its own, is by the same hand."""
    if ev.actor1 is not None:
        return
    prev = next((e for e in reversed(earlier) if ev.sentence - e.sentence <= SAME_HAND_SENTENCES
                 and e.sub_event_type == ev.sub_event_type and e.actor1 is not None), None)
    if prev is not None and (ev.actor2 is None or ev.actor2.actor.key != prev.actor1.actor.key):
        ev.actor1 = prev.actor1


def _scene(sv: SentenceView) -> list:
    """The place a sentence without incident words leaves as the scene of what follows: its last
    place (وفي حلب، …), but not a capital or a country named in passing (صلة بطهران)."""
    last = sv.places[-1:]
    if not last or getattr(last[0], "precision", None) == "country" or getattr(last[0].best, "capital", False) \
            or getattr(last[0], "cue", None) == "origin":
        return []
    return coordinated_places(last, sv)


def _incident_events(doc: Doc, views: list[SentenceView], sv: SentenceView, inc: TriggerGroup, last_date,
                     last_places, is_title: bool) -> list[Incident]:
    first = inc.triggers[0]
    trail = Trail()
    keys = inc.keys
    failed = [c for c in sv.cues_of("failure")
              if any(key_of(t) == "intercept" and (0 <= t.nstart - c.nend <= FAILURE_REACH or 0 <= c.nstart - t.nend <= FAILURE_REACH)
                     for t in inc.triggers)]
    if failed:
        keys = keys - {"intercept"}     # الدفاعات أخفقت في اعتراض الصاروخين: the strike went through
        if not keys:
            doc.decisions.append(Decision(sv.i, first.text, False, "failed interception (cue: %s)" % failed[0].text))
            return []
    if keys <= NOT_CODED:
        doc.decisions.append(Decision(sv.i, first.text, False, "non-violent development: not coded as an event"))
        return []
    anaphoric = [c for c in sv.cues_of("anaphora") if 0 <= first.nstart - c.nend <= 2]
    if anaphoric:
        doc.decisions.append(Decision(sv.i, first.text, False, "refers back to incidents already reported"))
        return []
    view = _clause_view(sv, inc)
    a1, a2 = actors_for(view, inc.triggers, doc, view.weapons)
    weapons, wcount, wspans = weapons_for(view, inc.triggers)
    implied_w = [w for w in (getattr(t.data, "weapon", None) for t in inc.triggers) if w]
    cas = casualties(sv, inc.triggers, doc)
    if a1 is not None and a2 is None and on(COUNTED_VICTIMS) and (_counted(a1, cas) or _hit(a1, cas)):
        trail.fire(COUNTED_VICTIMS)     # لقي 13 جنديا مصرعهم: the people counted dead were hit
        a1, a2 = None, a1
    if a2 is None and on(NAMED_VICTIMS):
        victim = _named_victim(sv, cas, a1)
        if victim is not None:
            trail.fire(NAMED_VICTIMS)   # استشهد فلسطينيان، مقتل مدنيين: the people killed were hit
            a2 = victim
    target_type = a2.actor.type if a2 is not None else None
    types = {a.actor.type for a in (a1, a2) if a is not None}
    typed = classify(keys, weapons + [w for w in implied_w if w not in weapons], target_type, any(v for v in (cas.get("fatalities"), cas.get("injured")) if v), types,
                     a1.actor.type if a1 is not None else None, trail=trail)
    if typed is None:
        doc.decisions.append(Decision(sv.i, first.text, False, "no incident type: attack without weapon, target or casualties"))
        return []
    event_type, sub = typed
    if a1 is not None and a1.actor.type == "civilians":
        # civilians do not initiate (ACLED): لقي طفلان حتفهما بانفجار لغم names the victims
        a1, a2 = None, (a2 if a2 is not None else a1)
    if event_type == "Battles":
        # the sides of a battle are armed (ACLED): civilians or a ministry named nearby are not one
        a1 = a1 if a1 is None or a1.actor.type in ARMED else None
        a2 = a2 if a2 is None or a2.actor.type in ARMED else None
    implied = [getattr(t.data, "weapon", None) for t in inc.triggers]
    weapon = weapon_for(sub, weapons, implied)
    date = date_for(sv, first, doc) or last_date or DateSpan.published(doc)
    if date is None:
        doc.decisions.append(Decision(sv.i, first.text, False, "no date and no publication date"))
        return []
    if doc.published and (doc.published - date.last).days > RECAP_DAYS:
        doc.decisions.append(Decision(sv.i, first.text, False, f"recap of an incident older than {RECAP_DAYS} days"))
        return []
    places = inc.places or _nearby_places(sv, first) or last_places or _dominant(doc)
    if all(getattr(p, "precision", None) == "country" for p in places):
        ahead = _place_ahead(doc, views, sv, places) if on(PLACE_AHEAD) else []
        if ahead:
            trail.fire(PLACE_AHEAD)
            places = ahead
    if places and all(getattr(p, "precision", None) == "country" for p in places):
        if not (on(COUNTRY_LEVEL) and _country_level_ok(doc, sv, cas)):
            doc.decisions.append(Decision(sv.i, first.text, False, "no place finer than a country: not coded"))
            return []
        trail.fire(COUNTRY_LEVEL)
        places = places[:1]
    if not places:
        doc.decisions.append(Decision(sv.i, first.text, False, "no place named in the article: not coded"))
        return []
    status = status_for(sv, inc.triggers, doc)
    claim = claim_for(sv, first, a1, doc)
    sources = sources_for(sv, doc)
    out = []
    days = _coordinated_days(sv, date)
    n = len(places) * len(days)
    for k, (place, day) in enumerate((p, d) for d in days for p in places):
        b1, b2 = localize(a1, place), localize(a2, place)
        if b1 is not None and b2 is not None and b1.actor.name == b2.actor.name:
            b2 = None           # one actor named twice (الجيش الإسرائيلي … القوات الإسرائيلية) is not both sides
        ev = Incident(
            kind="event", event_type=event_type, sub_event_type=sub,
            actor1=b1, actor2=b2, place=place, date=day, status=status,
            claim=claim, sources=sources, weapon=weapon,
            weapon_count=wcount if weapon else None,
            fatalities=_share(cas.get("fatalities"), k, n), injured=_share(cas.get("injured"), k, n),
            missing=_share(cas.get("missing"), k, n),
            evidence=[sv], spans=[*inc.triggers, *wspans, *cas.get("spans", [])],
            strength=max(getattr(t.data, "strength", 0.6) or 0.6 for t in inc.triggers),
            sentence=sv.i, title=is_title, keys=sorted(keys), trail=Trail(list(trail.fired)),
        )
        out.append(ev)
    doc.decisions.append(Decision(sv.i, first.text, True, f"{event_type} / {sub} at {len(out)} place(s)"))
    return out


def _coordinated_days(sv: SentenceView, date: DateSpan) -> list[DateSpan]:
    """``يومي الجمعة والسبت``: days named together are one event each (ACLED: one event per day);
    the date found and the day-precision dates joined to it by و."""
    span = date.span
    if span is None or date.precision != "day":
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
    if lo == hi:
        return [date]
    return [DateSpan.of(d) for d in ds[lo:hi + 1]]


def _share(total, k: int, n: int):
    """One figure for an incident at n places (غارات على عيتا الشعب وكفركلا … مقتل مدنيين اثنين):
    ACLED divides it evenly across the events, the remainder going to the first."""
    if total is None or n <= 1:
        return total
    return total // n + (total % n if k == 0 else 0)


def _headline(doc: Doc, sv: SentenceView) -> bool:
    """The first sentence is a headline when it is the article's title, or a line of its own
    without a full stop (news bodies end their sentences; headlines do not)."""
    text = sv.text.strip()
    if doc.title and " ".join(doc.title.split()) == " ".join(text.split()):
        return True
    after = doc.raw[sv.end:sv.end + 2]
    return bool(text) and text[-1] not in ".!؟?" and (after.startswith("\n") or sv.end >= len(doc.raw.rstrip()))


def _definite(doc: Doc, t) -> bool:
    """A trigger noun with the article (الضربة، للقصف، بالهجوم): it names a known incident."""
    if getattr(t.entry, "cls", None) != "noun":
        return False
    rest = doc.norm.text[t.nstart:t.nend][len(t.prefix):]
    return t.prefix.endswith(("ال", "لل")) or rest.startswith("ال")


def _refers_back(doc: Doc, sv: SentenceView, inc: TriggerGroup) -> bool:
    """``وأسفر القصف عن …``، ``لم تصب في الضربة الجوية``: a definite incident noun with no place
    and no date of its own refers to an incident the article has already reported."""
    if inc.places or not all(_definite(doc, t) for t in inc.triggers):
        return False
    first = inc.triggers[0]
    return not any(d.nstart >= first.nend or first.nstart - d.nend <= 30 for d in sv.dates)


FINENESS = {"point": 0, "town": 0, "admin2": 1, "region": 2, "admin1": 3, "country": 4}


AHEAD_SENTENCES = 2


def _place_ahead(doc: Doc, views: list[SentenceView], sv: SentenceView, countries: list) -> list:
    """``لقي 13 جنديا تركيا مصرعهم في هجوم … وأعلنت الأركان أن الهجوم استهدف حافلة في ولاية
    قيصري``: an incident the lead sentence places no finer than a country is located by the finer
    place that the next sentences give it (in that country, when one is named), unless they report
    an incident of their own there."""
    wanted = {p.best.country for p in countries if getattr(p, "best", None) is not None}
    for nxt in views[sv.i + 1:sv.i + 1 + AHEAD_SENTENCES]:
        if not _refers_only(doc, nxt):
            return []           # a new incident begins: its places are its own
        fine = [p for p in nxt.places if getattr(p, "precision", None) != "country"
                and getattr(p, "cue", None) != "origin" and not getattr(p.best, "capital", False)
                and (not wanted or p.best.country in wanted)]
        if fine:
            best = min(fine, key=lambda p: FINENESS.get(getattr(p, "precision", None), 0))
            return coordinated_places([best], nxt)
    return []


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


def _country_level_ok(doc: Doc, sv: SentenceView, cas: dict) -> bool:
    """ACLED codes an incident the article places only in a country at geo-precision 3; the
    article must report it as news, with its own toll, and name no finer place of that country."""
    if not (cas.get("fatalities") or cas.get("injured")):
        return False
    return not any(getattr(p, "precision", None) != "country" for p in doc.places
                   if getattr(p, "best", None) is not None and p.nend > doc.dateline)


def _refers_only(doc: Doc, sv: SentenceView) -> bool:
    """Every incident word of the sentence names a known incident: a definite noun (الهجوم), or a
    verb whose subject that noun is (الهجوم استهدف)."""
    prev = None
    for t in sv.triggers:
        if not (_definite(doc, t) or (prev is not None and 0 <= t.nstart - prev.nend <= 3)):
            return False
        prev = t
    return True


def _nearby_places(sv: SentenceView, trig) -> list:
    """Places named before the trigger (تعرضت بلدة كفرنبل بريف إدلب إلى قصف):
    the finest of them, the nearest among equals, with those coordinated with it."""
    before = [p for p in sv.places if p.nend <= trig.nstart and getattr(p, "cue", None) != "origin"]
    if not before:
        return []
    best = min(reversed(before), key=lambda p: FINENESS.get(getattr(p, "precision", None), 0))
    return coordinated_places([best], sv)


def _dominant(doc: Doc) -> list:
    counts: dict[str, int] = {}
    firsts: dict[str, object] = {}
    for p in doc.places:
        best = getattr(p, "best", None)
        if best is None:
            continue
        counts[best.country] = counts.get(best.country, 0) + 1
        if getattr(p, "precision", None) == "country":
            firsts.setdefault(best.country, p)
    if not counts:
        return []
    top = max(counts, key=counts.get)
    return [firsts[top]] if top in firsts else []
