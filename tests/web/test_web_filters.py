"""bbox, min_fatalities and actor_type are evaluated by the store in SQL (rasad.store.query
EventFilters): the store's own query, counts, stats and export honour them, and the API pages
over them with correct totals. Runs on SQLite and, when RASAD_TEST_PG_URL is set, PostgreSQL."""
from __future__ import annotations

import datetime as dt
import os
import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from rasad.records import Actor, Article, ArticleResult, DateValue, Evidence, Location, Record
from rasad.store import ArticleInput, open_store
from rasad.store.query import EventFilters
from rasad.web.app import Settings, create_app
from webfix import fake_extract

PG_URL = os.environ.get("RASAD_TEST_PG_URL")
# (place, lat, lon, country); None coordinates: an event known only at country level
PLACES = [("Homs", 34.73, 36.71, "SY"), ("Aleppo", 36.20, 37.16, "SY"), ("Gaza", 31.50, 34.47, "PS"),
          ("Mosul", 36.34, 43.13, "IQ"), ("Syria", None, None, "SY")]
TYPES = [("state_forces", None), ("rebel_group", "civilians"), ("identity_militia", "state_forces"),
         ("protesters", None)]
TOLLS = [None, 0, 1, 3, 7, 12]
N = 30


def _spec(i: int) -> dict:
    name, lat, lon, cc = PLACES[i % len(PLACES)]
    t1, t2 = TYPES[i % len(TYPES)]
    day = (dt.date(2023, 1, 1) + dt.timedelta(days=10 * i)).isoformat()  # far apart: no merging
    return dict(i=i, name=name, lat=lat, lon=lon, cc=cc, t1=t1, t2=t2, fat=TOLLS[i % len(TOLLS)], day=day)


SPECS = [_spec(i) for i in range(N)]


def _item(s: dict) -> tuple[ArticleInput, ArticleResult]:
    aid = f"f{s['i']}"
    rec = Record(id=f"{aid}:1", kind="event", event_type="Battles", sub_event_type="Armed clash",
                 date=DateValue(start=s["day"], end=s["day"], precision="day"),
                 location=Location(name=s["name"], country=s["cc"], lat=s["lat"], lon=s["lon"],
                                   precision="town" if s["lat"] is not None else "country"),
                 actor1=Actor(name=f"Actor {s['t1']}", type=s["t1"]),
                 actor2=Actor(name=f"Actor {s['t2']}", type=s["t2"]) if s["t2"] else None,
                 fatalities=s["fat"], evidence=[Evidence(start=0, end=4, text="اشتب")])
    body = f"اشتباكات رقم {s['i']}"
    return (ArticleInput(id=aid, text=body, published=s["day"], source="S"),
            ArticleResult(article=Article(id=aid, source="S", published=s["day"]), records=[rec]))


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="RASAD_TEST_PG_URL not set"))])
def fstore(request, tmp_path_factory):
    if request.param == "sqlite":
        st = open_store(f"sqlite:///{tmp_path_factory.mktemp('filters') / 'f.sqlite'}")
        st.add_articles([_item(s) for s in SPECS], extractor_version="test")
        yield st
        st.close()
        return
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    st = open_store(f"{PG_URL}{sep}options={quote('-csearch_path=' + schema)}")
    try:
        st.add_articles([_item(s) for s in SPECS], extractor_version="test")
        yield st
    finally:
        st.close()
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="module")
def fclient(fstore):
    from fastapi.testclient import TestClient
    app = create_app(fstore, settings=Settings(read_token_required=False), extract_fn=fake_extract)
    return TestClient(app)


def _days(rows) -> set[str]:
    return {r.event_date for r in rows}


def _expect(pred) -> set[str]:
    return {s["day"] for s in SPECS if pred(s)}


BBOX = (36.0, 34.0, 38.0, 37.0)  # Homs and Aleppo, not Gaza, Mosul or the coordinate-less events
CASES = [
    (EventFilters(bbox=BBOX),
     lambda s: s["lat"] is not None and 36 <= s["lon"] <= 38 and 34 <= s["lat"] <= 37),
    (EventFilters(bbox=(36.71, 34.73, 36.71, 34.73)), lambda s: s["name"] == "Homs"),  # inclusive edges
    (EventFilters(min_fatalities=3), lambda s: (s["fat"] or 0) >= 3),
    (EventFilters(min_fatalities=0), lambda s: True),  # an unknown toll counts as 0
    (EventFilters(actor_type="state_forces"), lambda s: "state_forces" in (s["t1"], s["t2"])),
    (EventFilters(actor_type="civilians"), lambda s: s["t2"] == "civilians"),
    (EventFilters(actor_type="external_other"), lambda s: False),
    (EventFilters(bbox=BBOX, min_fatalities=1, actor_type="rebel_group", country="SY"),
     lambda s: s["name"] in ("Homs", "Aleppo") and (s["fat"] or 0) >= 1 and s["t1"] == "rebel_group"),
]


@pytest.mark.parametrize("flt,pred", CASES, ids=[str(i) for i in range(len(CASES))])
def test_store_applies_filter(fstore, flt, pred):
    want = _expect(pred)
    rows, total = fstore.query_events(flt, limit=1000)
    assert total == len(want) == len(rows) and _days(rows) == want
    stat = fstore.stats("event_type", flt)
    assert sum(r.events for r in stat) == len(want)
    assert sum(r.fatalities for r in stat) == sum(s["fat"] or 0 for s in SPECS if pred(s))
    assert {d["event_date"] for d in fstore.iter_export(flt, batch=4)} == want


@pytest.mark.parametrize("flt,pred", CASES[:6], ids=[str(i) for i in range(6)])
def test_store_pages_filtered_in_sql(fstore, flt, pred):
    want = _expect(pred)
    seen: list[str] = []
    for offset in range(0, len(want) + 3, 3):
        rows, total = fstore.query_events(flt, limit=3, offset=offset)
        assert total == len(want)
        assert len(rows) == min(3, max(0, len(want) - offset))
        seen += [r.event_date for r in rows]
    assert seen == sorted(want, reverse=True)  # event_date desc, no row twice, none lost


@pytest.mark.parametrize("params,pred", [
    ({"bbox": "36,34,38,37"}, CASES[0][1]),
    ({"min_fatalities": 7}, lambda s: (s["fat"] or 0) >= 7),
    ({"actor_type": "identity_militia"}, lambda s: s["t1"] == "identity_militia"),
    ({"bbox": "30,30,45,40", "min_fatalities": 1, "actor_type": "state_forces"},
     lambda s: s["lat"] is not None and (s["fat"] or 0) >= 1 and "state_forces" in (s["t1"], s["t2"])),
])
def test_api_pages_and_counts(fclient, params, pred):
    want = _expect(pred)
    assert want
    got: list[str] = []
    for offset in range(0, len(want), 2):
        body = fclient.get("/api/events", params={**params, "limit": 2, "offset": offset}).json()
        assert body["total"] == len(want)
        got += [e["event_date"] for e in body["events"]]
    assert got == sorted(want, reverse=True)
    days = fclient.get("/api/stats", params={**params, "group_by": "day"}).json()["rows"]
    assert [r["key"] for r in days] == sorted(want)
    weeks = fclient.get("/api/stats", params={**params, "group_by": "week"}).json()["rows"]
    assert sum(r["events"] for r in weeks) == len(want)
    jl = fclient.get("/api/export", params={**params, "format": "jsonl"}).text.splitlines()
    assert len(jl) == len(want)


@pytest.mark.parametrize("param", ["q", "actor"])
@pytest.mark.parametrize("value", ["%", "_", "%_%", "\\"])
def test_search_wildcards_match_themselves(fclient, param, value):
    """LIKE's wildcards in free text are literal: q=% matches what contains a %, not everything;
    q=_ matches what contains an underscore (here: actor types in the names), not every event."""
    everything = fclient.get("/api/events", params={"limit": 500}).json()["events"]
    fields = ("notes", "location", "actor1", "actor2") if param == "q" else ("actor1", "actor2")
    want = {e["id"] for e in everything if any(value in (e.get(f) or "") for f in fields)}
    body = fclient.get("/api/events", params={param: value, "limit": 500}).json()
    assert {e["id"] for e in body["events"]} == want and body["total"] == len(want)
    assert len(want) < len(everything)
