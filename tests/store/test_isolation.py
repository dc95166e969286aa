"""One bad article never costs the good ones: the store reports it (id, origin, reason) and
stores the rest of its batch, identically on SQLite and PostgreSQL."""
from __future__ import annotations

import sqlite3

import pytest

from rasad.errors import StoreError
from rasad.records import Evidence
from rasad.store import StoreFailure, locking, open_store

from storefix import article, day, event_record


def test_nul_surrogates_and_controls_are_cleaned_the_same_on_every_store(store):
    text = "قصف\x00 على\ud800 المدينة\x1b"
    rec = event_record("a\x00b", text="قصف\x00").model_copy(
        update={"id": "a\x00b:1", "evidence": [Evidence(start=0, end=4, text="قصف\x00")]})
    inp, res = article("a\x00b", [rec], text=text, source="S\ud800NA")
    inp = inp.model_copy(update={"title": "عنوان\x00\udc80", "url": "http://x/\x07\ud800"})
    s = store.add_articles([(inp, res)], "1")
    assert (s.new, s.failed, s.article_ids) == (1, 0, ["a b"])
    got = store.get_article("a b")
    assert got.text == "قصف  على\ufffd المدينة " and len(got.text) == len(text)
    assert (got.title, got.source, got.url) == ("عنوان \ufffd", "S\ufffdNA", "http://x/ \ufffd")
    (r,) = got.records
    assert r.id == "a b:1" and r.data["evidence"][0]["text"] == "قصف "
    assert got.text[0:4] == r.data["evidence"][0]["text"]  # offsets still index the stored text
    (ev,), _ = store.query_events()
    assert ev.sources == ["S\ufffdNA"] and "\x00" not in (ev.notes or "")


def test_values_longer_than_their_column_are_refused_on_every_store(store):
    long_id = "i" * 201
    items = [article("good1", [event_record("good1")]),
             article(long_id, [event_record("z")]),
             article("good2", [event_record("good2")], source="S" * 300),
             article("good3", [event_record("good3", actor1="A" * 201)])]
    items[1][0].origin = "feed.jsonl:2"
    s = store.add_articles(items, "1")
    assert s.article_ids == ["good1"] and (s.new, s.failed) == (1, 3)
    assert [f.article_id for f in s.failures] == [long_id, "good2", "good3"]
    assert "id is 201 characters long" in s.failures[0].reason
    assert str(s.failures[0]).startswith("feed.jsonl:2: article iii")
    assert "source is 300 characters" in s.failures[1].reason
    assert "actor1 is 201 characters" in s.failures[2].reason
    assert store.get_article("good1") is not None and store.get_article("good2") is None


def test_a_database_error_is_retried_article_by_article(store):
    store.add_articles([article("x", [event_record("x")])], "1")
    # y passes every check but its record id belongs to x's record: the database refuses it
    clash = event_record("y").model_copy(update={"id": "x:1"})
    batch = [article("a", [event_record("a", place="Gaza")]), article("y", [clash]),
             article("b", [event_record("b", place="Aleppo")])]
    s = store.add_articles(batch, "1")
    assert s.article_ids == ["a", "b"] and (s.new, s.failed, s.records) == (2, 1, 2)
    (f,) = s.failures
    assert isinstance(f, StoreFailure) and f.article_id == "y"
    assert "unique" in f.reason.lower() and "records" in f.reason
    assert store.get_article("y") is None
    assert sorted(e.location for e in store.query_events()[0]) == ["Aleppo", "Gaza", "Homs"]
    assert store.get_article("x").records[0].article_id == "x"


def test_a_record_date_that_is_not_iso_is_refused(store):
    bad = event_record("d").model_copy(update={"date": event_record("d").date.model_copy(
        update={"start": "yesterday", "end": "yesterday"})})
    s = store.add_articles([article("d", [bad]), article("e", [event_record("e")])], "1")
    assert s.article_ids == ["e"] and "not an ISO date" in s.failures[0].reason


def test_a_locked_database_raises_instead_of_failing_every_article(tmp_path, monkeypatch):
    monkeypatch.setattr(locking, "SQLITE_BUSY_TIMEOUT_S", 0.05)
    st = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    other = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the database
    try:
        with pytest.raises(StoreError, match="locked"):
            st.add_articles([article("a", [event_record("a")])], "1")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert st.add_articles([article("a", [event_record("a")])], "1").new == 1
    st.close()


def test_open_for_reading_refuses_a_missing_sqlite_file(tmp_path):
    missing = tmp_path / "typo.db"
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(missing), create=False)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{missing}", create=False)
    assert not missing.exists()
    open_store(str(missing)).close()  # the default still creates it
    st = open_store(str(missing), create=False)
    assert st.query_events()[1] == 0
    st.close()


def test_issue_repro_one_bad_article_among_sixty_loses_only_itself(store):
    """Issue 15's repro: one article the database refuses used to roll back the other 59."""
    store.add_articles([article("owner", [event_record("owner")])], "1")
    batch = [article(f"g{i}", [event_record(f"g{i}", day=day(7 * i))]) for i in range(59)]
    batch.insert(30, article("bad", [event_record("bad").model_copy(update={"id": "owner:1"})]))
    s = store.add_articles(batch, "1")
    assert (s.new, s.failed, [f.article_id for f in s.failures]) == (59, 1, ["bad"])
    assert all(store.get_article(f"g{i}") is not None for i in range(59))
