from __future__ import annotations

import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasad.errors import InputError
from rasad.ids import path_id, url_id
from rasad.ingest.readers import read_paths
from rasad.store.types import ArticleInput

BODY = "قصفت طائرات حربية مدينة حمص صباح السبت، ما أدى إلى مقتل ثلاثة مدنيين وإصابة آخرين. " * 4
HTML = (f"<html><head><title>غارة على حمص</title><meta name='date' content='2024-03-02'>"
        f"<meta property='og:site_name' content='SANA'></head><body><nav>القائمة</nav>"
        f"<article><h1>غارة على حمص</h1><p>{BODY}</p><p>{BODY}</p></article></body></html>")


def _split(items):
    ok = [i for i in items if isinstance(i, ArticleInput)]
    bad = [i for i in items if isinstance(i, InputError)]
    return ok, bad


def test_txt_and_folder_and_glob(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "d" / "ignored.png").write_bytes(b"\x89PNG")
    ok, bad = _split(list(read_paths([str(tmp_path / "d")])))
    assert [a.id for a in ok] == [path_id("a.txt", BODY)] and ok[0].text == BODY and not bad
    ok, _ = _split(list(read_paths([str(tmp_path / "d" / "*.txt")])))
    assert len(ok) == 1
    ok, bad = _split(list(read_paths([str(tmp_path / "nothing*.txt"), str(tmp_path / "missing.txt")])))
    assert not ok and len(bad) == 2


def test_jsonl_bad_lines_named_others_kept(tmp_path):
    good = {"id": "g1", "text": BODY, "published": "2024-03-02", "source": "SANA", "title": "t", "url": None}
    lines = [json.dumps(good, ensure_ascii=False), "{not json", json.dumps({**good, "id": "g2"})]
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gz = tmp_path / "b.json.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as f:
        f.write(json.dumps({**good, "id": "g3"}, ensure_ascii=False) + "\n")
    ok, bad = _split(list(read_paths([str(p), str(gz)])))
    assert [a.id for a in ok] == ["g1", "g2", "g3"] and ok[0].published == "2024-03-02"
    assert len(bad) == 1 and "a.jsonl" in str(bad[0]) and "line 2" in str(bad[0])


def test_empty_binary_undecodable(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (tmp_path / "latin.txt").write_bytes("غارة".encode() + b"\xff\xfe\xfa bad")
    ok, bad = _split(list(read_paths([str(tmp_path)])))
    assert not ok and len(bad) == 3
    msgs = " | ".join(map(str, bad))
    assert "empty.txt" in msgs and "bin.txt" in msgs and "latin.txt" in msgs


def test_html_main_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    (a,) = list(read_paths([str(p)]))
    assert isinstance(a, ArticleInput)
    assert "حمص" in a.text and "القائمة" not in a.text
    assert a.published == "2024-03-02" and a.title == "غارة على حمص"
    assert a.id == path_id("page.html", a.text)


def test_rss_feed(tmp_path):
    rss = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Rudaw</title>
<item><title>غارة على حمص</title><link>https://x.test/1</link><guid>https://x.test/1</guid>
<pubDate>Sat, 02 Mar 2024 10:00:00 GMT</pubDate><description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
<item><title>بلا تاريخ</title><link>https://x.test/2</link><description>{BODY}</description></item>
</channel></rss>"""
    p = tmp_path / "feed.rss"
    p.write_text(rss, encoding="utf-8")
    ok, bad = _split(list(read_paths([str(p)])))
    assert [a.id for a in ok] == [url_id("https://x.test/1"), url_id("https://x.test/2")]
    assert not bad
    assert ok[0].published == "2024-03-02" and ok[1].published is None
    assert ok[0].source == "Rudaw" and "<p>" not in ok[0].text and ok[0].text.startswith("غارة على حمص")


def test_warc(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    with open(p, "wb") as f:
        w = WARCWriter(f, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.0")
        rec = w.create_warc_record("https://news.test/a", "response",
                                   payload=io.BytesIO(HTML.encode("utf-8")), http_headers=headers)
        w.write_record(rec)
    (a,) = list(read_paths([str(p)]))
    assert isinstance(a, ArticleInput) and a.id == url_id("https://news.test/a")
    assert a.published == "2024-03-02" and "حمص" in a.text
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not a warc file\n" * 3)
    (e,) = list(read_paths([str(bad)]))
    assert isinstance(e, InputError) and "bad.warc" in str(e)
