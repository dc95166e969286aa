"""Shared helpers for the web tests: a real SQLite store loaded with the annotated gold articles plus one hostile
article (HTML/script in text and evidence), an app over it, and a valid API token."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from rasad.records import Article, ArticleResult, Record
from rasad.store import ArticleInput, open_store
from rasad.web.app import Settings, create_app
from rasad.web.auth import TokenStore
from rasad.web.demo import annotated, read_jsonl

# the contract directory, found as tests/conftest.py finds it (../shared or $RASAD_SHARED_DIR)
GOLD = Path(os.environ.get("RASAD_SHARED_DIR") or Path(__file__).resolve().parents[3] / "shared") / "gold"
HOSTILE_TEXT = 'قصف في <script>alert("x")</script> حلب يوم 2024-01-05 وقتل 3 <b>أشخاص</b>'


def hostile() -> tuple[ArticleInput, ArticleResult]:
    s = HOSTILE_TEXT.index("<script>")
    ev = {"start": s, "end": s + len('<script>alert("x")</script>'), "text": '<script>alert("x")</script>'}
    rec = Record(id="hostile-1:r1", kind="event", event_type="Explosions/Remote violence",
                 sub_event_type="Shelling/artillery/missile attack",
                 date={"start": "2024-01-05", "end": "2024-01-05", "precision": "day"},
                 location={"name": "Aleppo", "country": "SY", "lat": 36.2, "lon": 37.16},
                 actor1={"name": "<img src=x onerror=alert(1)>"}, fatalities=3, evidence=[ev])
    art = Article(id="hostile-1", source="<i>Evil</i>", published="2024-01-05", title="<script>t</script>")
    return (ArticleInput(id="hostile-1", text=HOSTILE_TEXT, published="2024-01-05", source="<i>Evil</i>",
                         title="<script>t</script>"), ArticleResult(article=art, records=[rec]))


def fake_extract(text, published=None, source=None, id=None, title=None, url=None):
    """Extractor stand-in for ingest tests: one Battles record on the first word."""
    from rasad.records import text_id
    aid = id or text_id(text)
    word = text.split()[0]
    rec = Record(id=f"{aid}:x", kind="event", event_type="Battles", sub_event_type="Armed clash",
                 date={"start": published or "2024-02-01", "end": published or "2024-02-01", "precision": "day"},
                 location={"name": "Mosul", "country": "IQ", "lat": 36.34, "lon": 43.13},
                 fatalities=1, evidence=[{"start": 0, "end": len(word), "text": word}])
    return ArticleResult(article=Article(id=aid, source=source, published=published, title=title, url=url),
                         records=[rec])




def error_of(resp) -> dict:
    body = resp.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    return body["error"]
