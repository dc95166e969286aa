"""Event typing by ACLED's hierarchy, from the trigger keys, weapons and targets of one incident.

Branches on canonical keys only (``attack.airstrike``, ``drone``); the Arabic words that map to
those keys live in the knowledge tables.
"""
from __future__ import annotations

REMOTE_AIR = {"drone", "airstrike"}
REMOTE_FIRE = {"missile", "rocket", "artillery", "mortar"}
REMOTE_BLAST = {"ied", "car_bomb", "landmine"}
ARMED_TYPES = {"state_forces", "rebel_group", "political_militia", "identity_militia"}
# Triggers that never make an event on their own (non-violent developments, ACLED "optional").
NOT_CODED = {"incursion", "deploy", "agreement", "destruction", "intervene"}
CROWD = {"protesters", "rioters"}
ATTACK_KEYS = {"attack.generic", "attack.airstrike", "attack.shelling", "attack.explosion", "attack.suicide",
               "attack.chemical", "attack.grenade"}


def _protest(keys: set[str], has_casualties: bool, actor_types) -> tuple[str, str]:
    forces = "state_forces" in actor_types
    if "clash" in keys:
        return "Riots", "Violent demonstration"
    if keys & {"kill", "shooting"} or has_casualties:
        return ("Protests", "Excessive force against protesters") if forces else ("Riots", "Violent demonstration")
    if keys & {"intervene", "arrest"} or forces:
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"



def classify(keys: set[str], weapons: list[str], target_type: str | None,
             has_casualties: bool, actor_types: frozenset[str] | set[str] = frozenset(),
             initiator_type: str | None = None) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for an incident, or None when it is not coded.

    ``actor_types``: the ACLED types of the incident's actors (state forces facing a crowd turn a
    protest into a protest with intervention, or excessive force when people are killed)."""
    ws = set(weapons)
    if "intercept" in keys and (ws or keys & ATTACK_KEYS):
        # something must be brought down or foiled: إسقاط النظام (toppling a government) is not
        return "Strategic developments", "Disrupted weapons use"
    if "riot" in keys:
        return "Riots", "Violent demonstration"
    # a crowd attacked by an armed group (هاجم مسلحون المتظاهرين) is violence against civilians
    attacked = initiator_type in ARMED_TYPES - {"state_forces"} and target_type in CROWD
    if ("protest" in keys or ("intervene" in keys and actor_types & CROWD)) and not attacked:
        return _protest(keys, has_casualties, actor_types)
    if "clash" in keys:
        return "Battles", "Armed clash"
    if "seize" in keys:
        return "Battles", "Non-state actor overtakes territory"
    if "retake" in keys:
        return "Battles", "Government regains territory"
    if "attack.suicide" in keys or "suicide_bomb" in ws:
        return "Explosions/Remote violence", "Suicide bomb"
    if "attack.airstrike" in keys or ws & REMOTE_AIR:
        return "Explosions/Remote violence", "Air/drone strike"
    if "attack.shelling" in keys or ws & REMOTE_FIRE:
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if "attack.explosion" in keys or ws & REMOTE_BLAST:
        return "Explosions/Remote violence", "Remote explosive/landmine/IED"
    if "grenade" in ws:
        return "Explosions/Remote violence", "Grenade"
    if "chemical" in ws:
        return "Explosions/Remote violence", "Chemical weapon"
    if "abduct" in keys:
        return "Violence against civilians", "Abduction/forced disappearance"
    if "arrest" in keys:
        return "Strategic developments", "Arrests"
    if keys & {"kill", "shooting", "attack.generic"}:
        if target_type == "civilians" or target_type in CROWD:
            return "Violence against civilians", "Attack"
        if target_type in ARMED_TYPES:
            return "Battles", "Armed clash"
        if keys & {"kill", "shooting"} and has_casualties:
            return "Violence against civilians", "Attack"
        if "attack.generic" in keys and has_casualties:
            return "Battles", "Armed clash"
        return None
    return None


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
