"""Issue 15 through ``ingest`` and ``rasad ingest``: every good article of a hostile batch is
stored, on SQLite and (with RASAD_TEST_PG_URL) PostgreSQL; the bad ones are counted and named."""
from __future__ import annotations

import io
import json
import os
import threading

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rasad.cli import main
from rasad.ids import path_id, url_id
from rasad.ingest.pipeline import ingest
from rasad.store import open_store
from rasad.store.types import ArticleInput

FAKE = "fake_extractor:extract"
BODY = "قصفت طائرات حربية مدينة حمص صباح السبت، ما أدى إلى مقتل ثلاثة مدنيين. " * 3


def _event(i: int) -> str:
    return f"{BODY}{i}\nEVENT Battles|2024-03-{1 + i % 20:02d}|Homs|{i}"


def hostile_inputs(folder):
    """Files with good articles among hostile ones; returns (good ids, number of bad items)."""
    good = {"published": "2024-03-02"}
    rows = [{**good, "id": "g0", "text": _event(0)},
            {**good, "id": "sur-text", "text": "\ud800" + _event(1)},
            {**good, "id": "sur-title", "text": _event(2), "title": "\ud800"},
            {**good, "id": "sur-source", "text": _event(3), "source": "S\udfff"},
            {**good, "id": "sur-url", "text": _event(4), "url": "https://x.test/\ud800"},
            {**good, "id": "nul\x00id", "text": _event(5), "title": "t\x00", "source": "s\x00"},
            {**good, "id": "fails", "text": "FAIL " + BODY},
            {**good, "id": "g7", "text": _event(7)}]
    lines = [json.dumps(r) for r in rows] + ["{broken", "[" * 100_000]
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="ascii")
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    for uri, n in (("https://w.test/1", 8), (None, 9), ("https://w.test/3", 10)):
        html = f"<html><body><article><p>{_event(n)}</p></article></body></html>".encode()
        h = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        rec = w.create_warc_record(uri or "http://x/", "response", payload=io.BytesIO(html),
                                   http_headers=h)
        if uri is None:
            rec.rec_headers.remove_header("WARC-Target-URI")
        w.write_record(rec)
    (folder / "b.warc").write_bytes(buf.getvalue())
    (folder / "c.warc").write_bytes(buf.getvalue()[:-150])  # its last record is cut short
    os.mkfifo(folder / "d.txt")
    (folder / "e.txt").write_text(_event(11), encoding="utf-8")
    ids = ["g0", "sur-text", "sur-title", "sur-source", "sur-url", "nul id", "g7",
           url_id("https://w.test/1"), url_id("https://w.test/3"), path_id("e.txt", _event(11))]
    return ids, 5  # fails (extraction), {broken, deep JSON, c.warc record 3, the FIFO


def test_every_good_article_of_a_hostile_batch_is_stored(tmp_path, store_url):
    folder = tmp_path / "in"
    folder.mkdir()
    ids, n_bad = hostile_inputs(folder)
    st = open_store(store_url)
    s = ingest([str(folder)], st, extractor=FAKE, progress=False, published="2024-03-01")
    for aid in ids:
        assert st.get_article(aid) is not None, aid
    # b.warc and c.warc share their first two records: stored once, the copies are unchanged
    assert (s.new, s.unchanged, s.failed) == (len(ids) + 1, 2, n_bad)
    assert s.exit_code == 1
    report = s.report()
    assert "a.jsonl, line 9" in report and "a.jsonl, line 10" in report
    assert "extraction failed" in report and "fails" in report
    assert "c.warc record 3" in report and "d.txt" in report and "FIFO" in report
    assert st.get_article("sur-title").title == "\ufffd"
    assert st.get_article("nul id").source == "s "
    again = ingest([str(folder)], st, extractor=FAKE, progress=False, published="2024-03-01")
    assert (again.new, again.failed, again.unchanged) == (0, n_bad, len(ids) + 3)
    st.close()


def test_rasad_ingest_exit_status_and_summary(tmp_path, store_url, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    ids, n_bad = hostile_inputs(folder)
    code = main(["ingest", str(folder), "--db", store_url, "--extractor", FAKE,
                 "--published", "2024-03-01"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"failed {n_bad}" in err and "failures:" in err and "a.jsonl, line 9" in err
    st = open_store(store_url)
    assert all(st.get_article(aid) is not None for aid in ids)
    st.close()


def test_max_bytes_option_reaches_the_readers(tmp_path, store_url, capsys):
    (tmp_path / "big.txt").write_text("\n".join([_event(1)] * 40), encoding="utf-8")
    (tmp_path / "small.txt").write_text(_event(2), encoding="utf-8")
    argv = ["ingest", str(tmp_path / "big.txt"), str(tmp_path / "small.txt"), "--db", store_url,
            "--extractor", FAKE, "--published", "2024-03-01"]
    assert main([*argv, "--max-bytes", "4K"]) == 1
    err = capsys.readouterr().err
    assert "big.txt" in err and "too large" in err and "--max-bytes" in err
    assert main([*argv, "--max-bytes", "1M"]) == 0


def test_items_from_other_callers_are_cleaned_too(tmp_path):
    st = open_store(f"sqlite:///{tmp_path / 'r.db'}")
    items = [ArticleInput(id="x\x00", text="\ud800" + _event(1), title="\x07t",
                          published="2024-03-02")]
    s = ingest(None, st, items=items, extractor=FAKE, progress=False)
    assert (s.new, s.failed) == (1, 0)
    a = st.get_article("x ")
    assert a is not None and a.title == " t"
    st.close()


def test_fifo_given_by_name_does_not_hang_ingest(tmp_path, capsys):
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(BODY, encoding="utf-8"), daemon=True)
    writer.start()
    code = main(["ingest", str(fifo), "--db", str(tmp_path / "r.db"), "--extractor", FAKE])
    assert code == 1 and "FIFO" in capsys.readouterr().err
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        writer.join()
    finally:
        os.close(fd)
