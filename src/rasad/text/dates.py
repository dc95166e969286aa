"""Arabic date mentions resolved to calendar dates.

``find_dates(norm, published)`` finds absolute dates (Levantine, Egyptian/Gulf, Maghrebi and Hijri
month names, paired forms, numeric dates, ``عام 2023``) and relative ones (weekdays, أمس, اليوم,
parts of day, ``منذ ثلاثة أيام``, ``الأسبوع الماضي`` …). All words come from the knowledge tables
``months``, ``weekdays`` and ``date_words``; the code branches on canonical keys only.
Nothing reads the clock: without ``published``, relative expressions are skipped (not returned);
absolute ones still resolve. ``ليلة السبت`` is read as the night before Saturday (Friday).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from hijridate import Hijri

from ..knowledge.loader import load_table
from .normalize import Normalized, norm_key

B = r"(?<!\w)"
E = r"(?!\w)"


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    first: dt.date
    last: dt.date
    precision: str
    rule: str
    relation: str
    nstart: int
    nend: int
    part_of_day: str | None = None

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text,
                "value": {"start": self.first.isoformat(), "end": self.last.isoformat(),
                          "precision": self.precision}, "rule": self.rule}


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _lex():
    months = {norm_key(r["word"]): (int(r["month"]), r["calendar"]) for r in load_table("months", ("word", "month", "calendar")).rows}
    wdays = {norm_key(r["word"]): int(r["weekday"]) for r in load_table("weekdays", ("word", "weekday")).rows}
    words: dict[str, list[str]] = {}
    for r in load_table("date_words", ("word", "key")).rows:
        words.setdefault(r["key"], []).append(norm_key(r["word"]))
    key_of = {w: k for k, ws in words.items() for w in ws}
    W = lambda *ks: _alt([w for k in ks for w in words.get(k, [])])  # noqa: E731
    M = _alt(months)
    day = r"(?:ال\s*)?(\d{1,2})"
    year = rf"(?:\s*,?\s*(?:{W('year_word')})?\s*(\d{{4}}))?(?:\s*({W('hijri_marker')}){E})?"
    mon = rf"({M})(?:\s*[/(]\s*(?:{M})\s*\)?)?"
    pats = {
        "range_between": rf"{B}(?:{W('between', 'from')})\s+{day}\s*(?:(?:{W('and')})\s*|(?:{W('to')})\s+|-\s*){day}\s+(?:{W('from')}\s+)?{mon}{year}",
        "range_of_it": rf"{B}(?:{W('between', 'from')})\s+{day}\s+{mon}\s*(?:(?:{W('and')})\s*|(?:{W('to')})\s+){day}\s+(?:{W('of_it')}){E}{year}",
        "day_month": rf"{B}{day}\s+(?:{W('from')}\s+)?{mon}{E}{year}(?:\s+({W('last', 'next')}){E})?",
        "numeric": r"(?<![\d/.-])(?:(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2})-(\d{1,2}))(?![\d/.-])",
        "month_rel": rf"{B}{mon}\s+({W('last', 'next', 'current')}){E}",
        "month_year": rf"{B}{mon}\s+(\d{{4}}){E}(?:\s*({W('hijri_marker')}){E})?",
        "year": rf"{B}(?:[وفبل]?(?:ال)?(?:{W('year_word')}))\s+(\d{{4}}){E}",
        "weekday": rf"{B}[وف]?(?:({W('dawn', 'morning', 'noon', 'evening', 'night')})\s+)?(?:يوم\s+)?({_alt(wdays)}){E}(?:\s+({W('last', 'next')}){E})?",
        "relday": rf"{B}[وف]?(?:({W('dawn', 'morning', 'noon', 'evening', 'night')})\s+)?(?:(?:ال)?({W('day_before_yesterday', 'yesterday', 'today')})){E}(?!\s*(?:ال)?\d)",
        "last_night": rf"{B}(?:ال)?({W('night')})\s+({W('last')}){E}",
        "ago": rf"{B}(?:{W('ago', 'before')})\s+(?:(\d+)\s+)?({W('day_unit')}){E}",
        "period": rf"{B}(?:({W('early', 'mid', 'late')})\s+)?({W('week', 'month', 'year')})\s+({W('last', 'next', 'current')}){E}",
    }
    big = re.compile("|".join(f"(?P<{k}>{v})" for k, v in pats.items()))
    return months, wdays, key_of, big, {k: re.compile(v) for k, v in pats.items()}


def _mend(y: int, m: int) -> dt.date:
    return (dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1))


def _g(y, m, d, cal):
    if cal == "hijri":
        return Hijri(y, m, d).to_gregorian().datetime_date if hasattr(Hijri(y, m, d).to_gregorian(), "datetime_date") else dt.date(*Hijri(y, m, d).to_gregorian().datetuple())
    return dt.date(y, m, d)


def find_dates(norm: Normalized, published: dt.date | None) -> list[DateMention]:
    months, wdays, key_of, big, pats = _lex()
    out: list[DateMention] = []
    t = norm.text
    for m in big.finditer(t):
        rule = m.lastgroup
        sub = pats[rule].match(t, m.start())
        try:
            res = _resolve(rule, sub.groups(), published, months, wdays, key_of)
        except (ValueError, OverflowError):
            res = None
        if res is None:
            continue
        first, last, prec, rel, part = res
        s, e = norm.to_raw(sub.start(), sub.end())
        if out and rule != "weekday" and out[-1].rule == "weekday" and sub.start() - out[-1].nend <= 3:
            w = out.pop()
            s, nstart = w.start, w.nstart
        else:
            nstart = sub.start()
        out.append(DateMention(s, e, norm.raw[s:e], first, last, prec, rule, rel, nstart, sub.end(), part))
    return out


def _rel(first, last, pub, marker=None):
    if marker == "next" or (pub and first > pub):
        return "future"
    if pub and first <= pub <= last:
        return "present"
    return "past"


def _resolve(rule, g, pub, months, wdays, key_of):
    K = lambda w: key_of.get(" ".join(w.split())) if w else None  # noqa: E731
    M = lambda w: months[" ".join(w.split())]  # noqa: E731
    if rule in ("range_between", "range_of_it"):
        d1, d2, mw, y, h = (g[0], g[1], g[2], g[3], g[4]) if rule == "range_between" else (g[0], g[2], g[1], g[3], g[4])
        mo, cal = M(mw)
        cal = "hijri" if h else cal
        if not y:
            if not pub or cal == "hijri":
                return None
            y = pub.year if (mo, int(d1)) <= (pub.month, pub.day) else pub.year - 1
        a, b = _g(int(y), mo, int(d1), cal), _g(int(y), mo, int(d2), cal)
        return a, b, "range", _rel(a, b, pub), None
    if rule == "day_month":
        d, mw, y, h, mk = g
        mo, cal = M(mw)
        cal = "hijri" if h else cal
        mk = K(mk)
        if not y:
            if not pub or cal == "hijri":
                return None
            y = pub.year if (mo, int(d)) <= (pub.month, pub.day) else pub.year - 1
            if mk == "next":
                y = pub.year if (mo, int(d)) > (pub.month, pub.day) else pub.year + 1
        a = _g(int(y), mo, int(d), cal)
        return a, a, "day", _rel(a, a, pub, mk), None
    if rule == "numeric":
        a = dt.date(int(g[2]), int(g[1]), int(g[0])) if g[0] else dt.date(int(g[3]), int(g[4]), int(g[5]))
        return a, a, "day", _rel(a, a, pub), None
    if rule in ("month_rel", "month_year"):
        mo, cal = M(g[0])
        if rule == "month_year":
            y = int(g[1])
            if cal == "hijri" or g[2]:
                a, b = _g(y, mo, 1, "hijri"), _g(y, mo, 29, "hijri")
                return a, b, "month", _rel(a, b, pub), None
        else:
            if not pub or cal == "hijri":
                return None
            mk = K(g[1])
            y = pub.year
            if mk == "last" and mo >= pub.month or mk == "current" and mo > pub.month:
                y -= 1
            if mk == "next" and mo <= pub.month:
                y += 1
        a, b = dt.date(y, mo, 1), _mend(y, mo)
        return a, b, "month", _rel(a, b, pub), None
    if rule == "year":
        y = int(g[0])
        if not 1900 <= y <= 2100:
            return None
        a, b = dt.date(y, 1, 1), dt.date(y, 12, 31)
        return a, b, "year", _rel(a, b, pub), None
    if pub is None:
        return None
    part = K(g[0]) if rule in ("weekday", "relday") else None
    if rule == "weekday":
        wd, mk = wdays[g[1]], K(g[2])
        back = (pub.weekday() - wd) % 7
        if mk == "last" and back == 0:
            back = 7
        a = pub - dt.timedelta(days=back)
        if mk == "next":
            a = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
        if part == "night" and g[0] and g[0].endswith("ه"):
            a -= dt.timedelta(days=1)
        return a, a, "day", _rel(a, a, pub, mk), part
    if rule == "relday":
        k = K(g[1])
        a = pub - dt.timedelta(days={"today": 0, "yesterday": 1, "day_before_yesterday": 2}[k])
        return a, a, "day", "present" if k == "today" else "past", part
    if rule == "last_night":
        a = pub - dt.timedelta(days=1)
        return a, a, "day", "past", "night"
    if rule == "ago":
        unit = g[1]
        n = int(g[0]) if g[0] else (2 if unit.endswith("ين") else 1)
        a = pub - dt.timedelta(days=n)
        return a, a, "day", "past", None
    if rule == "period":
        pos, unit, mk = K(g[0]), K(g[1]), K(g[2])
        step = {"last": -1, "next": 1, "current": 0}[mk]
        if unit == "week":
            mon = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 * step)
            a, b, prec = mon, mon + dt.timedelta(days=6), "week"
        elif unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 + step, 12)
            a, b, prec = dt.date(y, mo + 1, 1), _mend(y, mo + 1), "month"
        else:
            a, b, prec = dt.date(pub.year + step, 1, 1), dt.date(pub.year + step, 12, 31), "year"
        if pos and prec == "month":
            lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, b.day)}[pos]
            a, b, prec = a.replace(day=lo), a.replace(day=hi), "range"
        return a, b, prec, {-1: "past", 0: "present", 1: "future"}[step], None
    return None

