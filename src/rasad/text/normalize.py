"""Normalization for matching, with a map back to the original text.

``normalize(raw)`` folds the spelling variation of Arabic news (alef forms, alef maqsura,
ta marbuta, hamza seats, diacritics, tatweel, Eastern digits, Arabic punctuation, invisible
controls, exotic spaces) into one matching form, and keeps for every normalized character the
index of the original character it came from. ``Normalized.to_raw`` turns a normalized span into
an original span, so that ``raw[start:end]`` is always the exact original text.

Each phenomenon is one small table; they are composed into a single ``str.translate`` table, so the
pass runs at C speed. Characters that expand (presentation-form ligatures) take a slower path.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache


def alef_forms() -> dict[str, str]:
    return {c: "ا" for c in "إأآٱ\u0672\u0673"}


def alef_maqsura() -> dict[str, str]:
    return {"ى": "ي", "ی": "ي", "ې": "ي"}


def ta_marbuta() -> dict[str, str]:
    return {"ة": "ه", "ۀ": "ه", "ە": "ه"}


def hamza_seats() -> dict[str, str]:
    return {"ؤ": "و", "ئ": "ي"}


def persian_letters() -> dict[str, str]:
    return {"ک": "ك", "ڪ": "ك", "گ": "ك", "ہ": "ه", "ھ": "ه"}


def diacritics() -> dict[str, str]:
    marks = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670"]
    marks += [chr(c) for c in range(0x0610, 0x061B)] + [chr(c) for c in range(0x06D6, 0x06EE)]
    marks += [chr(c) for c in range(0x08D3, 0x0900) if c != 0x08E2]
    return {c: "" for c in marks}


def tatweel() -> dict[str, str]:
    return {"\u0640": ""}


def digits() -> dict[str, str]:
    table = {chr(0x0660 + i): str(i) for i in range(10)}
    table.update({chr(0x06F0 + i): str(i) for i in range(10)})
    table.update({chr(0x07C0 + i): str(i) for i in range(10)})
    return table


def punctuation() -> dict[str, str]:
    return {"،": ",", "؛": ";", "؟": "?", "«": '"', "»": '"', "“": '"', "”": '"', "„": '"',
            "‘": "'", "’": "'", "٪": "%", "٫": ".", "٬": ",", "۔": ".", "–": "-", "—": "-",
            "\u2212": "-", "٭": "*"}


def invisible_controls() -> dict[str, str]:
    cs = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c\u00ad"
    cs += "".join(chr(c) for c in range(0x202A, 0x202F)) + "".join(chr(c) for c in range(0x2066, 0x206A))
    return {c: "" for c in cs}


def spaces() -> dict[str, str]:
    cs = "\u00a0\u1680\u202f\u205f\u3000\t\r\x0b\x0c" + "".join(chr(c) for c in range(0x2000, 0x200B))
    return {c: " " for c in cs} | {"\u2028": "\n", "\u2029": "\n", "\x85": "\n"}


def ascii_case() -> dict[str, str]:
    return {chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}


PHENOMENA = (alef_forms, alef_maqsura, ta_marbuta, hamza_seats, persian_letters, diacritics,
             tatweel, digits, punctuation, invisible_controls, spaces, ascii_case)


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    merged: dict[str, str] = {}
    for phenomenon in PHENOMENA:
        merged.update(phenomenon())
    return {ord(k): v for k, v in merged.items()}


@lru_cache(maxsize=1)
def _fast_table() -> list[int | str | None]:
    """``_table()`` as a list indexed by code point (the BMP at least): ``str.translate`` indexes a list
    without hashing, and an unmapped character is its own entry instead of a failed lookup. Code
    points past the list raise IndexError, which ``translate`` reads as "unchanged"."""
    table = _table()
    out: list[int | str | None] = list(range(max(0x10000, max(table) + 1)))
    for k, v in table.items():
        out[k] = v if v else None
    return out


# Characters whose normalized form is longer than one character (ligatures, presentation forms).
_EXPANDING = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
_DELETED = None


def _deleted_re() -> re.Pattern[str]:
    global _DELETED
    if _DELETED is None:
        dels = "".join(re.escape(chr(k)) for k, v in _table().items() if v == "")
        _DELETED = re.compile(f"[{dels}]+")
    return _DELETED


@dataclass
class Normalized:
    """A normalized text and the map back to its original."""

    raw: str
    text: str
    # Fast path: runs of deleted characters, as (normalized position, cumulative deleted count).
    _run_pos: list[int] = field(default_factory=list, repr=False)
    _run_cum: list[int] = field(default_factory=list, repr=False)
    # Slow path: explicit original index of each normalized char (+ sentinel), when chars expand.
    _index: list[int] | None = field(default=None, repr=False)

    def raw_index(self, n: int) -> int:
        """Original index of normalized character ``n`` (``n == len(text)`` maps to ``len(raw)``)."""
        if n >= len(self.text):
            return len(self.raw)
        if self._index is not None:
            return self._index[n]
        i = bisect.bisect_right(self._run_pos, n)
        return n + (self._run_cum[i - 1] if i else 0)

    def to_raw(self, nstart: int, nend: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalized span ``[nstart, nend)``.

        The end is placed just after the original character of the span's last normalized
        character, extended over combining marks (diacritics, tatweel) that belong to it.
        """
        if nend <= nstart:
            s = self.raw_index(nstart)
            return s, s
        start = self.raw_index(nstart)
        end = self.raw_index(nend - 1) + 1
        if self._index is not None:
            nxt = self._index[nend] if nend < len(self.text) else len(self.raw)
            while end < nxt and _is_mark(self.raw[end]):
                end += 1
            return start, max(end, start)
        # Only marks that normalization deleted belong to the span; a kept mark (Hebrew point,
        # Latin combining accent) is the next normalized character and must not be swallowed.
        raw, nxt = self.raw, self.raw_index(nend)
        while end < nxt and _is_mark(raw[end]):
            end += 1
        return start, end

    def to_raw_many(self, nstarts: list[int], nends: list[int]) -> tuple[list[int], list[int]]:
        """``to_raw`` of many non-empty, non-overlapping spans in text order (tokens), at once.

        Between two runs of deleted characters the shift is constant, so each stretch of spans is
        shifted by one C-level ``map``; only a span ending right before a run is looked at alone."""
        if self._index is not None:
            pairs = [self.to_raw(s, e) for s, e in zip(nstarts, nends)]
            return [s for s, _ in pairs], [e for _, e in pairs]
        pos, cum = self._run_pos, self._run_cum
        if not pos:
            return list(nstarts), list(nends)
        starts = _shift(nstarts, pos, cum, bisect.bisect_left)     # runs at or before the start
        ends = _shift(nends, pos, cum, bisect.bisect_right)        # runs strictly before the end
        raw = self.raw
        for j, p in enumerate(pos):
            k = bisect.bisect_left(nends, p)
            if k < len(nends) and nends[k] == p:
                end, nxt = ends[k], p + cum[j]
                while end < nxt and _is_mark(raw[end]):
                    end += 1
                ends[k] = end
        return starts, ends

    def span(self, nstart: int, nend: int) -> tuple[int, int, str]:
        s, e = self.to_raw(nstart, nend)
        return s, e, self.raw[s:e]


def _shift(values: list[int], pos: list[int], cum: list[int], split) -> list[int]:
    out: list[int] = []
    lo, off = 0, 0
    for p, c in zip(pos, cum):
        hi = split(values, p, lo)
        out.extend(map(off.__add__, values[lo:hi]) if off else values[lo:hi])
        lo, off = hi, c
    out.extend(map(off.__add__, values[lo:]))
    return out


def _is_mark(ch: str) -> bool:
    return ch == "\u0640" or unicodedata.category(ch) == "Mn"


def normalize(raw: str) -> Normalized:
    """Normalize ``raw`` for matching; the result maps every position back to ``raw``."""
    if _EXPANDING.search(raw):
        return _normalize_slow(raw)
    text = raw.translate(_fast_table())
    pos: list[int] = []
    cum: list[int] = []
    if len(text) != len(raw):
        deleted = 0
        for m in _deleted_re().finditer(raw):
            deleted += m.end() - m.start()
            pos.append(m.end() - deleted)
            cum.append(deleted)
    return Normalized(raw, text, pos, cum)


def _normalize_slow(raw: str) -> Normalized:
    table = _table()
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(raw):
        if _EXPANDING.match(ch):
            rep = unicodedata.normalize("NFKC", ch).translate(table)
        else:
            rep = table.get(ord(ch), ch)
        out.append(rep)
        index.extend([i] * len(rep))
    return Normalized(raw, "".join(out), _index=index)


def norm_key(s: str) -> str:
    """The matching key of a dictionary string: normalized, whitespace collapsed."""
    return " ".join(normalize(s).text.split())
