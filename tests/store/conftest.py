"""Store fixtures: every store test runs on SQLite and, when RASAD_TEST_PG_URL is set, PostgreSQL
(in a fresh schema per test, dropped afterwards)."""
from __future__ import annotations

import pytest

from rasad.store import open_store

@pytest.fixture
def store(store_url):
    st = open_store(store_url)
    try:
        yield st
    finally:
        st.close()
