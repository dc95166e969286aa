"""Event typing by ACLED's rules: an ordered tuple of named typing rules over one incident's facts.

Each rule reads the incident's trigger families, weapons (named and implied), actors and
casualties together and either decides (event type, sub-event type) or passes to the next rule;
the first that decides wins, and its id goes into the incident's decision trail. The order is
ACLED's: interceptions, crowds, battles, territory, then remote violence by weapon (an air
strike, shelling, a bomb makes Explosions/Remote violence even when the text only says هجوم
or استهداف), then direct violence (on civilians: Violence against civilians; on an armed side:
Battles), then the family's own default from ``trigger_families.tsv``.

Branches on canonical keys only (``attack.airstrike``, ``drone``, ``state_forces``); the Arabic
words that map to those keys live in the knowledge tables.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..knowledge.vocab import trigger_families
from .registry import Rule, Trail, on, rule

REMOTE_AIR = frozenset({"drone", "airstrike"})
REMOTE_FIRE = frozenset({"missile", "rocket", "artillery", "mortar"})
REMOTE_BLAST = frozenset({"ied", "car_bomb", "landmine"})
ARMED_TYPES = frozenset({"state_forces", "rebel_group", "political_militia", "identity_militia"})
NON_STATE_ARMED = ARMED_TYPES - {"state_forces"}
CROWD = frozenset({"protesters", "rioters"})
ATTACK_KEYS = frozenset({"attack.generic", "attack.airstrike", "attack.shelling", "attack.explosion",
                         "attack.suicide", "attack.chemical", "attack.grenade"})
DIRECT_KEYS = frozenset({"kill", "shooting", "attack.generic"})
# families a dedicated rule reads; the family default is for the others (a user's new family)
HANDLED = ATTACK_KEYS | DIRECT_KEYS | {"intercept", "riot", "protest", "intervene", "clash", "seize",
                                        "retake", "abduct", "arrest"}

Typed = tuple[str, str]


def not_coded() -> frozenset[str]:
    """Families that never make an event on their own (trigger_families.tsv, coded = no)."""
    return frozenset(k for k, f in trigger_families().items() if not f.coded)


@dataclass(frozen=True)
class Facts:
    """What typing reads about one incident."""

    keys: frozenset[str]
    weapons: frozenset[str]
    target: str | None = None           # ACLED actor type of actor2
    initiator: str | None = None        # ACLED actor type of actor1
    actor_types: frozenset[str] = frozenset()
    casualties: bool = False


def _disrupted(f: Facts) -> Typed | None:
    # something must be brought down or foiled: إسقاط النظام (toppling a government) is not
    if "intercept" in f.keys and (f.weapons or f.keys & ATTACK_KEYS):
        return "Strategic developments", "Disrupted weapons use"
    return None


def _riot(f: Facts) -> Typed | None:
    return ("Riots", "Violent demonstration") if "riot" in f.keys else None


def _crowd(f: Facts) -> Typed | None:
    # a crowd attacked by an armed group (هاجم مسلحون المتظاهرين) is violence against civilians
    attacked = f.initiator in NON_STATE_ARMED and f.target in CROWD
    if attacked or not ("protest" in f.keys or ("intervene" in f.keys and f.actor_types & CROWD)):
        return None
    forces = "state_forces" in f.actor_types
    if "clash" in f.keys:
        return "Riots", "Violent demonstration"
    if f.keys & {"kill", "shooting"} or f.casualties:
        return ("Protests", "Excessive force against protesters") if forces else ("Riots", "Violent demonstration")
    if f.keys & {"intervene", "arrest"} or forces:
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


def _crowd_clash(f: Facts) -> Typed | None:
    """Clashes between unarmed people (المصلين، الشبان) and state forces are a riot, not a battle
    (ACLED: a battle needs two organized armed sides)."""
    if "clash" in f.keys and f.actor_types & (CROWD | {"civilians"}) and "state_forces" in f.actor_types \
            and not f.actor_types & NON_STATE_ARMED:
        return "Riots", "Violent demonstration"
    return None


def _battle(f: Facts) -> Typed | None:
    return ("Battles", "Armed clash") if "clash" in f.keys else None


def _territory(f: Facts) -> Typed | None:
    """Territory changing hands: taken back by state forces is the government regaining it (ACLED),
    whatever verb the press uses; taken by anyone else, a non-state actor overtaking it."""
    if not f.keys & {"seize", "retake"}:
        return None
    if f.initiator == "state_forces" or ("retake" in f.keys and f.initiator is None):
        return "Battles", "Government regains territory"
    return "Battles", "Non-state actor overtakes territory"


def _suicide(f: Facts) -> Typed | None:
    if "attack.suicide" in f.keys or "suicide_bomb" in f.weapons:
        return "Explosions/Remote violence", "Suicide bomb"
    return None


def _air(f: Facts) -> Typed | None:
    if "attack.airstrike" in f.keys or f.weapons & REMOTE_AIR:
        return "Explosions/Remote violence", "Air/drone strike"
    return None


def _shelling(f: Facts) -> Typed | None:
    if "attack.shelling" in f.keys or f.weapons & REMOTE_FIRE:
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    return None


def _explosive(f: Facts) -> Typed | None:
    if "attack.explosion" in f.keys or f.weapons & REMOTE_BLAST:
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    return None


def _grenade(f: Facts) -> Typed | None:
    if "grenade" in f.weapons or "attack.grenade" in f.keys:
        return "Explosions/Remote violence", "Grenade"
    return None


def _chemical(f: Facts) -> Typed | None:
    if "chemical" in f.weapons or "attack.chemical" in f.keys:
        return "Explosions/Remote violence", "Chemical weapon"
    return None


def _abduction(f: Facts) -> Typed | None:
    """Kidnapping, and 'arrests' made by a non-state armed group, are abductions (ACLED)."""
    if "abduct" in f.keys or ("arrest" in f.keys and f.initiator in NON_STATE_ARMED):
        return "Violence against civilians", "Abduction/forced disappearance"
    return None


def _arrest(f: Facts) -> Typed | None:
    return ("Strategic developments", "Arrests") if "arrest" in f.keys else None


def _direct(f: Facts) -> Typed | None:
    """Direct violence: on unarmed people, violence against civilians; on an armed side, a battle."""
    if not f.keys & DIRECT_KEYS:
        return None
    if f.target == "civilians" or f.target in CROWD:
        return "Violence against civilians", "Attack"
    if f.target in ARMED_TYPES:
        return "Battles", "Armed clash"
    if f.keys & {"kill", "shooting"} and f.casualties:
        return "Violence against civilians", "Attack"
    if "attack.generic" in f.keys and f.casualties:
        return "Battles", "Armed clash"
    return None


def _family_default(f: Facts) -> Typed | None:
    """A coded family that no dedicated rule reads (one a user added) takes its own row of
    trigger_families.tsv."""
    fams = trigger_families()
    for k in sorted(f.keys - HANDLED):
        fam = fams.get(k)
        if fam is not None and fam.coded:
            return fam.event_type, fam.sub_event_type
    return None


TYPING: tuple[tuple[Rule, Callable[[Facts], Typed | None]], ...] = (
    (rule("typing.disrupted", "typing", "an interception of a weapon or attack is a disrupted weapons use"), _disrupted),
    (rule("typing.riot", "typing", "a violent crowd is a riot"), _riot),
    (rule("typing.crowd", "typing", "a protest, with intervention or excessive force when forces meet it"), _crowd),
    (rule("typing.crowd_clash", "typing", "unarmed people clashing with state forces are a riot"),
     _crowd_clash),
    (rule("typing.battle", "typing", "armed sides fighting are a battle, whatever weapons they use"), _battle),
    (rule("typing.territory", "typing", "territory taken: by state forces regained, by others overtaken"), _territory),
    (rule("typing.suicide", "typing", "a suicide attacker or suicide bomb is a suicide bomb"), _suicide),
    (rule("typing.air", "typing", "an aircraft or drone strike is an air/drone strike"), _air),
    (rule("typing.shelling", "typing", "missiles, rockets, artillery and mortars are shelling"), _shelling),
    (rule("typing.explosive", "typing", "an IED, car bomb or landmine is a remote explosive"), _explosive),
    (rule("typing.grenade", "typing", "a grenade is a grenade attack"), _grenade),
    (rule("typing.chemical", "typing", "a chemical weapon is a chemical weapon attack"), _chemical),
    (rule("typing.abduction", "typing", "kidnapping, or 'arrest' by a non-state armed group, is an abduction"),
     _abduction),
    (rule("typing.arrest", "typing", "arrests by the authorities are a strategic development"), _arrest),
    (rule("typing.direct", "typing", "direct violence: on civilians an attack, on an armed side a battle"), _direct),
    (rule("typing.family_default", "typing", "any other coded family takes its trigger_families.tsv row"),
     _family_default),
)


def decide(facts: Facts, trail: Trail | None = None) -> Typed | None:
    """(event_type, sub_event_type) by the first typing rule that decides, or None (not coded)."""
    for r, fn in TYPING:
        if not on(r):
            continue
        typed = fn(facts)
        if typed is not None:
            if trail is not None:
                trail.fire(r)
            return typed
    return None


def classify(keys: set[str], weapons: list[str], target_type: str | None,
             has_casualties: bool, actor_types: frozenset[str] | set[str] = frozenset(),
             initiator_type: str | None = None, trail: Trail | None = None) -> Typed | None:
    """(event_type, sub_event_type) for an incident, or None when it is not coded."""
    return decide(Facts(frozenset(keys), frozenset(weapons), target_type, initiator_type,
                        frozenset(actor_types), has_casualties), trail)


def weapon_for(sub_event_type: str, weapons: list[str], implied: list[str]) -> str | None:
    """The weapon to report: explicit mentions first, else what the trigger implies."""
    pool = list(weapons) + [w for w in implied if w]
    prefer = {
        "Air/drone strike": ("drone", "airstrike"),
        "Shelling/artillery/missile attack": ("missile", "rocket", "artillery", "mortar"),
        "Remote explosive/landmine/IED": ("car_bomb", "ied", "landmine"),
        "Suicide bomb": ("suicide_bomb",),
        "Disrupted weapons use": ("drone", "missile", "rocket"),
    }.get(sub_event_type)
    if prefer:
        for w in pool:
            if w in prefer:
                return w
        return None
    return pool[0] if pool else None


class _NotCoded:
    """``NOT_CODED`` read from the table at each use (a user knowledge dir may change it)."""

    def __contains__(self, key: str) -> bool:
        return key in not_coded()

    def __ge__(self, other) -> bool:
        return set(other) <= not_coded()

    def __iter__(self):
        return iter(not_coded())


NOT_CODED = _NotCoded()
