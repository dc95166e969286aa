from __future__ import annotations

import argparse
import json

import pytest

import fake_extractor
from rasad.ids import path_id
from rasad.ingest.batch import ArticleFailure, extract_batch
from rasad.ingest.pipeline import ingest
from rasad.store import open_store
from rasad.store.types import ArticleInput

FAKE = "fake_extractor:extract"


def _jsonl(path, n, *, start=0, published="2024-03-02", extra=()):
    lines = []
    for i in range(start, start + n):
        place = "Homs" if i % 2 else "Gaza"
        lines.append(json.dumps({"id": f"a{i}", "source": f"S{i % 3}", "published": published,
                                 "title": None, "url": None,
                                 "text": f"تقرير رقم {i}\nEVENT Battles|2024-03-{1 + i % 20:02d}|{place}|{i}"},
                                ensure_ascii=False))
    path.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return path


def test_extract_batch_reports_failures_per_article():
    arts = [ArticleInput(id="x", text="EVENT Battles|2024-03-01|Homs|1", published="2024-03-01"),
            ArticleInput(id="y", text="FAIL", origin="f.jsonl:2")]
    out = extract_batch(arts, fake_extractor.extract)
    assert out[0].records[0].event_type == "Battles"
    assert isinstance(out[1], ArticleFailure) and out[1].origin == "f.jsonl:2" and "cannot parse" in out[1].error


def test_ingest_summary_errors_and_resume(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", 25, extra=["{broken", json.dumps({"id": "nodate", "text": "نص بلا تاريخ"}),
                                                  json.dumps({"id": "f", "text": "FAIL", "published": "2024-03-01"})])
    st = open_store(str(tmp_path / "db.sqlite"))
    s = ingest([str(src)], st, batch_size=10, extractor=FAKE, progress=False)
    assert (s.read, s.new, s.failed, s.records) == (28, 25, 3, 25)
    assert s.exit_code == 1
    text = s.report()
    assert "line 26" in text and "nodate" in text and "--published" in text and "extraction failed" in text
    assert st.query_events()[1] == s.events > 0
    s2 = ingest([str(src)], st, batch_size=10, extractor=FAKE, progress=False)
    assert (s2.new, s2.unchanged, s2.records, s2.failed) == (0, 25, 0, 3)


def test_published_default_fills_missing_dates(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("EVENT Battles|2024-05-01|Homs|2", encoding="utf-8")
    st = open_store(str(tmp_path / "db.sqlite"))
    s = ingest([str(p)], st, published="2024-05-01", extractor=FAKE, progress=False)
    assert (s.new, s.failed) == (1, 0)
    assert st.get_article(path_id("a.txt", p.read_text("utf-8"))).published == "2024-05-01"


def test_commit_per_batch_survives_a_crash(tmp_path, monkeypatch):
    src = _jsonl(tmp_path / "in.jsonl", 30)
    st = open_store(str(tmp_path / "db.sqlite"))
    calls = {"n": 0}
    real = st.add_articles

    def crashing(pairs, version=None):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(pairs, version)

    monkeypatch.setattr(st, "add_articles", crashing)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(src)], st, batch_size=10, extractor=FAKE, progress=False)
    monkeypatch.undo()
    st2 = open_store(str(tmp_path / "db.sqlite"))
    s = ingest([str(src)], st2, batch_size=10, extractor=FAKE, progress=False)
    assert (s.unchanged, s.new) == (20, 10)


def test_dask_local_cluster_same_result(tmp_path):
    src = _jsonl(tmp_path / "in.jsonl", 40)
    one = open_store(str(tmp_path / "one.sqlite"))
    s1 = ingest([str(src)], one, batch_size=7, extractor=FAKE, progress=False)
    many = open_store(str(tmp_path / "many.sqlite"))
    s2 = ingest([str(src)], many, batch_size=7, workers=2, processes=False, extractor=FAKE,
                progress=False)
    assert (s2.new, s2.records, s2.events) == (s1.new, s1.records, s1.events) == (40, 40, s1.events)


def _cli(argv):
    from rasad import cli_store
    p = argparse.ArgumentParser()
    cli_store.register(p.add_subparsers())
    a = p.parse_args(argv)
    return a.func(a)


def test_cli_exit_codes_and_export(tmp_path, capsys):
    db = str(tmp_path / "c.sqlite")
    good = _jsonl(tmp_path / "good.jsonl", 4)
    assert _cli(["ingest", str(good), "--db", db, "--extractor", FAKE]) == 0
    err = capsys.readouterr().err
    assert "articles read 4, new 4" in err
    bad = _jsonl(tmp_path / "bad.jsonl", 2, start=10, extra=["{oops"])
    assert _cli(["ingest", str(bad), "--db", db, "--extractor", FAKE]) == 1
    assert "bad.jsonl" in capsys.readouterr().err
    assert _cli(["ingest", str(good), "--db", db, "--workers", "0"]) == 2
    out = tmp_path / "e.csv"
    assert _cli(["export", "--db", db, "--format", "csv", "-o", str(out), "--country", "SY"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("event_id_cnty,event_date,year") and len(lines) > 1
    assert all(",Syria," in ln for ln in lines[1:])
    assert _cli(["export", "--db", db, "--format", "parquet"]) == 2
    with pytest.raises(SystemExit):
        _cli(["export", "--since", "yesterday"])


def test_dask_workers_extract_with_the_knowledge_dirs_of_the_ingest(tmp_path):
    from rasad.knowledge import loader
    kdir = tmp_path / "kn"
    kdir.mkdir()
    src = _jsonl(tmp_path / "in.jsonl", 6)
    loader.set_knowledge_dirs([kdir])  # what `rasad --knowledge-dir kn ingest` does
    try:
        st = open_store(str(tmp_path / "k.sqlite"))
        s = ingest([str(src)], st, batch_size=2, workers=2, processes=True,
                   extractor="fake_extractor:knowledge_probe", progress=False)
    finally:
        loader.set_knowledge_dirs([])
    assert s.new == 6
    assert {st.get_article(f"a{i}").title for i in range(6)} == {str(kdir)}


def test_a_failed_worker_batch_becomes_per_article_failures():
    from rasad.ingest.batch import _result

    class Lost:
        def result(self):
            raise RuntimeError("worker lost")

    arts = [ArticleInput(id="p", text="x", origin="f.jsonl, line 1"),
            ArticleInput(id="q", text="y")]
    out = _result(Lost(), arts)
    assert [f.id for f in out] == ["p", "q"] and all(isinstance(f, ArticleFailure) for f in out)
    assert out[0].origin == "f.jsonl, line 1" and "worker lost" in out[0].error
