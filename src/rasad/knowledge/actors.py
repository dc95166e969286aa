"""Actor resolution: Arabic surface forms → canonical ACLED-style actors, with offsets.

Three rules, all driven by data files:

- ``dictionary``: names and aliases of actors.tsv (``وللقوات الأميركية`` → Military Forces of the
  United States), through the one clitic-aware matcher;
- ``pattern``: a head noun of actor_patterns.tsv followed by a demonym of demonyms.tsv
  (``الشرطة العراقية`` → Police Forces of Iraq), groups of people (``مدنيين`` → Civilians (X)),
  unidentified armed men, and a country named as the actor;
- ``role``: an office followed by an organisation or a demonym (``المتحدث باسم البنتاغون``,
  ``وزير الدفاع الأميركي`` → US Department of Defense); the person phrase is kept.

Overlaps resolve leftmost-longest, then role > dictionary > pattern. Actors sharing an alias are
chosen by date (``valid_from`` inclusive, ``valid_to`` exclusive), then by the caller's country,
then by file order.
"""
from __future__ import annotations

from functools import lru_cache

from dataclasses import dataclass
from datetime import date, datetime

from ..text.matcher import Entry, Match, Matcher, clitics
from ..text.normalize import Normalized, norm_key
from . import loader
from .actors_data import (ActorInfo, ActorMention, Demonym, Pattern, RoleCue, load_actors, load_demonyms,
                          load_patterns, load_roles)

__all__ = ["ActorResolver", "ActorInfo", "ActorMention"]

_PRIORITY = {"pattern": 1, "dictionary": 2, "role": 3}
_DEMONYM_OK_PREFIX = ("", "ال")           # a demonym right after its head noun
_COUNTRY_OK_PREFIX = ("", "و")            # a country name standing as the actor


def _as_date(d: date | str | None) -> date | None:
    """Accept a date, a datetime or an ISO string (an article's ``published``)."""
    if d is None or type(d) is date:
        return d
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, str):
        return date.fromisoformat(d[:10]) if d.strip() else None
    return d


def _spelled(s: str, spellings: list[tuple[str, list[str]]]) -> list[str]:
    """``s`` and its spelling variants (one rule at a time)."""
    out = [s]
    for form, variants in spellings:
        if form in s:
            out += [s.replace(form, v) for v in variants]
    return out


@dataclass(frozen=True)
class _Cand:
    nstart: int
    nend: int
    actor: ActorInfo
    rule: str
    cue: str | None = None
    person: str | None = None


@lru_cache(maxsize=None)
def _has_article(surface: str) -> bool:
    return norm_key(surface).startswith("ال")


class ActorResolver:
    """Compiled actor knowledge. Build once (``default()``), call ``find`` per article."""

    def __init__(self) -> None:
        self.actors: dict[str, ActorInfo] = load_actors()
        self._eras: dict[str, list[ActorInfo]] = {}
        for a in self.actors.values():
            self._eras.setdefault(a.key.split("@")[0], []).append(a)
        self.demonyms: list[Demonym] = load_demonyms()
        self.labels = {d.country: d for d in self.demonyms}
        patterns = load_patterns()
        self.locatives = {norm_key(p.form) for p in patterns if p.kind == "locative"}
        self.contexts = {norm_key(p.form) for p in patterns if p.kind == "context"}
        self._pattern_by_key: dict[str, Pattern] = {}
        for p in patterns:
            if p.kind in ("head", "people", "fixed"):
                self._pattern_by_key.setdefault(p.key, p)
        self._country_pattern = next((p for p in patterns if p.kind == "country"), None)
        self._nationals_pattern = next((p for p in patterns if p.kind == "nationals"), None)
        spellings = [(p.form, p.key.split("|")) for p in patterns if p.kind == "spelling"]
        entries = []
        for a in self.actors.values():
            for s in dict.fromkeys(v for x in (a.name_ar, *a.aliases) if x for v in _spelled(x, spellings)):
                entries.append(Entry(s, a.key, "name", a.key))
        self._dict = Matcher(entries, "actors")
        # singular adjectives inflect like nouns (صاروخان إسرائيليان, بطائرتين إسرائيليتين)
        self._dem = Matcher([Entry(d.form, d.country, "noun" if d.gender in ("m", "f") else "name", d)
                             for d in self.demonyms], "demonyms")
        self._heads = Matcher([Entry(p.form, p.key, "name", p) for p in patterns
                               if p.kind in ("head", "people", "fixed")], "actor_patterns")
        groups = clitics().groups   # clitics.tsv: conjunctions, prepositions and compounds
        self._conj = frozenset(groups.get("conj", ()))
        self._locative = frozenset((*groups.get("prep", ()), *groups.get("conj+prep", ())))
        roles = load_roles()
        self._stops = {norm_key(r.cue) for r in roles if r.link == "stop"}
        self._roles = Matcher([Entry(r.cue, r.link, "name", r) for r in roles if r.link != "stop"], "actor_roles")

    @classmethod
    def default(cls) -> "ActorResolver":
        """The resolver of the current Knowledge (package and user tables), built once per Knowledge."""
        return _default_resolver()

    def get(self, key: str) -> ActorInfo | None:
        return self.actors.get(key)

    def __len__(self) -> int:
        return len(self.actors)

    # ------------------------------------------------------------------ choosing among actors
    def choose(self, cands: list[ActorInfo], on_date: date | None, country: str | None) -> ActorInfo:
        pool = cands
        if on_date is not None:
            pool = [a for a in cands if a.valid_on(on_date)] or cands
        if country is not None:
            pool = [a for a in pool if a.operates_in(country)] or pool
        return pool[0]

    def by_template(self, key: str, label: str, bare: str, type_: str, role: str, cc: str | None,
                    surface: str, on_date: date | None) -> ActorInfo:
        """The actor a pattern names: the table's actor (era-aware) or a synthesized generic one."""
        if cc is not None and "{cc}" in key:
            key = key.format(cc=cc.lower())
        cands = self._eras.get(key)
        if cands:
            return self.choose(cands, on_date, cc)
        d = self.labels.get(cc) if cc else None
        if d is None:
            name = bare or label
            key = key.replace(".{cc}", "").replace("{cc}.", "")
        else:
            name = label.format(country=d.short_label if "({country})" in label else d.label)
        return ActorInfo(key, name, surface, type_, cc, None, role, None, None, "actor_patterns.tsv", ())

    # ------------------------------------------------------------------ the three rules
    def _dictionary(self, norm: Normalized, on_date: date | None, country: str | None) -> list[_Cand]:
        spans: dict[tuple[int, int], list[ActorInfo]] = {}
        for m in self._dict.find(norm):
            if not self._article_ok(norm, m):
                continue
            spans.setdefault((m.nstart, m.nend), []).append(self.actors[m.entry.data])
        return [_Cand(s, e, self.choose(list(dict.fromkeys(c)), on_date, country), "dictionary")
                for (s, e), c in spans.items()]

    def _demonym_at(self, norm: Normalized, pos: int, dems: dict[int, list[Match]]) -> Match | None:
        text = norm.text
        while pos < len(text) and text[pos] == " ":
            pos += 1
        best = None
        for m in dems.get(pos, ()):
            if m.entry.data.gender != "name" and m.prefix in _DEMONYM_OK_PREFIX:
                if best is None or m.nend > best.nend:
                    best = m
        return best

    def _patterns(self, norm: Normalized, dems: dict[int, list[Match]], on_date: date | None,
                  country: str | None) -> list[_Cand]:
        out = []
        for h in self._heads.find(norm):
            if not self._article_ok(norm, h):
                continue
            p: Pattern = h.entry.data
            d = self._demonym_at(norm, h.nend, dems) if p.demonym != "none" else None
            if d is None and p.demonym == "required":
                continue
            end = d.nend if d else h.nend
            cc = d.entry.data.country if d else country
            surface = self._surface(norm, h, end)
            actor = self.by_template(p.key, p.label, p.label_bare, p.type or "", p.role, cc, surface, on_date)
            # ":default" marks a country taken from the article, not from a demonym in the phrase
            out.append(_Cand(h.nstart, end, actor, "pattern", p.kind if d or p.demonym == "none" else f"{p.kind}:default"))
        cp, npat = self._country_pattern, self._nationals_pattern
        allowed_until: set[int] = set()       # nend of country names read as actors
        for _, ms in sorted(dems.items()):
            for m in ms:
                dm: Demonym = m.entry.data
                if npat is not None and dm.gender == "mpl":
                    actor = self.by_template(npat.key, npat.label, npat.label_bare, npat.type or "", npat.role,
                                             dm.country, self._surface(norm, m, m.nend), on_date)
                    out.append(_Cand(m.nstart, m.nend, actor, "pattern", "nationals"))
                if cp is not None:
                    if dm.gender != "name" or not self._country_as_actor(norm, m, allowed_until):
                        continue
                    allowed_until.add(m.nend)
                    actor = self.by_template(cp.key, cp.label, cp.label_bare, cp.type or "", cp.role, dm.country,
                                             self._surface(norm, m, m.nend), on_date)
                    out.append(_Cand(m.nstart, m.nend, actor, "pattern", "country"))
        return out

    def _roles_found(self, norm: Normalized, found: list[_Cand], dems: dict[int, list[Match]],
                     on_date: date | None, country: str | None) -> list[_Cand]:
        starts: dict[int, list[_Cand]] = {}
        for c in found:
            starts.setdefault(c.nstart, []).append(c)
        text = norm.text
        out = []
        for m in self._roles.find(norm):
            if not self._article_ok(norm, m):
                continue
            r: RoleCue = m.entry.data
            pos = m.nend
            while pos < len(text) and text[pos] == " ":
                pos += 1
            if r.link == "org":
                nxt = [c for c in starts.get(pos, ()) if c.cue != "country" or c.actor.type == "state_forces"]
                if not nxt or pos == m.nend:
                    continue
                org = max(nxt, key=lambda c: (c.nend, _PRIORITY[c.rule]))
                out.append(_Cand(m.nstart, org.nend, org.actor, "role", "org", self._person(norm, m.nstart, org.nend)))
                continue
            d = self._demonym_at(norm, m.nend, dems)
            cc = d.entry.data.country if d else country
            if cc is None or (d is None and " " not in r.cue.strip()):
                continue            # a one-word office (الرئيس) needs its demonym
            end = d.nend if d else m.nend
            actor = self.by_template(r.key, r.label, "", "state_forces", "both", cc, self._surface(norm, m, end), on_date)
            out.append(_Cand(m.nstart, end, actor, "role", "demonym", self._person(norm, m.nstart, end)))
        return out

    # ------------------------------------------------------------------ public
    def find(self, norm: Normalized, on_date: date | str | None = None, country: str | None = None,
             infer_country: bool = True, demonyms: list[Match] | None = None) -> list[ActorMention]:
        """Non-overlapping actor mentions in order. ``country`` (ISO2) is the article's country:
        it fills generic actors without a demonym and breaks ties between actors sharing an alias.
        Without it, the country named most often in the text (at least twice) is used, unless
        ``infer_country`` is false. ``demonyms``: the text's ``find_demonyms``, when the caller
        already has them (the scan is not repeated)."""
        on_date = _as_date(on_date)
        dems: dict[int, list[Match]] = {}
        for m in (self.find_demonyms(norm) if demonyms is None else demonyms):
            dems.setdefault(m.nstart, []).append(m)
        if country is None and infer_country:
            country = self.infer_country(norm, dems)
        found = self._dictionary(norm, on_date, country) + self._patterns(norm, dems, on_date, country)
        found += self._roles_found(norm, found, dems, on_date, country)
        found.sort(key=lambda c: (c.nstart, -(c.nend - c.nstart), -_PRIORITY[c.rule]))
        out: list[ActorMention] = []
        taken = -1
        for c in found:
            if c.nstart < taken:
                continue
            s, e = norm.to_raw(c.nstart, c.nend)
            out.append(ActorMention(s, e, norm.raw[s:e], c.nstart, c.nend, c.actor, c.rule, c.person, c.cue))
            taken = c.nend
        return out

    def find_demonyms(self, norm: Normalized) -> list[Match]:
        """Every demonym and country name in the text (``entry.data`` is the ``Demonym``)."""
        return [m for m in self._dem.find(norm) if self._article_ok(norm, m)]

    def state_forces(self, cc: str, surface: str, on_date: date | str | None = None) -> ActorInfo:
        """Military Forces of ``cc`` (the table's actor for that country and date when it has one)."""
        return self.by_template("{cc}.military", "Military Forces of {country}", "Military Forces", "state_forces",
                                "actor", cc, surface, _as_date(on_date))

    def generic(self, key: str, cc: str | None, surface: str, on_date: date | str | None = None) -> ActorInfo | None:
        """The generic actor of pattern key ``key`` ({cc}.civilians …) for country ``cc``."""
        p = self._pattern_by_key.get(key)
        if p is None:
            return None
        return self.by_template(p.key, p.label, p.label_bare, p.type or "", p.role, cc, surface, _as_date(on_date))

    # ------------------------------------------------------------------ helpers
    def infer_country(self, norm: Normalized, dems: dict[int, list[Match]]) -> str | None:
        """The article's country: a country named as a place (في سوريا، بسوريا) counts three times,
        any other country name or demonym once."""
        counts: dict[str, int] = {}
        for ms in dems.values():
            weights: dict[str, int] = {}
            for m in ms:
                w = 3 if m.entry.data.gender == "name" and self._as_place(norm, m) else 1
                weights[m.entry.data.country] = max(weights.get(m.entry.data.country, 0), w)
            for cc, w in weights.items():
                counts[cc] = counts.get(cc, 0) + w
        if not counts:
            return None
        cc, n = max(counts.items(), key=lambda kv: kv[1])
        return cc if n >= 2 else None

    def _as_place(self, norm: Normalized, m: Match) -> bool:
        if m.prefix in self._locative:
            return True
        _, words = _words_before(norm.text, m.nstart, " #\"'")
        return bool(words) and words[-1].strip("#\"'") in self.locatives

    def _country_as_actor(self, norm: Normalized, m: Match, allowed_until: set[int]) -> bool:
        """A country name is the actor at the start of a sentence, after a context word (إن، قالت …)
        or a feminine past verb (…ت), or coordinated (و) with a country already read as actor;
        never after a locative word or with a preposition attached (بإسرائيل)."""
        if m.prefix not in _COUNTRY_OK_PREFIX:
            return False
        text = norm.text
        if m.prefix == "و":
            return _words_before(text, m.nstart, " ")[0] in allowed_until
        end, words = _words_before(text, m.nstart, " #\"'")
        if not end or text[end - 1] in ".!?:\n-;":
            return True
        word = words[-1].strip("\"'#")
        if word in self.locatives:
            return False
        bare = word[1:] if word[:1] in self._conj and len(word) > 3 else word
        return (word in self.contexts or bare in self.contexts
                or (bare.endswith("ت") and not bare.endswith("ات") and len(bare) >= 3 and not bare.startswith("ال")))

    def _person(self, norm: Normalized, ns: int, ne: int) -> str:
        """The role phrase, with the name that follows it when there is one (up to three words,
        the first without the article, ending at punctuation or a stop word)."""
        phrase = self._raw(norm, ns, ne)
        text, pos, words = norm.text, ne, []
        while len(words) < 3:
            if pos >= len(text) or text[pos] != " ":
                break
            while pos < len(text) and text[pos] == " ":
                pos += 1
            e = pos
            while e < len(text) and text[e].isalpha():
                e += 1
            w = text[pos:e]
            if not w or w in self._stops or (not words and w.startswith("ال")):
                break
            words.append((pos, e))
            pos = e
        if not words:
            return phrase
        return phrase + " " + self._raw(norm, words[0][0], words[-1][1])

    @staticmethod
    def _article_ok(norm: Normalized, m: Match) -> bool:
        """The matcher drops a leading article for ``لل``; without such a proclitic, refuse it
        (so ``قاعدة`` "base" is not ``القاعدة`` al-Qaeda)."""
        if not _has_article(m.entry.surface):
            return True
        return norm.text.startswith("ال", m.nstart + len(m.prefix)) or m.prefix.endswith("ل")

    @staticmethod
    def _raw(norm: Normalized, ns: int, ne: int) -> str:
        s, e = norm.to_raw(ns, ne)
        return norm.raw[s:e]

    def _surface(self, norm: Normalized, m: Match, end: int) -> str:
        """The matched phrase without its proclitics (a name_ar for synthesized generic actors)."""
        return self._raw(norm, m.nstart + len(m.prefix), end)


def _words_before(text: str, end: int, strip: str) -> tuple[int, list[str]]:
    """``len(b)`` and ``b.rsplit(None, 1)[-1:]`` for ``b = text[:end].rstrip(strip)``, read back
    only as far as the last word (copying the text before every mention is quadratic)."""
    j = end
    while j > 0 and text[j - 1] in strip:
        j -= 1
    k = j
    while k > 0 and text[k - 1].isspace():
        k -= 1
    i = k
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return j, ([text[i:k]] if k else [])


@loader.cached
def _default_resolver() -> ActorResolver:
    return ActorResolver()
