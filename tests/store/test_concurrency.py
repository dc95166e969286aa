"""Concurrent writers in separate processes, on each store: they open a fresh store at the same
moment (migrations race), allocate event ids at the same time, and ingest the same input twice at
once; every writer succeeds and every id is unique."""
from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

import rasad
from rasad.store import open_store

import storefix

SPAWN = multiprocessing.get_context("spawn")  # real processes, each with its own connections


def _run_writers(url: str, tmp: Path, plans: list[tuple[str, int, int]], batch: int) -> list[dict]:
    barrier = SPAWN.Barrier(len(plans))
    procs = []
    for k, (tag, first, n) in enumerate(plans):
        out = tmp / f"writer{k}.json"
        p = SPAWN.Process(target=storefix.write_worker,
                          args=(url, tag, first, n, batch, barrier, str(out)))
        p.start()
        procs.append((p, out))
    for p, _ in procs:
        p.join(timeout=300)
    assert [p.exitcode for p, _ in procs] == [0] * len(plans)
    return [json.loads(out.read_text(encoding="utf-8")) for _, out in procs]


def _event_ids(url: str) -> list[str]:
    eng = create_engine(url)
    try:
        with eng.connect() as c:
            return [r[0] for r in c.execute(text("SELECT id FROM events"))]
    finally:
        eng.dispose()


def test_two_writers_at_once_get_unique_contiguous_event_ids(store_url, tmp_path):
    open_store(store_url).close()  # migrated first: this test is about the writes
    got = _run_writers(store_url, tmp_path, [("a", 0, 24), ("b", 1000, 24)], batch=3)
    assert [(g["new"], g["failed"], g["events_new"]) for g in got] == [(24, 0, 24)] * 2
    ids = _event_ids(store_url)
    # no id lost or handed out twice: the counter went up by one per event, under a lock
    assert sorted(ids) == sorted(f"SYR{i}" for i in range(1, 49))


def test_two_ingests_of_the_same_input_at_once_store_it_once(store_url, tmp_path):
    open_store(store_url).close()
    got = _run_writers(store_url, tmp_path, [("s", 0, 20), ("s", 0, 20)], batch=4)
    assert all(g["failed"] == 0 for g in got)
    assert sum(g["new"] for g in got) == 20 and sum(g["unchanged"] for g in got) == 20
    assert sorted(_event_ids(store_url)) == sorted(f"SYR{i}" for i in range(1, 21))
    st = open_store(store_url)
    assert st.query_events(limit=100)[1] == 20
    st.close()


def test_four_processes_opening_a_fresh_store_at_once_all_succeed(store_url, tmp_path):
    got = _run_writers(store_url, tmp_path, [(f"w{k}", 100 * k, 1) for k in range(4)], batch=1)
    assert sum(g["new"] for g in got) == 4
    eng = create_engine(store_url)
    with eng.connect() as c:
        versions = [r[0] for r in c.execute(text("SELECT version_num FROM alembic_version"))]
    assert versions == ["0002"]
    eng.dispose()


def test_two_rasad_ingest_runs_at_once_on_one_store(store_url, tmp_path):
    """The whole CLI twice at once on one input folder: both exit 0, each article stored once."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"a{i}.txt").write_text(f"قصف رقم {i} على المدينة\n", encoding="utf-8")
    env = dict(os.environ)
    here = Path(__file__).parent
    env["PYTHONPATH"] = os.pathsep.join([str(Path(rasad.__file__).parents[1]), str(here),
                                         env.get("PYTHONPATH", "")])
    cmds = [[sys.executable, "-m", "rasad.cli", "ingest", str(folder), "--db", store_url,
             "--published", published, "--batch-size", "2", "--extractor", "storefix:cli_extract"]
            for published in ("2024-05-01", "2024-05-01")]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env) for c in cmds]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e for _, e in outs]
    st = open_store(store_url)
    try:
        assert st.query_events(limit=100)[1] == 1  # twelve reports of one incident: one event
        ev = st.query_events()[0][0]
        assert st.get_event(ev.id).n_articles == 12
    finally:
        st.close()
