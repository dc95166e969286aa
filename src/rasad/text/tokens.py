"""Sentences and tokens over the normalized text, with spans into the original."""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .normalize import Normalized
from .spans import Span

# A token is a run of letters and digits or one punctuation mark; whitespace and _ separate them.
_TOKEN = re.compile(r"([^\W_]+|[^\w\s])")
# A sentence ends at . ! ? (Arabic ? is normalized) or a line break; not inside numbers (2.5).
# Written as (?<!\d)[.!?]+(?=\s|$|["')\]]) | (?<=\d)[.!?]+(?=\s|$) | \n+ with the first character
# consumed first, so that ``re`` skips to candidates in C instead of trying every position.
_SENT_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|(?<!\d[.!?])(?<=[.!?])[.!?]*(?=\s|$|[\"')\]])"
                       r"|(?<=\d[.!?])[.!?]*(?=\s|$))")


@dataclass(slots=True, unsafe_hash=True)
class Token:
    """One token. Treat as immutable (not frozen only because a frozen dataclass is several times
    slower to build, and an article has thousands of tokens)."""

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
class Sentence(Span):
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
    # split() gives gaps and tokens alternately, at C speed; their offsets are the running sums
    parts = _TOKEN.split(norm.text)
    cum = list(itertools.accumulate(map(len, parts), initial=0))
    nstarts, nends = cum[1:-1:2], cum[2:-1:2]
    starts, ends = norm.to_raw_many(nstarts, nends)
    raw = norm.raw
    texts = [raw[s:e] for s, e in zip(starts, ends)]      # a comprehension slices faster than map
    return list(map(Token, starts, ends, texts, parts[1::2], nstarts, nends, range(len(nstarts))))
