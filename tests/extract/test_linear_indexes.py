"""The indexes that keep extraction linear in the text give what the pairwise scans they replace
gave (issue 15): checked against the plain scan on random inputs."""
from __future__ import annotations

import random
from types import SimpleNamespace

from rasad.extract.context import _Near, overlaps
from rasad.knowledge.actors import _words_before


def test_words_before_reads_what_the_prefix_copy_read():
    rnd = random.Random(15)
    alphabet = [" ", "#", '"', "'", "\n", "\x1c", "a", "b", "ق", ".", "\t"]
    for _ in range(20000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        end = rnd.randint(0, len(text))
        for strip in (" #\"'", " "):
            before = text[:end].rstrip(strip)
            assert _words_before(text, end, strip) == (len(before), before.rsplit(None, 1)[-1:])


def test_near_finds_every_overlapping_mention():
    rnd = random.Random(7)
    for _ in range(300):
        items = []
        for _ in range(rnd.randint(0, 30)):
            s = rnd.randint(0, 300)
            items.append(SimpleNamespace(nstart=s, nend=s + rnd.randint(0, 40)))
        near = _Near(items)
        for _ in range(20):
            s = rnd.randint(0, 330)
            span = SimpleNamespace(nstart=s, nend=s + rnd.randint(1, 20))
            found = near.around(span)
            assert [m.nstart for m in found] == sorted(m.nstart for m in found)
            assert {id(m) for m in items if overlaps(span, m)} <= {id(m) for m in found}
