"""Actor knowledge: typed rows of actors.tsv, demonyms.tsv, actor_patterns.tsv and actor_roles.tsv.

Every row is validated on load (ACLED actor types, roles, ISO2 codes, parent keys, dates); an
invalid row raises :class:`KnowledgeError` naming its file and line. Code branches on canonical
keys only; the Arabic words live in the data files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import KnowledgeError
from ..records import ACTOR_TYPES, Actor
from ..text.spans import Span
from .loader import Row, load_table

ROLES = ("actor", "source", "both")
GENDERS = ("m", "f", "mpl", "fpl", "name")
PATTERN_KINDS = ("head", "people", "fixed", "country", "nationals", "locative", "context", "spelling")
DEMONYM_USE = ("required", "optional", "none")
ROLE_LINKS = ("org", "demonym", "stop")
RULES = ("dictionary", "pattern", "role")
_ISO2 = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class ActorInfo:
    key: str
    name: str
    name_ar: str | None
    type: str
    country: str | None
    parent: str | None
    role: str
    valid_from: date | None
    valid_to: date | None
    source: str
    area: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    def valid_on(self, d: date) -> bool:
        """``valid_from`` inclusive, ``valid_to`` exclusive."""
        return (self.valid_from is None or self.valid_from <= d) and (self.valid_to is None or d < self.valid_to)

    def operates_in(self, country: str | None) -> bool:
        return country is not None and (self.country == country or country in self.area)


@dataclass(frozen=True)
class ActorMention(Span):
    nstart: int
    nend: int
    actor: ActorInfo
    rule: str                   # dictionary | pattern | role
    person: str | None = None   # the role phrase naming a person (وزير الدفاع الأميركي)
    cue: str | None = None      # the pattern kind or role link that produced it

    def to_actor(self) -> Actor:
        a = self.actor
        return Actor(name=a.name, name_ar=a.name_ar, text=self.text, type=a.type, country=a.country)

    def to_json(self) -> dict[str, Any]:
        a = self.actor
        return {"start": self.start, "end": self.end, "text": self.text,
                "value": {"name": a.name, "name_ar": a.name_ar, "type": a.type, "country": a.country,
                          "key": a.key, "parent": a.parent}}


@dataclass(frozen=True)
class Demonym:
    form: str
    country: str
    label: str
    gender: str

    @property
    def short_label(self) -> str:
        return self.label[4:] if self.label.startswith("the ") else self.label


@dataclass(frozen=True)
class Pattern:
    kind: str
    form: str
    key: str
    label: str
    label_bare: str
    type: str | None
    demonym: str
    role: str


@dataclass(frozen=True)
class RoleCue:
    cue: str
    link: str
    key: str
    label: str


def _err(row: Row, msg: str) -> KnowledgeError:
    return KnowledgeError(msg, path=row.path, line=row.line)


def _date(row: Row, col: str) -> date | None:
    v = row.get(col)
    if v is None:
        return None
    try:
        return date.fromisoformat(v)
    except ValueError as e:
        raise _err(row, f"{col} {v!r} is not a YYYY-MM-DD date") from e


def _iso(row: Row, v: str | None, col: str) -> str | None:
    if v is None:
        return None
    if not _ISO2.match(v):
        raise _err(row, f"{col} {v!r} is not an ISO 3166 alpha-2 code")
    return v


def load_actors() -> dict[str, ActorInfo]:
    """Every actor by key, in file order; validated. A user knowledge file may redefine a key."""
    t = load_table("actors", required=("key", "name", "type", "role", "source"))
    out: dict[str, ActorInfo] = {}
    rows: dict[str, Row] = {}
    for r in t.rows:
        key = r["key"]
        if key in out and rows[key].path == r.path:
            raise _err(r, f"duplicate actor key {key!r} (first at line {rows[key].line})")
        out.pop(key, None)      # a user file's row replaces the package's row of the same key
        if r["type"] not in ACTOR_TYPES:
            raise _err(r, f"actor type {r['type']!r} not in the ACLED vocabulary {ACTOR_TYPES}")
        if r["role"] not in ROLES:
            raise _err(r, f"role {r['role']!r} not one of {ROLES}")
        vf, vt = _date(r, "valid_from"), _date(r, "valid_to")
        if vf and vt and vf >= vt:
            raise _err(r, f"valid_from {vf} is not before valid_to {vt}")
        area = tuple(a for a in (r.get("area") or "").split("|") if a)
        for a in area:
            _iso(r, a, "area")
        aliases = tuple(a.strip() for a in (r.get("aliases") or "").split("|"))
        if any(not a for a in aliases) and r.get("aliases"):
            raise _err(r, "empty alias (doubled or trailing '|')")
        out[key] = ActorInfo(key, r["name"], r.get("name_ar"), r["type"], _iso(r, r.get("country"), "country"),
                             r.get("parent"), r["role"], vf, vt, r["source"], area,
                             tuple(a for a in aliases if a))
        rows[key] = r
    for key, a in out.items():
        if a.parent is not None and a.parent not in out:
            raise _err(rows[key], f"parent {a.parent!r} is not an actor key")
    return out


def load_demonyms() -> list[Demonym]:
    t = load_table("demonyms", required=("form", "country", "label", "gender"))
    out = []
    for r in t.rows:
        if r["gender"] not in GENDERS:
            raise _err(r, f"gender {r['gender']!r} not one of {GENDERS}")
        out.append(Demonym(r["form"], _iso(r, r["country"], "country") or "", r["label"], r["gender"]))
    return out


def load_patterns() -> list[Pattern]:
    t = load_table("actor_patterns", required=("kind", "form", "demonym"))
    out = []
    for r in t.rows:
        kind = r["kind"]
        if kind not in PATTERN_KINDS:
            raise _err(r, f"pattern kind {kind!r} not one of {PATTERN_KINDS}")
        if r["demonym"] not in DEMONYM_USE:
            raise _err(r, f"demonym {r['demonym']!r} not one of {DEMONYM_USE}")
        if kind not in ("locative", "context", "spelling"):
            for col in ("key", "label", "type", "role"):
                if not r.get(col):
                    raise _err(r, f"empty required field {col!r} for kind {kind}")
            if r["type"] not in ACTOR_TYPES:
                raise _err(r, f"actor type {r['type']!r} not in the ACLED vocabulary")
            if r["role"] not in ROLES:
                raise _err(r, f"role {r['role']!r} not one of {ROLES}")
            if kind != "fixed" and "{cc}" not in r["key"]:
                raise _err(r, "key template lacks {cc}")
        out.append(Pattern(kind, r["form"], r.get("key") or "", r.get("label") or "", r.get("label_bare") or "",
                           r.get("type"), r["demonym"], r.get("role") or "actor"))
    return out


def load_roles() -> list[RoleCue]:
    t = load_table("actor_roles", required=("cue", "link"))
    out = []
    for r in t.rows:
        if r["link"] not in ROLE_LINKS:
            raise _err(r, f"link {r['link']!r} not one of {ROLE_LINKS}")
        if r["link"] == "demonym" and ("{cc}" not in (r.get("key") or "") or not r.get("label")):
            raise _err(r, "a demonym-linked cue needs a key template with {cc} and a label")
        out.append(RoleCue(r["cue"], r["link"], r.get("key") or "", r.get("label") or ""))
    return out
