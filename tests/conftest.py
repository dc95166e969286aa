"""Shared fixtures: the ``../shared`` contract directory, a fixed publication date, markers.

The shared directory (gold, corpus, tools) sits beside a development checkout, not inside the
repository: every test that reads it asks for ``shared_dir`` (or ``gold_file``), which finds it at
``$RASAD_SHARED_DIR`` or ``../shared`` and skips the test, with the reason, when it is absent. A bare
clone therefore runs everything else and skips those; ``.ci/run`` runs them with ``../shared``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "pg: needs PostgreSQL (RASAD_TEST_PG_URL); skipped without it")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only contract directory: ``repo_root/../shared`` or ``$RASAD_SHARED_DIR``."""
    d = Path(os.environ.get("RASAD_SHARED_DIR") or REPO_ROOT.parent / "shared")
    if not (d / "gold").is_dir():
        pytest.skip(f"needs the shared gold/corpus directory, not found at {d}/gold "
                    "(a bare clone has none; set RASAD_SHARED_DIR to run this test)")
    return d


@pytest.fixture(scope="session")
def gold_file(shared_dir: Path) -> Callable[[str], Path]:
    """``gold_file("dev.jsonl")``: the path of one shared gold file; skips when it is missing."""
    def find(name: str) -> Path:
        p = shared_dir / "gold" / name
        if not p.is_file():
            pytest.skip(f"needs the shared gold file {p}, which is missing")
        return p
    return find


@pytest.fixture(scope="session")
def gold_articles(gold_file: Callable[[str], Path]) -> list[dict]:
    """Every gold line of seed.jsonl and dev.jsonl, as dicts (records included)."""
    out = []
    for name in ("seed.jsonl", "dev.jsonl"):
        with open(gold_file(name), encoding="utf-8") as f:
            out += [json.loads(line) for line in f if line.strip()]
    return out


@pytest.fixture
def published() -> str:
    """A fixed publication date: nothing in rasad resolves dates against today."""
    return "2023-10-29"


@pytest.fixture(scope="session")
def pg_url() -> str:
    url = os.environ.get("RASAD_TEST_PG_URL")
    if not url:
        pytest.skip("RASAD_TEST_PG_URL not set")
    return url


_PG_URL = os.environ.get("RASAD_TEST_PG_URL")
_BOTH_STORES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not _PG_URL, reason="RASAD_TEST_PG_URL not set"))]


@pytest.fixture(params=_BOTH_STORES)
def store_url(request, tmp_path):
    """The URL of a store nobody has opened yet: a new SQLite file, or a new PostgreSQL schema
    (dropped afterwards). Every test that takes it runs on SQLite and, when RASAD_TEST_PG_URL is
    set, on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rasad.db'}"
        return
    import uuid
    from urllib.parse import quote

    from sqlalchemy import create_engine, text
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(_PG_URL)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in _PG_URL else "?"
    try:
        yield f"{_PG_URL}{sep}options={quote('-csearch_path=' + schema)}"
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
