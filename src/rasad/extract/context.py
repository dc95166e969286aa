"""Per-sentence views of a Doc's mentions, and the small look-ups the event rules share."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..text.spans import Span
from .doc import Doc
from .registry import applies, fire, on, rule

DATELINE = rule("views.dateline", "views",
                "places in a dateline (City, Country (Agency) --) say where the report was filed, "
                "not where anything happened")
# a dateline: a few words (places, commas) at the very start, then "(" or a dash, before any verb
DATELINE_RE = re.compile(r"\A\s*([^\n.():؟!]{2,80}?)\s*(?:\(|--|—|–|\s-\s)")
DATELINE_WORDS = 6

WEAK_PLACE = rule("views.weak_place", "views",
                  "a place whose best candidate scores low (a common word that is also a "
                  "village) locates nothing")
PLACE_IN_ACTOR = rule("views.place_in_actor", "views",
                      "a place name inside a longer actor name (جيش حلب الحر) is part of the name")
TRIGGER_IN_ACTOR = rule("views.trigger_in_actor", "views",
                        "an incident word inside a longer actor name (هيئة تحرير الشام) is part "
                        "of the name")


def _key(m) -> str:
    data = getattr(m, "data", None)
    return getattr(data, "key", None) or getattr(m, "key", "")


@dataclass(frozen=True)
class SentenceView(Span):
    i: int
    nstart: int
    nend: int
    triggers: list = field(default_factory=list)
    weapons: list = field(default_factory=list)
    places: list = field(default_factory=list)
    actors: list = field(default_factory=list)
    numbers: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    cues: list = field(default_factory=list)
    doc_text: str = field(default="", repr=False)  # the normalized text of the whole article
    _by_prefix: dict = field(default_factory=dict, repr=False, compare=False)

    def cue_keys(self) -> set[str]:
        return {_key(c) for c in self.cues}

    def cues_of(self, prefix: str) -> list:
        """The cues whose key starts with ``prefix``, in order (cached: views are built once)."""
        hit = self._by_prefix.get(prefix)
        if hit is None:
            hit = self._by_prefix[prefix] = [c for c in self.cues if _key(c).startswith(prefix)]
        return hit


# A place mention whose best candidate ranks below this is too weak to locate an incident
# (common words that are also the names of small villages far from the story).
MIN_PLACE_SCORE = 0.45


def _score(p) -> float:
    return p.candidates[0].score if getattr(p, "candidates", None) else 0.0


def overlaps(a, b) -> bool:
    return a.nstart < b.nend and b.nstart < a.nend


class _Near:
    """Mentions sorted by start, to visit only those that can overlap a span (linear time, where
    testing every pair of mentions in a long article is quadratic)."""

    def __init__(self, items: list):
        self.items = sorted(items, key=lambda m: m.nstart)
        self.starts = [m.nstart for m in self.items]
        self.longest = max((m.nend - m.nstart for m in self.items), default=0)

    def around(self, span) -> list:
        """Every item that overlaps or contains ``span`` (and a few that touch it), by start."""
        lo = bisect.bisect_left(self.starts, span.nstart - self.longest)
        hi = bisect.bisect_right(self.starts, span.nend)
        return self.items[lo:hi]


def dateline_end(doc: Doc) -> int:
    """Where the dateline ends in the normalized text (0 when the article has none): a head of a
    few words made only of place names and separators, closed by a parenthesis or a dash."""
    m = DATELINE_RE.match(doc.norm.text)
    if m is None or len(m.group(1).split()) > DATELINE_WORDS:
        return 0
    head_end = m.end(1)
    covered = [p for p in doc.places if p.nend <= head_end]
    if not covered:
        return 0
    rest = doc.norm.text[:head_end]
    for p in covered:
        rest = rest[:p.nstart] + " " * (p.nend - p.nstart) + rest[p.nend:]
    return head_end if not rest.replace("،", " ").replace(",", " ").strip() else 0


def sentence_views(doc: Doc) -> list[SentenceView]:
    """Distribute every mention to the sentence that contains its start."""
    views = [SentenceView(s.start, s.end, s.text, s.i, s.nstart, s.nend, doc_text=doc.norm.text)
             for s in doc.sentences]
    if not views:
        return views
    starts = [v.nstart for v in views]
    actors = list(doc.actors)
    cut = dateline_end(doc) if on(DATELINE) else 0
    if cut:
        fire(DATELINE)
    doc.dateline = cut
    near = _Near(actors)
    places = [p for p in doc.places if getattr(p, "best", None) is not None and p.nend > cut]
    strong = [p for p in places if _score(p) >= MIN_PLACE_SCORE]
    if applies(WEAK_PLACE, len(strong) < len(places)):
        places = strong
    outside = [p for p in places if not any(overlaps(p, a) and (a.nend - a.nstart) > (p.nend - p.nstart)
                                            for a in near.around(p))]
    if applies(PLACE_IN_ACTOR, len(outside) < len(places)):
        places = outside
    # an incident word inside a longer actor name (هيئة تحرير الشام، جبهة النصرة) is part of the name
    # (a crowd named by its protest word, مئات المتظاهرين, keeps the word: it is the protest)
    triggers = list(doc.triggers)
    if on(TRIGGER_IN_ACTOR):
        kept = [t for t in triggers if not any(a.nstart <= t.nstart and t.nend <= a.nend
                                               and a.nend - a.nstart > t.nend - t.nstart
                                               and a.actor.type not in ("protesters", "rioters")
                                               for a in near.around(t))]
        if applies(TRIGGER_IN_ACTOR, len(kept) < len(triggers)):
            triggers = kept
    for name, items in (("triggers", triggers), ("weapons", doc.weapons), ("places", places),
                        ("actors", actors), ("numbers", doc.numbers), ("dates", doc.dates), ("cues", doc.cues)):
        for m in items:
            i = bisect.bisect_right(starts, m.nstart) - 1
            if 0 <= i < len(views) and m.nstart < views[i].nend:
                getattr(views[i], name).append(m)
    for v in views:
        for name in ("triggers", "weapons", "places", "actors", "numbers", "dates", "cues"):
            getattr(v, name).sort(key=lambda m: m.nstart)
    return views


def key_of(m) -> str:
    return _key(m)

