"""Store fixtures: every store test runs on SQLite and, when RASAD_TEST_PG_URL is set, PostgreSQL
(in a fresh schema per test, dropped afterwards)."""
from __future__ import annotations

import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from rasad.store import open_store
from storefix import PG_URL


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="RASAD_TEST_PG_URL not set"))])
def store(request, tmp_path):
    if request.param == "sqlite":
        st = open_store(f"sqlite:///{tmp_path / 'rasad.db'}")
        yield st
        st.close()
        return
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_URL)
    with admin.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    st = open_store(f"{PG_URL}{sep}options={quote('-csearch_path=' + schema)}")
    try:
        yield st
    finally:
        st.close()
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
