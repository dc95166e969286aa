"""The fast paths of the text layer give exactly what the plain formulation gives.

Each speed-up is checked against the slow form it replaces, over adversarial texts built from the
lexicons' own words, digits, separators and odd Unicode: the gated date scan against
``big.search`` at every position, the number atom scan against ``atom.finditer``, the sentence
regex against its plain form, ``to_raw_many`` and ``tokens`` against per-span ``to_raw``, and the
prefix-tree alternations against the sorted alternations they replace.
"""
from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.samples import iter_samples
from rasad.text.dates import _GLUED, _search
from rasad.text.dates_lexicon import date_lexicon
from rasad.text.normalize import normalize
from rasad.text.numbers import _finditer
from rasad.text.numbers_words import lexicon
from rasad.text.regex_trie import trie_alt
from rasad.text.tokens import _SENT_END, tokens

SETTINGS = settings(max_examples=int(os.environ.get("RASAD_HYPOTHESIS_EXAMPLES", "200")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

SEPARATORS = ["", " ", "  ", "\n", "/", "-", ".", ",", "(", ")", "%", "+", "_", ":", "\u064e", "\u0640", "\u200f"]
ODD = ["12", "2023", "5", "1,500", "2.5", "28/10/2023", "2023-10-28", "12:30", "+964 770 123 4567",
       "07701234567", "x3", "ب2023", "ال18", "ال 18", "و", "ب", "ف", "ل", "ال", "من", "في", "\ufefb", "Reuters"]


def _date_words() -> list[str]:
    lex = date_lexicon()
    return sorted(set(lex.months) | set(lex.wdays) | set(lex.ordinals) | set(lex.numbers)
                  | {w for ws in lex.words.values() for w in ws})


def _number_words() -> list[str]:
    return sorted(set(lexicon().words) | set(lexicon().proclitics))


def texts(words: list[str]):
    piece = st.tuples(st.sampled_from(words + ODD), st.sampled_from(SEPARATORS)).map("".join)
    return st.lists(piece, max_size=14).map("".join)


def _sample_texts() -> list[str]:
    return [normalize(a.text).text for a in iter_samples()]


def _check_date_scan(t: str) -> None:
    lex = date_lexicon()
    # runs of digits whose first digit follows a word character
    digits = [d.start() for d in re.finditer(r"\d+", t) if d.start() and re.match(r"\w", t[d.start() - 1])]
    assert [g.start() for g in _GLUED.finditer(t)] == digits
    for pos in range(len(t) + 1):
        m = lex.big.search(t, pos)
        assert _search(lex, t, pos, digits) == ((m.start(), m.lastgroup) if m else None), (t, pos)


def _check_number_scan(t: str) -> None:
    lex = lexicon()
    slow = [(m.span(), m.lastgroup, m.groupdict()) for m in lex.atom.finditer(t)]
    assert [(m.span(), m.lastgroup, m.groupdict()) for m in _finditer(lex, t)] == slow, t


PLAIN_SENT_END = re.compile(r"(?<!\d)[.!?]+(?=\s|$|[\"')\]])|(?<=\d)[.!?]+(?=\s|$)|\n+")


@SETTINGS
@given(texts(_date_words()))
def test_date_scan_equals_big_search_everywhere(t):
    _check_date_scan(normalize(t).text)


def test_date_scan_on_samples():
    for t in _sample_texts()[:4]:
        _check_date_scan(t)


@SETTINGS
@given(texts(_number_words()))
def test_number_scan_equals_finditer(t):
    _check_number_scan(normalize(t).text)


def test_number_scan_on_samples():
    for t in _sample_texts():
        _check_number_scan(t)


@SETTINGS
@given(st.text(alphabet="ab1. !?\n\"')]x\t", max_size=40))
def test_sentence_regex_equals_plain_form(t):
    assert [m.span() for m in _SENT_END.finditer(t)] == [m.span() for m in PLAIN_SENT_END.finditer(t)]


@SETTINGS
@given(st.text(alphabet="اب ت1.\u064e\u064f\u0640\u200f\u200b\ufefb_،", max_size=40))
def test_tokens_equal_per_span_mapping(raw):
    n = normalize(raw)
    toks = tokens(n)
    spans = [m.span() for m in re.finditer(r"[^\W_]+|[^\w\s]", n.text)]
    assert [(t.nstart, t.nend) for t in toks] == spans
    for t, (ns, ne) in zip(toks, spans):
        s, e = n.to_raw(ns, ne)
        assert (t.start, t.end, t.text, t.norm) == (s, e, raw[s:e], n.text[ns:ne])
    assert [t.i for t in toks] == list(range(len(toks)))


@SETTINGS
@given(st.lists(st.text(alphabet="ابو ه", min_size=1, max_size=6), max_size=12),
       st.text(alphabet="ابو ه\n", max_size=30))
def test_trie_alternation_equals_sorted_alternation(words, t):
    words = [" ".join(w.split()) for w in words if w.strip()]
    sorted_alt = "|".join(re.escape(w).replace(r"\ و", r"\s+و\s*").replace(r"\ ", r"\s+")
                          for w in sorted(set(words), key=len, reverse=True)) or r"(?!x)x"
    trie = trie_alt(words, space=r"\s+", after_space={"و": r"و\s*"})
    for tail in ("", r"(?!\w)", r"\s+ه"):
        a, b = re.compile(f"(?:{sorted_alt}){tail}"), re.compile(f"(?:{trie}){tail}")
        assert [m.span() for m in a.finditer(t)] == [m.span() for m in b.finditer(t)]
