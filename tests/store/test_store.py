from __future__ import annotations

import pytest
from sqlalchemy import text

from rasad.records import Record
from rasad.store import Filters

from storefix import article, event_record


def test_reingest_same_article_changes_nothing(store):
    a = article("a1", [event_record("a1")])
    s1 = store.add_articles([a], "0.1.0")
    assert (s1.new, s1.records, s1.events_new) == (1, 1, 1)
    s2 = store.add_articles([a], "0.1.0")
    assert (s2.new, s2.unchanged, s2.updated, s2.records) == (0, 1, 0, 0)
    rows, total = store.query_events()
    assert total == 1 and rows[0].n_records == 1
    assert store.has_article(a[0].content_hash, "0.1.0")
    assert not store.has_article(a[0].content_hash, "0.2.0")


def test_same_incident_from_two_outlets_is_one_event(store):
    store.add_articles([article("sana", [event_record("sana", fatalities=3)], source="SANA")], "1")
    store.add_articles([article("rudaw", [event_record("rudaw", day="2024-03-03", fatalities=5)],
                                source="Rudaw", published="2024-03-03")], "1")
    rows, total = store.query_events()
    assert total == 1
    ev = store.get_event(rows[0].id)
    assert ev.n_articles == 2 and ev.sources == ["Rudaw", "SANA"]
    assert ev.fatalities == 3  # the conservative figure
    merged = [m for m in ev.merges if m["score"] is not None]
    assert len(merged) == 1 and merged[0]["features"]["days_apart"] == 1
    assert merged[0]["score"] >= merged[0]["features"]["threshold"]


def test_conservative_no_merge(store):
    # same article, two places -> two events; other city, other type, far date -> separate
    store.add_articles([article("a", [event_record("a", 1), event_record("a", 2, place="Aleppo")])], "1")
    store.add_articles([article("b", [event_record("b", place="Aleppo", etype="Battles",
                                                   sub="Armed clash")])], "1")
    store.add_articles([article("c", [event_record("c", day="2024-03-09")])], "1")
    store.add_articles([article("d", [event_record("d", actor1="Hamas")])], "1")
    assert store.query_events()[1] == 5


def test_reprocess_newer_version_replaces_records_keeps_event_id(store):
    a_in, a_res = article("a1", [event_record("a1", fatalities=2)])
    store.add_articles([(a_in, a_res)], "0.1.0")
    store.add_articles([article("b1", [event_record("b1", fatalities=2)], source="Rudaw")], "0.1.0")
    (ev,), _ = store.query_events()
    new_res = a_res.model_copy(update={"records": [event_record("a1", 7, fatalities=4)]})
    s = store.add_articles([(a_in, new_res)], "0.2.0")
    assert (s.updated, s.new, s.records, s.events_new) == (1, 0, 1, 0)
    (ev2,), total = store.query_events()
    assert total == 1 and ev2.id == ev.id
    art = store.get_article("a1")
    assert [r.id for r in art.records] == ["a1:7"] and art.extractor_version == "0.2.0"


def test_a_bad_article_is_reported_and_the_rest_of_its_batch_stored(store):
    store.add_articles([article("ok", [event_record("ok")])], "1")
    dup = event_record("x")
    bad = [article("x", [dup, dup.model_copy()]), article("y", [event_record("y")])]
    s = store.add_articles(bad, "1")
    assert (s.new, s.failed) == (1, 1) and s.article_ids == ["y"]
    assert s.failures[0].article_id == "x" and "x:1" in s.failures[0].reason
    assert store.get_article("x") is None and store.get_article("y") is not None
    assert store.get_article("ok") is not None


def test_article_text_verbatim_and_record_fields(store):
    body = "  نصّ\u200f «كما هو»\r\n"
    rec = event_record("v", text="نصّ")
    store.add_articles([article("v", [rec], text=body)], "1")
    got = store.get_article("v")
    assert got.text == body and got.content_hash and got.ingested_at
    assert Record.model_validate(got.records[0].data) == rec
    assert got.records[0].data["evidence"] == [{"start": 0, "end": 3, "text": "نصّ"}]


def test_aggregates_and_nonoccurred_do_not_make_events(store):
    agg = Record(id="g:1", kind="aggregate", incidents=13, event_type="Explosions/Remote violence")
    planned = event_record("g", 2).model_copy(update={"status": "threatened"})
    s = store.add_articles([article("g", [agg, planned])], "1")
    assert s.records == 2 and s.events_new == 0
    assert store.query_events()[1] == 0


def test_filters_pagination_stats(store):
    items = [article(f"s{i}", [event_record(f"s{i}", day=f"2024-03-{i + 1:02d}",
                                            place="Gaza" if i % 2 else "Homs")]) for i in range(0, 10, 3)]
    store.add_articles(items, "1")
    rows, total = store.query_events(limit=2, offset=0)
    assert total == 4 and len(rows) == 2 and rows[0].event_date >= rows[1].event_date
    assert store.query_events(Filters(country="PS"))[1] == 2
    assert store.query_events(Filters(country="Syria", since="2024-03-02"))[1] == 1
    assert store.query_events(Filters(until="2024-03-04"))[1] == 2
    assert store.query_events(Filters(event_type="Battles"))[1] == 0
    assert store.query_events(Filters(actor="israel"))[1] == 4
    by = {r.key: (r.events, r.fatalities) for r in store.stats("country")}
    assert by == {"PS": (2, 6), "SY": (2, 6)}
    assert [r.key for r in store.stats("month")] == ["2024-03"]
    with pytest.raises(ValueError):
        store.stats("nope")


def test_sqlite_uses_wal(tmp_path):
    from rasad.store import open_store
    st = open_store(str(tmp_path / "x.db"))
    with st.engine.connect() as c:
        assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert (tmp_path / "x.db").exists()


def test_existing_store_at_first_revision_migrates_and_keeps_its_events(tmp_path):
    from pathlib import Path

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    import rasad.store.db as db
    from rasad.store import open_store
    url = f"sqlite:///{tmp_path / 'old.db'}"
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(db.__file__).parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url)
    command.upgrade(cfg, "0001")
    eng = create_engine(url)
    with eng.begin() as c:
        c.execute(text("INSERT INTO events (id, iso3, event_type, event_date, country, first_seen, "
                       "updated) VALUES ('SYR1', 'SYR', 'Battles', '2024-01-01', 'SY', "
                       "'2024-01-01 00:00:00', '2024-01-01 00:00:00')"))
    eng.dispose()
    st = open_store(url)  # upgrades to head: admin2/admin3/assoc columns added, rows kept
    rows = list(st.iter_export())
    assert [r["event_id_cnty"] for r in rows] == ["SYR1"]
    assert (rows[0]["admin2"], rows[0]["assoc_actor_1"]) == (None, None)
    with st.engine.connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
    st.close()


def test_date_window_across_batches_and_a_batch_spanning_years(store):
    store.add_articles([article("a", [event_record("a", day="2024-03-02")])], "1")
    # one batch spanning four years: only reports within DATE_WINDOW_DAYS (2) of the stored
    # event's day join it, wherever they come in the batch
    batch = [article("old", [event_record("old", day="2020-01-10")]),
             article("after", [event_record("after", day="2024-03-04")], source="Reuters"),
             article("far", [event_record("far", day="2024-03-06")], source="AFP"),
             article("before", [event_record("before", day="2024-02-29")], source="AP")]
    s = store.add_articles(batch, "1")
    assert s.events_new == 2  # "old" and "far" are incidents of their own
    event_of = {}
    for e in store.query_events(limit=10)[0]:
        for art in store.get_event(e.id).articles:
            event_of[art.id] = e.id
    assert event_of["a"] == event_of["after"] == event_of["before"]
    assert len({event_of["a"], event_of["far"], event_of["old"]}) == 3


def test_same_id_twice_in_one_batch_keeps_the_last_version_only(store):
    first = article("x", [event_record("x", 1)], text="النص الأول")
    second = article("x", [event_record("x", 2, place="Aleppo"), event_record("x", 3, place="Gaza")],
                     text="النص الثاني")
    s = store.add_articles([first, second], "1")
    assert (s.new, s.updated, s.records) == (1, 1, 2)
    got = store.get_article("x")
    assert got.text == "النص الثاني"
    assert sorted(r.id for r in got.records) == ["x:2", "x:3"]
    assert sorted(e.location for e in store.query_events()[0]) == ["Aleppo", "Gaza"]


def test_free_text_wildcards_match_themselves(store):
    store.add_articles([article("p", [event_record("p", actor1="Group 100% A_B")]),
                        article("q", [event_record("q", place="Gaza", actor1="Hamas")])], "1")
    assert store.query_events()[1] == 2
    for needle, hits in (("%", 1), ("_", 1), ("100%", 1), ("0%_", 0), ("%A_B", 0), ("\\", 0),
                         ("a_b", 1), ("hamas", 1), ("", 2)):
        assert store.query_events(Filters(q=needle))[1] == hits, needle
    assert store.query_events(Filters(actor="%"))[1] == 1
    assert store.query_events(Filters(actor="_"))[1] == 1


def test_same_text_under_another_id_updates_the_stored_article(store):
    store.add_articles([article("first", [event_record("first")], text="نص واحد")], "1")
    rec = event_record("second").model_copy(update={"id": ""})  # id derived from the article id
    s = store.add_articles([article("second", [rec], text="نص واحد")], "2")
    assert (s.new, s.updated, s.article_ids) == (0, 1, ["first"])
    assert store.get_article("second") is None
    (r,) = store.get_article("first").records
    assert r.article_id == "first" and r.id.startswith("first:")
