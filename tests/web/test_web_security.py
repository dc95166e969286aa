"""Escaping, SQL injection through filters, and token checks on the write endpoint."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from rasad.store import open_store
from rasad.web.app import Settings, create_app
from webfix import fake_extract, error_of


def _hostile_event(client):
    evs = client.get("/api/events", params={"country": "SY", "min_fatalities": 3, "limit": 500}).json()["events"]
    return next(e for e in evs if "hostile-1" in [a["id"] for a in client.get(f"/api/events/{e['id']}").json()["articles"]])


def test_event_page_escapes_text_and_evidence(client):
    ev = _hostile_event(client)
    html = client.get(f"/events/{ev['id']}").text
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>أشخاص" not in html
    assert "<mark>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</mark>" in html
    assert 'dir="rtl"' in html and "<bdi>2024-01-05</bdi>" in html
    art = client.get("/articles/hostile-1").text
    assert "<script>t</script>" not in art and "&lt;script&gt;t&lt;/script&gt;" in art


def test_dashboard_embeds_json_safely(client):
    html = client.get("/", params={"country": "SY"}).text
    assert "<img src=x" not in html and "</script><" not in html.split('id="view-data">')[1].split("</script>")[0]


@pytest.mark.parametrize("value", ["' OR 1=1 --", "x'; DROP TABLE events; --", '" OR ""="', "%' --",
                                   "1) UNION SELECT * FROM articles --"])
@pytest.mark.parametrize("param", ["event_type", "actor", "country", "admin1", "source", "q", "sub_event_type"])
def test_filters_do_not_inject_sql(client, param, value):
    before = client.get("/api/events", params={"limit": 1}).json()["total"]
    r = client.get("/api/events", params={param: value})
    assert r.status_code in (200, 400)
    if r.status_code == 200:
        assert r.json()["total"] == 0
    assert client.get("/api/events", params={"limit": 1}).json()["total"] == before


@pytest.fixture()
def fresh(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    app = create_app(store, settings=Settings(read_token_required=False, max_body_bytes=20_000),
                     extract_fn=fake_extract)
    yield app, TestClient(app)
    store.close()


def test_write_refuses_missing_and_wrong_token(fresh):
    app, c = fresh
    body = {"text": "اشتباكات في الموصل", "published": "2024-02-01"}
    r = c.post("/api/articles", json=body)
    assert r.status_code == 401 and error_of(r)["code"] == "unauthorized"
    assert "missing" in error_of(r)["message"]
    r = c.post("/api/articles", json=body, headers={"Authorization": "Bearer rsd_wrong"})
    assert r.status_code == 401 and "wrong" in error_of(r)["message"]
    assert c.get("/api/events").json()["total"] == 0


def test_write_with_token_single_and_batch(fresh):
    app, c = fresh
    tok = app.state.tokens.create(name="t")
    h = {"Authorization": f"Bearer {tok}"}
    r = c.post("/api/articles", json={"id": "a1", "text": "اشتباكات في الموصل", "published": "2024-02-01"}, headers=h)
    assert r.status_code == 201 and r.json()["new"] == 1 and r.json()["article_ids"] == ["a1"]
    r = c.post("/api/articles", json={"articles": [{"id": "a2", "text": "معارك عنيفة"}, {"id": "a3", "text": "هجوم جديد"}]},
               headers={"X-API-Token": tok})
    assert r.status_code == 201 and r.json()["new"] == 2
    assert c.get("/api/events").json()["total"] >= 1
    art = c.get("/api/articles/a1").json()
    assert art["spans"][0]["text"] == "اشتباكات"
    # same article again: unchanged
    assert c.post("/api/articles", json=[{"id": "a1", "text": "اشتباكات في الموصل", "published": "2024-02-01"}],
                  headers=h).json()["unchanged"] == 1


def test_write_validation_and_body_limit(fresh):
    app, c = fresh
    h = {"Authorization": f"Bearer {app.state.tokens.create()}"}
    assert error_of(c.post("/api/articles", json={"title": "no text"}, headers=h))["code"] == "validation_error"
    assert error_of(c.post("/api/articles", content=b"{not json", headers=h))["code"] == "bad_request"
    assert error_of(c.post("/api/articles", json={"articles": []}, headers=h))["code"] == "validation_error"
    r = c.post("/api/articles", json={"text": "ا" * 30_000}, headers=h)
    assert r.status_code == 413 and error_of(r)["code"] == "payload_too_large"


def test_tokens_stored_hashed(fresh):
    app, _ = fresh
    tok = app.state.tokens.create(name="h")
    with app.state.tokens.engine.connect() as conn:
        dump = repr(conn.exec_driver_sql("select * from rasad_api_tokens").all())
    assert tok not in dump and app.state.tokens.check(tok) and not app.state.tokens.check(tok + "x")


def test_read_token_required_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("RASAD_API_READ_TOKEN_REQUIRED", "1")
    store = open_store(f"sqlite:///{tmp_path / 'r.sqlite'}")
    app = create_app(store)
    c = TestClient(app)
    assert error_of(c.get("/api/events"))["code"] == "unauthorized"
    assert c.get("/").status_code == 401
    tok = app.state.tokens.create()
    assert c.get("/api/events", headers={"Authorization": f"Bearer {tok}"}).status_code == 200
    assert c.get("/api/health").status_code == 200
    store.close()
