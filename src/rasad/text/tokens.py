"""Sentences and tokens over the normalized text, with spans into the original."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import Normalized

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]", re.UNICODE)
# A sentence ends at . ! ? (Arabic ? is normalized) or a line break; not inside numbers (2.5).
_SENT_END = re.compile(r"(?<!\d)[.!?]+(?=\s|$|[\"')\]])|(?<=\d)[.!?]+(?=\s|$)|\n+")


@dataclass(frozen=True, slots=True)
class Token:
    start: int          # original offsets
    end: int
    text: str           # original text
    norm: str           # normalized form
    nstart: int         # normalized offsets
    nend: int
    i: int

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalnum()


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    nstart: int
    nend: int
    i: int


def sentences(norm: Normalized) -> list[Sentence]:
    """Split into sentences; spans are trimmed of surrounding whitespace."""
    out: list[Sentence] = []
    text = norm.text
    pos = 0
    bounds = [m.end() for m in _SENT_END.finditer(text)] + [len(text)]
    for b in bounds:
        seg = text[pos:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            ns, ne = pos + lead, pos + trail
            s, e = norm.to_raw(ns, ne)
            out.append(Sentence(s, e, norm.raw[s:e], ns, ne, len(out)))
        pos = b
    return out


def tokens(norm: Normalized) -> list[Token]:
    out: list[Token] = []
    raw = norm.raw
    for m in _TOKEN.finditer(norm.text):
        s, e = norm.to_raw(m.start(), m.end())
        out.append(Token(s, e, raw[s:e], m.group(), m.start(), m.end(), len(out)))
    return out
