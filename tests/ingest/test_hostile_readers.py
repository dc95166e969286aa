"""Issue 15: nothing read in silence or left hanging, and one bad record never costs the others.

Unlistable folders, FIFOs and devices, WARC records without a target URI, cut short or with a
wrong Content-Length, HTML in a declared legacy charset, hostile JSON Lines: each bad item is an
``InputError`` naming where it is, and every good article still comes out.
"""
from __future__ import annotations

import io
import json
import os
import threading

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasad.errors import InputError
from rasad.ids import path_id, url_id
from rasad.ingest.readers import read_paths
from rasad.store.types import ArticleInput

BODY = "قصفت طائرات حربية مدينة حمص صباح السبت، ما أدى إلى مقتل ثلاثة مدنيين وإصابة آخرين. " * 4


def page(body: str = BODY, head: str = "") -> str:
    return (f"<html><head>{head}<title>غارة</title></head><body><article><p>{body}</p>"
            f"<p>{body}</p></article></body></html>")


def _split(items):
    ok = [i for i in items if isinstance(i, ArticleInput)]
    bad = [i for i in items if isinstance(i, InputError)]
    return ok, bad


# --- folders and special files -----------------------------------------------------------------

def test_unlistable_subfolder_is_reported_and_the_rest_read(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "z.txt").write_text(BODY, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):  # what chmod 000 does for a user other than root
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    ok, bad = _split(list(read_paths([str(tmp_path)])))
    assert [a.id for a in ok] == [path_id("a.txt", BODY), path_id("z.txt", BODY)]
    assert len(bad) == 1 and bad[0].source == str(locked) and "Permission denied" in str(bad[0])


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list a chmod 000 folder")
def test_chmod_000_subfolder_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        ok, bad = _split(list(read_paths([str(tmp_path)])))
    finally:
        locked.chmod(0o755)
    assert [a.id for a in ok] == [path_id("a.txt", BODY)] and len(bad) == 1
    assert str(locked) in str(bad[0])


def test_fifo_named_txt_in_a_folder_and_by_name_is_skipped_not_opened(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    (tmp_path / "z.txt").write_text(BODY, encoding="utf-8")
    writer = threading.Thread(target=lambda: fifo.write_text(BODY, encoding="utf-8"), daemon=True)
    writer.start()  # blocks until someone opens the FIFO: rasad must not
    ok, bad = _split(list(read_paths([str(tmp_path), str(fifo), "/dev/null"])))
    assert [a.id for a in ok] == [path_id("a.txt", BODY), path_id("z.txt", BODY)]
    assert [e.source for e in bad] == [str(fifo), str(fifo), "/dev/null"]
    assert "FIFO" in str(bad[0]) and "character device" in str(bad[2])
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # let the writer finish
    try:
        writer.join()
    finally:
        os.close(fd)


def test_broken_symlink_is_reported(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    ok, bad = _split(list(read_paths([str(tmp_path)])))
    assert not ok and len(bad) == 1 and "gone.txt" in str(bad[0])


# --- JSON Lines with hostile fields ------------------------------------------------------------

def test_hostile_jsonl_lines_do_not_cost_the_good_ones(tmp_path):
    good = {"text": BODY, "published": "2024-03-02"}
    rows = [{**good, "id": "g1"},
            {**good, "id": "sur-text", "text": BODY + "\ud800"},
            {**good, "id": "sur-title", "title": "\udc00"},
            {**good, "id": "sur-source", "source": "a\ud800b"},
            {**good, "id": "sur-url", "url": "https://x.test/\ud800"},
            {**good, "id": "nul\x00id", "title": "t\x00", "source": "s\x00"},
            {**good, "id": "g2"}]
    p = tmp_path / "h.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n[" + "[" * 50000 + "\n",
                 encoding="ascii")
    ok, bad = _split(list(read_paths([str(p)])))
    assert [a.id for a in ok] == ["g1", "sur-text", "sur-title", "sur-source", "sur-url",
                                  "nul id", "g2"]
    for a in ok:
        a.model_dump_json().encode("utf-8")  # every field can be written out
    assert ok[1].text.endswith("\ufffd") and ok[5].title == "t " and ok[5].source == "s "
    assert ok[1].origin == f"{p}, line 2"
    assert len(bad) == 1 and bad[0].line == 8


# --- WARC ------------------------------------------------------------------------------------

def _warc_bytes(uris, gzip=False, charset="utf-8", bodies=None):
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gzip)
    for i, uri in enumerate(uris):
        body = (bodies[i] if bodies else page(f"{BODY} {i}")).encode(charset)
        h = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")],
                             protocol="HTTP/1.0")
        rec = w.create_warc_record(uri or "http://placeholder/", "response",
                                   payload=io.BytesIO(body), http_headers=h)
        if uri is None:
            rec.rec_headers.remove_header("WARC-Target-URI")
        w.write_record(rec)
    return buf.getvalue()


def test_warc_record_without_target_uri_keeps_every_record(tmp_path):
    p = tmp_path / "nouri.warc"
    p.write_bytes(_warc_bytes(["https://n.test/1", None, "https://n.test/3"]))
    ok, bad = _split(list(read_paths([str(p)])))
    assert not bad and len(ok) == 3
    assert ok[0].id == url_id("https://n.test/1") and ok[2].id == url_id("https://n.test/3")
    assert ok[1].url is None and ok[1].id == path_id("nouri.warc", ok[1].text)
    assert "no WARC-Target-URI" in ok[1].origin


def test_truncated_warc_reports_the_cut_record(tmp_path):
    data = _warc_bytes(["https://t.test/1", "https://t.test/2"])
    p = tmp_path / "cut.warc"
    p.write_bytes(data[:-200])
    ok, bad = _split(list(read_paths([str(p)])))
    assert [a.id for a in ok] == [url_id("https://t.test/1")]
    assert len(bad) == 1 and "record 2" in str(bad[0]) and "cut short" in str(bad[0])


def test_over_long_content_length_is_reported(tmp_path):
    data = _warc_bytes(["https://o.test/1", "https://o.test/2", "https://o.test/3"])
    second = data.index(b"WARC/1.0", 10)
    at = data.index(b"Content-Length: ", second) + len(b"Content-Length: ")
    end = data.index(b"\r\n", at)
    p = tmp_path / "long.warc"
    p.write_bytes(data[:at] + str(int(data[at:end]) + 50_000).encode() + data[end:])
    ok, bad = _split(list(read_paths([str(p)])))
    assert [a.id for a in ok] == [url_id("https://o.test/1")]
    assert len(bad) == 1 and "record 2" in str(bad[0]) and "Content-Length" in str(bad[0])


def test_short_content_length_is_reported_not_swallowed(tmp_path, capsys):
    data = _warc_bytes(["https://s.test/1", "https://s.test/2"])
    at = data.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = data.index(b"\r\n", at)
    p = tmp_path / "short.warc"
    p.write_bytes(data[:at] + str(int(data[at:end]) - 40).encode() + data[end:])
    items = list(read_paths([str(p)]))
    bad = [i for i in items if isinstance(i, InputError)]
    assert bad and "record 1" in str(bad[0]) and "Content-Length" in str(bad[0])
    assert not any(isinstance(i, ArticleInput) and i.id == url_id("https://s.test/1")
                   for i in items)
    assert "WARNING" not in capsys.readouterr().err  # reported as an item, not printed


def test_warc_http_charset_is_honoured(tmp_path):
    p = tmp_path / "legacy.warc.gz"
    p.write_bytes(_warc_bytes(["https://l.test/1"], gzip=True, charset="windows-1256"))
    (a,) = list(read_paths([str(p)]))
    assert isinstance(a, ArticleInput) and "حمص" in a.text


# --- HTML charsets -----------------------------------------------------------------------------

@pytest.mark.parametrize("head", ['<meta charset="windows-1256">',
                                  "<meta http-equiv='Content-Type' "
                                  "content='text/html; charset=Windows-1256'>"])
def test_html_declared_windows_1256_is_decoded(tmp_path, head):
    p = tmp_path / "legacy.html"
    p.write_bytes(page(head=head).encode("cp1256"))
    (a,) = list(read_paths([str(p)]))
    assert isinstance(a, ArticleInput) and "قصفت طائرات حربية مدينة حمص" in a.text


def test_html_mislabelled_utf8_is_read_as_utf8(tmp_path):
    p = tmp_path / "mislabelled.html"
    p.write_bytes(page(head='<meta charset="windows-1256">').encode("utf-8"))
    (a,) = list(read_paths([str(p)]))
    assert isinstance(a, ArticleInput) and "مدينة حمص" in a.text


def test_html_unknown_charset_that_is_not_utf8_names_it(tmp_path):
    p = tmp_path / "odd.html"
    p.write_bytes(page(head='<meta charset="x-martian">').encode("cp1256"))
    (e,) = list(read_paths([str(p)]))
    assert isinstance(e, InputError) and "x-martian" in str(e)


def test_bad_feed_entry_does_not_cost_the_others(tmp_path):
    items = "".join(f"<item><title>عنوان {i}</title><link>https://f.test/{i}</link>"
                    f"<description>{body}</description></item>"
                    for i, body in enumerate([BODY, "&#1;&#2;&#3;" * 40, BODY]))
    p = tmp_path / "f.rss"
    p.write_text(f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                 f"<title>S</title>{items}</channel></rss>", encoding="utf-8")
    ok, bad = _split(list(read_paths([str(p)])))
    assert [a.id for a in ok] == [url_id("https://f.test/0"), url_id("https://f.test/2")]
    assert len(bad) == 1 and "entry 2" in str(bad[0]) and "control characters" in str(bad[0])
