"""English notes: one neutral sentence per event, in the register of ACLED's ``notes`` column.

"On 28 October 2023, Islamic Resistance in Iraq carried out an air/drone strike on Military Forces
of the United States using drones in al-Tanf (Homs, Syria), according to a statement by Islamic
Resistance in Iraq; no casualties were reported."

Everything worded lives in two knowledge tables, so users can override them with a file of the
same name in their knowledge directory: ``note_templates.tsv`` (one clause per ACLED sub-event
type, fallbacks per event type and ``*``) and ``note_phrases.tsv`` (dates, unnamed actors,
weapons, claims, casualties, statuses). The sentence states only the facts given to it
(:class:`Facts`), so every date, name, place and count in it is the record's own; the same facts
always give the same sentence. The Arabic evidence goes to a separate field (``notes_ar``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .knowledge.loader import cached, load_table

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_FIELD = re.compile(r"\{(\w+)\}")


@dataclass
class Facts:
    """What a notes sentence may state. Absent is None."""

    date_start: str | None = None          # ISO dates
    date_end: str | None = None
    date_precision: str | None = None      # day | range | week | month | year
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    location: str | None = None
    admin1: str | None = None
    country: str | None = None             # as ACLED spells it
    weapon: str | None = None              # a rasad.records.WEAPONS key
    fatalities: int | None = None
    injured: int | None = None
    claim_by: str | None = None
    claim_type: str | None = None
    source: str | None = None              # who reported it, when nobody claims it
    status: str | None = None              # occurred, planned, threatened, denied, hypothetical


@cached
def _templates() -> dict[str, str]:
    rows = load_table("note_templates", ("key", "template")).rows
    return {r["key"]: r["template"] for r in rows}


@cached
def _phrases() -> dict[tuple[str, str], str]:
    rows = load_table("note_phrases", ("kind", "key", "phrase")).rows
    return {(r["kind"], r["key"]): r["phrase"] for r in rows}


def _phrase(kind: str, key: str | None, default: str | None = None) -> str | None:
    p = _phrases()
    return p.get((kind, key or "")) or p.get((kind, "*")) or default


def english_date(iso: str) -> str:
    d = date.fromisoformat(iso[:10])
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def date_phrase(f: Facts) -> str:
    if not f.date_start:
        return _phrase("date", "none", "On an unknown date") or ""
    d = date.fromisoformat(f.date_start[:10])
    prec = f.date_precision or "day"
    if prec in ("day", "range") and f.date_end and f.date_end != f.date_start:
        prec = "range"
    elif prec == "range":
        prec = "day"
    tmpl = _phrase("date", prec, "On {d}") or "On {d}"
    return tmpl.format(d=english_date(f.date_start), e=english_date(f.date_end or f.date_start),
                       m=f"{_MONTHS[d.month - 1]} {d.year}", y=str(d.year))


def place_phrase(f: Facts) -> str | None:
    """``location (admin1, country)``, leaving out what is unknown or repeats the location."""
    inner = [x for x in (f.admin1, f.country) if x and x != f.location]
    if not f.location:
        return ", ".join(inner) or None
    return f"{f.location} ({', '.join(inner)})" if inner else f.location


def casualty_phrase(f: Facts) -> str:
    if f.fatalities is None and not f.injured:
        return _phrase("casualty", "none") or ""
    parts = []
    if f.fatalities is not None:
        key = "zero" if f.fatalities == 0 else "one" if f.fatalities == 1 else "many"
        parts.append((_phrase("casualty", key) or "").format(n=f.fatalities))
    if f.injured:
        key = "injured_one" if f.injured == 1 else "injured_many"
        parts.append((_phrase("casualty", key) or "").format(n=f.injured))
    return " and ".join(p for p in parts if p)


def _template(f: Facts) -> str:
    t = _templates()
    return (t.get(f.sub_event_type or "") or t.get(f"{f.event_type}:*") or t.get("*")
            or "{actor1} was involved in an incident in {place}")


def _fill(template: str, values: dict[str, str | None]) -> str:
    def optional(m: re.Match) -> str:
        inner = m.group(1)
        names = _FIELD.findall(inner)
        return _FIELD.sub(lambda x: values[x.group(1)] or "", inner) \
            if all(values.get(n) for n in names) else ""
    text = _OPTIONAL.sub(optional, template)
    return _FIELD.sub(lambda x: values.get(x.group(1)) or "an unknown place", text)


def attribution(f: Facts) -> str | None:
    if f.claim_by and f.claim_type:
        p = _phrase("claim", f.claim_type)
        return p.format(by=f.claim_by) if p else None
    if f.source:
        p = _phrase("source", "*")
        return p.format(by=f.source) if p else None
    return None


def sentence(f: Facts) -> str:
    """The English notes sentence for these facts."""
    actor1 = f.actor1 or _phrase("actor", f.event_type, "an unidentified actor")
    weapon = _phrase("weapon", f.weapon) if f.weapon else None
    clause = _fill(_template(f), {"actor1": actor1, "actor2": f.actor2, "weapon": weapon,
                                  "place": place_phrase(f)})
    out = f"{date_phrase(f)}, {clause}"
    att = attribution(f)
    if att:
        out += f", {att}"
    tail = [casualty_phrase(f)]
    if f.status and f.status != "occurred":
        tail.append(_phrase("status", f.status) or "")
    return out + "".join(f"; {t}" for t in tail if t) + "."


def facts_of_record(rec) -> Facts:
    """Facts of a contract record (rasad.records.Record)."""
    from .store import countries
    loc = rec.location
    d = rec.date
    return Facts(
        date_start=d.start if d else None, date_end=d.end if d else None,
        date_precision=d.precision if d else None, event_type=rec.event_type,
        sub_event_type=rec.sub_event_type, actor1=rec.actor1.name if rec.actor1 else None,
        actor2=rec.actor2.name if rec.actor2 else None, location=loc.name if loc else None,
        admin1=loc.admin1 if loc else None,
        country=countries.acled_country(loc.country) if loc and loc.country else None,
        weapon=rec.weapon, fatalities=rec.fatalities, injured=rec.injured,
        claim_by=rec.claim.by if rec.claim else None,
        claim_type=rec.claim.type if rec.claim else None,
        source=rec.sources[0].name if rec.sources else None, status=rec.status)


def evidence_sentence(rec) -> str | None:
    """The record's Arabic evidence, in text order, joined (the former notes)."""
    parts = [e.text for e in sorted(rec.evidence or [], key=lambda e: e.start)]
    return " … ".join(parts)[:1000] or None


def annotate(rec) -> None:
    """Give an event record its English ``notes`` and Arabic ``notes_ar``."""
    if rec.kind != "event":
        return
    rec.notes = sentence(facts_of_record(rec))
    rec.notes_ar = evidence_sentence(rec)
