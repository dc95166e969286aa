"""Weapons, event triggers and cue words: typed rows and compiled matchers.

Three tables in ``rasad/knowledge/data`` (extendable from user knowledge directories):

* ``weapons.tsv``  surface → weapon key (``rasad.records.WEAPONS``); key ``-`` is a *blocker*, a
  longer phrase that is not a weapon (``مسيرة احتجاجية`` is a protest march, not a drone) so that
  leftmost-longest matching suppresses the shorter hit; ``find_weapons`` drops blockers.
* ``triggers.tsv`` surface → trigger family with its default ACLED event/sub-event type, PLOVER type,
  implied weapon and a strength (how surely the word alone denotes an incident); key ``-`` rows are
  blockers too (``فجر اليوم`` is dawn, ``الحشد الشعبي`` a force); ``find_triggers`` drops them.
* ``cues.tsv``     surface → cue family (casualties, status, claims, sources …) and its scope.
  Every family (of ``cues.tsv`` and ``extraction_cues.tsv``) is declared in ``cue_families.tsv``
  with the modules that read it; an undeclared key is refused on load.

Every row is validated on load; a bad row raises ``KnowledgeError`` naming its file and line.
Matchers are built once per Knowledge (``loader.cached``): other knowledge, other matchers.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import KnowledgeError
from ..records import EVENT_TYPES, SUB_EVENT_TYPES, WEAPONS
from ..text.matcher import CLASSES, Entry, Match, Matcher, leftmost_longest
from ..text.normalize import Normalized
from .loader import Row, cached, load_table

BLOCKER = "-"
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "FIGHT",
)
TRIGGER_KEYS = (
    "attack.generic", "attack.airstrike", "attack.shelling", "attack.explosion", "attack.suicide",
    "attack.chemical", "attack.grenade", "clash", "intercept", "arrest", "abduct", "protest", "riot",
    "kill", "shooting", "incursion", "seize", "retake", "agreement", "destruction", "deploy", "intervene",
)
CUE_SCOPES = ("before", "after", "sentence")

# ACLED precedence when tactics co-occur in one event (codebook 2023): earlier wins.
ACLED_ORDER: tuple[str, ...] = (
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
    "Strategic developments",
)
# Within an event type the sub-event types are listed in precedence order in SUB_EVENT_TYPES
# (Chemical weapon > Air/drone strike > Suicide bomb > Shelling > Remote explosive > Grenade).
SUB_EVENT_ORDER: dict[str, tuple[str, ...]] = dict(SUB_EVENT_TYPES)

# The Explosions/Remote violence sub-event a weapon implies (None: the weapon does not decide it).
WEAPON_SUB_EVENT: dict[str, str | None] = {
    "chemical": "Chemical weapon", "drone": "Air/drone strike", "airstrike": "Air/drone strike",
    "suicide_bomb": "Suicide bomb", "missile": "Shelling/artillery/missile attack",
    "rocket": "Shelling/artillery/missile attack", "artillery": "Shelling/artillery/missile attack",
    "mortar": "Shelling/artillery/missile attack", "ied": "Remote explosive/landmine/IED",
    "car_bomb": "Remote explosive/landmine/IED", "landmine": "Remote explosive/landmine/IED",
    "grenade": "Grenade", "small_arms": None, "melee": None, "other": None,
}


@dataclass(frozen=True)
class WeaponInfo:
    key: str | None          # None for a blocker row
    number: str | None = None  # pl/du for a broken plural or dual written as its own row
    path: str = ""
    line: int = 0
    ambiguous: bool = False    # sense "ambiguous": the word also means something else (مسيرة: a march)

    @property
    def blocker(self) -> bool:
        return self.key is None


@dataclass(frozen=True)
class TriggerInfo:
    key: str
    event_type: str
    sub_event_type: str
    plover: str
    weapon: str | None
    strength: float
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class CueInfo:
    key: str
    scope: str
    number: str | None = None
    path: str = ""
    line: int = 0


def acled_rank(event_type: str, sub_event_type: str | None = None) -> tuple[int, int]:
    """Sort key: lower wins when several tactics describe one event."""
    if event_type not in ACLED_ORDER:
        raise KeyError(f"unknown event type {event_type!r}")
    subs = SUB_EVENT_ORDER[event_type]
    return ACLED_ORDER.index(event_type), (subs.index(sub_event_type) if sub_event_type in subs else len(subs))


def acled_pick(types: list[tuple[str, str]]) -> tuple[str, str]:
    """The (event_type, sub_event_type) that takes precedence among co-occurring ones."""
    if not types:
        raise ValueError("no event types to choose from")
    return min(types, key=lambda t: acled_rank(*t))


def number_of(match: Match) -> str:
    """Grammatical number of a hit: the row's own (broken plurals) unless a suffix says otherwise."""
    own = getattr(match.data, "number", None)
    return own if own and match.number == "sg" else match.number


def _number(row: Row) -> str | None:
    n = row.get("number")
    if n is not None and n not in ("sg", "du", "pl"):
        raise _fail(row, f"number {n!r} not one of sg, du, pl")
    return None if n == "sg" else n


def _fail(row: Row, message: str) -> KnowledgeError:
    return KnowledgeError(message, path=row.path, line=row.line)


def _entry(row: Row, data: object) -> Entry:
    cls = row["cls"]
    if cls not in CLASSES:
        raise _fail(row, f"cls {cls!r} not one of {CLASSES}")
    return Entry(row["surface"], row["key"], cls, data)


@cached
def weapon_entries() -> tuple[Entry, ...]:
    out = []
    for row in load_table("weapons", ("surface", "cls", "key")).rows:
        key = row["key"]
        if key != BLOCKER and key not in WEAPONS:
            raise _fail(row, f"weapon key {key!r} not in {WEAPONS}")
        sense = row.get("sense") or ""
        if sense not in ("", "ambiguous"):
            raise _fail(row, f"sense {sense!r} is not empty or 'ambiguous'")
        out.append(_entry(row, WeaponInfo(None if key == BLOCKER else key, _number(row), row.path, row.line,
                                          sense == "ambiguous")))
    return tuple(out)


@cached
def trigger_entries() -> tuple[Entry, ...]:
    table = load_table("triggers", ("surface", "cls", "key"))
    missing = [c for c in ("weapon", "strength") if c not in table.columns]
    if missing:
        raise KnowledgeError(f"missing required column(s) {missing}", path=table.rows[0].path if table.rows else None, line=1)
    fams = trigger_families()
    return tuple(_entry(row, _trigger_info(row, fams)) for row in table.rows)


@dataclass(frozen=True)
class TriggerFamily:
    """One row of trigger_families.tsv: what a family of trigger words denotes by default."""

    key: str
    event_type: str
    sub_event_type: str
    plover: str
    coded: bool
    path: str = ""
    line: int = 0


@cached
def trigger_families() -> dict[str, TriggerFamily]:
    """Trigger family -> its ACLED type, sub-type, PLOVER type and whether it is coded alone."""
    out: dict[str, TriggerFamily] = {}
    for row in load_table("trigger_families", ("key", "event_type", "sub_event_type", "plover", "coded")).rows:
        key, et, sub = row["key"], row["event_type"], row["sub_event_type"]
        if key not in TRIGGER_KEYS:
            raise _fail(row, f"trigger family {key!r} not one of {TRIGGER_KEYS}")
        if et not in EVENT_TYPES:
            raise _fail(row, f"event_type {et!r} not one of {EVENT_TYPES}")
        if sub not in SUB_EVENT_TYPES[et]:
            raise _fail(row, f"sub_event_type {sub!r} is not a sub-event of {et!r}")
        if row["plover"] not in PLOVER_TYPES:
            raise _fail(row, f"plover {row['plover']!r} not one of {PLOVER_TYPES}")
        if row["coded"] not in ("yes", "no"):
            raise _fail(row, f"coded must be yes or no, not {row['coded']!r}")
        out[key] = TriggerFamily(key, et, sub, row["plover"], row["coded"] == "yes", row.path, row.line)
    return out


def _trigger_info(row: Row, fams: dict) -> TriggerInfo | None:
    """A validated trigger row; ``None`` for a blocker (key ``-``: "فجر اليوم" is dawn, not a blast)."""
    key = row["key"]
    if key == BLOCKER:
        return None
    if not row.get("strength"):
        raise _fail(row, "empty required field 'strength'")
    fam = fams.get(key)
    if fam is None:
        raise _fail(row, f"trigger key {key!r} has no row in trigger_families.tsv")
    et, sub = fam.event_type, fam.sub_event_type
    weapon = row.get("weapon")
    if weapon is not None and weapon not in WEAPONS:
        raise _fail(row, f"weapon {weapon!r} not in {WEAPONS}")
    try:
        strength = float(row["strength"])
    except ValueError:
        raise _fail(row, f"strength {row['strength']!r} is not a number") from None
    if not 0.0 <= strength <= 1.0:
        raise _fail(row, f"strength {strength} outside 0-1")
    return TriggerInfo(key, et, sub, fam.plover, weapon, strength, row.path, row.line)


@dataclass(frozen=True)
class CueFamily:
    """One row of cue_families.tsv: a cue family of a cue table and the modules that read it."""

    table: str
    key: str
    readers: tuple[str, ...]
    purpose: str
    path: str = ""
    line: int = 0


CUE_TABLES = ("cues", "extraction_cues")


@cached
def cue_families() -> dict[tuple[str, str], CueFamily]:
    """(table, key) -> its family; every non-blocker key of the cue tables must be declared."""
    out: dict[tuple[str, str], CueFamily] = {}
    for row in load_table("cue_families", ("table", "key", "readers", "purpose")).rows:
        if row["table"] not in CUE_TABLES:
            raise _fail(row, f"table {row['table']!r} not one of {CUE_TABLES}")
        out[(row["table"], row["key"])] = CueFamily(row["table"], row["key"], tuple(row["readers"].split()),
                                                    row["purpose"], row.path, row.line)
    for table in CUE_TABLES:
        for row in load_table(table, ("surface", "key")).rows:
            if row["key"] != BLOCKER and (table, row["key"]) not in out:
                raise _fail(row, f"cue family {row['key']!r} is not declared in cue_families.tsv "
                                 f"(table {table})")
    return out


@cached
def cue_entries() -> tuple[Entry, ...]:
    cue_families()      # refuses a key no family declares, in cues.tsv and extraction_cues.tsv
    out = []
    for row in load_table("cues", ("surface", "cls", "key", "scope")).rows:
        if row["scope"] not in CUE_SCOPES:
            raise _fail(row, f"scope {row['scope']!r} not one of {CUE_SCOPES}")
        out.append(_entry(row, CueInfo(row["key"], row["scope"], _number(row), row.path, row.line)))
    return tuple(out)


@cached
def weapons() -> Matcher:
    """Matcher over weapons.tsv; ``Match.data`` is a ``WeaponInfo`` (may be a blocker)."""
    return Matcher(weapon_entries(), "weapons")


@cached
def triggers() -> Matcher:
    """Matcher over triggers.tsv; ``Match.data`` is a ``TriggerInfo`` (``None`` for a blocker)."""
    return Matcher(trigger_entries(), "triggers")


@cached
def cues() -> Matcher:
    """Matcher over cues.tsv; ``Match.data`` is a ``CueInfo`` (a surface may carry several keys)."""
    return Matcher(cue_entries(), "cues")


def find_weapons(norm: Normalized) -> list[Match]:
    """Leftmost-longest weapon mentions, blockers removed."""
    return [m for m in weapons().best(norm) if not m.data.blocker]


def find_triggers(norm: Normalized) -> list[Match]:
    """Leftmost-longest trigger mentions (one per span; the first row wins on ties), blockers removed."""
    return [m for m in triggers().best(norm) if m.data is not None]


def find_cues(norm: Normalized) -> list[Match]:
    """Leftmost-longest cue spans, every key on a kept span (أكد: claim.report and claim.confirmation).

    A longer cue swallows the shorter ones inside it: "لم يسفر عن وقوع ضحايا" is casualty.none,
    not casualty.killed for its last word; blocker rows (key ``-``: الدفاع المدني) swallow and vanish.
    """
    hits = cues().find(norm)
    spans = {(m.nstart, m.nend) for m in leftmost_longest(hits)}
    out, seen = [], set()
    for m in hits:
        ident = (m.nstart, m.nend, m.key)
        if (m.nstart, m.nend) in spans and ident not in seen and m.key != BLOCKER:
            seen.add(ident)
            out.append(m)
    return out
