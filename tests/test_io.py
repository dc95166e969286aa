"""Bad input gives typed, located errors; good input in any accepted shape reads back exactly."""
from __future__ import annotations

import codecs
import dataclasses
import gzip
import io
import json

import pytest

from rasad.errors import InputError
from rasad.ids import path_id, url_id
from rasad.io import ArticleInput, iter_articles, read_text
from rasad.samples import iter_samples, sample_path

AR = "قصفت طائرات حربية مواقع في ريف إدلب يوم الأحد، ما أسفر عن مقتل ٣ مدنيين."


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --- read_text ---------------------------------------------------------------------------------

def test_reads_utf8_exactly(tmp_path):
    p = write(tmp_path, "a.txt", AR.encode("utf-8"))
    assert read_text(p) == AR


def test_empty_and_whitespace_only(tmp_path):
    for data in (b"", b"   \n\t  \r\n", "\u00a0\u3000".encode()):
        p = write(tmp_path, "e.txt", data)
        with pytest.raises(InputError, match="empty") as ei:
            read_text(p)
        assert ei.value.source == str(p)


def test_binary_nul_bytes(tmp_path):
    p = write(tmp_path, "b.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary"):
        read_text(p)


def test_binary_control_characters_without_nul(tmp_path):
    p = write(tmp_path, "c.bin", bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x0E, 0x1F]) * 50 + b"abc")
    with pytest.raises(InputError, match="binary"):
        read_text(p)


def test_invalid_utf8_names_file_and_byte_offset(tmp_path):
    good = "نص عربي صحيح ".encode("utf-8")
    p = write(tmp_path, "bad.txt", good + b"\xff\xfe" + "تكملة".encode())
    with pytest.raises(InputError) as ei:
        read_text(p)
    err = ei.value
    assert err.byte_offset == len(good)
    assert err.source == str(p)
    assert str(p) in str(err) and f"byte {len(good)}" in str(err)


def test_latin1_file_is_rejected_at_first_bad_byte(tmp_path):
    p = write(tmp_path, "l.txt", "caf\u00e9 au lait".encode("latin-1"))
    with pytest.raises(InputError) as ei:
        read_text(p)
    assert ei.value.byte_offset == 3


def test_utf8_bom_is_stripped(tmp_path):
    p = write(tmp_path, "bom.txt", codecs.BOM_UTF8 + AR.encode())
    assert read_text(p) == AR


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32(tmp_path, enc):
    text = "Airstrike " + AR  # ASCII-rich so BOM-less UTF-16 is recognised too
    data = text.encode(enc)
    if enc in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if enc.endswith("le") else codecs.BOM_UTF16_BE) + data
    p = write(tmp_path, "u.txt", data)
    assert read_text(p) == text


def test_utf16_le_without_bom_ascii_rich(tmp_path):
    p = write(tmp_path, "u16.txt", "Reuters reported clashes in Tripoli today.".encode("utf-16-le"))
    assert read_text(p).startswith("Reuters")


def test_huge_file_fails_fast_without_reading(tmp_path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB (sparse): size is checked before any read
    with pytest.raises(InputError, match="too large") as ei:
        read_text(p)
    assert "52,428,800 bytes" in str(ei.value) and "10,485,760 bytes" in str(ei.value)


def test_max_bytes_is_configurable(tmp_path):
    p = write(tmp_path, "a.txt", AR.encode())
    with pytest.raises(InputError, match="too large"):
        read_text(p, max_bytes=10)
    assert read_text(p, max_bytes=10_000) == AR


def test_stdin_dash_and_cap():
    assert read_text("-", stdin=io.BytesIO(AR.encode())) == AR
    with pytest.raises(InputError, match="too large") as ei:
        read_text("-", stdin=io.BytesIO(b"x" * 200_000), max_bytes=100_000)
    assert ei.value.source == "<stdin>"


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)


# --- iter_articles -----------------------------------------------------------------------------

def test_plain_text_file_is_one_article_named_by_stem_and_hash(tmp_path):
    p = write(tmp_path, "idlib-report.txt", AR.encode())
    (a,) = list(iter_articles(p))
    assert a == ArticleInput(id=path_id("idlib-report.txt", AR), text=AR)
    assert a.id.startswith("idlib-report-") and a.id != "idlib-report"
    (b,) = list(iter_articles(p, rel="sub/idlib-report.txt"))
    assert b.id.startswith("idlib-report-") and b.id != a.id  # another folder, another id


def test_plain_text_error_is_yielded(tmp_path):
    p = write(tmp_path, "empty.txt", b"  \n")
    (e,) = list(iter_articles(p))
    assert isinstance(e, InputError) and "empty" in str(e)


def jsonl(lines):
    return "\n".join(lines).encode("utf-8") + b"\n"


def test_jsonl_malformed_line_in_the_middle_does_not_hide_others(tmp_path):
    good1 = json.dumps({"id": "a", "text": AR, "published": "2023-10-29T08:15:00Z", "source": "X"})
    good2 = json.dumps({"id": "b", "text": "نص آخر", "records": [], "license": "Apache-2.0"})
    lines = [good1, '{"id": "c", "text": "unterminated', json.dumps({"id": "d"}),
             json.dumps({"id": "e", "text": 5}), json.dumps({"id": "f", "text": "  "}),
             "", json.dumps(["not", "an", "object"]), good2]
    p = write(tmp_path, "batch.jsonl", jsonl(lines))
    items = list(iter_articles(p))
    assert [type(i).__name__ for i in items] == ["ArticleInput"] + ["InputError"] * 5 + ["ArticleInput"]
    a, b = items[0], items[-1]
    assert a.id == "a" and a.text == AR and a.published == "2023-10-29" and a.source == "X"
    assert b.id == "b" and b.published is None
    errs = items[1:-1]
    assert [e.line for e in errs] == [2, 3, 4, 5, 7]
    assert all(e.source == str(p) for e in errs)
    assert "malformed JSON" in str(errs[0]) and "line 2" in str(errs[0])
    assert "missing 'text'" in str(errs[1])
    assert "must be a string" in str(errs[2])
    assert "empty" in str(errs[3])
    assert "JSON object" in str(errs[4])


def test_jsonl_detected_by_content_and_bom(tmp_path):
    p = write(tmp_path, "articles.txt", codecs.BOM_UTF8 + b"  " + jsonl([json.dumps({"text": AR})]))
    (a,) = list(iter_articles(p))
    assert a.text == AR and a.id == path_id("articles.txt", AR)


def test_jsonl_line_without_id_takes_its_url_else_its_path_and_text(tmp_path):
    lines = [json.dumps({"text": AR, "url": "https://n.test/1"}), json.dumps({"text": AR}),
             json.dumps({"text": AR + "!"}), json.dumps({"id": 7, "text": AR})]
    p = write(tmp_path, "x.jsonl", jsonl(lines))
    assert [a.id for a in iter_articles(p)] == [
        url_id("https://n.test/1"), path_id("x.jsonl", AR), path_id("x.jsonl", AR + "!"), "7"]


def test_jsonl_invalid_utf8_line_has_file_byte_offset(tmp_path):
    first = jsonl([json.dumps({"id": "a", "text": "ok"})])
    bad = b'{"id": "b", "text": "\xc3("}\n'
    p = write(tmp_path, "x.jsonl", first + bad + jsonl([json.dumps({"id": "c", "text": "ok"})]))
    a, e, c = list(iter_articles(p))
    assert isinstance(e, InputError) and e.line == 2
    assert e.byte_offset == len(first) + bad.index(b"\xc3")
    assert a.id == "a" and c.id == "c"


def test_jsonl_bad_published(tmp_path):
    p = write(tmp_path, "x.jsonl", jsonl([json.dumps({"text": "ok", "published": "yesterday"}),
                                          json.dumps({"text": "ok", "published": 20231029})]))
    e1, e2 = list(iter_articles(p))
    assert "ISO date" in str(e1) and "string" in str(e2)


def test_jsonl_gz_streams(tmp_path):
    p = tmp_path / "x.jsonl.gz"
    with gzip.open(p, "wb") as f:
        for i in range(1000):
            f.write((json.dumps({"id": f"n{i}", "text": AR}, ensure_ascii=False) + "\n").encode())
    it = iter_articles(p)
    assert next(it).id == "n0"
    assert sum(1 for _ in it) == 999


def test_gzipped_plain_text_and_binary_gz(tmp_path):
    p = tmp_path / "report.txt.gz"
    with gzip.open(p, "wb") as f:
        f.write(AR.encode())
    (a,) = list(iter_articles(p))
    assert a == ArticleInput(id=path_id("report.txt.gz", AR), text=AR)
    bad = write(tmp_path, "x.jsonl.gz", b"not gzip at all")
    with pytest.raises(InputError, match="cannot read") as ei:
        list(iter_articles(bad))
    assert ei.value.source == str(bad)
    truncated = tmp_path / "t.jsonl.gz"
    truncated.write_bytes(gzip.compress(b'{"id": "a", "text": "ok"}\n' * 1000)[:-20])
    items = list(iter_articles(truncated))
    assert isinstance(items[0], ArticleInput) and isinstance(items[-1], InputError)


def test_jsonl_overlong_line_is_skipped(tmp_path):
    lines = [json.dumps({"id": "big", "text": "x" * 5000}), json.dumps({"id": "ok", "text": AR})]
    p = write(tmp_path, "x.jsonl", jsonl(lines))
    e, a = list(iter_articles(p, max_bytes=1000))
    assert isinstance(e, InputError) and e.line == 1 and "limit" in str(e)
    assert a.id == "ok"


def test_jsonl_from_stdin():
    data = jsonl([json.dumps({"id": "s", "text": AR})])
    (a,) = list(iter_articles("-", stdin=io.BytesIO(data)))
    assert a.id == "s" and a.text == AR


def test_gold_files_are_valid_input(shared_dir, gold_articles):
    got = []
    for name in ("seed.jsonl", "dev.jsonl"):
        got += list(iter_articles(shared_dir / "gold" / name))
    assert all(isinstance(a, ArticleInput) for a in got)
    assert [(a.id, a.text, a.published) for a in got] == \
        [(g["id"], g["text"], g["published"]) for g in gold_articles]


def test_bundled_samples_match_gold_without_records(gold_articles):
    samples = list(iter_samples())
    assert [s.text for s in samples] == [g["text"] for g in gold_articles]
    assert sample_path().is_file()
    with open(sample_path(), encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    assert all("records" not in d for d in lines)
    assert all(d.get("license", "").startswith("Apache-2.0") for d in lines if d["id"].startswith("ar-"))
    assert list(iter_articles(sample_path()))[0].id == samples[0].id


# --- hostile input (issue 15): one bad line never costs the good ones ----------------------------

def _escaped(d: dict) -> str:
    """A JSON line as an attacker writes it: lone surrogates and NUL as escapes."""
    return json.dumps(d, ensure_ascii=True)


@pytest.mark.parametrize("field", ["text", "title", "source", "url"])
def test_lone_surrogate_in_any_field_is_cleaned_not_fatal(tmp_path, field):
    good = {"id": "g", "text": AR, "published": "2024-03-02"}
    bad = {**good, "id": "s", field: (AR if field == "text" else "x") + " \ud800 end"}
    p = write(tmp_path, "s.jsonl", jsonl([_escaped(good), _escaped(bad), _escaped(good)]))
    items = list(iter_articles(p))
    assert [a.id for a in items] == ["g", "s", "g"]
    value = getattr(items[1], field)
    assert "\ud800" not in value and "\ufffd end" in value
    assert len(value) == len(bad[field])  # one for one: offsets do not move
    json.dumps([dataclasses.asdict(a) for a in items], ensure_ascii=False).encode("utf-8")
    assert items[1].origin == f"{p}, line 2"


@pytest.mark.parametrize("field", ["title", "source", "id"])
def test_nul_in_title_source_or_id_becomes_a_space(tmp_path, field):
    d = {"id": "n1", "text": AR, "title": "t", "source": "s"}
    d[field] = d[field] + "\x00x"
    (a,) = list(iter_articles(write(tmp_path, "n.jsonl", jsonl([_escaped(d)]))))
    assert getattr(a, field) == d[field].replace("\x00", " ")


def test_controls_in_json_text_are_cleaned_and_nothing_but_controls_is_empty(tmp_path):
    lines = [_escaped({"id": "one", "text": AR + "\x00" + AR}),
             _escaped({"id": "bin", "text": "\x00\x01\x02" * 30}),
             _escaped({"id": "few", "text": "قتل\x00\x01\x02\x03 جندي"})]
    a, e, b = list(iter_articles(write(tmp_path, "b.jsonl", jsonl(lines))))
    assert a.text == AR + " " + AR
    assert isinstance(e, InputError) and e.line == 2 and "empty" in str(e)
    assert b.text == "قتل     جندي"  # 4 of 12 characters were controls: still text, cleaned


def test_deeply_nested_json_line_is_an_error_for_that_line_only(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    lines = [deep, json.dumps({"id": "ok", "text": AR}), '{"id": 1, "text": ' + "9" * 5000 + "}"]
    e, a, e2 = list(iter_articles(write(tmp_path, "d.jsonl", jsonl(lines))))
    assert isinstance(e, InputError) and e.line == 1 and "JSON" in str(e)
    assert a.id == "ok"
    assert isinstance(e2, InputError) and e2.line == 3


def test_c0_controls_in_a_text_file_are_cleaned(tmp_path):
    p = write(tmp_path, "c.txt", (AR + "\x07\x1b" + AR).encode())
    assert read_text(p) == AR + "  " + AR


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
def test_arabic_utf16_without_bom_is_detected(tmp_path, enc):
    text = f"{AR}\n{AR}"  # Arabic with ASCII spaces, no Latin word and no BOM
    assert read_text(write(tmp_path, "u.txt", text.encode(enc))) == text


def test_legacy_arabic_bytes_are_not_mistaken_for_utf16(tmp_path):
    legacy = AR.replace("٣", "3")  # cp1256 has no Arabic-Indic digits
    p = write(tmp_path, "w.txt", (legacy + " " + legacy).encode("cp1256"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        read_text(p)


def _fifo(tmp_path, name):
    import os
    path = tmp_path / name
    os.mkfifo(path)
    return path


def _release(path, writer):
    """Hold the FIFO's read end open until the writer thread, whenever it opens, has finished."""
    import os
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        writer.join()
    finally:
        os.close(fd)


def test_fifo_is_refused_without_being_opened(tmp_path):
    import threading
    path = _fifo(tmp_path, "x.txt")
    written = threading.Event()

    def writer():  # if rasad opened the FIFO, it would read this text and not refuse it
        with open(path, "w", encoding="utf-8") as f:
            f.write(AR)
        written.set()

    t = threading.Thread(target=writer, daemon=True)
    t.start()
    with pytest.raises(InputError, match="FIFO") as ei:
        read_text(path)
    assert ei.value.source == str(path)
    with pytest.raises(InputError, match="FIFO"):
        list(iter_articles(path))
    assert not written.is_set()
    _release(path, t)


def test_device_is_refused(tmp_path):
    with pytest.raises(InputError, match="character device"):
        read_text("/dev/zero")
    with pytest.raises(InputError, match="character device"):
        list(iter_articles("/dev/zero"))
