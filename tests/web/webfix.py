"""Shared helpers for the web tests: the bundled sample articles (rasad.samples) through the real
extractor, hostile articles (HTML/script in text, evidence, title, source; script URLs), and an
extractor stand-in for the write endpoint. Nothing here needs ../shared: a bare clone runs them."""
from __future__ import annotations

from rasad.records import Article, ArticleResult, Record
from rasad.store import ArticleInput

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


# Article URLs as they may arrive from JSONL, feeds, WARC or POST /api/articles. Only the http(s)
# ones may become links; every other one is shown as text.
SCRIPT_URLS = ["javascript:alert(1)", "  JaVaScRiPt:alert(2)", "java\nscript:alert(3)",
               "javascript\n:alert(4)", "\tjavascript:alert(5)", "\x01javascript:alert(6)",
               "data:text/html,<script>alert(7)</script>", "vbscript:msgbox(8)", "//evil.example/x",
               "jav&#x09;ascript:alert(9)", "java\u00adscript:alert(10)"]
SAFE_URLS = ["https://news.example/a?b=1&c=2", "HTTP://news.example/upper"]


def hostile_url_articles() -> list[tuple[ArticleInput, ArticleResult]]:
    """One article per URL above, each with one event of its own (a day apart, Idlib)."""
    out = []
    for i, url in enumerate(SCRIPT_URLS + SAFE_URLS):
        aid, day = f"hostile-url-{i}", f"2024-03-{i + 1:02d}"
        text = f"اشتباكات في إدلب يوم {day} بين فصيلين"
        rec = Record(id=f"{aid}:r1", kind="event", event_type="Battles", sub_event_type="Armed clash",
                     date={"start": day, "end": day, "precision": "day"},
                     location={"name": "Idlib", "country": "SY", "lat": 35.93, "lon": 36.63},
                     fatalities=0, evidence=[{"start": 0, "end": 8, "text": text[:8]}])
        art = Article(id=aid, source="Hostile", published=day, title=f"<a href='{url}'>t{i}</a>", url=url)
        out.append((ArticleInput(id=aid, text=text, published=day, source="Hostile", title=art.title,
                                 url=url), ArticleResult(article=art, records=[rec])))
    return out


def sample_pairs() -> list[tuple[ArticleInput, ArticleResult]]:
    """The bundled sample articles with what the real extractor finds in them."""
    import rasad
    from rasad.samples import iter_samples
    out = []
    for a in iter_samples():
        res = rasad.extract(a.text, published=a.published, source=a.source, id=a.id, title=a.title,
                            url=a.url)
        out.append((ArticleInput(id=a.id, text=a.text, published=a.published, source=a.source,
                                 title=a.title, url=a.url), res))
    return out


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
