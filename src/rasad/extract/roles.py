"""Who did it to whom: actor1 (initiator) and actor2 (target) of one incident, read off its sentence.

Rules, most specific first, each a phenomenon of Arabic news prose:

1. **Protests and riots**: the protesters named in the sentence are actor1 and the state forces
   that met them actor2 (ACLED puts protesters first even when force is used against them).
2. **By-phrase** (``agent.by`` cues): ``غارات نفذها النظام``، ``قتل برصاص الجيش`` names the
   initiator after the trigger.
3. **Attributive demonym**: an attack word or weapon followed by a nationality adjective
   (``غارة إسرائيلية``، ``القصف التركي``، ``صاروخين إسرائيليين``) makes that country's military
   forces the initiator.
4. **Word order**: the last actor before the trigger is the initiator, the first other actor
   after it the target; a passive trigger (``هوجمت القوات``، ``تعرضت دورية للجيش لهجوم``) makes the
   sufferer the target, unless an armed subject stands right before or after an ambiguous verb
   (``طائرة تابعة للجيش استهدفت``، ``اعتقلت قوات الاحتلال``).
5. **Sides and references**: ``بين X وY`` names both sides of a clash; a claim after the trigger
   (``هجوم تبنته جماعة …``), an affiliation (``مسلحون ينتمون لتنظيم …``) or a genitive
   (``هجوم لحزب العمال``) names the initiator; a definite noun for an armed group (``المليشيا``)
   stands for the one named last; a parent in apposition is the same side.

Actors that only speak (sources, speakers of ``قالت حماس إن …``، ``وفق ما أفادت الشرطة``) are
never initiators or targets, unless they are the subject of what they report (``إنه استهدف``). Generic actors whose country
came from the article rather than from their own phrase (``المدنيين``، ``المتظاهرين``) take the
country of the incident's place (``localize``).
"""
from __future__ import annotations

import bisect
from functools import lru_cache

from ..knowledge.actors_data import ActorMention
from ..knowledge.loader import load_table, on_clear
from ..text.normalize import norm_key
from .context import SentenceView, key_of
from .registry import Trail, on, rule

SOURCE_ROLES = {"source"}
AGENT_GAP = 14          # characters between a by-phrase and the actor it names
PASSIVE_REACH = 30      # characters from تعرض to the incident word it governs
BETWEEN_GAP = 12        # characters between an incident word and the بين that names its sides
APPOSITION_GAP = 30     # characters between an actor and its parent organisation named after it
ATTRIBUTION_GAP = 6     # وفق ما أفادت: an attribution word, then the reporting verb
SVO_GAP = 3             # characters between a subject and the unvoweled verb it governs
ADJ_GAP = 2             # characters between an attack word or weapon and its nationality adjective
ADJ_TRIGGERS = ("attack.",)
PROTEST_KEYS = {"protest", "riot"}
CROWD_TYPES = {"protesters", "rioters"}
ARMED_NONSTATE = {"rebel_group", "political_militia", "identity_militia"}
ARMED_TYPES = ARMED_NONSTATE | {"state_forces"}
SPEECH_CUES = ("claim.report", "source.attribution")
SPEAKER_GAP = 3         # characters between a speech verb and its speaker

SPEAKERS = rule("roles.speakers", "roles",
                "an actor that only reports the incident (قالت حماس إن …، وفق ما أفادت الشرطة) "
                "takes no side")
APPOSITION = rule("roles.apposition", "roles",
                  "a parent named in apposition, or the group men belong to, is the same side, "
                  "not another")
IMPLIED_CROWD = rule("roles.implied_crowd", "roles",
                     "a protest named only by its word has the country's generic protesters (or "
                     "rioters)")


def _resolver():
    from ..knowledge.actors import ActorResolver
    return ActorResolver.default()


def _candidates(sv: SentenceView, first=None, doc=None, trail: Trail | None = None) -> list:
    trail = trail or Trail()
    out = [a for a in sv.actors if getattr(a.actor, "role", "actor") not in SOURCE_ROLES]
    if first is not None and doc is not None and on(SPEAKERS):
        speakers = _speakers(sv, first, doc)
        if trail.applies(SPEAKERS, any(id(a) in speakers for a in out)):
            out = [a for a in out if id(a) not in speakers]
    if not on(APPOSITION):
        return out
    # كتائب القسام الجناح العسكري لحركة حماس: the parent named in apposition is the same side;
    # مسلحون ينتمون لتنظيم القاعدة: the men are the group they belong to
    aff = sv.cues_of("agent.by.affiliation")
    kept = [a for a in out if not any(b.nend <= a.nstart and a.nstart - b.nend <= APPOSITION_GAP
                                      and b.actor.parent == a.actor.key for b in sv.actors)
            and not any(0 <= c.nstart - a.nend <= SPEAKER_GAP for c in aff)]
    trail.applies(APPOSITION, len(kept) < len(out))
    return kept


def _speakers(sv: SentenceView, first, doc) -> set[int]:
    """Actors that only report the incident: ``قالت حماس إن شخصا قُتل``، ``بحسب الجيش، سقط صاروخ``.
    A speaker who is the subject of what it reports stays a candidate: ``قال الجيش إنه استهدف``،
    ``قالت إسرائيل إن طائراتها قصفت``."""
    claims = [(c.nstart, c.nend) for c in sv.cues_of("claim.responsibility")]
    out: set[int] = set()
    for c in sv.cues:
        if not key_of(c).startswith(SPEECH_CUES) or (c.nstart, c.nend) in claims:
            continue
        if c.nstart >= first.nend:     # …، وفق ما أفادت الشرطة: a reporting clause after the incident
            attributed = key_of(c).startswith("source.") or any(
                key_of(x).startswith("source.") and 0 <= c.nstart - x.nend <= ATTRIBUTION_GAP for x in sv.cues)
            a = next((a for a in sv.actors if 0 <= a.nstart - c.nend <= SPEAKER_GAP), None) if attributed else None
            if a is not None:
                out.add(id(a))
            continue
        a = next((a for a in sv.actors if 0 <= a.nstart - c.nend <= SPEAKER_GAP and a.nend <= first.nstart), None)
        if a is None:
            continue
        between = [x for x in sv.cues if a.nend <= x.nstart < first.nstart]
        if any(key_of(x) == "pronoun.subject" for x in between) or _possessive(doc, first, sv):
            continue
        if key_of(c).startswith("source.") or any(key_of(x) == "complementizer" for x in between):
            out.add(id(a))
    return out


def _possessive(doc, first, sv: SentenceView) -> bool:
    """The trigger or the weapon right before it carries a possessive pronoun (طائراته، قواتها)."""
    words = [first] + [w for w in sv.weapons if w.nend <= first.nstart and first.nstart - w.nend <= 3]
    for m in words:
        token = doc.norm.text[m.nstart:m.nend].split()[0]
        suffixes = _clitic_roles().get("possessive", ())
        if token.endswith(suffixes) and not norm_key(m.entry.surface).split()[0].endswith(suffixes):
            return True
    return False


def _passive(sv: SentenceView, first) -> bool:
    """The trigger is passive (هوجمت القوات), or the object of a passive verb that is not itself
    an incident word, with the sufferer between them (تعرضت دورية للجيش لهجوم)."""
    for c in sv.cues:
        if not key_of(c).startswith("voice.passive"):
            continue
        if (c.nstart <= first.nstart + 1 and c.nend >= first.nstart) or 0 <= first.nstart - c.nend <= 3:
            return True
        if 0 <= first.nstart - c.nend <= PASSIVE_REACH and not any(
                t.nstart < c.nend and c.nstart < t.nend for t in sv.triggers):
            return True
    return False


@lru_cache(maxsize=1)
def _clitic_roles() -> dict[str, tuple[str, ...]]:
    """Clitics by role (clitics.tsv): genitive proclitics (هجوم لحزب …) and possessive suffixes
    (طائراتها), longest first."""
    out: dict[str, list[str]] = {}
    for r in load_table("clitics", required=("kind", "form", "class")).rows:
        if r.get("role"):
            out.setdefault(r["role"], []).append(norm_key(r["form"]))
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in out.items()}


on_clear(_clitic_roles.cache_clear)


def _genitive_agent(sv: SentenceView, triggers: list, cands: list):
    """``هجوم لحزب العمال الكردستاني``: an armed actor joined by ل to an attack noun right before it
    is the attacker (an actor whose own name starts with those letters, لواء …، is not)."""
    text = sv.doc_text
    for t in triggers:
        if getattr(t.entry, "cls", None) != "noun" or not key_of(t).startswith("attack."):
            continue
        for a in cands:
            if not 0 <= a.nstart - t.nend <= 1 or a.actor.type not in ARMED_TYPES:
                continue
            own = norm_key(a.actor.name_ar or "")
            if any(text.startswith(p, a.nstart) and not own.startswith(p) for p in _clitic_roles().get("genitive", ())):
                return a
    return None


def _by_phrase(sv: SentenceView, first, cands: list):
    """``غارات نفذها النظام``، ``قتل برصاص الجيش``، ``هجوم تبنته جماعة …``: the actor named right
    after a by-cue (or a claim of responsibility) that follows the trigger."""
    reports = {(c.nstart, c.nend) for c in sv.cues_of("claim.report")}
    cues = sv.cues_of("agent.by") + [c for c in sv.cues_of("claim.responsibility") if (c.nstart, c.nend) not in reports]
    for c in sorted(cues, key=lambda c: c.nstart):
        if c.nstart < first.nstart:
            continue
        a = next((a for a in cands if 0 <= a.nstart - c.nend <= AGENT_GAP), None)
        if a is not None:
            return a
    return None


def _attributive(sv: SentenceView, triggers: list, weapons: list, doc, keys: tuple = ADJ_TRIGGERS):
    """Military Forces of the country whose nationality adjective follows an attack word or weapon."""
    heads = [t for t in triggers if key_of(t).startswith(keys)] + list(weapons)
    if not heads or not getattr(doc, "demonyms", None):
        return None
    starts = doc.derived("demonym_starts", doc.demonyms, lambda ds: [d.nstart for d in ds])
    for h in heads:
        i = bisect.bisect_left(starts, h.nend)
        while i < len(doc.demonyms) and doc.demonyms[i].nstart - h.nend <= ADJ_GAP:
            d = doc.demonyms[i]
            i += 1
            dem = d.entry.data
            if dem.gender == "name" or d.prefix not in ("", "ال"):
                continue
            if dem.gender in ("mpl", "fpl") and h not in weapons:
                continue        # مقتل فلسطينيين: people, not an adjective of the attack
            actor = _resolver().state_forces(dem.country, doc.norm.raw[d.start:d.end], doc.published)
            return ActorMention(d.start, d.end, doc.norm.raw[d.start:d.end], d.nstart, d.nend, actor, "pattern",
                                None, "attributive")
    return None


def _verb_subject(sv: SentenceView, first, cands: list, doc):
    """Verb-subject order: the actor right after a past-tense trigger verb is its subject (قصفت
    الطائرات الإسرائيلية …، هاجم مسلحون …), unless a pronoun before the verb already is (أنه استهدف)."""
    if getattr(first.entry, "cls", None) != "verb":
        return None
    ends = [first.nend] + [w.nend for w in sv.weapons if 0 <= w.nstart - first.nend <= 2]   # قصفت مدفعية الجيش
    a = next((a for a in cands if any(0 <= a.nstart - e <= 2 for e in ends)), None)
    if a is None:
        return None
    if any(key_of(c) == "pronoun.subject" and 0 <= first.nstart - c.nend <= 2 for c in sv.cues):
        return None
    return a


def _implied_crowd(first, keys: set[str], doc):
    """``تصدت الشرطة لهذه الاحتجاجات``: a protest names its crowd only by the word for it; the
    crowd is then the generic protesters (rioters for a riot) of the incident's country."""
    res = _resolver()
    actor = (res.generic("{cc}.rioters", None, first.text, doc.published) if "riot" in keys else None) \
        or res.generic("{cc}.protesters", None, first.text, doc.published)
    if actor is None:
        return None
    return ActorMention(first.start, first.end, first.text, first.nstart, first.nend, actor, "pattern", None,
                        "implied:default")


def _protest(sv: SentenceView, first, cands: list, keys: set[str] = frozenset(), doc=None,
             trail: Trail | None = None):
    trail = trail or Trail()
    crowd = [a for a in cands if a.actor.type in CROWD_TYPES]
    if not crowd:
        implied = trail.call(IMPLIED_CROWD, _implied_crowd, first, keys, doc) \
            if keys & PROTEST_KEYS and doc is not None else None
        if implied is None:
            return None
        crowd = [implied]
    a1 = min(crowd, key=lambda a: abs(a.nstart - first.nstart))
    forces = [a for a in cands if a.actor.type == "state_forces" and a.actor.key != a1.actor.key]
    a2 = min(forces, key=lambda a: abs(a.nstart - first.nstart)) if forces else None
    return a1, a2


def _anaphors(sv: SentenceView, doc) -> list:
    """``واستهدفت المقاتلات تعزيزات للمليشيا``: a definite common noun for an armed group, where
    no actor is named, stands for the armed group the article named last before it."""
    out = []
    for c in sv.cues_of("anaphor.armed"):
        if any(a.nstart <= c.nstart < a.nend for a in sv.actors):
            continue                    # part of a name (الميليشيا الحوثية)
        named, ends = doc.derived("armed_nonstate", doc.actors, _armed_named)
        last = bisect.bisect_right(ends, c.nstart) - 1     # the last one in order ending before c
        if last >= 0:
            a = named[last]
            out.append(ActorMention(c.start, c.end, c.text, c.nstart, c.nend, a.actor, "anaphora", None, "anaphor"))
    return out


def _armed_named(actors: list) -> tuple[list, list[int]]:
    """The armed non-state actors in order, and for each the earliest end from it on (a
    non-decreasing list: bisect finds the last one that ends before a position)."""
    named = [a for a in actors if a.actor.type in ARMED_NONSTATE]
    ends, low = [0] * len(named), None
    for j in range(len(named) - 1, -1, -1):
        low = named[j].nend if low is None else min(low, named[j].nend)
        ends[j] = low
    return named, ends


def _between(sv: SentenceView, triggers: list, cands: list):
    """``اشتباكات بين قوات الجيش وميليشيا الحوثي``: the two sides named after بين."""
    for c in sv.cues_of("between"):
        if any(0 <= c.nstart - t.nend <= BETWEEN_GAP for t in triggers):
            sides = [a for a in cands if a.nstart >= c.nend]
            if len(sides) >= 2 and sides[0].actor.key != sides[1].actor.key:
                return sides[0], sides[1]
            if sides and sides[0].nstart - c.nend <= 2:
                return sides[0], None   # بين عشيرتين: both sides one kind of group
    return None


OWNER_REACH = 40        # characters between the incident word and the weapon named with its owner


def _weapon_owner(first, cands: list, weapons):
    """``في غارة جوية لطائرات التحالف``، ``بقذائف مدفعية الجيش``: an armed actor in construct with
    a weapon named beside the incident word owns the weapon, so it attacked."""
    near = [w for w in weapons if abs(w.nstart - first.nstart) <= OWNER_REACH]
    for w in sorted(near, key=lambda w: abs(w.nstart - first.nstart)):
        owner = next((a for a in cands if a.actor.type in ARMED_TYPES and 0 <= a.nstart - w.nend <= 2), None)
        if owner is not None:
            return owner
    return None


def localize(m, place):
    """A generic actor whose country was the article's guess takes the incident's country."""
    if m is None or place is None or not str(getattr(m, "cue", "") or "").endswith(":default"):
        return m
    best = getattr(place, "best", None)
    cc = getattr(best, "country", None)
    base = m.actor.key.split(".", 1)[-1] if "." in m.actor.key else m.actor.key
    if cc is None or m.actor.country == cc:
        return m
    actor = _resolver().generic("{cc}." + base, cc, m.actor.name_ar or m.text)
    if actor is None:
        return m
    return ActorMention(m.start, m.end, m.text, m.nstart, m.nend, actor, m.rule, m.person, m.cue)
