"""SIGKILL ``rasad ingest`` mid-run: what was committed is whole, the next run resumes.

The subprocess uses a stand-in extractor that sleeps per article, so the run lasts seconds and the
kill lands while batches are still being extracted and committed.
"""
from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from rasad.ids import path_id

HERE = Path(__file__).parent
N, BATCH = 80, 5


def _folder(root: Path) -> dict[str, int]:
    """N articles, article i with 1 + i % 3 events; returns id -> expected record count."""
    expected = {}
    for i in range(N):
        lines = [f"تقرير رقم {i}"]
        for k in range(1 + i % 3):
            place = "Homs" if (i + k) % 2 else "Gaza"
            lines.append(f"EVENT Battles|2024-03-{1 + (i + k) % 27:02d}|{place}|{k}")
        (root / f"art{i:03d}.txt").write_text("\n".join(lines), encoding="utf-8")
        expected[path_id(f"art{i:03d}.txt", "\n".join(lines))] = 1 + i % 3
    return expected


def _start(folder: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
           "RASAD_FAKE_DELAY": "0.03"}
    return subprocess.Popen([sys.executable, "-m", "rasad.cli", "ingest", str(folder), "--db", str(db),
                             "--published", "2024-03-01", "--batch-size", str(BATCH),
                             "--extractor", "fake_extractor:slow_extract"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as c:
            return c.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet, or migrating
        return 0


def _kill_when(p: subprocess.Popen, db: Path, at_least: int) -> int:
    deadline = time.monotonic() + 120
    while _stored(db) < at_least:
        assert p.poll() is None, f"ingest ended before the kill: {p.communicate()}"
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.01)
    p.send_signal(signal.SIGKILL)
    p.communicate(timeout=30)
    assert p.returncode == -signal.SIGKILL
    return _stored(db)


def _check_whole(db: Path, expected: dict[str, int]) -> set[str]:
    """Every stored article has all its records; no record without its article."""
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        per = dict(c.execute("SELECT a.id, count(r.id) FROM articles a LEFT JOIN records r "
                             "ON r.article_id = a.id GROUP BY a.id"))
        orphans = c.execute("SELECT count(*) FROM records r WHERE NOT EXISTS "
                            "(SELECT 1 FROM articles a WHERE a.id = r.article_id)").fetchone()[0]
        unlinked = c.execute("SELECT count(*) FROM records WHERE event_id IS NULL").fetchone()[0]
    assert orphans == 0 and unlinked == 0
    assert {a: per[a] for a in per} == {a: expected[a] for a in per}
    return set(per)


def test_sigkill_mid_run_then_resume(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    expected = _folder(folder)
    db = tmp_path / "rasad.db"

    k1 = _kill_when(_start(folder, db), db, at_least=BATCH)
    assert BATCH <= k1 < N and k1 % BATCH == 0  # killed mid-run; only whole batches committed
    first = _check_whole(db, expected)

    k2 = _kill_when(_start(folder, db), db, at_least=k1 + 2 * BATCH)  # a resumed run, killed too
    assert k1 < k2 < N
    second = _check_whole(db, expected)
    assert first < second

    p = _start(folder, db)
    _, err = p.communicate(timeout=300)
    assert p.returncode == 0, err
    assert _check_whole(db, expected) == set(expected)
    with sqlite3.connect(db) as c:
        assert c.execute("SELECT count(*), count(DISTINCT content_hash) FROM articles").fetchone() == (N, N)
    m = re.search(r"articles read (\d+), new (\d+), updated (\d+), unchanged (\d+), failed (\d+)", err)
    assert m, err
    assert tuple(map(int, m.groups())) == (N, N - k2, 0, k2, 0)
