"""Store fixtures: every store test runs on SQLite and, when RASAD_TEST_PG_URL is set, PostgreSQL
(in a fresh schema per test, dropped afterwards)."""
from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from rasad.store import open_store
from storefix import PG_URL

_BOTH = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="RASAD_TEST_PG_URL not set"))]


@pytest.fixture(params=_BOTH)
def store_url(request, tmp_path):
    """The URL of a store nobody has opened yet: a new SQLite file, or a new PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'rasad.db'}"
        return
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options={quote('-csearch_path=' + schema)}"
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(store_url):
    st = open_store(store_url)
    try:
        yield st
    finally:
        st.close()
