"""One clitic-aware matcher for every dictionary (places, actors, triggers, weapons).

Dictionary strings are normalized and expanded offline into their inflected surface variants
(dual, plural, pronoun suffixes; ta marbuta → t before suffixes; the article dropped after ``لل``),
then compiled into one Aho-Corasick automaton over the normalized text. A hit is kept only when it
ends at a word boundary and starts at one or after a valid proclitic string (``و``, ``ب``, ``لل``,
``وال`` …), so "الولايات المتحدة" finds "وللولايات المتحدة" and "طائرة مسيرة" finds
"بطائرتين مسيرتين" (number ``du``). Proclitics and suffixes come from the ``clitics`` table.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import ahocorasick

from ..knowledge.loader import cached, load_table
from .normalize import Normalized, norm_key

CLASSES = ("noun", "verb", "name", "adj")
MAX_VARIANTS = 256


@dataclass(frozen=True)
class Entry:
    """One dictionary string. ``key`` is the canonical key it stands for; ``data`` rides along."""

    surface: str
    key: str
    cls: str = "name"           # noun | verb | name | adj: which suffixes it may take
    data: Any = None
    prefixes: bool = True       # may it follow a proclitic inside a token?


class Match:
    """One dictionary hit. ``start``/``end``/``text`` (original offsets of the whole tokens,
    proclitics included) are mapped back from the normalized span when first read: most hits
    are dropped by leftmost-longest selection or by the caller before anyone asks."""

    __slots__ = ("nstart", "nend", "entry", "number", "prefix", "future", "_norm", "_raw")

    def __init__(self, nstart: int, nend: int, entry: Entry, number: str, prefix: str, future: bool,
                 norm: Normalized | None = None, raw: tuple[int, int, str] | None = None):
        self.nstart, self.nend = nstart, nend          # normalized offsets
        self.entry = entry
        self.number = number                           # sg | du | pl, read off the first word's suffix
        self.prefix = prefix                           # proclitics before the entry, normalized
        self.future = future                           # a future proclitic (س) was attached
        self._norm, self._raw = norm, raw

    def _span(self) -> tuple[int, int, str]:
        if self._raw is None:
            s, e = self._norm.to_raw(self.nstart, self.nend)
            self._raw = (s, e, self._norm.raw[s:e])
        return self._raw

    @property
    def start(self) -> int:
        return self._span()[0]

    @property
    def end(self) -> int:
        return self._span()[1]

    @property
    def text(self) -> str:
        return self._span()[2]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Match) and (self.nstart, self.nend, self.entry, self.number, self.prefix,
                                             self.future) == (other.nstart, other.nend, other.entry, other.number,
                                                              other.prefix, other.future)

    def __hash__(self) -> int:
        return hash((self.nstart, self.nend, id(self.entry), self.number, self.prefix))

    def __repr__(self) -> str:
        return f"Match({self.text!r}, {self.nstart}:{self.nend}, key={self.entry.key!r})"

    @property
    def key(self) -> str:
        return self.entry.key

    @property
    def data(self) -> Any:
        return self.entry.data

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "key": self.key,
                "surface": self.entry.surface, "number": self.number}


@dataclass(frozen=True)
class _Clitics:
    proclitics: dict[str, tuple[str, bool]]   # form -> (class, future)
    suffixes: dict[str, list[tuple[str, str]]]  # class -> [(suffix, number)]
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)  # conj|prep -> proclitics

    def group(self, *names: str) -> str:
        """A regex character class of the one-letter proclitics of these groups (و and ف for conj)."""
        return "[" + "".join(f for n in names for f in self.groups.get(n, ()) if len(f) == 1) + "]"

    def of_class(self, cls: str) -> tuple[str, ...]:
        """The proclitics of class ``cls`` (``all``: those that attach to any word), longest first."""
        return tuple(sorted((f for f, (c, _) in self.proclitics.items() if c == cls), key=len,
                            reverse=True))


@cached
def clitics() -> _Clitics:
    t = load_table("clitics", required=("kind", "form", "class"))
    pro: dict[str, tuple[str, bool]] = {}
    suf: dict[str, list[tuple[str, str]]] = {}
    groups: dict[str, list[str]] = {}
    for r in t.rows:
        form = norm_key(r["form"])
        if r["kind"] == "proclitic":
            pro[form] = (r["class"], r.get("future") == "1")
            if r.get("group"):
                groups.setdefault(r["group"], []).append(form)
        else:
            suf.setdefault(r["class"], []).append((form, r.get("number", "sg")))
    return _Clitics(pro, suf, {g: tuple(v) for g, v in groups.items()})


def word_variants(word: str, cls: str, first: bool) -> list[tuple[str, str]]:
    """Surface variants of one normalized word with the grammatical number each implies."""
    c = clitics()
    out = [(word, "sg")]
    if cls in ("noun", "adj", "verb"):
        if word.endswith("ه") and cls != "verb" and len(word) > 2:
            stem = word[:-1]
            out += [(stem + s, n) for s, n in c.suffixes.get("noun_t", [])]
        else:
            out += [(word + s, n) for s, n in c.suffixes.get(cls, [])]
    if word.startswith("ال") and len(word) > 3:
        out += [(v[2:], n) for v, n in out]       # after لل the article's alef drops
    elif not first and cls != "verb":
        out += [("ال" + v, n) for v, n in out]    # agreement: مسيرة / المسيرة
    seen: dict[str, str] = {}
    for v, n in out:
        seen.setdefault(v, n)
    return list(seen.items())


def entry_variants(entry: Entry) -> list[tuple[str, str]]:
    words = norm_key(entry.surface).split()
    if not words:
        return []
    per_word = [word_variants(w, entry.cls, i == 0) for i, w in enumerate(words)]
    out = []
    for combo in itertools.islice(itertools.product(*per_word), MAX_VARIANTS):
        out.append((" ".join(v for v, _ in combo), combo[0][1]))
    return out


class Matcher:
    """Compile entries once; ``find`` every valid hit, ``best`` the leftmost-longest ones."""

    def __init__(self, entries: Iterable[Entry], name: str = "matcher"):
        self.name = name
        self.entries: list[Entry] = []
        self._auto = ahocorasick.Automaton()
        for entry in entries:
            idx = len(self.entries)
            self.entries.append(entry)
            for variant, number in entry_variants(entry):
                if len(variant) < 2:
                    continue
                hits = self._auto.get(variant, None)
                if hits is None:
                    hits = []
                    self._auto.add_word(variant, hits)
                hits.append((idx, number, len(variant)))
        self._empty = len(self.entries) == 0
        if not self._empty:
            self._auto.make_automaton()

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, norm: Normalized) -> list[Match]:
        """Every hit that respects word boundaries, in order of start."""
        if self._empty:
            return []
        text = norm.text
        n = len(text)
        pro = clitics().proclitics
        out: list[Match] = []
        for last, hits in self._auto.iter(text):
            e = last + 1
            if e < n and text[e].isalnum():
                continue
            ln = hits[0][2]
            s = e - ln
            ts = s
            while ts > 0 and text[ts - 1].isalpha():
                ts -= 1
            prefix = text[ts:s]
            for idx, number, _ in hits:
                entry = self.entries[idx]
                future = False
                if prefix:
                    if not entry.prefixes or prefix not in pro:
                        continue
                    pcls, future = pro[prefix]
                    if pcls != "all" and pcls != entry.cls:
                        continue
                out.append(Match(ts, e, entry, number, prefix, future, norm))
        out.sort(key=lambda m: (m.nstart, -m.nend))
        return out

    def best(self, norm: Normalized) -> list[Match]:
        return leftmost_longest(self.find(norm))


def leftmost_longest(matches: Sequence[Match]) -> list[Match]:
    """Non-overlapping matches, preferring the longest at each position (first entry on ties)."""
    ordered = sorted(matches, key=lambda m: (m.nstart, -(m.nend - m.nstart)))
    out: list[Match] = []
    taken_until = -1
    for m in ordered:
        if m.nstart >= taken_until:
            out.append(m)
            taken_until = m.nend
    return out
