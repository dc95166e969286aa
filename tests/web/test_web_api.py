"""Every /api endpoint in process, filters, paging, validation and the one error shape."""
from __future__ import annotations

import csv
import io
import json

import pytest

from webfix import error_of


def test_health(client):
    r = client.get("/api/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_events_list_and_paging(client, store):
    r = client.get("/api/events", params={"limit": 5})
    body = r.json()
    _, total = store.query_events(None, 1, 0)
    assert r.status_code == 200 and body["total"] == total and len(body["events"]) == 5
    page2 = client.get("/api/events", params={"limit": 5, "offset": 5}).json()["events"]
    assert {e["id"] for e in page2}.isdisjoint(e["id"] for e in body["events"])
    assert error_of(client.get("/api/events", params={"limit": 501}))["code"] == "validation_error"
    assert client.get("/api/events", params={"limit": 500}).status_code == 200
    assert error_of(client.get("/api/events", params={"offset": -1}))["code"] == "validation_error"


def test_filters(client):
    all_ev = client.get("/api/events", params={"limit": 500}).json()["events"]
    bt = client.get("/api/events", params={"event_type": "Battles", "limit": 500}).json()
    assert bt["total"] == sum(e["event_type"] == "Battles" for e in all_ev) > 0
    assert bt["filters"] == {"event_type": "Battles"}
    dated = [e for e in all_ev if e["event_date"]]
    day = dated[0]["event_date"]
    r = client.get("/api/events", params={"since": day, "until": day, "limit": 500}).json()
    assert r["total"] == sum(e["event_date"] == day for e in all_ev)
    mf = client.get("/api/events", params={"min_fatalities": 3, "limit": 500}).json()
    assert mf["total"] == sum((e["fatalities"] or 0) >= 3 for e in all_ev) > 0
    # bbox around Aleppo holds the hostile event at 36.2N 37.16E and nothing outside the box
    bb = client.get("/api/events", params={"bbox": "37,36,37.5,36.5", "limit": 500}).json()
    assert bb["total"] >= 1
    assert all(37 <= e["longitude"] <= 37.5 and 36 <= e["latitude"] <= 36.5 for e in bb["events"])
    sy = client.get("/api/events", params={"country": "SY", "limit": 500}).json()
    assert 0 < sy["total"] < len(all_ev)
    src = client.get("/api/events", params={"source": "Rudaw", "limit": 500}).json()
    assert src["total"] > 0 and all("Rudaw" in e["sources"] for e in src["events"])


@pytest.mark.parametrize("params,param", [
    ({"since": "2024-13-01"}, "since"), ({"until": "yesterday"}, "until"),
    ({"since": "2024-02-01", "until": "2024-01-01"}, "since"),
    ({"bbox": "1,2,3"}, "bbox"), ({"bbox": "a,b,c,d"}, "bbox"), ({"bbox": "10,0,5,1"}, "bbox"),
    ({"bbox": "0,0,nan,1"}, "bbox"), ({"actor_type": "aliens"}, "actor_type"),
])
def test_bad_filters_400(client, params, param):
    r = client.get("/api/events", params=params)
    err = error_of(r)
    assert r.status_code == 400 and err["code"] == "bad_request" and err["details"]["parameter"] == param


def test_bad_number_422(client):
    r = client.get("/api/events", params={"min_fatalities": "many"})
    err = error_of(r)
    assert r.status_code == 422 and err["details"][0]["loc"] == ["query", "min_fatalities"]


def test_event_detail_and_article(client):
    ev = client.get("/api/events", params={"q": "", "limit": 500}).json()["events"]
    target = next(e for e in ev if e["n_records"] >= 1)
    d = client.get(f"/api/events/{target['id']}").json()
    assert d["id"] == target["id"] and d["records"] and d["articles"]
    assert all(set(x) >= {"start", "end", "text", "record_id"} for x in d["evidence"])
    art = client.get(f"/api/articles/{d['articles'][0]['id']}").json()
    assert art["text"] and all(art["text"][s["start"]:s["end"]] == s["text"] for s in art["spans"])
    assert error_of(client.get("/api/events/nope"))["code"] == "not_found"
    assert client.get("/api/articles/nope").status_code == 404


@pytest.mark.parametrize("group", ["day", "week", "month", "event_type", "country", "actor"])
def test_stats(client, group):
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    rows = client.get("/api/stats", params={"group_by": group}).json()["rows"]
    assert rows and all(set(r) == {"key", "events", "fatalities"} for r in rows)
    if group != "actor":  # an event counts once per actor
        assert sum(r["events"] for r in rows) == total
    assert client.get("/api/stats", params={"group_by": "bogus"}).status_code == 422


def test_stats_week_starts_monday(client):
    import datetime as dt
    for r in client.get("/api/stats", params={"group_by": "week"}).json()["rows"]:
        if r["key"]:
            assert dt.date.fromisoformat(r["key"]).weekday() == 0


def test_export_formats(client):
    total = client.get("/api/events", params={"limit": 1, "event_type": "Battles"}).json()["total"]
    c = client.get("/api/export", params={"format": "csv", "event_type": "Battles"})
    rows = list(csv.DictReader(io.StringIO(c.text)))
    assert c.headers["content-type"].startswith("text/csv") and len(rows) == total
    j = client.get("/api/export", params={"format": "jsonl", "event_type": "Battles"})
    assert len([json.loads(x) for x in j.text.splitlines()]) == total
    g = client.get("/api/export", params={"format": "geojson", "min_fatalities": 1}).json()
    assert g["type"] == "FeatureCollection"
    assert all(int(f["properties"]["fatalities"]) >= 1 for f in g["features"])
    assert error_of(client.get("/api/export", params={"format": "xml"}))["code"] == "validation_error"


def test_unknown_route_and_method_shape(client):
    assert error_of(client.get("/api/nothing"))["code"] == "not_found"
    r = client.delete("/api/events")
    assert r.status_code == 405 and error_of(r)["code"] == "method_not_allowed"


def test_openapi_documents_error_shape(client):
    spec = client.get("/openapi.json").json()
    assert "/api/events" in spec["paths"] and "/api/articles" in spec["paths"]
    assert "ErrorResponse" in spec["components"]["schemas"]
    assert "400" in spec["paths"]["/api/events"]["get"]["responses"]
