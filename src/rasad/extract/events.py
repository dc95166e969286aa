"""Assemble incidents from triggers: one event per incident, place and day.

For every sentence: triggers are grouped into incidents (adjacent triggers that do not name a
place of their own join the incident beside them); each incident takes its places (coordinated
lists ``التنف والركبان والمالكية`` make one event per place), date, actors, weapon, casualties,
status, claim and sources from the sentence, falling back on the sentences before it for what it
does not say. Sentences that report counts of incidents or cumulative tolls are left to
``reports``. Every decision is recorded in ``doc.decisions``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import takewhile

from .context import SentenceView, key_of
from .doc import Decision, Doc
from .fields import coordinated_places, date_for
from .incident import Incident
from .registry import Trail, applies, on, rule
from .scene import _definite
from .steps import Draft, incident_events

DESCRIPTIVE = rule("incidents.descriptive_clause", "incidents",
                   "incident words in a clause describing a place (المدينة التي شهدت احتجاجات) "
                   "name no incident")
FINER_PLACE = rule("incidents.finer_place", "incidents",
                   "a country right after the incident word yields to a finer place after it")
ROAD_BETWEEN = rule("incidents.road_between", "incidents",
                    "two places after بين (على الطريق بين كركوك وتكريت) are one place on the "
                    "way, not two events")
JOIN_PLACELESS = rule("incidents.join_placeless", "incidents",
                      "an incident word with no place of its own joins the incident beside it")
HEADLINE = rule("incidents.headline", "incidents",
                "the first line is a headline when it is the title or a line without a full stop")
SCENE = rule("incidents.scene", "incidents",
             "the last place of a sentence without incident words is the scene of what follows")
REPORT_SENTENCE = rule("guards.report_sentence", "guards",
                       "a sentence that reports counts of incidents or a toll makes no event of "
                       "its own")
BACKGROUND = rule("guards.background", "guards",
                  "a sentence with a background cue (recap) makes no event")
REFERS_BACK = rule("guards.refers_back", "guards",
                   "a definite incident noun with no place or day of its own is the incident "
                   "already reported")
SAME_HAND = rule("roles.same_hand", "roles",
                 "a strike like the one just before, with no initiator of its own, is by the "
                 "same hand")


@dataclass
class TriggerGroup:
    """The triggers of one sentence that name one incident, and the places it is at."""

    sentence: SentenceView
    triggers: list = field(default_factory=list)
    places: list = field(default_factory=list)
    trail: Trail = field(default_factory=Trail, compare=False, repr=False)
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
    if not applies(DESCRIPTIVE, len(trig) < len(sv.triggers)):
        trig = list(sv.triggers)
    if on(FEARED):
        # مخاوف من تجدد المواجهات: the incident feared has not happened; it joins no incident
        fear = sv.cues_of("status.fear")
        kept = [t for t in trig if not any(0 <= t.nstart - c.nend <= FEAR_REACH for c in fear)]
        if applies(FEARED, len(kept) < len(trig)):
            trig = kept
    for k, t in enumerate(trig):
        pt = Trail()
        places = _own_places(sv, t, trig[k + 1].nstart if k + 1 < len(trig) else sv.nend, pt)
        cut = _new_subject(sv, trig[k - 1], t) if out and on(NEW_SUBJECT) else None
        if cut is not None:
            # والمقاومة تستهدف: another side acts; each clause keeps its own actors and weapons
            out[-1].clause = (out[-1].clause or (sv.nstart, cut))[0], cut
            pt.fire(NEW_SUBJECT)
            out.append(TriggerGroup(sv, [t], places, pt, (cut, sv.nend)))
            continue
        if out and (not places or not out[-1].places) and on(JOIN_PLACELESS):
            out[-1].trail.fire(JOIN_PLACELESS)
            out[-1].triggers.append(t)
            if places:
                out[-1].places = places
                out[-1].trail.extend(pt)
            continue
        out.append(TriggerGroup(sv, [t], places, pt))
    return out


def _own_places(sv: SentenceView, t, region_end: int, trail: Trail) -> list:
    """The places named after trigger ``t`` and before the next one."""
    own = [p for p in sv.places if t.nend <= p.nstart < region_end and getattr(p, "cue", None) != "origin"]
    if not own:
        return []
    # a country right after the trigger (غارة منسوبة لإسرائيل قرب مطار دمشق) is rarely where it
    # happened when a finer place follows: start from the first finer one
    fine = [p for p in own if getattr(p, "precision", None) != "country"]
    first = fine if trail.applies(FINER_PLACE, bool(fine) and len(fine) < len(own)) else own
    places = coordinated_places(first, sv, trail)
    if trail.applies(ROAD_BETWEEN, len(places) > 1
                     and any(0 <= places[0].nstart - c.nend <= 2 for c in sv.cues_of("between"))):
        places = places[:1]     # على الطريق بين كركوك وتكريت: one place on the way, not two events
    return places


def build_events(doc: Doc, views: list[SentenceView], report_sentences: set[int]) -> list[Incident]:
    events: list[Incident] = []
    last_date = None
    carrier_made, carrier_i = False, -1   # did the sentence that gave last_date make events of its own?
    last_places: list = []
    title_i = 0 if len(views) > 1 and on(HEADLINE) and _headline(doc, views[0]) else -1
    for sv in views:
        own_date = date_for(sv, None, doc)
        if not sv.triggers:
            if own_date:
                last_date, carrier_made, carrier_i = own_date, False, sv.i
            last_places = _scene(sv) or last_places
            continue
        if applies(REPORT_SENTENCE, sv.i in report_sentences):
            doc.decisions.append(Decision(sv.i, sv.triggers[0].text, False,
                                          "counts of incidents or a toll: reported as aggregate/tally"))
            continue
        if applies(BACKGROUND, bool(sv.cues_of("background"))):
            doc.decisions.append(Decision(sv.i, sv.triggers[0].text, False,
                                          "background recap (cue: %s)" % sv.cues_of("background")[0].text))
            continue
        made_here = False
        for inc in group_incidents(sv):
            if events and applies(REFERS_BACK, _refers_back(doc, sv, inc)):
                doc.decisions.append(Decision(sv.i, inc.triggers[0].text, False,
                                              "definite noun with no place or day of its own: the incident already reported"))
                continue
            # a date carried from a sentence that reported its own incident does not date a new
            # incident at a place of its own further on (the day of the last strike is not the day of the
            # next); the sentence right after it usually elaborates the same report
            stale = bool(carrier_made and inc.places and sv.i - carrier_i > 1)
            if sv.i == title_i:
                inc.trail.fire(HEADLINE)
            draft = Draft(doc, views, sv, inc.triggers, inc.places, inc.trail, last_date, stale, last_places,
                          is_title=(sv.i == title_i), clause=inc.clause)
            made = incident_events(draft)
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
    # ``earlier`` is in sentence order (build_events reads the sentences in order): the scan back
    # stops at the first event too far back instead of visiting every earlier one
    recent = takewhile(lambda e: ev.sentence - e.sentence <= SAME_HAND_SENTENCES, reversed(earlier))
    prev = next((e for e in recent
                 if e.sub_event_type == ev.sub_event_type and e.actor1 is not None), None)
    if ev.trail.applies(SAME_HAND, prev is not None and (ev.actor2 is None
                                                          or ev.actor2.actor.key != prev.actor1.actor.key)):
        ev.actor1 = prev.actor1


def _scene(sv: SentenceView) -> list:
    """The place a sentence without incident words leaves as the scene of what follows: its last
    place (وفي حلب، …), but not a capital or a country named in passing (صلة بطهران)."""
    last = sv.places[-1:]
    if not last or getattr(last[0], "precision", None) == "country" or getattr(last[0].best, "capital", False) \
            or getattr(last[0], "cue", None) == "origin" or not applies(SCENE, True):
        return []
    return coordinated_places(last, sv)


def _headline(doc: Doc, sv: SentenceView) -> bool:
    """The first sentence is a headline when it is the article's title, or a line of its own
    without a full stop (news bodies end their sentences; headlines do not)."""
    text = sv.text.strip()
    if doc.title and " ".join(doc.title.split()) == " ".join(text.split()):
        return True
    after = doc.raw[sv.end:sv.end + 2]
    return bool(text) and text[-1] not in ".!؟?" and (after.startswith("\n") or sv.end >= len(doc.raw.rstrip()))


def _refers_back(doc: Doc, sv: SentenceView, inc: TriggerGroup) -> bool:
    """``وأسفر القصف عن …``، ``لم تصب في الضربة الجوية``: a definite incident noun with no place
    and no date of its own refers to an incident the article has already reported."""
    if inc.places or not all(_definite(doc, t) for t in inc.triggers):
        return False
    first = inc.triggers[0]
    return not any(d.nstart >= first.nend or first.nstart - d.nend <= 30 for d in sv.dates)
