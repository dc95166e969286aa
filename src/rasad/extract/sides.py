"""Who did it to whom, decided: the roles rules in their order over one incident's sentence.

``actors_for`` tries the rules most specific first (crowds, بين, passive voice, by-phrases,
genitive agents, weapon owners, claimants, verb-subject order, nationality adjectives, word
order); each is a named rule that a run can switch off, and the one that decides goes into the
incident's trail. The readers of each phenomenon live in ``roles``.
"""
from __future__ import annotations

from .context import SentenceView, key_of
from .registry import Trail, on, rule
from .roles import (ADJ_TRIGGERS, ARMED_NONSTATE, ARMED_TYPES, CROWD_TYPES, PROTEST_KEYS, SVO_GAP, _anaphors,
                    _attributive, _between, _by_phrase, _candidates, _genitive_agent, _passive, _protest,
                    _verb_subject, _weapon_owner)

ANAPHORS = rule("roles.anaphors", "roles",
                "a definite noun for an armed group (المليشيا) stands for the armed group named "
                "last")
PROTEST = rule("roles.protest", "roles",
               "the crowd is actor1 of a protest or riot, the forces that met it actor2")
BETWEEN = rule("roles.between", "roles", "the two sides of a clash are the actors named after بين")
SVO_ACTIVE = rule("roles.svo_active", "roles",
                  "a subject right before an ambiguous verb (طائرة تابعة للجيش استهدفت) makes it "
                  "active")
VSO_ACTIVE = rule("roles.vso_active", "roles",
                  "an armed subject right after an ambiguous verb (اعتقلت قوات الاحتلال) makes "
                  "it active")
PASSIVE = rule("roles.passive", "roles",
               "a passive incident word (هوجمت القوات، تعرضت دورية لهجوم): the one named is the "
               "target")
BY_PHRASE = rule("roles.by_phrase", "roles",
                 "the actor after a by-phrase (نفذها، برصاص) or a claim after the trigger is the "
                 "initiator")
BY_PHRASE_VICTIM = rule("roles.by_phrase_victim", "roles",
                        "with a by-phrase, the one named before the incident word suffered it "
                        "(قتل شاب برصاص الجيش)")
GENITIVE_AGENT = rule("roles.genitive_agent", "roles",
                      "an armed actor joined by ل to an attack noun (هجوم لحزب العمال) is the "
                      "attacker")
CLAIMANT = rule("roles.claimant", "roles",
                "the actor claiming responsibility before the incident word is its initiator")
VERB_SUBJECT = rule("roles.verb_subject", "roles",
                    "the actor right after a past-tense incident verb is its subject (قصفت "
                    "الطائرات …)")
ATTRIBUTIVE = rule("roles.attributive", "roles",
                   "a nationality adjective after an attack word or weapon (غارة إسرائيلية) "
                   "names its forces")
WORD_ORDER = rule("roles.word_order", "roles",
                  "the last actor before the incident word is its initiator")
TARGET_AFTER = rule("roles.target_after", "roles",
                    "the first other actor after the incident word is its target")
OBJECT_BETWEEN = rule("roles.object_between", "roles",
                      "the target named between two incident words (هاجم مسلحون المتظاهرين … "
                      "وقتلوا)")
MET_FORCES = rule("roles.met_forces", "roles",
                  "forces whose incursion or attack was met (تصدت لتوغل بري إسرائيلي) are the "
                  "target")
DISTINCT_SIDES = rule("roles.distinct_sides", "roles", "one actor is not both initiator and target")
WEAPON_OWNER = rule("roles.weapon_owner", "roles",
                    "the armed actor whose aircraft or guns are named (غارة لطائرات التحالف) is the attacker")


def actors_for(sv: SentenceView, triggers: list, doc, weapons: list = (), trail: Trail | None = None):
    """(actor1, actor2) of the incident named by ``triggers``; the deciding rules go into ``trail``."""
    trail = trail or Trail()
    first, last = triggers[0], triggers[-1]
    anaphors = _anaphors(sv, doc) if on(ANAPHORS) else []
    trail.applies(ANAPHORS, bool(anaphors))
    cands = sorted(_candidates(sv, first, doc, trail) + anaphors, key=lambda a: a.nstart)
    keys = {key_of(t) for t in triggers}
    crowd_only = any(a.actor.type in CROWD_TYPES for a in cands) and all(
        a.actor.type in CROWD_TYPES or a.actor.type == "state_forces" for a in cands)
    crowd_at = min((a.nstart for a in cands if a.actor.type in CROWD_TYPES), default=last.nend)
    armed = any(a.actor.type in ARMED_NONSTATE and a.nend <= crowd_at for a in cands)   # armed men before the crowd
    if (keys & PROTEST_KEYS or crowd_only) and not armed:
        # ACLED puts the crowd first, the forces that met it second (clashes between the police
        # and protesters included); a crowd attacked by an armed group is not this case
        found = trail.call(PROTEST, _protest, sv, first, cands, keys, doc, trail)
        if found is not None:
            return found
    pair = trail.call(BETWEEN, _between, sv, triggers, cands)
    if pair is not None:
        return pair
    after = [a for a in cands if a.nstart >= last.nend]
    before = [a for a in cands if a.nend <= first.nstart]
    if _passive(sv, first) and on(PASSIVE) and not _active(sv, first, cands, before, trail):
        trail.fire(PASSIVE)
        agent = trail.call(BY_PHRASE, _by_phrase, sv, first, cands) \
            or trail.call(WEAPON_OWNER, _weapon_owner, first, cands, weapons) \
            or trail.call(ATTRIBUTIVE, _attributive, sv, triggers, weapons, doc)
        target = next((a for a in cands if a.nstart >= first.nend and a is not agent), None)
        return agent, (target or (before[-1] if before else None))
    a1 = trail.call(BY_PHRASE, _by_phrase, sv, first, cands) \
        or trail.call(GENITIVE_AGENT, _genitive_agent, sv, triggers, cands) \
        or trail.call(WEAPON_OWNER, _weapon_owner, first, cands, weapons)
    if trail.applies(BY_PHRASE_VICTIM, a1 is not None and bool(before)
                     and not any(a.nstart >= last.nend and a is not a1 for a in after)):
        return a1, before[-1]       # قتل شاب برصاص الجيش: the one named before a by-phrase suffered it
    if a1 is None:
        claimants = [a for c in sv.cues_of("claim.responsibility") if c.nend <= first.nstart
                     for a in before if 0 <= a.nstart - c.nend <= 12]
        if trail.applies(CLAIMANT, bool(claimants)):
            a1 = claimants[-1]
    if a1 is None:
        a1 = trail.call(VERB_SUBJECT, _verb_subject, sv, first, cands, doc)
    if a1 is None:
        a1 = trail.call(ATTRIBUTIVE, _attributive, sv, triggers, weapons, doc)
    if a1 is None and trail.applies(WORD_ORDER, bool(before)):
        a1 = before[-1]
    return a1, _target(sv, triggers, weapons, doc, cands, after, a1, trail)


def _active(sv: SentenceView, first, cands: list, before: list, trail: Trail) -> bool:
    """An unvoweled verb that may be passive (استهدفت) with its subject right before it, or an
    armed subject right after it, is active; تعرضت دورية للجيش لهجوم stays passive (the cue is
    not the trigger itself)."""
    verb = getattr(first.entry, "cls", None) == "verb"
    svo = bool(before) and first.nstart - before[-1].nend <= SVO_GAP and verb \
        and any(key_of(c) == "voice.passive" and c.nstart <= first.nstart + 1 and c.nend >= first.nend - 1
                for c in sv.cues)
    sure = any(key_of(c) == "voice.passive.sure" and c.nstart <= first.nstart + 1 and c.nend >= first.nend - 1
               for c in sv.cues)
    vso = not sure and verb and any(
        a.actor.type in ARMED_TYPES and 0 <= a.nstart - first.nend <= 2 for a in cands)   # اعتقلت قوات الاحتلال …
    return trail.applies(SVO_ACTIVE, svo) or trail.applies(VSO_ACTIVE, vso)


def _target(sv: SentenceView, triggers: list, weapons: list, doc, cands: list, after: list, a1, trail: Trail):
    """actor2 of an incident whose initiator is ``a1`` (or None)."""
    first, last = triggers[0], triggers[-1]
    a2 = None
    if on(TARGET_AFTER):
        a2 = next((a for a in after if a1 is None or (a.actor.key != a1.actor.key and a.nstart >= a1.nend)), None)
        if a2 is None and a1 is not None:
            a2 = next((a for a in after if a.actor.key != a1.actor.key), None)
        trail.applies(TARGET_AFTER, a2 is not None)
    if a2 is None and a1 is not None:
        # هاجم مسلحون المتظاهرين … وقتلوا: the object sits between the incident's trigger words
        found = next((a for a in cands if first.nend <= a.nstart < last.nstart and a.actor.key != a1.actor.key), None)
        if trail.applies(OBJECT_BETWEEN, found is not None):
            a2 = found
    if a2 is None and a1 is not None and on(MET_FORCES):
        # تصدت لتوغل بري إسرائيلي: the forces whose incursion or attack was met
        other = _attributive(sv, triggers, weapons, doc, keys=ADJ_TRIGGERS + ("incursion",))
        if trail.applies(MET_FORCES, other is not None and other.actor.country != a1.actor.country):
            a2 = other
    if trail.applies(DISTINCT_SIDES, a1 is not None and a2 is not None and a1.actor.key == a2.actor.key):
        a2 = None
    return a2
