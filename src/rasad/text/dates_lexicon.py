"""The lexicon behind ``find_dates``: the date tables compiled into one regex over normalized text.

Tables: ``months`` (every month system), ``weekdays``, ``date_words`` (relative words, periods,
parts of day, units of time, cues), ``date_ordinals`` (السابع, الحادي والعشرين …), the number
words of ``number_words`` (for ``منذ ثلاثة أيام``) and the approximation cues of ``number_cues``
(``قبل نحو أسبوعين``). Each rule is a pattern with named groups; the big alternation used for the
scan is the same patterns with their groups made anonymous, so each hit is re-matched by its own
rule to read its groups. Rules are tried in order at each position: longer forms first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..knowledge.loader import cached, load_table
from .matcher import clitics
from .normalize import norm_key
from .regex_trie import trie_alt

B = r"(?<!\w)"
E = r"(?!\w)"


@dataclass(frozen=True)
class DateLexicon:
    months: dict[str, tuple[int, str]]     # normalized name -> (month, calendar)
    wdays: dict[str, int]                   # normalized name -> weekday (Monday 0)
    ordinals: dict[str, int]                # normalized ordinal -> day of month
    numbers: dict[str, int]                 # normalized number word (1-99 parts) -> value
    words: dict[str, frozenset[str]]        # key -> its normalized words
    big: re.Pattern[str]                    # every rule in order; a rule's own groups are anonymous
    rules: dict[str, re.Pattern[str]]
    prefilter: re.Pattern[str]
    scan: re.Pattern[str]                   # ``big`` led by the non-word character before a word start

    def key(self, word: str | None, *keys: str) -> str | None:
        """The first of ``keys`` whose word list holds ``word`` (whitespace collapsed)."""
        if not word:
            return None
        w = " ".join(word.split())
        return next((k for k in keys if w in self.words.get(k, ())), None)

    def unit(self, word: str) -> tuple[str, str]:
        """``(unit, number)`` of a unit-of-time word: ("day", "du") for يومين."""
        w = " ".join(word.split())
        for k, ws in self.words.items():
            if k.startswith("unit.") and w in ws:
                _, u, n = k.split(".")
                return u, n
        raise KeyError(word)


def _alt(words) -> str:
    """Alternation of normalized words, longest first; spaces match any whitespace, and a
    compound's و may stand apart (الحادي و العشرين)."""
    return trie_alt(words, space=r"\s+", after_space={"و": r"و\s*"})


def _anon(pattern: str) -> str:
    """The pattern with anonymous groups, for the big scan. A back-reference (the numeric rule's
    repeated separator) becomes any separator: the scan may over-match, the rule's own re-match
    is what decides."""
    return re.sub(r"\(\?P=\w+\)", "[/.-]", re.sub(r"\(\?P<\w+>", "(?:", pattern))


@cached
def date_lexicon() -> DateLexicon:
    months = {norm_key(r["word"]): (int(r["month"]), r["calendar"])
              for r in load_table("months", ("word", "month", "calendar")).rows}
    wdays = {norm_key(r["word"]): int(r["weekday"]) for r in load_table("weekdays", ("word", "weekday")).rows}
    ordinals = {norm_key(r["word"]): int(r["day"]) for r in load_table("date_ordinals", ("word", "day")).rows}
    numbers = {norm_key(r["word"]): int(float(r["value"]))
               for r in load_table("number_words", ("word", "value", "kind")).rows
               if r["kind"] in ("unit", "ten") and (r.get("form") or "sg") in ("sg", "teen")}
    approx = [norm_key(r["cue"]) for r in load_table("number_cues", ("cue", "role")).rows
              if r["role"] == "approx" and (r.get("position") or "before") == "before"]
    acc: dict[str, set[str]] = {}
    for r in load_table("date_words", ("word", "key")).rows:
        acc.setdefault(r["key"], set()).add(norm_key(r["word"]))
    words = {k: frozenset(v) for k, v in acc.items()}

    def W(*keys: str) -> str:
        return _alt([w for k in keys for w in words.get(k, ())])

    def units(*names: str, numbers: tuple[str, ...] = ("sg", "du", "pl")) -> str:
        return W(*[k for k in words if k.startswith("unit.") and k.split(".")[1] in names
                   and k.split(".")[2] in numbers])

    M, WD, ORD = _alt(months), _alt(wdays), _alt(ordinals)
    cl = clitics()
    AND, ANDP = cl.group("conj"), cl.group("conj", "prep")   # [وف] and [وفبل], from clitics.tsv
    num = _alt(numbers)
    NUMW = rf"(?:{num})(?:\s+(?:و\s*)?(?:{num}))?"
    REL = W("last", "next", "current")
    PARTS = W("dawn", "morning", "noon", "afternoon", "evening", "night")
    HIJ = rf"(?:\s*(?P<h>{W('hijri_marker')}){E}|\s*(?:{W('ad_marker')}){E})?"
    DAY = rf"(?:(?:ال\s*)?(?P<d>\d{{1,2}})(?!\d)\s+(?:من\s+)?|(?P<o>{ORD})\s+من\s+)"
    DAY1 = DAY.replace("<d>", "<d1>").replace("<o>", "<o1>")
    DAY2 = DAY.replace("<d>", "<d2>").replace("<o>", "<o2>")
    D1 = rf"(?:(?:ال\s*)?(?P<d1>\d{{1,2}})|(?P<o1>{ORD}))"
    D2 = rf"(?:(?:ال\s*)?(?P<d2>\d{{1,2}})|(?P<o2>{ORD}))"
    CONJ = rf"(?:(?:{W('and')})\s*|(?:{W('to')})\s+|-\s*)"
    MON = rf"(?:{W('month_word')}\s+)?(?P<mon>{M})(?:\s*[/(]\s*(?:{M})\s*\)?)?{E}"
    MON1 = MON.replace("<mon>", "<mon1>")
    FROM = W("between", "from")
    YEAR = rf"(?:\s*,?\s*(?:{W('year_word')}\s*)?(?P<y>\d{{4}})(?!\d)){HIJ}"
    REL_OPT = rf"(?:\s+(?P<rel>{REL}){E})?"
    rules = {
        "range_between": rf"{B}(?:{W('between', 'from')})\s+{D1}\s*{CONJ}{D2}\s+(?:من\s+)?{MON}(?:{YEAR})?{REL_OPT}",
        "range_of_it": rf"{B}(?:{W('between', 'from')})\s+{D1}\s+(?:من\s+)?{MON}(?:{YEAR})?\s*{CONJ}{D2}\s+(?:{W('of_it')}){E}",
        "range_months": rf"{B}(?:{FROM})\s+{DAY1}{MON1}(?:\s*,?\s*(?P<y1>\d{{4}})(?!\d))?\s*{CONJ}{DAY2}{MON}(?:{YEAR})?{REL_OPT}",
        "day_period": rf"{B}{DAY}(?:(?P<this>{W('this')})\s+(?:ال)?(?:{W('month')})|(?:{W('month')})\s+(?P<rel>{REL})){E}",
        "day_month": rf"{B}{DAY}{MON}(?:{YEAR})?{REL_OPT}",
        "numeric": r"(?<![\d/.-])(?:(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{4})"
                   r"|(?P<y4>\d{4})(?P<sep2>[/-])(?P<m4>\d{1,2})(?P=sep2)(?P<d4>\d{1,2}))(?![\d/-]|\.\d|\s*%)",
        "month": rf"{B}(?:(?P<pos>{W('early', 'mid', 'late')})\s+|{AND}?(?P<cue>{W('month_cue')})\s+)?"
                 rf"(?P<body>(?P<mw>{W('month_word')}\s+)?(?P<mon>{M})(?:\s*[/(]\s*(?:{M})\s*\)?)?{E}"
                 rf"(?:\s*,?\s*(?P<y>\d{{4}})(?!\d))?{HIJ}(?:\s+(?P<rel>{REL}){E})?)",
        "year_range": rf"{B}(?:(?P<from>{FROM})\s+(?:(?:ال)?(?:{W('years_word', 'year_word')})\s+)?|{ANDP}?(?:ال)?(?:{W('years_word', 'year_word')})\s+)(?P<y1>\d{{4}})\s*{CONJ}(?:(?:{W('year_word')})\s+)?(?P<y2>\d{{4}})(?!\d)",
        "year": rf"{B}(?:(?P<yw>{ANDP}?(?:ال)?(?:{W('year_word')}))|{AND}?(?P<cue>{W('year_cue')}))\s+(?P<y>\d{{4}})(?![\d%]|[.,]\d|\s*%){HIJ}",
        "hijri_year": rf"{B}(?P<y>\d{{4}})\s*(?P<h>{W('hijri_marker')}){E}",
        "weekday": rf"{B}{AND}?(?:(?P<night>{W('night')})\s+(?P<wdn>{WD})\s*(?:[-/]|{W('and')}|(?:{W('to', 'night_join')}){E})?\s*(?P<wd2>{WD}){E}"
                   rf"|(?:(?P<part>{PARTS})\s+)?(?:يوم\s+)?(?P<wd>{WD}){E})(?:\s+(?P<rel>{W('last', 'next')}){E})?",
        "relday": rf"{B}{AND}?(?:(?P<part>{PARTS})\s+)?(?:يوم\s+)?(?:ال)?(?P<rd>{W('day_before_yesterday', 'yesterday', 'today')}){E}"
                  rf"(?!\s*(?:ال)?\d)",
        "last_night": rf"{B}{AND}?(?:ال)?(?:{W('night')})\s+(?:{W('last')}){E}",
        "ago": rf"{B}(?:{W('ago', 'before')})\s+(?:(?:{_alt(approx)})\s+)?(?:(?P<n>\d{{1,3}}|{NUMW})\s+)?(?P<unit>{units('day', 'week', 'month', 'year', 'hour')}){E}"
               rf"(?!\s*(?:\d|(?:من|على|{M}|{W('and')}){E}))",
        "month_week": rf"{B}(?:ال)?(?:{units('week', numbers=('sg',))})\s+(?P<which>{ORD}|{W('recent')})\s+(?:من\s+)?"
                      rf"{MON}(?:{YEAR})?{REL_OPT}",
        "recent": rf"{B}(?:ال)?(?:(?P<n1>\d{{1,3}})\s+)?(?P<unit>{units('day', 'week', 'month', 'hour')}|{units('year', numbers=('du', 'pl'))})\s+"
                  rf"(?:(?:ال\s*)?(?P<n2>\d{{1,3}})\s+|(?:ال)?(?P<nw>{NUMW})\s+)?(?:{W('recent')}){E}",
        "period": rf"{B}(?:(?P<pos>{W('early', 'mid', 'late')})\s+)?(?:(?P<this>{W('this')})\s+(?:ال)?)?"
                  rf"(?P<unit>{W('week', 'month', 'year')})(?:\s+(?P<rel>{REL}))?{E}",
    }
    compiled = {k: re.compile(v) for k, v in rules.items()}
    big = re.compile("|".join(f"(?P<{k}>{_anon(v)})" for k, v in rules.items()))
    # A text with no digit, month, weekday or date word has no date: checked before the scan.
    anchors = set(months) | set(wdays) | {w.split()[0] for k in ("yesterday", "today", "day_before_yesterday",
                                                                   "week", "month", "year", "night", "year_word",
                                                                   "years_word") for w in words.get(k, ())}
    anchors |= {w for k, ws in words.items() if k.startswith("unit.") for w in ws}
    prefilter = re.compile(r"\d|" + _alt({a.removeprefix("ال") for a in anchors}))
    # Every rule but ``numeric`` starts at a word start with a digit or one of these words (with any
    # of the optional و ف ب ل ال before it), whose first token is followed by a space or another
    # non-word character in every rule: a gate that rejects other word starts at once.
    leads = set(ordinals) | set(months) | set(wdays) | {"يوم"}
    leads |= {w for k in ("between", "from", "ago", "before", "early", "mid", "late", "this", "month_word",
                          "month_cue", "year_cue", "year_word", "years_word", "night", "dawn", "morning",
                          "noon", "afternoon", "evening", "week", "month", "year", "yesterday", "today",
                          "day_before_yesterday") for w in words.get(k, ())}
    leads |= {w for k, ws in words.items() if k.startswith("unit.") for w in ws}
    gate = {(p + a + w).split()[0] for w in leads for p in ("", "و", "ف", "ب", "ل") for a in ("", "ال")}
    bodies = []
    for k, v in rules.items():
        if k != "numeric":
            assert v.startswith(B), k          # the scan below relies on it
            v = v[len(B):]
        bodies.append(f"(?P<{k}>{_anon(v)})")
    # ``\W`` first lets ``re`` skip to candidate positions in C; the match starts one character later.
    scan = re.compile(rf"\W(?=\d|ال\s*\d|(?:{trie_alt(gate)})(?!\w))(?:{'|'.join(bodies)})")
    return DateLexicon(months, wdays, ordinals, numbers, words, big, compiled, prefilter, scan)

