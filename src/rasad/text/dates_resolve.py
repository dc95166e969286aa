"""Resolution of one date rule hit to calendar dates, against the publication date.

``resolve(lex, rule, m, pub, text)`` returns a :class:`Hit` (first and last day, precision,
relation to the publication, part of day) or ``None`` when the words are not a date here
(a bare month name with no cue, ``اليوم التالي``, ``الأمين العام الحالي``) or need a publication
date that is missing. Nothing reads the clock.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates_calendar import DAY, THIRDS, YEAR_THIRDS, month_end, to_date
from .dates_calendar import month_span as _month_span
from .dates_calendar import month_year as _month_year
from .dates_calendar import shift_month as _shift_month
from .dates_calendar import week_of as _week_of
from .dates_calendar import year_for as _year_for
from .dates_lexicon import DateLexicon

_DEFAULTS = (None, None, None, None, None, True, "gregorian")


@dataclass
class Hit:
    ns: int
    ne: int
    first: dt.date
    last: dt.date
    precision: str
    rule: str
    relation: str
    part: str | None = None
    year_given: bool = True
    calendar: str = "gregorian"


def relation(first: dt.date, last: dt.date, pub: dt.date | None, marker: str | None = None) -> str:
    if marker == "next" or (pub and first > pub):
        return "future"
    if pub and first <= pub <= last:
        return "present"
    return "past"


def _day(lex: DateLexicon, m, d: str, o: str) -> int | None:
    if m.group(d):
        return int(m.group(d))
    if m.group(o):
        return lex.ordinals[" ".join(m.group(o).split()).replace("و ", "و")]
    return None


def _number(lex: DateLexicon, s: str | None, unit_n: str) -> int | None:
    if s:
        if s.isdigit():
            return int(s)
        return sum(lex.numbers[w] for w in s.replace("و", " و ").split() if w != "و" and w in lex.numbers) or None
    return {"sg": 1, "du": 2}.get(unit_n)


def resolve(lex: DateLexicon, rule: str, m, pub: dt.date | None, text: str) -> Hit | None:
    fn = _RULES[rule]
    out = fn(lex, m, pub, text)
    if out is None:
        return None
    first, last, prec, marker, part, given, cal = tuple(out) + _DEFAULTS[len(out):]
    if first > last:
        return None
    # a cue before a month (في آذار) is not part of the date; a position word (أواخر آذار) is
    has_body = "body" in m.re.groupindex and m.group("body")
    start = m.start("body") if has_body and not m.group("pos") else m.start()
    return Hit(start, m.end(), first, last, prec, rule, relation(first, last, pub, marker), part, given, cal)


def _mon(lex, m):
    mo, cal = lex.months[" ".join(m.group("mon").split())]
    if m.re.groupindex.get("h") and m.group("h"):
        cal = "hijri"
    return mo, cal


def _ranges(lex, m, pub, text):
    d1, d2 = _day(lex, m, "d1", "o1"), _day(lex, m, "d2", "o2")
    mo, cal = _mon(lex, m)
    y = m.group("y")
    rel = lex.key(m.group("rel"), "last", "next", "current") if "rel" in m.re.groupindex else None
    if not y:
        if pub is None:
            return None
        y = _year_for(mo, d1, pub, cal, rel) if rel != "last" else _month_year(mo, pub, cal, "last")
    a, b = to_date(int(y), mo, d1, cal), to_date(int(y), mo, d2, cal)
    return a, b, "range", rel, None, bool(m.group("y")), cal


def _range_months(lex, m, pub, text):
    """من 28 أيلول إلى 3 تشرين الأول: the year written last (or found for the second day) holds for
    the first day too, a year earlier when its month comes later in the year."""
    d1, d2 = _day(lex, m, "d1", "o1"), _day(lex, m, "d2", "o2")
    mo2, cal = _mon(lex, m)
    mo1, cal1 = lex.months[" ".join(m.group("mon1").split())]
    if cal1 != lex.months[" ".join(m.group("mon").split())][1]:
        return None
    rel = lex.key(m.group("rel"), "last", "next", "current")
    y2 = m.group("y")
    if not y2:
        if pub is None:
            return None
        y2 = _month_year(mo2, pub, cal, rel) if rel in ("last", "current") else _year_for(mo2, d2, pub, cal, rel)
    y2 = int(y2)
    y1 = int(m.group("y1")) if m.group("y1") else (y2 if (mo1, d1) <= (mo2, d2) else y2 - 1)
    return to_date(y1, mo1, d1, cal), to_date(y2, mo2, d2, cal), "range", rel, None, bool(m.group("y")), cal


def _month_week(lex, m, pub, text):
    """الأسبوع الأول/الثاني/الأخير من أكتوبر: days 1-7, 8-14 … or the month's last seven."""
    mo, cal = _mon(lex, m)
    rel, y = lex.key(m.group("rel"), "last", "next", "current"), m.group("y")
    if not y and pub is None:
        return None
    y = int(y) if y else _month_year(mo, pub, cal, rel)
    a, b = _month_span(y, mo, cal)
    which = " ".join(m.group("which").split())
    n = lex.ordinals.get(which)
    if n is None:
        a = b - 6 * DAY                              # الأخير
    elif n <= 5:
        a += 7 * (n - 1) * DAY
        b = min(b, a + 6 * DAY)
    else:
        return None
    return a, b, "range", rel, None, bool(m.group("y")), cal


def _hijri_year(lex, m, pub, text):
    y = int(m.group("y"))
    if not 1300 <= y <= 1500:
        return None
    return to_date(y, 1, 1, "hijri"), to_date(y + 1, 1, 1, "hijri") - DAY, "year", None, None, True, "hijri"


def _day_month(lex, m, pub, text):
    d = _day(lex, m, "d", "o")
    mo, cal = _mon(lex, m)
    rel = lex.key(m.group("rel"), "last", "next", "current")
    y = m.group("y")
    if not y:
        if pub is None:
            return None
        y = _month_year(mo, pub, cal, rel) if rel in ("last", "current") else _year_for(mo, d, pub, cal, rel)
    a = to_date(int(y), mo, d, cal)
    return a, a, "day", rel, None, bool(m.group("y")), cal


def _day_period(lex, m, pub, text):
    if pub is None:
        return None
    d = _day(lex, m, "d", "o")
    rel = "current" if m.group("this") else lex.key(m.group("rel"), "last", "next", "current")
    y, mo = _shift_month(pub.year, pub.month, {"last": -1, "next": 1}.get(rel, 0))
    a = dt.date(y, mo, d)
    return a, a, "day", rel, None, True, "gregorian"


def _numeric(lex, m, pub, text):
    if m.group("a"):
        d, mo, y = int(m.group("a")), int(m.group("b")), int(m.group("c"))
        if mo > 12 and d <= 12:
            d, mo = mo, d
    else:
        y, mo, d = int(m.group("y4")), int(m.group("m4")), int(m.group("d4"))
    if not 1900 <= y <= 2100:
        return None
    a = dt.date(y, mo, d)
    return a, a, "day", None


def _month(lex, m, pub, text):
    mo, cal = _mon(lex, m)
    y, rel, pos = m.group("y"), lex.key(m.group("rel"), "last", "next", "current"), lex.key(m.group("pos"), "early", "mid", "late")
    if not (y or rel or pos or m.group("cue") or m.group("mw")):
        return None                                  # a bare month name (مارس is also a verb)
    if cal == "hijri" and not (y or m.group("mw") or rel):
        return None                                  # رجب, شعبان, صفر are also names and words
    if y:
        y = int(y)
        if cal == "gregorian" and m.group("h"):
            return None
    elif pub is None:
        return None
    else:
        y = _month_year(mo, pub, cal, rel)
    a, b = _month_span(y, mo, cal)
    if pos:
        lo, hi = THIRDS[pos]
        a, b = a + dt.timedelta(days=lo - 1), min(b, a + dt.timedelta(days=hi - 1))
        return a, b, "range", rel, None, bool(m.group("y")), cal
    return a, b, "month", rel, None, bool(m.group("y")), cal


def _year_range(lex, m, pub, text):
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if not (1900 <= y1 < y2 <= 2100):
        return None
    if m.group("from") and _counted_follows(text, m.end()):
        return None                                  # بين 1950 و2000 مقاتل is a count
    return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "range", None


def _year(lex, m, pub, text):
    y = int(m.group("y"))
    if m.group("h"):
        if not 1300 <= y <= 1500:
            return None
        return to_date(y, 1, 1, "hijri"), to_date(y + 1, 1, 1, "hijri") - DAY, "year", None, None, True, "hijri"
    if not 1900 <= y <= 2100:
        return None
    if m.group("cue") and not m.group("yw"):
        # a bare number after في/منذ is a year only when no counted noun follows (في 2014 قتيلا)
        if pub and y > pub.year + 1 or _counted_follows(text, m.end()):
            return None
    return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", None


def _counted_follows(text: str, pos: int) -> bool:
    from .numbers_words import lexicon
    nxt = text[pos:pos + 30].split(None, 1)
    if not nxt:
        return False
    w = nxt[0].rstrip(".,;:!?\"')")
    counted = lexicon().counted
    return w in counted or w.removeprefix("ال") in counted


def _weekday(lex, m, pub, text):
    if pub is None:
        return None
    rel = lex.key(m.group("rel"), "last", "next")
    if m.group("wdn"):
        wd, part, night_of = lex.wdays[m.group("wdn")], "night", False
    else:
        wd = lex.wdays[m.group("wd")]
        part = lex.key(m.group("part"), "dawn", "morning", "noon", "afternoon", "evening", "night")
        night_of = part == "night" and m.group("part").endswith("ه")     # ليلة السبت: the eve of Saturday
    back = (pub.weekday() - wd) % 7
    if rel == "last" and back == 0:
        back = 7
    a = pub - dt.timedelta(days=back)
    if rel == "next":
        a = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    if night_of:
        a -= DAY
    return a, a, "day", rel, part


def _relday(lex, m, pub, text):
    if pub is None:
        return None
    k = lex.key(m.group("rd"), "day_before_yesterday", "yesterday", "today")
    if k == "today" and not _is_today(lex, text, m):
        return None
    part = lex.key(m.group("part"), "dawn", "morning", "noon", "afternoon", "evening", "night")
    a = pub - dt.timedelta(days={"today": 0, "yesterday": 1, "day_before_yesterday": 2}[k])
    return a, a, "day", None, part


def _is_today(lex, text: str, m) -> bool:
    """اليوم is today unless it names another day: ذلك اليوم, اليوم نفسه, اليوم التالي, اليوم الثالث."""
    before = text[max(0, m.start() - 8):m.start()].split()
    if before and before[-1] in ("ذلك", "نفس", "ذات", "تلك"):
        return False
    after = text[m.end():m.end() + 20].split(None, 1)
    if not after:
        return True
    w = after[0].rstrip(".,;:!?\"')")
    if w in ("نفسه", "ذاته", "عينه"):
        return False
    return not (w.startswith("ال") and w not in lex.wdays)


def _last_night(lex, m, pub, text):
    if pub is None:
        return None
    a = pub - DAY
    return a, a, "day", None, "night"


def _ago(lex, m, pub, text):
    if pub is None:
        return None
    unit, num = lex.unit(m.group("unit"))
    n = _number(lex, m.group("n"), num)
    if n is None:                                   # قبل أيام, منذ ساعات: vague
        if unit == "day":
            return pub - dt.timedelta(days=7), pub - 2 * DAY, "range", None
        if unit == "hour":
            return pub - DAY, pub, "range", None
        return None
    if unit == "hour":
        a = pub - dt.timedelta(days=n // 24)
        return a, a, "day", None
    if unit == "day":
        a = pub - dt.timedelta(days=n)
        return a, a, "day", None
    if unit == "week":
        return (*_week_of(pub - dt.timedelta(days=7 * n)), "week", None)
    if unit == "month":
        y, mo = _shift_month(pub.year, pub.month, -n)
        return dt.date(y, mo, 1), month_end(y, mo), "month", None
    return dt.date(pub.year - n, 1, 1), dt.date(pub.year - n, 12, 31), "year", None


def _recent(lex, m, pub, text):
    if pub is None:
        return None
    unit, num = lex.unit(m.group("unit"))
    n = _number(lex, m.group("n1") or m.group("n2") or m.group("nw"), "du" if num == "du" else "pl")
    if n is None:                                    # الأيام الأخيرة: vague, a week; الأسابيع الأخيرة: none
        if num != "pl" or unit in ("month", "week", "year"):
            return None
        n = 24 if unit == "hour" else 7
    days = {"hour": -(-n // 24), "day": n, "week": 7 * n}.get(unit)
    if days is None:
        y, mo = _shift_month(pub.year, pub.month, -n * (12 if unit == "year" else 1))
        return dt.date(y, mo, min(pub.day, month_end(y, mo).day)), pub, "range", None
    return pub - dt.timedelta(days=days), pub, "range", None


def _period(lex, m, pub, text):
    if pub is None:
        return None
    rel = "current" if m.group("this") else lex.key(m.group("rel"), "last", "next", "current")
    unit, pos = lex.key(m.group("unit"), "week", "month", "year"), lex.key(m.group("pos"), "early", "mid", "late")
    if rel is None:
        if pos is None:
            return None
        rel = "current"                              # مطلع العام, منتصف الشهر: of the current one
    if unit == "year" and not m.group("this") and not pos:
        prev = text[max(0, m.start() - 16):m.start()].split()
        if prev and prev[-1] in lex.words.get("general_noun", ()):
            return None                              # الأمين العام الحالي: the current secretary-general
    step = {"last": -1, "next": 1, "current": 0}[rel]
    if unit == "week":
        a, b = _week_of(pub + dt.timedelta(days=7 * step))
        prec = "week"
    elif unit == "month":
        y, mo = _shift_month(pub.year, pub.month, step)
        a, b, prec = dt.date(y, mo, 1), month_end(y, mo), "month"
        if pos:
            lo, hi = THIRDS[pos]
            a, b, prec = a.replace(day=lo), a.replace(day=min(hi, b.day)), "range"
    else:
        a, b, prec = dt.date(pub.year + step, 1, 1), dt.date(pub.year + step, 12, 31), "year"
        if pos:
            lo, hi = YEAR_THIRDS[pos]
            a, b, prec = a.replace(month=lo), month_end(a.year, hi), "range"
    return a, b, prec, rel


_RULES = {"range_between": _ranges, "range_of_it": _ranges, "range_months": _range_months, "hijri_year": _hijri_year,
          "month_week": _month_week, "day_period": _day_period, "day_month": _day_month,
          "numeric": _numeric, "month": _month, "year_range": _year_range, "year": _year, "weekday": _weekday,
          "relday": _relday, "last_night": _last_night, "ago": _ago, "recent": _recent, "period": _period}
