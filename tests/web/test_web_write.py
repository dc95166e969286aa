"""POST /api/articles: extraction off the event loop behind a bounded queue, hostile bodies
(100k-deep JSON, lone surrogates, NUL) answered in the one error shape or cleaned, and one
article's failure never costing the others."""
from __future__ import annotations

import asyncio
import json
import threading

import httpx
import pytest
from fastapi.testclient import TestClient

from rasad.errors import StageError
from rasad.store import open_store
from rasad.web.app import Settings, create_app
from rasad.web.security import SECURITY_HEADERS
from webfix import error_of, fake_extract


class Blocking:
    """An extractor that holds its thread until released, so a test can look at the app while
    a POST is being extracted. ``released`` says whether it was let go (not timed out)."""

    def __init__(self):
        self.started, self.release = threading.Event(), threading.Event()
        self.released: list[bool] = []

    def __call__(self, text, **kw):
        self.started.set()
        self.released.append(self.release.wait(20))
        return fake_extract(text, **kw)


def _app(tmp_path, extract_fn, **settings):
    store = open_store(f"sqlite:///{tmp_path / 'w.sqlite'}")
    app = create_app(store, extract_fn=extract_fn, settings=Settings(
        read_token_required=False, max_body_bytes=2_000_000, **settings))
    return app, store, {"Authorization": f"Bearer {app.state.tokens.create(name='w')}"}


async def _wait(event: threading.Event) -> None:
    while not event.is_set():
        await asyncio.sleep(0.01)


def test_health_answers_while_a_post_is_extracted(tmp_path):
    """The extractor blocks until the test has its /api/health answer: on the event loop this
    would deadlock until the extractor gave up (released == [False])."""
    ext = Blocking()
    app, store, auth = _app(tmp_path, ext)

    async def scenario():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://t") as c:
            post = asyncio.create_task(c.post("/api/articles", headers=auth,
                                              json={"id": "b1", "text": "اشتباكات في الموصل"}))
            await _wait(ext.started)
            health = await c.get("/api/health")
            events = await c.get("/api/events")
            ext.release.set()
            return health, events, await post
    health, events, post = asyncio.run(scenario())
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert events.status_code == 200 and events.json()["total"] == 0  # read while writing
    assert ext.released == [True]
    assert post.status_code == 201 and post.json()["article_ids"] == ["b1"]
    app.state.work_gate.close()
    store.close()


def test_full_queue_answers_503_in_the_error_shape(tmp_path):
    ext = Blocking()
    app, store, auth = _app(tmp_path, ext, extract_workers=1, extract_queue=1)

    async def scenario():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://t") as c:
            first = asyncio.create_task(c.post("/api/articles", headers=auth,
                                               json={"id": "q1", "text": "معارك عنيفة"}))
            await _wait(ext.started)
            second = await c.post("/api/articles", headers=auth, json={"id": "q2", "text": "هجوم"})
            ext.release.set()
            first = await first
            third = await c.post("/api/articles", headers=auth, json={"id": "q3", "text": "قصف"})
            return first, second, third
    first, second, third = asyncio.run(scenario())
    err = error_of(second)
    assert second.status_code == 503 and err["code"] == "overloaded"
    assert err["details"]["queue"] == 1 and int(second.headers["Retry-After"]) > 0
    assert all(second.headers[k] == v for k, v in SECURITY_HEADERS.items())
    assert first.status_code == 201 and third.status_code == 201  # the slot is free again
    assert app.state.work_gate.admitted == 0
    assert {a for a in ("q1", "q2", "q3") if store.get_article(a)} == {"q1", "q3"}
    app.state.work_gate.close()
    store.close()


DEEP = 100_000


@pytest.mark.parametrize("body", [
    "[" * DEEP + "]" * DEEP,
    '{"a":' * DEEP + "1" + "}" * DEEP,
    '{"articles": ' + "[" * DEEP + "]" * DEEP + "}",
    '{"text": "نص", "title": ' + "[" * DEEP + "]" * DEEP + "}",
], ids=["lists", "objects", "articles", "field"])
def test_deeply_nested_json_is_a_400_not_a_500(tmp_path, body):
    app, store, auth = _app(tmp_path, fake_extract)
    c = TestClient(app, raise_server_exceptions=False)
    r = c.post("/api/articles", content=body.encode(), headers=auth)
    err = error_of(r)
    assert r.status_code == 400 and err["code"] == "bad_request" and "deep" in err["message"]
    assert c.get("/api/events").json()["total"] == 0
    store.close()


def test_hostile_text_is_cleaned_and_one_failure_costs_nothing(tmp_path):
    def picky(text, **kw):
        if "انهيار" in text:
            raise StageError("events", ValueError("invented failure"))
        return fake_extract(text, **kw)
    app, store, auth = _app(tmp_path, picky)
    c = TestClient(app)
    raw = json.dumps({"articles": [
        {"id": "h1", "text": "اشتباكات \ud800 في حلب", "title": "عنوان\x00مخفي"},
        {"id": "h2", "text": "انهيار المفاوضات"},
        {"id": "h3", "text": "معارك\x07 عنيفة", "source": "مصدر\udfff"},
    ]})  # json.dumps writes the lone surrogates as \ud800 escapes, as a hostile client would
    r = c.post("/api/articles", content=raw.encode(), headers=auth)
    body = r.json()
    assert r.status_code == 201 and body["new"] == 2 and body["failed"] == 1, body
    assert len(body["failures"]) == 1 and "h2" in body["failures"][0]
    assert "invented failure" in body["failures"][0]
    h1, h3 = store.get_article("h1"), store.get_article("h3")
    assert h1.text == "اشتباكات \ufffd في حلب" and h1.title == "عنوان مخفي"
    assert h3.text == "معارك  عنيفة" and h3.source == "مصدر\ufffd"
    assert store.get_article("h2") is None
    # every article failing: 422 in the one shape, nothing stored
    r = c.post("/api/articles", json={"id": "h4", "text": "انهيار"}, headers=auth)
    assert r.status_code == 422 and error_of(r)["code"] == "extraction_failed"
    store.close()


# ---------------------------------------------------------------- the extraction processes
def test_default_extractor_runs_in_a_worker_process(tmp_path):
    """No extract_fn given: the real extractor runs in a spawned worker process."""
    import os
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite'}")
    app = create_app(store, settings=Settings(read_token_required=False, extract_processes=1))
    pool = app.state.extract_fn.__self__
    c = TestClient(app)
    auth = {"X-API-Token": app.state.tokens.create()}
    text = "قتل ثلاثة مدنيين في قصف مدفعي على مدينة حلب يوم الأحد"
    r = c.post("/api/articles", json={"id": "p1", "text": text, "published": "2023-10-29"},
               headers=auth)
    assert r.status_code == 201 and r.json()["new"] == 1, r.text
    assert not pool._fallback and pool._worked
    pids = [p.pid for p in pool._pool._processes.values()]
    assert pids and os.getpid() not in pids
    art = c.get("/api/articles/p1").json()
    assert art["spans"] and all(text[s["start"]:s["end"]] == s["text"] for s in art["spans"])
    pool.close()
    store.close()


class _Done:
    def __init__(self, value=None, exc=None):
        self.value, self.exc = value, exc

    def result(self):
        if self.exc:
            raise self.exc
        return self.value


class _FakePool:
    """Stands in for ProcessPoolExecutor: every submit answers ``answer``."""
    answer = _Done()

    def __init__(self, *a, **kw):
        pass

    def submit(self, fn, *a):
        return _FakePool.answer

    def shutdown(self, **kw):
        pass


def test_worker_errors_come_back_per_article(monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    import rasad.web.workers as w
    monkeypatch.setattr(w, "ProcessPoolExecutor", _FakePool)
    pool = w.ExtractPool(1)
    _FakePool.answer = _Done(("error", "ValueError", "invented", "events"))
    with pytest.raises(StageError, match="'events' failed: ValueError: invented"):
        pool.extract("نص")
    _FakePool.answer = _Done(exc=BrokenProcessPool("died"))  # after it worked: this article fails
    with pytest.raises(StageError, match="process died"):
        pool.extract("نص")
    assert not pool._fallback


def test_workers_that_cannot_start_fall_back_to_threads(monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    import rasad.web.workers as w
    monkeypatch.setattr(w, "ProcessPoolExecutor", _FakePool)
    monkeypatch.setattr(w, "_in_process", lambda text, kw: ("in-process", text))
    _FakePool.answer = _Done(exc=BrokenProcessPool("cannot spawn"))
    pool = w.ExtractPool(1)
    assert pool.extract("نص") == ("in-process", "نص") and pool._fallback
    assert pool.extract("آخر") == ("in-process", "آخر")


def test_child_reports_errors_as_data(monkeypatch):
    import rasad
    from rasad.web.workers import extract_in_child

    def boom(text, **kw):
        raise StageError("dates", KeyError("k"))
    monkeypatch.setattr(rasad, "extract", boom)
    out = extract_in_child("نص", {})
    assert out[0] == "error" and out[1] == "StageError" and out[3] == "dates"
