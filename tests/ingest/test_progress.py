"""Progress bar: rate and ETA on a terminal (total counted up front), rate only when the total is
unknown, nothing at all in a pipe."""
from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from rasad.ingest.progress import count_articles
from rasad.ingest.pipeline import ingest
from rasad.ingest.readers import read_paths
from rasad.store import open_store
from rasad.store.types import ArticleInput

FAKE = "fake_extractor:extract"
HERE = Path(__file__).parent


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _inputs(tmp_path: Path, n_txt: int = 3, n_lines: int = 4) -> Path:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for i in range(n_txt):
        (root / "sub" / f"t{i}.txt").write_text(f"EVENT Battles|2024-03-0{1 + i}|Homs|{i}",
                                                encoding="utf-8")
    lines = [json.dumps({"id": f"j{i}", "published": "2024-03-02",
                         "text": f"نص {i}\nEVENT Battles|2024-03-1{i}|Gaza|{i}"}) for i in range(n_lines)]
    (root / "a.jsonl").write_text("\n".join(lines[:2]) + "\n\n  \n" + "\n".join(lines[2:]) + "\n",
                                  encoding="utf-8")
    with gzip.open(root / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("\n".join(ln.replace('"j', '"g').replace("EVENT", "gz\\nEVENT") for ln in lines) + "\n")
    (root / "ignored.csv").write_text("x,y\n", encoding="utf-8")
    return root


def test_count_matches_what_the_readers_yield(tmp_path):
    root = _inputs(tmp_path)
    n = count_articles([str(root), str(tmp_path / "missing.txt")])
    assert n == 3 + 4 + 4 + 1  # txt files, non-blank JSONL lines (plain and gzip), one error item
    assert n == sum(1 for _ in read_paths([str(root), str(tmp_path / "missing.txt")]))


def test_count_unknown_for_feeds_or_over_budget(tmp_path):
    root = _inputs(tmp_path)
    (root / "feed.rss").write_text("<rss><channel></channel></rss>", encoding="utf-8")
    assert count_articles([str(root)]) is None
    assert count_articles([str(root / "a.jsonl")], budget_s=-1) is None


def test_terminal_shows_rate_and_eta(tmp_path):
    root = _inputs(tmp_path)
    term = FakeTerminal()
    st = open_store(str(tmp_path / "db.sqlite"))
    s = ingest([str(root)], st, extractor=FAKE, published="2024-03-01", batch_size=4,
               progress_stream=term)  # progress=None: decided by the stream being a terminal
    assert s.new == 11
    out = term.getvalue()
    final = out.replace("\r", "\n").strip().splitlines()[-1]
    assert "11/11 art" in final and "100%" in final
    assert "art/s" in final and "?art/s" not in final  # a measured rate
    assert "ETA 00:00" in final and "new=11" in final


def test_unknown_total_shows_rate_without_eta(tmp_path):
    term = FakeTerminal()
    st = open_store(str(tmp_path / "db.sqlite"))
    items = [ArticleInput(id=f"x{i}", text=f"EVENT Battles|2024-03-0{1 + i}|Homs|1", published="2024-03-01")
             for i in range(3)]
    ingest(None, st, items=items, extractor=FAKE, progress_stream=term)
    final = term.getvalue().replace("\r", "\n").strip().splitlines()[-1]
    assert "3 art" in final and "art/s" in final and "?art/s" not in final
    assert "ETA" not in final and "%" not in final


def test_not_a_terminal_gets_no_bar(tmp_path):
    root = _inputs(tmp_path)
    pipe = io.StringIO()
    st = open_store(str(tmp_path / "db.sqlite"))
    s = ingest([str(root)], st, extractor=FAKE, published="2024-03-01", progress_stream=pipe)
    assert s.new == 11 and pipe.getvalue() == ""


def test_cli_in_a_pipe_prints_only_the_summary(tmp_path):
    root = _inputs(tmp_path)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    p = subprocess.run([sys.executable, "-m", "rasad.cli", "ingest", str(root), "--db",
                        str(tmp_path / "db.sqlite"), "--published", "2024-03-01", "--extractor", FAKE],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "\r" not in p.stderr and "art/s" not in p.stderr and "ETA" not in p.stderr
    assert p.stderr.strip().splitlines()[-1].startswith("articles read 11, new 11")
