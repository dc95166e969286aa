"""Where an incident is, when its own clause names no place: places named before its word, the
place the next sentences give it, the country the article names most, and whether a country
alone will do (ACLED's geo-precision 3). Used by the per-incident steps (``steps``).
"""
from __future__ import annotations

from .context import SentenceView
from .doc import Doc
from .fields import coordinated_places
from .registry import Trail

FINENESS = {"point": 0, "town": 0, "admin2": 1, "region": 2, "admin1": 3, "country": 4}


def _nearby_places(sv: SentenceView, trig, trail: Trail | None = None) -> list:
    """Places named before the trigger (تعرضت بلدة كفرنبل بريف إدلب إلى قصف):
    the finest of them, the nearest among equals, with those coordinated with it."""
    before = [p for p in sv.places if p.nend <= trig.nstart and getattr(p, "cue", None) != "origin"]
    if not before:
        return []
    best = min(reversed(before), key=lambda p: FINENESS.get(getattr(p, "precision", None), 0))
    return coordinated_places([best], sv, trail)


def _dominant(doc: Doc) -> list:
    """The country the article names most, when it names it as a country."""
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


def _country_level_ok(doc: Doc, sv: SentenceView, cas: dict) -> bool:
    """ACLED codes an incident the article places only in a country at geo-precision 3; the
    article must report it as news, with its own toll, and name no finer place of that country."""
    if not (cas.get("fatalities") or cas.get("injured")):
        return False
    return not any(getattr(p, "precision", None) != "country" for p in doc.places
                   if getattr(p, "best", None) is not None and p.nend > doc.dateline)


def _definite(doc: Doc, t) -> bool:
    """A trigger noun with the article (الضربة، للقصف، بالهجوم): it names a known incident."""
    if getattr(t.entry, "cls", None) != "noun":
        return False
    rest = doc.norm.text[t.nstart:t.nend][len(t.prefix):]
    return t.prefix.endswith(("ال", "لل")) or rest.startswith("ال")


def _refers_only(doc: Doc, sv: SentenceView) -> bool:
    """Every incident word of the sentence names a known incident: a definite noun (الهجوم), or a
    verb whose subject that noun is (الهجوم استهدف)."""
    prev = None
    for t in sv.triggers:
        if not (_definite(doc, t) or (prev is not None and 0 <= t.nstart - prev.nend <= 3)):
            return False
        prev = t
    return True
