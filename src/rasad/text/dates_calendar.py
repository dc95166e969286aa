"""Calendar arithmetic for date resolution: Gregorian and Hijri (through hijridate) months,
the year a day or month with no year written falls in, month shifts and weeks (Monday first)."""
from __future__ import annotations

import datetime as dt

from hijridate import Gregorian, Hijri

DAY = dt.timedelta(days=1)
THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}         # days of a month
YEAR_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}      # months of a year


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y + (m == 12), m % 12 + 1, 1) - DAY


def to_date(y: int, m: int, d: int, cal: str) -> dt.date:
    if cal == "hijri":
        return dt.date(*Hijri(y, m, d).to_gregorian().datetuple())
    return dt.date(y, m, d)


def month_span(y: int, m: int, cal: str) -> tuple[dt.date, dt.date]:
    if cal == "hijri":
        return to_date(y, m, 1, cal), to_date(y, m, Hijri(y, m, 1).month_length(), cal)
    return dt.date(y, m, 1), month_end(y, m)


def ymd(pub: dt.date, cal: str) -> tuple[int, int, int]:
    if cal == "hijri":
        h = Gregorian(pub.year, pub.month, pub.day).to_hijri()
        return h.year, h.month, h.day
    return pub.year, pub.month, pub.day


def year_for(mo: int, d: int, pub: dt.date, cal: str, rel: str | None) -> int:
    """Year of day ``d`` of month ``mo`` with no year written: the latest on or before publication;
    with المقبل the next one after it."""
    py, pm, pd = ymd(pub, cal)
    if rel == "next":
        return py if (mo, d) > (pm, pd) else py + 1
    return py if (mo, d) <= (pm, pd) else py - 1


def month_year(mo: int, pub: dt.date, cal: str, rel: str | None) -> int:
    py, pm, _ = ymd(pub, cal)
    if rel == "last":
        return py - 1 if mo >= pm else py
    if rel == "next":
        return py + 1 if mo <= pm else py
    return py - 1 if mo > pm else py          # current / none: the latest not after publication


def shift_month(y: int, mo: int, step: int) -> tuple[int, int]:
    y2, m0 = divmod(y * 12 + mo - 1 + step, 12)
    return y2, m0 + 1


def week_of(d: dt.date) -> tuple[dt.date, dt.date]:
    mon = d - dt.timedelta(days=d.weekday())
    return mon, mon + dt.timedelta(days=6)
