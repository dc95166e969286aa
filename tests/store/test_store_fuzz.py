"""Fuzz: batches of hostile articles (lone surrogates, NUL, C0/C1 controls, bidi marks, mixed
scripts) mixed with articles the store must refuse, written through the store on each store.
Every good article is stored (cleaned by the one text policy, spans still indexing its text) and
every bad one is reported with its id, whatever else its batch holds."""
from __future__ import annotations

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.records import Evidence
from rasad.textclean import clean_optional, clean_text

from storefix import article, day, event_record

HOSTILE = ["\x00", "\ud800", "\udfff", "\udc80", "\x01", "\x1b", "\x7f", "\x85", "\u202e",
           "\u200f", "\ufeff", "\t", "\r", "\n", "%", "_", "'", '"', "\\", "غ", "ـ", "\u0651",
           "д", "中", "😀"]
hostile_text = st.text(st.one_of(st.sampled_from(HOSTILE),
                                 st.characters(exclude_categories=())), max_size=60)
BAD_KINDS = ["long_id", "long_source", "dup_records", "clash", "bad_date"]
kind = st.one_of(st.just("good"), st.just("good"), st.sampled_from(BAD_KINDS))
spec = st.tuples(kind, hostile_text, hostile_text, st.one_of(st.none(), hostile_text),
                 st.one_of(st.none(), hostile_text), st.integers(1, 5000))


def _build(tag: str, i: int, spec: tuple, owner_record: str):
    kind, id_tail, body, title, source, n = spec
    aid = f"{tag}-{i}-{id_tail}"
    text = f"{body} نص {tag} {i}"  # unique text: no article dedups into another
    rec = event_record(aid, day=day(n), actor1=f"جماعة {body[:20]}", text="x").model_copy(
        update={"id": f"{aid}:1", "evidence": [Evidence(start=0, end=min(6, len(text)),
                                                         text=text[:6])]})
    recs = [rec]
    if kind == "long_id":
        aid += "i" * 201
    elif kind == "long_source":
        source = "s" * 201
    elif kind == "dup_records":
        recs = [rec, rec.model_copy()]
    elif kind == "clash":  # passes every check; the database refuses the taken record id
        recs = [rec.model_copy(update={"id": owner_record})]
    elif kind == "bad_date":
        recs = [rec.model_copy(update={"date": rec.date.model_copy(update={"start": "never"})})]
    inp, res = article(aid, recs, text=text, source=source)
    inp.title = res.article.title = title
    return kind, inp, res


def _check(store, items, summary) -> None:
    bad = [clean_text(inp.id) for k, inp, _ in items if k != "good"]
    assert [f.article_id for f in summary.failures] == bad
    assert summary.failed == len(bad) and all(f.reason for f in summary.failures)
    for k, inp, res in items:
        got = store.get_article(clean_text(inp.id))
        if k != "good":
            assert got is None
            continue
        assert got is not None, inp.id
        assert got.text == clean_text(inp.text) and len(got.text) == len(inp.text)
        assert (got.title, got.source) == (clean_optional(inp.title), clean_optional(inp.source))
        (r,) = got.records
        for ev in r.data["evidence"]:
            assert got.text[ev["start"]:ev["end"]] == ev["text"]


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(specs=st.lists(spec, min_size=1, max_size=8))
def test_hostile_batches_store_every_good_article_and_report_every_bad_one(store, specs):
    tag = uuid.uuid4().hex[:8]  # the store is shared by the examples: fresh ids each time
    owner = article(f"{tag}-owner", [event_record(f"{tag}-owner", day=day(9000))])
    assert store.add_articles([owner], "1").new == 1
    items = [_build(tag, i, sp, f"{tag}-owner:1") for i, sp in enumerate(specs)]
    summary = store.add_articles([(inp, res) for _, inp, res in items], "1")
    _check(store, items, summary)
    assert summary.new == sum(k == "good" for k, _, _ in items)
