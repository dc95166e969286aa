"""The span: a stretch of the raw article text, by its offsets and the text there.

Offsets are sacred: the raw text never changes, and every mention the text and knowledge layers
find (sentences, numbers, dates, places, actors) and every sentence view the event layer reads
is a ``Span`` of it, carrying its own ``start``/``end`` into the raw text and the ``text`` there
(most also carry ``nstart``/``nend`` into the normalized text, declared with their other fields
so that their positional order stays as it was).

``Token`` is the one span class that does not derive from it: an article has thousands of tokens,
and a frozen dataclass is several times slower to build than Token's unfrozen one.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int          # raw offsets, end exclusive
    end: int
    text: str           # the raw text between them
