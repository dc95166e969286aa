"""Arabic date mentions resolved to calendar dates.

``find_dates(norm, published)`` finds absolute dates (Levantine, Egyptian/Gulf, Maghrebi and Hijri
month names, paired forms ``حزيران/يونيو``, ordinal days ``السابع من أكتوبر``, ranges, numeric
dates, ``عام 2023``, ``منذ 2011``, ``أواخر آذار``) and relative ones (weekdays, أمس, اليوم, parts of
day, ``منذ ثلاثة أيام``, ``قبل نحو أسبوعين``, ``الأسبوع الماضي``, ``الأيام الثلاثة الأخيرة`` …).

The words come from the knowledge tables (see :mod:`.dates_lexicon`); each hit of the one big
scan is re-matched by its own rule and resolved by :mod:`.dates_resolve` against ``published``.
Nothing reads the clock: without ``published``, relative expressions are skipped; absolute ones
still resolve. ``ليلة السبت`` is the night before Saturday (Friday).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, replace

from .dates_lexicon import DateLexicon, date_lexicon
from .dates_resolve import resolve
from .normalize import Normalized
from .spans import Span


@dataclass(frozen=True)
class DateMention(Span):
    first: dt.date
    last: dt.date
    precision: str
    rule: str
    relation: str
    nstart: int
    nend: int
    part_of_day: str | None = None
    calendar: str = "gregorian"      # the calendar the words were written in

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text,
                "value": {"start": self.first.isoformat(), "end": self.last.isoformat(),
                          "precision": self.precision}, "rule": self.rule}


# A weekday right before an absolute date names the same day: الأحد 29 تشرين الأول is one mention;
# so does a weekday right after أمس/اليوم (أمس السبت), and a date after الموافق is the same day as the
# one before it (15 رمضان 1445 هـ الموافق 25 مارس 2024).
_MERGE_AFTER_WEEKDAY = frozenset({"day_month", "numeric", "relday", "day_period"})
_GAP_MARKS = str.maketrans("(),", "   ")
_MAX_GAP = 24


def _join(lex: DateLexicon, norm: Normalized, prev: DateMention, cur: DateMention) -> DateMention | None:
    """``prev`` and ``cur`` as one mention when they name the same day, else None."""
    t = norm.text
    if cur.nstart - prev.nend > _MAX_GAP:
        return None
    gap = t[prev.nend:cur.nstart]
    if len(gap) <= 3:
        if prev.rule == "weekday" and cur.rule in _MERGE_AFTER_WEEKDAY:
            keep = cur
        elif prev.rule == "relday" and cur.rule == "weekday" and not gap.strip(" ,(-"):
            keep = prev
        else:
            return None
    else:
        words = gap.translate(_GAP_MARKS).split()
        if len(words) != 1 or words[0] not in lex.words.get("equals", ()):
            return None
        # the Gregorian date wins over the Hijri one (its conversion may be a day off)
        hijri_after = cur.calendar == "hijri" and prev.calendar != "hijri" and prev.rule != "weekday"
        keep = prev if hijri_after else cur
    ns, ne = prev.nstart, cur.nend
    if "(" in gap and ")" not in gap and t[ne:ne + 1] == ")":
        ne += 1                                     # السبت (28 تشرين الأول 2023): the parenthesis closes
    s, e = norm.to_raw(ns, ne)
    return replace(keep, start=s, end=e, text=norm.raw[s:e], nstart=ns, nend=ne,
                   part_of_day=prev.part_of_day or cur.part_of_day)


# A digit right after a letter (ب2023): where ``numeric`` may start off a word start. The leading
# class lets ``re`` skip to digits in C; the look-behind keeps only those glued to a letter.
_GLUED = re.compile(r"\d(?<=[^\W\d]\d)")


def _search(lex: DateLexicon, t: str, pos: int, digits: list[int]) -> tuple[int, str] | None:
    """``(start, rule)`` of ``lex.big.search(t, pos)``, found without trying every position.

    A rule other than ``numeric`` starts at a word start: ``lex.scan`` finds the leftmost one from
    the non-word character before it (or position 0). Elsewhere only ``numeric`` can start, at a
    run of digits glued to a letter (``digits``)."""
    if pos == 0:
        m = lex.big.match(t, 0)
        if m is not None:
            return 0, m.lastgroup
    m = lex.scan.search(t, max(pos - 1, 0))
    start = m.start() + 1 if m is not None else len(t) + 1
    i = bisect.bisect_left(digits, pos)
    while i < len(digits) and digits[i] < start:
        d = lex.big.match(t, digits[i])
        if d is not None:
            return digits[i], d.lastgroup
        i += 1
    return (start, m.lastgroup) if m is not None else None


def find_dates(norm: Normalized, published: dt.date | None) -> list[DateMention]:
    lex = date_lexicon()
    t = norm.text
    if not lex.prefilter.search(t):
        return []
    out: list[DateMention] = []
    pos = 0
    digits = [d.start() for d in _GLUED.finditer(t)]
    while True:
        found = _search(lex, t, pos, digits)
        if found is None:
            break
        start, rule = found
        sub = lex.rules[rule].match(t, start)
        hit = None
        if sub is not None:
            try:
                hit = resolve(lex, rule, sub, published, t)
            except (ValueError, OverflowError, KeyError):
                hit = None              # 31 February, a Hijri year out of range: not a date
        if hit is None:
            # not a date here (a bare month name, اليوم التالي): a shorter rule may still match inside
            pos = start + 1
            continue
        pos = max(sub.end(), start + 1)
        s, e = norm.to_raw(hit.ns, hit.ne)
        cur = DateMention(s, e, norm.raw[s:e], hit.first, hit.last, hit.precision, rule, hit.relation,
                          hit.ns, hit.ne, hit.part, hit.calendar)
        joined = _join(lex, norm, out[-1], cur) if out and out[-1].nend <= cur.nstart else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(cur)
    return out
