"""Issue 12 item 4: article ids never collide and never change between runs of the same input.

Ids come from the input's own id, else the canonical URL, else the path relative to the ingested
root plus the text; never a bare file stem (``a/index.html`` and ``b/index.html`` are two).
"""
from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasad.ids import path_id, url_id
from rasad.ingest.pipeline import ingest
from rasad.ingest.readers import read_paths
from rasad.store import open_store
from rasad.store.types import ArticleInput

FAKE = "fake_extractor:extract"
BODY = "قصفت طائرات حربية مدينة حمص صباح السبت، ما أدى إلى مقتل ثلاثة مدنيين. " * 3


def _page(i: int, head: str = "") -> str:
    return (f"<html><head>{head}<title>غارة {i}</title></head><body><article>"
            f"<p>{BODY}{i}\nEVENT Battles|2024-03-{1 + i:02d}|Homs|{i}</p>"
            "</article></body></html>")


def _two_index_pages(root):
    for i, sub in enumerate(("a", "b")):
        (root / sub).mkdir(parents=True)
        (root / sub / "index.html").write_text(_page(i), encoding="utf-8")


def _ids(paths):
    return [it.id for it in read_paths(paths) if isinstance(it, ArticleInput)]


def test_two_index_html_in_two_folders_are_two_articles(tmp_path):
    root = tmp_path / "site"
    _two_index_pages(root)
    st = open_store(str(tmp_path / "db.sqlite"))
    s = ingest([str(root)], st, published="2024-03-01", extractor=FAKE, progress=False)
    assert (s.read, s.new, s.updated, s.failed) == (2, 2, 0, 0)
    a, b = _ids([str(root)])
    assert a != b and a.startswith("index-") and b.startswith("index-")
    assert st.get_article(a) is not None and st.get_article(b) is not None
    assert st.get_article(a).text != st.get_article(b).text
    assert len(set(_ids([str(root / "**" / "index.html")]))) == 2  # by a glob too


def test_the_same_folder_twice_keeps_its_ids_and_stores_nothing_new(tmp_path, monkeypatch):
    root = tmp_path / "site"
    _two_index_pages(root)
    (root / "c.txt").write_text(f"{BODY}\nEVENT Battles|2024-03-09|Gaza|1", encoding="utf-8")
    first = _ids([str(root)])
    monkeypatch.chdir(tmp_path)  # the same folder named another way: the same ids
    assert _ids(["site"]) == first and _ids([str(root) + "/"]) == first and len(set(first)) == 3
    st = open_store(str(tmp_path / "db.sqlite"))
    s1 = ingest([str(root)], st, published="2024-03-01", extractor=FAKE, progress=False)
    s2 = ingest(["site"], st, published="2024-03-01", extractor=FAKE, progress=False)
    assert (s1.new, s1.failed) == (3, 0)
    assert (s2.read, s2.new, s2.updated, s2.unchanged, s2.records) == (3, 0, 0, 3, 0)
    assert all(st.get_article(i) is not None for i in first)


def test_canonical_url_wins_over_the_path(tmp_path):
    canon = '<link rel="canonical" href="https://News.test/story/1#top">'
    for sub in ("x", "y"):  # the same page saved in two places is one article
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "index.html").write_text(_page(3, canon), encoding="utf-8")
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "og.html").write_text(
        _page(4, '<meta property="og:url" content="https://news.test/story/2">'), encoding="utf-8")
    ids = _ids([str(tmp_path)])
    assert ids == [url_id("https://news.test/story/1")] * 2 + [url_id("https://news.test/story/2")]
    assert ids[0].startswith("url-news.test-")
    st = open_store(str(tmp_path / "db.sqlite"))
    s = ingest([str(tmp_path)], st, published="2024-03-01", extractor=FAKE, progress=False)
    assert (s.new, s.unchanged, s.failed) == (2, 1, 0)


def test_warc_page_canonical_url_wins_over_the_target_uri(tmp_path):
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    canon = '<link rel="canonical" href="https://w.test/a">'
    pages = [("https://w.test/a?utm=feed", _page(5, canon)),
             ("https://w.test/b", _page(6))]
    for uri, html in pages:
        h = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(html.encode()),
                                            http_headers=h))
    (tmp_path / "crawl.warc").write_bytes(buf.getvalue())
    assert _ids([str(tmp_path)]) == [url_id("https://w.test/a"), url_id("https://w.test/b")]


def test_path_ids_differ_by_folder_and_by_text_never_a_bare_stem():
    assert path_id("a/index.html", "x") != path_id("b/index.html", "x")
    assert path_id("a/index.html", "x") != path_id("a/index.html", "y")
    assert path_id("a/index.html", "x") == path_id("a/index.html", "x")
    assert path_id("a/index.html", "x").startswith("index-")
    assert "/" not in path_id("a/b c.txt", "") and " " not in path_id("a/b c.txt", "")
    assert url_id("HTTPS://N.test/p?q=1#frag") == url_id("https://n.test/p?q=1")
    assert url_id("https://n.test/p?q=1") != url_id("https://n.test/p?q=2")
