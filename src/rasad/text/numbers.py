"""Numbers in Arabic news: digits (Western, Arabic-Indic, Persian — folded by ``normalize``), number
words and their compounds, duals of counted nouns, vague quantities, approximations.

One compiled regex (``numbers_words.lexicon``) finds number atoms over the normalized text; atoms
separated only by spaces or the conjunction و are chained into compounds when the grammar allows
(``خمسة وعشرون``, ``أربعة آلاف وخمسمائة``, ``18 ألفا و500``, ``2.5 مليون``). Dates (``28/10/2023``),
clock times and day-of-month numbers are skipped; years, percentages, phone numbers, ordinals and
money are reported with their own ``kind`` so they are never taken as counts. A proclitic attached
to a number word (``وثلاث``) is left out of the span. A bare four-digit number 1900-2100 with no
counted noun after it is read as a year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .normalize import Normalized
from .numbers_words import BASE, Word, lexicon, may_end_with
from .spans import Span

__all__ = ["NumberMention", "find_numbers"]


@dataclass(frozen=True, slots=True)
class NumberMention(Span):
    value: int | float
    kind: str                 # cardinal dual year percent phone ordinal money decimal
    approx: str | None
    vague: bool
    convention: int | None
    counted: str | None
    nstart: int
    nend: int
    counted_key: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value,
                "kind": self.kind, "approx": self.approx, "vague": self.vague, "counted": self.counted}


@dataclass(slots=True)
class _Atom:
    s: int                    # normalized start (after any proclitic)
    e: int
    ps: int                   # start including the proclitic
    pre: str
    value: float
    kind: str                 # digit or a Word kind
    form: str
    counted: str | None = None


# Where an atom may start off a word start: a + after a word character, a digit after a letter
# (the leading class lets ``re`` skip in C; the look-behinds keep only those).
_GLUED = re.compile(r"[+\d](?:(?<=\w\+)|(?<=[^\W\d]\d))")


def _finditer(lex, text: str):
    """The matches of ``lex.atom.finditer(text)``, found without trying every position.

    An atom starts at position 0, at a word start that ``lex.scan`` lets through (it finds the
    non-word character before it), or at a ``+`` or a run of digits glued to a word character."""
    glued = [g.start() for g in _GLUED.finditer(text)]
    atom, scan = lex.atom, lex.scan
    pos, gi = 0, 0
    m = atom.match(text, 0)
    if m is not None:
        yield m
        pos = m.end()
    while True:
        w = scan.search(text, max(pos - 1, 0))
        start = w.start() + 1 if w is not None else len(text) + 1
        m = None
        while gi < len(glued) and glued[gi] < start:
            if glued[gi] >= pos:
                m = atom.match(text, glued[gi])
                if m is not None:
                    break
            gi += 1
        if m is None:
            if w is None:
                return
            m = atom.match(text, start)
            if m is None:               # the scan's test is looser than the atom (5م): go on after it
                pos = start + 1
                continue
        yield m
        pos = m.end()


def _atoms(text: str):
    lex = lexicon()
    for m in _finditer(lex, text):
        g = m.lastgroup
        if g in ("date", "time"):
            continue
        if g == "phone":
            yield "phone", m
            continue
        pre = m.group("pre") or ""
        if m.group("dig") is not None:
            d = m.group("dig")
            yield "atom", _Atom(m.start("dig"), m.end("dig"), m.start(), pre, float(d.replace(",", "")), "digit", "sg")
        else:
            w: Word = lex.words[m.group("word")]
            if w.form == "noart" and "ال" in pre:
                continue
            yield "atom", _Atom(m.start("word"), m.end(), m.start(), pre, w.value, w.kind, w.form, w.counted)


def _joinable(chain: list[_Atom], state: dict, b: _Atom, gap: str) -> bool:
    a = chain[-1]
    if a.kind in ("dual", "ordinal") or b.kind in ("dual",):
        return a.kind == "ordinal" and b.kind == "unit" and b.value == 10 and not gap.strip() and b.pre == ""
    conj = b.pre == "و" or gap.strip() == "و"
    if gap.strip() not in ("", "و") or (gap.strip() == "و" and b.pre):
        return False
    if b.kind == "ordinal":
        return False
    if b.pre not in ("", "و") and not (b.pre == "ال" and a.kind == "vague" and b.kind in BASE and not gap.strip()):
        return False
    if not conj:
        if b.kind == "unit" and b.value == 10 and a.kind == "unit" and 1 <= a.value <= 9 and b.pre == "":
            return True
        if b.kind in BASE and b.form != "du" and b.value == BASE[b.kind]:
            return 0 < state["cur"] < BASE[b.kind] and (state["floor"] is None or BASE[b.kind] < state["floor"])
        return False
    if b.kind == "ten" and a.kind == "unit" and 1 <= a.value <= 9 and a.form != "teen":
        return True
    floor = state["floor"]
    if state["cur"] > 0:
        return state["cur_floor"] >= 100 and b.value < state["cur_floor"]
    return floor is not None and b.value < floor


def _apply(state: dict, b: _Atom, joined_plain: bool) -> None:
    if b.kind in BASE and b.value == BASE[b.kind] and b.form != "du":
        base = BASE[b.kind]
        if b.kind == "hundred":
            if 0 < state["cur"] < 10 and joined_plain:
                state["cur"] *= 100
            else:
                state["cur"] += 100
            state["cur_floor"] = 100
            return
        if state["cur"] > 0 and joined_plain:
            state["total"] += state["cur"] * base
        else:
            state["total"] += base
            if b.form == "pl":
                state["vague"] = True
        state["cur"] = 0
        state["cur_floor"] = base
        state["floor"] = base
        return
    if b.kind == "vague":
        state["vague"] = True
    if b.kind == "unit" and b.value == 10 and state["cur"] and state["last"] in ("unit", "ordinal") and joined_plain:
        state["cur"] += 10
    else:
        state["cur"] += b.value
    if b.kind == "hundred":
        state["cur_floor"] = 100
    elif b.kind == "ten":
        state["cur_floor"] = 10
    else:
        state["cur_floor"] = 1 if b.kind in ("unit", "digit", "vague") else state["cur_floor"]


def _chains(text: str):
    atoms = list(_atoms(text))
    i = 0
    while i < len(atoms):
        tag, a = atoms[i]
        i += 1
        if tag == "phone":
            yield "phone", a, None
            continue
        chain = [a]
        state = {"total": 0.0, "cur": 0.0, "floor": None, "cur_floor": 10**12, "vague": False, "last": None}
        _apply(state, a, False)
        state["last"] = a.kind
        while i < len(atoms) and atoms[i][0] == "atom":
            b = atoms[i][1]
            gap = text[chain[-1].e:b.ps]
            if len(gap) > 4 or not _joinable(chain, state, b, gap):
                break
            _apply(state, b, b.pre in ("", "ال") and gap.strip() == "")
            state["last"] = b.kind
            chain.append(b)
            i += 1
        if chain[0].kind == "unit" and chain[0].form == "teen" and len(chain) == 1:
            continue
        yield "chain", chain, state


def _num(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def find_numbers(norm: Normalized) -> list[NumberMention]:
    """Every number mention of ``norm``, in text order; spans index ``norm.raw``."""
    lex = lexicon()
    text = norm.text
    out: list[NumberMention] = []
    for tag, chain, state in _chains(text):
        if out and (chain.start() if tag == "phone" else chain[0].s) < out[-1].nend:
            continue
        if tag == "phone":
            m = chain
            digits = "".join(c for c in m.group() if c.isdigit())
            out.append(_mention(norm, m.start(), m.end(), int(digits), "phone", None, False, None, None, None))
            continue
        ns, ne = chain[0].s, chain[-1].e
        first = chain[0]
        value = _num(state["total"] + state["cur"])
        window = text[max(0, first.ps - 30):first.ps]
        tail = text[ne:ne + 40]
        kind = "cardinal"
        if first.kind == "ordinal" or (first.kind == "digit" and "ال" in first.pre and len(chain) == 1):
            kind = "ordinal"
            if lex.before.get("month:") and lex.before["month:"].search(text[max(0, first.ps - 30):ne]):
                continue
        elif first.kind == "dual" and len(chain) == 1:
            out.append(_mention(norm, ns, ne, value, "dual", _approx(lex, window, tail), False, None,
                                text[ns:ne], first.counted))
            continue
        counted, ckey, cend = _counted(lex, tail)
        if kind == "cardinal":
            if _before(lex, "time:", window) or (value <= 24 and counted is None and _after(lex, "time:", tail)):
                continue
            if first.kind == "digit" and len(chain) == 1 and value <= 31 and counted is None and _after(lex, "month:", tail):
                continue
            pm = lex.after["percent:"].match(tail) if "percent:" in lex.after else None
            cm = lex.after["currency:"].match(tail) if "currency:" in lex.after else None
            if pm:
                kind, ne = "percent", ne + pm.end()
                counted = ckey = None
            elif cm:
                kind, counted, ckey = "money", cm.group().strip(), None
            elif len(chain) == 1 and first.kind == "digit" and isinstance(value, int) and counted is None \
                    and (( 1300 <= value <= 2100 and (_before(lex, "year:", window) or _before(lex, "month:", window)))
                         or (1900 <= value <= 2100 and _approx(lex, window, tail) is None)):
                kind = "year"
            elif isinstance(value, float) and not state["vague"]:
                kind = "decimal"
        vague = state["vague"]
        approx = _approx(lex, window, text[ne + cend:ne + cend + 40] if counted else tail) if kind in ("cardinal", "money", "decimal") else None
        if approx is None and counted and kind == "cardinal":
            approx = _approx(lex, window, tail)
        out.append(_mention(norm, ns, ne, value, kind, approx, vague, value if vague else None, counted, ckey))
    return out


def _before(lex, key: str, window: str) -> bool:
    p = lex.before.get(key)
    return bool(p and may_end_with(window, lex.before_cues[key]) and p.search(window))


def _after(lex, key: str, tail: str) -> bool:
    p = lex.after.get(key)
    return bool(p and p.match(tail))


def _approx(lex, window: str, tail: str) -> str | None:
    if may_end_with(window, lex.before_cues["approx:"]):
        for key, p in lex.before.items():
            if key.startswith("approx:") and p.search(window):
                return key[7:]
    if lex.any_after.match(tail):
        for key, p in lex.after.items():
            if key.startswith("approx:") and p.match(tail):
                return key[7:]
    return None


def _counted(lex, tail: str):
    """The counted noun right after a number (``من`` allowed between), its key and its end offset."""
    words = tail.split(None, 3)
    pos = 0
    for j, w in enumerate(words[:2]):
        pos = tail.index(w, pos) + len(w)
        w = w.rstrip(".,;:!?\"')")
        if j == 0 and w == "من":
            continue
        for pre in ("", "ال"):
            if w.startswith(pre) and w[len(pre):] in lex.counted:
                return w, lex.counted[w[len(pre):]], pos
        return None, None, 0
    return None, None, 0


def _mention(norm: Normalized, ns: int, ne: int, value, kind, approx, vague, convention, counted, ckey) -> NumberMention:
    s, e = norm.to_raw(ns, ne)
    conv = int(convention) if convention is not None else None
    return NumberMention(s, e, norm.raw[s:e], value, kind, approx, vague, conv, counted, ns, ne, ckey)
