"""Fuzz target (issue 15): hostile articles through ``rasad.extract``, the reading path and ingest.

Articles mix invented Arabic reports with lone surrogates, NUL and other C0 controls, bidi marks,
other scripts, emoji and very long lines. Properties:

- ``rasad.extract`` never crashes, and every evidence span indexes the text it was given
  (``text[start:end] == span text``);
- the reading path (JSON Lines, as an attacker escapes it) yields every good line as an article,
  its fields cleaned by ``rasad.textclean.clean_text`` (same length), bad lines as errors;
- ingest (SQLite; PostgreSQL with RASAD_TEST_PG_URL) stores every good article, and every
  evidence span of its stored records indexes the stored text.
"""
from __future__ import annotations

import dataclasses
import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import rasad
from rasad.errors import InputError
from rasad.ingest.pipeline import ingest
from rasad.io import iter_articles
from rasad.store import open_store
from rasad.textclean import clean_text

SENTENCES = [  # invented reports
    "قتل مسلحون خمسة جنود في هجوم على حاجز قرب مدينة الموصل يوم الاثنين.",
    "قصفت طائرات حربية أطراف مدينة حمص صباح السبت ما أدى إلى مقتل ثلاثة مدنيين.",
    "أصيب ٤ أشخاص بانفجار عبوة ناسفة في سوق شعبي ببغداد.",
    "تظاهر مئات الطلاب أمام مبنى الجامعة في عدن للمطالبة بصرف الرواتب.",
    "اشتبكت قوات الأمن مع مسلحين في ريف إدلب الجنوبي.",
]
HOSTILE = st.sampled_from(["\ud800", "\udfff", "\udc00\ud800", "\x00", "\x01", "\x07", "\x0b",
                           "\x0c", "\x1b", "\x1f", "\x7f", "\x85", "\u200f", "\u202e", "\ufeff",
                           "\ufffd", "😀", "\r\n", "\t"])
OTHER = st.sampled_from(["Reuters", "Привет мир", "北京", "שלום", "١٢٣", "12,5", "—", "«»",
                         "https://x.test/?a=1&b=<i>", "ﷺ", "ـــــ"])
PIECE = st.one_of(st.sampled_from(SENTENCES), HOSTILE, OTHER,
                  st.text(max_size=8),
                  st.builds(lambda s, n: s * n, st.sampled_from(SENTENCES),
                            st.integers(20, 120)))  # long lines, up to ~9k characters
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@st.composite
def hostile_text(draw) -> str:
    """A good article (an Arabic report first, so never empty or mostly control) made hostile."""
    pieces = [draw(st.sampled_from(SENTENCES))] + draw(st.lists(PIECE, max_size=12))
    seps = st.sampled_from([" ", "\n", "", "\x00", "\ud800 "])
    return "".join(p + draw(seps) for p in pieces)


FIELD = st.one_of(st.none(), st.text(max_size=20), st.builds("".join, st.lists(
    st.one_of(HOSTILE, OTHER), max_size=4)))


def spans(obj):
    """Every {start, end, text} span anywhere in a record's JSON."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) \
                and isinstance(obj.get("text"), str):
            yield obj
        for v in obj.values():
            yield from spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from spans(v)


def assert_spans_index(text: str, records) -> None:
    for r in records:
        for sp in spans(r):
            assert text[sp["start"]:sp["end"]] == sp["text"], (sp, r)


@SETTINGS
@given(text=hostile_text(), title=FIELD, source=FIELD, url=FIELD)
def test_extract_never_crashes_and_spans_index_the_text(text, title, source, url):
    for given_text in (text, clean_text(text)):
        res = rasad.extract(given_text, published="2024-03-04", source=source, id="f",
                            title=title, url=url)
        assert_spans_index(given_text, [r.model_dump(mode="json") for r in res.records])
    cleaned = rasad.extract(clean_text(text), published="2024-03-04", id="f",
                            title=clean_text(title or ""), source=clean_text(source or ""))
    cleaned.to_json().encode("utf-8")  # what was cleaned can always be written out


@st.composite
def jsonl_batch(draw):
    """[(kind, dict)]: good articles among broken, binary and empty lines."""
    rows = []
    for i in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(["good", "good", "good", "broken", "binary", "empty"]))
        d = {"id": f"a{i}\x00" if i % 3 == 0 else f"a{i}", "published": "2024-03-04",
             "title": draw(FIELD), "source": draw(FIELD), "url": draw(FIELD)}
        if kind == "good":
            d["text"] = draw(hostile_text())
        elif kind == "binary":
            d["text"] = "\x00\x01\x02\x03" * 20
        else:
            d["text"] = draw(st.sampled_from(["", "   ", "\n\t"]))
        rows.append((kind, d))
    return rows


def to_lines(rows, salt: str = ""):
    """JSON lines as an attacker escapes them, and (index, dict) of the good ones. ``salt``
    makes the ids and texts of one run unique, so a store shared by examples dedups nothing."""
    lines, good = [], []
    for i, (kind, d) in enumerate(rows):
        d = {**d, "id": d["id"] + salt}
        if kind == "good":
            d["text"] += f"\nرقم {i} {salt}"
        line = json.dumps(d, ensure_ascii=True)  # surrogates and NUL travel as escapes
        if kind == "good":  # as JSON reads it back: an escaped surrogate pair is one character
            good.append((i, json.loads(line)))
        lines.append(line[: len(line) // 2] if kind == "broken" else line)
    return lines, good


@SETTINGS
@given(batch=jsonl_batch())
def test_reading_path_yields_every_good_line_cleaned(tmp_path_factory, batch):
    lines, good = to_lines(batch)
    p = tmp_path_factory.mktemp("fuzz") / "in.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="ascii")
    items = list(iter_articles(p))
    assert len(items) == len(lines)
    articles = {i: a for i, a in enumerate(items) if not isinstance(a, InputError)}
    assert sorted(articles) == [i for i, _ in good]
    for i, d in good:
        a = articles[i]
        assert a.text == clean_text(d["text"]) and len(a.text) == len(d["text"])
        assert a.id == clean_text(d["id"]) and a.origin == f"{p}, line {i + 1}"
        for key in ("title", "source", "url"):
            assert getattr(a, key) == (None if d[key] is None else clean_text(d[key]))
        json.dumps(dataclasses.asdict(a), ensure_ascii=False).encode("utf-8")




@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(batch=jsonl_batch())
def test_ingest_stores_every_good_article_with_spans_into_the_stored_text(
        tmp_path_factory, store_url, batch):
    lines, good = to_lines(batch, salt=uuid.uuid4().hex[:8])
    d = tmp_path_factory.mktemp("fuzz")
    (d / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="ascii")
    store = open_store(store_url)
    try:
        s = ingest([str(d / "in.jsonl")], store, progress=False)
        assert s.failed == len(lines) - len(good), s.report()
        for _, raw in good:
            art = store.get_article(clean_text(raw["id"]))
            assert art is not None and art.text == clean_text(raw["text"])
            assert_spans_index(art.text, [r.data for r in art.records])
    finally:
        store.close()
