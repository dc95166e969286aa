"""The CLI in process: extract (text, JSON Lines, stdin, bad lines), analyze, eval == score.py."""
import io
import json
import subprocess
import sys

import pytest

from rasad.cli import main

# The pipeline needs the geocoder (issue 3); until it lands these tests cannot run.
pytest.importorskip("rasad.knowledge.geocoder", reason="rasad.knowledge.geocoder has not landed yet")



def run(argv, capsys, stdin=None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


ART = "اعترضت الدفاعات الجوية الأردنية، الخميس، صاروخا فوق مدينة إربد، دون وقوع أضرار."


def test_extract_text_file(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(ART, encoding="utf-8")
    code, out, err = run(["extract", str(p), "--published", "2023-10-29", "--source", "Test"], capsys)
    assert code == 0, err
    [obj] = [json.loads(line) for line in out.splitlines()]
    assert obj["article"]["published"] == "2023-10-29" and obj["article"]["source"] == "Test"
    assert any(r["sub_event_type"] == "Disrupted weapons use" for r in obj["records"])


def test_extract_jsonl_with_bad_lines_keeps_the_others(tmp_path, capsys):
    p = tmp_path / "in.jsonl"
    good = {"id": "a1", "text": ART, "published": "2023-10-29", "source": "X", "extra": 1}
    p.write_text(json.dumps(good, ensure_ascii=False) + "\n{not json\n"
                 + json.dumps({"id": "e", "text": "", "published": "2023-10-29"}) + "\n"
                 + json.dumps({**good, "id": "a2"}, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, err = run(["extract", str(p)], capsys)
    assert code == 1
    ids = [json.loads(line)["article"]["id"] for line in out.splitlines()]
    assert ids == ["a1", "a2"]
    assert "line 2" in err


def test_extract_stdin_and_table(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")    # the table fits the terminal; narrow ones wrap cells
    code, out, err = run(["extract", "-", "--published", "2023-10-29", "--format", "table"], capsys, ART, monkeypatch)
    assert code == 0, err
    assert "Disrupted weapons use" in out


def test_extract_invalid_utf8_names_byte(tmp_path, capsys):
    p = tmp_path / "bad.txt"
    p.write_bytes("نص".encode() + b"\xff\xfe rest")
    code, out, err = run(["extract", str(p), "--published", "2023-10-29"], capsys)
    assert code == 1 and "bad.txt" in err and "4" in err


def test_analyze_json_contract(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text("الاثنين الماضي قتل 3 مدنيين في قصف على دوما.", encoding="utf-8")
    code, out, err = run(["analyze", str(p), "--published", "2023-10-29", "--format", "json"], capsys)
    assert code == 0, err
    d = json.loads(out)
    for k in ("dates", "numbers", "places", "actors", "triggers"):
        assert k in d
        for m in d[k]:
            assert {"start", "end", "text"} <= set(m)
    assert any(x["value"] == {"start": "2023-10-23", "end": "2023-10-23", "precision": "day"} for x in d["dates"])
    assert any(x["value"] == 3 for x in d["numbers"])
    code, out, err = run(["analyze", str(p), "--published", "2023-10-29"], capsys)
    assert code == 0 and "دوما" in out


@pytest.mark.parametrize("name", ["seed", "dev"])
def test_eval_equals_referee(shared_dir, tmp_path, capsys, name):
    gold = shared_dir / "gold" / f"{name}.jsonl"
    code, out, _ = run(["eval", str(gold), "--json"], capsys)
    assert code == 0
    mine = json.loads(out)
    code, pred, _ = run(["extract", str(gold), "--format", "json"], capsys)
    assert code == 0
    pp = tmp_path / "pred.jsonl"
    pp.write_text(pred, encoding="utf-8")
    ref = subprocess.run([sys.executable, str(shared_dir / "tools" / "score.py"), str(gold), str(pp), "--json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(ref.stdout) == mine


# --- issue 15: a bad line never costs the good ones; clear errors, honest exit codes ----------

def test_extract_hostile_jsonl_writes_every_good_line_and_names_the_failures(tmp_path, capsys):
    good = {"text": ART, "published": "2023-10-29"}
    rows = [{**good, "id": "a1"},
            {**good, "id": "sur-text", "text": ART + " \ud800"},
            {**good, "id": "sur-title", "title": "\ud800"},
            {**good, "id": "sur-source", "source": "\udc00"},
            {**good, "id": "sur-url", "url": "https://x.test/\ud800"},
            {**good, "id": "nul\x00id", "title": "t\x00", "source": "s\x00"},
            {**good, "id": "a7"}]
    lines = [json.dumps(r) for r in rows]
    lines.insert(3, "{broken")
    p = tmp_path / "h.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="ascii")
    code, out, err = run(["extract", str(p), "--format", "jsonl"], capsys)
    assert code == 1
    got = [json.loads(line) for line in out.splitlines()]
    assert [g["article"]["id"] for g in got] == ["a1", "sur-text", "sur-title", "sur-source",
                                                "sur-url", "nul id", "a7"]
    assert got[2]["article"]["title"] == "\ufffd" and got[5]["article"]["source"] == "s "
    assert "7 article(s) extracted, 1 failed:" in err and "h.jsonl, line 4" in err


def test_extract_spans_index_the_cleaned_text(tmp_path, capsys):
    text = "\ud800\x00" + ART
    p = tmp_path / "s.jsonl"
    p.write_text(json.dumps({"id": "s", "text": text, "published": "2023-10-29"}) + "\n")
    code, out, err = run(["extract", str(p)], capsys)
    assert code == 0, err
    stored = "\ufffd " + ART
    recs = json.loads(out)["records"]
    assert recs
    for r in recs:
        for ev in r["evidence"]:
            assert stored[ev["start"]:ev["end"]] == ev["text"]


def test_unreadable_input_exit_code_matches_the_readme(tmp_path, capsys):
    from pathlib import Path
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert "1 some input, record or article failed, unreadable ones included" in readme
    good = tmp_path / "a.txt"
    good.write_text(ART, encoding="utf-8")
    code, out, err = run(["extract", str(tmp_path / "missing.txt"), str(good),
                          "--published", "2023-10-29"], capsys)
    assert code == 1 and "missing.txt" in err and "no such file" in err
    assert len(out.splitlines()) == 1
    code, _, err = run(["analyze", str(tmp_path / "missing.txt")], capsys)
    assert code == 1 and "no such file" in err
    with pytest.raises(SystemExit) as ei:
        main(["extract", str(good), "--max-bytes", "lots"])
    assert ei.value.code == 2


def test_extract_fifo_does_not_hang(tmp_path, capsys):
    import os
    fifo = tmp_path / "x.txt"
    os.mkfifo(fifo)
    code, out, err = run(["extract", str(fifo), "--published", "2023-10-29"], capsys)
    assert code == 1 and "FIFO" in err and out == ""


def test_max_bytes_option_and_the_size_error_that_advises_it(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(ART, encoding="utf-8")
    code, out, err = run(["extract", str(p), "--published", "2023-10-29", "--max-bytes", "50"],
                         capsys)
    assert code == 1 and "too large" in err and "--max-bytes" in err and out == ""
    code, out, err = run(["extract", str(p), "--published", "2023-10-29", "--max-bytes", "1K"],
                         capsys)
    assert code == 0 and json.loads(out)["article"]["id"].startswith("a-")
    code, _, err = run(["analyze", str(p), "--max-bytes", "50"], capsys)
    assert code == 1 and "--max-bytes" in err


def _gold_line(**over):
    d = {"id": "g1", "text": ART, "published": "2023-10-29", "records": []}
    d.update(over)
    return json.dumps(d, ensure_ascii=False)


@pytest.mark.parametrize("content, expect", [
    (None, "no such file"),
    ("نص".encode("cp1256") + b"\n", "not valid UTF-8"),
    (_gold_line().encode() + b"\n" + _gold_line(id="g2").replace(', "records": []', "").encode(),
     "line 2: missing 'records'"),
    (b'{"id": "x", "text": "t", "records": [1]}\n', "line 1: 'records' must be a list"),
    (b"{oops\n", "line 1: malformed JSON"),
    (b"\n\n", "no gold articles"),
])
def test_eval_bad_gold_file_is_a_clear_error(tmp_path, capsys, content, expect):
    p = tmp_path / "gold.jsonl"
    if content is not None:
        p.write_bytes(content)
    code, out, err = run(["eval", str(p)], capsys)
    assert code == 1 and expect in err and "Traceback" not in err and out == ""
    assert str(p) in err


def test_eval_valid_invented_gold(tmp_path, capsys):
    p = tmp_path / "gold.jsonl"
    p.write_text(_gold_line() + "\n", encoding="utf-8")
    code, out, err = run(["eval", str(p), "--json"], capsys)
    assert code == 0, err
    assert json.loads(out)["articles"] == 1


def test_export_from_a_missing_database_is_an_error_and_creates_nothing(tmp_path, capsys):
    typo = tmp_path / "typo.db"
    for db in (str(typo), f"sqlite:///{typo}"):
        code, out, err = run(["export", "--db", db], capsys)
        assert code == 1 and "no store at" in err and str(typo) in err and out == ""
        assert not typo.exists()
