"""Shared fixtures: the ``../shared`` contract directory, a fixed publication date, markers."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "pg: needs PostgreSQL (RASAD_TEST_PG_URL); skipped without it")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only contract directory: ``repo_root/../shared`` or ``$RASAD_SHARED_DIR``."""
    d = Path(os.environ.get("RASAD_SHARED_DIR") or REPO_ROOT.parent / "shared")
    if not (d / "gold").is_dir():
        pytest.skip(f"shared directory not found at {d} (set RASAD_SHARED_DIR)")
    return d


@pytest.fixture(scope="session")
def gold_articles(shared_dir: Path) -> list[dict]:
    """Every gold line of seed.jsonl and dev.jsonl, as dicts (records included)."""
    out = []
    for name in ("seed.jsonl", "dev.jsonl"):
        with open(shared_dir / "gold" / name, encoding="utf-8") as f:
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
