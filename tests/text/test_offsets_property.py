"""Property tests: every span the text layer reports indexes the original text exactly.

Texts are arbitrary Unicode and adversarial Arabic: diacritic stacks, tatweel runs, zero-width and
bidi controls, exotic spaces, lam-alef presentation forms, Eastern digits, mixed scripts.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.text.matcher import Entry, Matcher
from rasad.text.normalize import _EXPANDING as EXPANDING
from rasad.text.normalize import normalize
from rasad.text.tokens import sentences, tokens

SETTINGS = settings(max_examples=int(os.environ.get("RASAD_HYPOTHESIS_EXAMPLES", "200")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة"
DIACRITICS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0653\u0654\u0655"
TATWEEL = "\u0640"
INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202e\ufeff\u00ad"
SPACES = " \u00a0\u202f\u2009\u3000\t\n\r\u2028"
LAM_ALEF = "\ufefb\ufefc\ufef7\ufef8\ufef5\ufef9\ufdf2\ufdfa\ufb8e\ufe8d\ufe91"
DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳0123456789"
PUNCT = "،؛؟.!?«»\"'()-—:٫٬%"

atoms = st.one_of(
    st.sampled_from(LETTERS).map(str),
    st.text(alphabet=DIACRITICS, min_size=1, max_size=6),
    st.text(alphabet=TATWEEL, min_size=1, max_size=8),
    st.sampled_from(INVISIBLE),
    st.sampled_from(SPACES),
    st.sampled_from(LAM_ALEF),
    st.sampled_from(DIGITS),
    st.sampled_from(PUNCT),
    st.sampled_from(["Reuters", "ISIS", "km", "2023-10-29"]),
)
arabic = st.lists(atoms, max_size=60).map("".join)
unicode_text = st.text(max_size=120)
any_text = st.one_of(arabic, unicode_text, st.tuples(arabic, unicode_text, arabic).map("".join))


def check_map(raw: str) -> None:
    n = normalize(raw)
    assert n.raw == raw
    idx = [n.raw_index(i) for i in range(len(n.text) + 1)]
    assert idx[-1] == len(raw)
    assert all(0 <= a <= b <= len(raw) for a, b in zip(idx, idx[1:])), "map not monotonic"
    for i in range(len(n.text)):
        assert idx[i] < len(raw)


def check_span(raw: str, start: int, end: int, text: str) -> None:
    assert 0 <= start <= end <= len(raw)
    assert raw[start:end] == text


@SETTINGS
@given(any_text)
def test_normalize_map_is_monotonic_and_in_bounds(raw):
    check_map(raw)


@SETTINGS
@given(any_text, st.data())
def test_to_raw_spans_are_exact(raw, data):
    n = normalize(raw)
    a = data.draw(st.integers(0, len(n.text)))
    b = data.draw(st.integers(a, len(n.text)))
    s, e, t = n.span(a, b)
    check_span(raw, s, e, t)
    if b > a:
        assert e > s, "a non-empty normalized span maps to an empty original span"


@SETTINGS
@given(any_text)
def test_tokens_and_sentences_spans(raw):
    n = normalize(raw)
    toks = tokens(n)
    for t in toks:
        check_span(raw, t.start, t.end, t.text)
        assert n.text[t.nstart:t.nend] == t.norm
        assert t.end > t.start
    for a, b in zip(toks, toks[1:]):
        assert a.start <= b.start and a.end <= b.end
        # tokens may share an original character only when it expanded (ﷺ, ﻻ → several letters)
        assert all(EXPANDING.match(ch) for ch in raw[b.start:a.end]), "tokens overlap in the original"
    sents = sentences(n)
    for s in sents:
        check_span(raw, s.start, s.end, s.text)
        assert s.text and not s.text[0].isspace() and not s.text[-1].isspace()
    assert all(a.end <= b.start for a, b in zip(sents, sents[1:])), "sentences overlap"


ENTRIES = [
    Entry("الولايات المتحدة", "USA", "name"),
    Entry("طائرة مسيرة", "drone", "noun"),
    Entry("قصف", "shelling", "verb"),
    Entry("إدلب", "idlib", "name"),
    Entry("لا", "no", "name"),
    Entry("الأنبار", "anbar", "name"),
]
_MATCHER = Matcher(ENTRIES, name="prop")
PROCLITICS = ["", "و", "ب", "ل", "لل", "وال", "فال", "وب", "س", "ك"]
SUFFIXES = ["", "ين", "ان", "ات", "ها", "هم", "تين", "ون"]


@st.composite
def decorate(draw, surface: str) -> str:
    """A surface with random clitics and diacritics/tatweel/controls slipped between letters."""
    out = [draw(st.sampled_from(PROCLITICS))]
    for ch in surface:
        out.append(ch)
        if ch != " ":
            out.append(draw(st.one_of(st.just(""), st.text(alphabet=DIACRITICS + TATWEEL + "\u200c\u200f",
                                                            max_size=4))))
    out.append(draw(st.sampled_from(SUFFIXES)))
    return "".join(out)


embedded = st.lists(
    st.one_of(arabic, st.sampled_from([e.surface for e in ENTRIES]).flatmap(decorate),
              st.sampled_from(SPACES + "،.")),
    max_size=12,
).map("".join)


@SETTINGS
@given(embedded)
def test_matcher_spans(raw):
    n = normalize(raw)
    for m in _MATCHER.find(n):
        check_span(raw, m.start, m.end, m.text)
        assert 0 <= m.nstart < m.nend <= len(n.text)
        assert m.key in {e.key for e in ENTRIES}
    best = _MATCHER.best(n)
    assert all(a.nend <= b.nstart for a, b in zip(best, best[1:]))


@SETTINGS
@given(st.sampled_from(ENTRIES), st.data())
def test_matcher_finds_decorated_surface(entry, data):
    """An entry with diacritics and tatweel between its letters is still found, exactly."""
    noisy = "".join(ch + data.draw(st.text(alphabet=DIACRITICS + TATWEEL, max_size=3)) if ch != " " else ch
                    for ch in entry.surface)
    raw = "قال مصدر إن " + noisy + " اليوم."
    n = normalize(raw)
    hits = [m for m in _MATCHER.find(n) if m.key == entry.key]
    assert hits, f"{entry.surface!r} not found in {raw!r}"
    m = hits[0]
    check_span(raw, m.start, m.end, m.text)
    assert m.text.rstrip(DIACRITICS + TATWEEL) == noisy.rstrip(DIACRITICS + TATWEEL)


def test_kept_combining_marks_do_not_make_tokens_overlap():
    # regression: to_raw used to extend a span over any following mark, even one kept as the
    # next normalized character, so "cafe" + U+0301 gave tokens (0, 5) and (4, 5)
    for raw in ("cafe\u0301 x", "\u05e9\u05b8\u05c1\u05dc\u05d5\u05b9\u05dd"):
        toks = tokens(normalize(raw))
        assert all(a.end <= b.start for a, b in zip(toks, toks[1:]))
        for t in toks:
            check_span(raw, t.start, t.end, t.text)
    # deleted Arabic marks still belong to the letter before them
    (t,) = tokens(normalize("قَتَلَ"))
    assert t.text == "قَتَلَ"


def test_lam_alef_presentation_form_maps_back():
    raw = "ﻻ ﻷ يوجد"
    n = normalize(raw)
    check_map(raw)
    toks = tokens(n)
    assert [t.text for t in toks] == ["ﻻ", "ﻷ", "يوجد"]
    assert [t.norm for t in toks] == ["لا", "لا", "يوجد"]


def test_eastern_digits_and_controls():
    raw = "\u200fقُتِلَ ٣٥ شخصاً\u00a0في ١٠/٣"
    n = normalize(raw)
    check_map(raw)
    nums = [t for t in tokens(n) if t.norm.isdigit()]
    assert [t.text for t in nums] == ["٣٥", "١٠", "٣"]


def _spans_of(items):
    for it in items:
        start, end, text = getattr(it, "start", None), getattr(it, "end", None), getattr(it, "text", None)
        if isinstance(start, int) and isinstance(end, int) and isinstance(text, str):
            yield start, end, text


NUMBER_WORDS = ["ثلاثة", "عشرين", "ألفا", "مئة", "اثنين", "بطائرتين", "نحو", "و", "18 ألفا و500", "٧٣٢٦"]
DATE_WORDS = ["السبت", "الاثنين الماضي", "أمس", "ليل أمس", "29 أكتوبر", "تشرين الأول", "2023", "/", "١٠/٣"]


@SETTINGS
@given(st.lists(st.one_of(arabic, st.sampled_from(NUMBER_WORDS + DATE_WORDS), st.sampled_from(SPACES)),
                max_size=15).map("".join))
def test_numbers_and_dates_spans(raw):
    """The numbers and dates stages (where present) report exact spans of the original."""
    import datetime as dt
    import importlib

    n = normalize(raw)
    for mod, fn, args in (("rasad.text.numbers", "find_numbers", ()),
                          ("rasad.text.dates", "find_dates", (dt.date(2023, 10, 29),))):
        try:
            find = getattr(importlib.import_module(mod), fn)
        except (ImportError, AttributeError):
            continue
        for start, end, text in _spans_of(find(n, *args)):
            check_span(raw, start, end, text)
