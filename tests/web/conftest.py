"""Fixtures: a real SQLite store with the bundled sample articles (real extraction) and hostile
articles, an app over it, a token. Needs nothing outside the repository."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from rasad.store import open_store  # noqa: E402
from rasad.web.app import Settings, create_app  # noqa: E402
from webfix import fake_extract, hostile, hostile_url_articles, sample_pairs  # noqa: E402


@pytest.fixture(scope="session")
def loaded_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("web") / "web.sqlite"
    url = f"sqlite:///{path}"
    store = open_store(url)
    pairs = sample_pairs()
    assert sum(len(r.records) for _, r in pairs) >= 20, "the samples should give the dashboard events"
    store.add_articles(pairs + [hostile()] + hostile_url_articles(), extractor_version="test")
    store.close()
    return url


@pytest.fixture(scope="session")
def store(loaded_db):
    s = open_store(loaded_db)
    yield s
    s.close()


@pytest.fixture(scope="session")
def app(store):
    return create_app(store, settings=Settings(read_token_required=False, max_body_bytes=200_000),
                      extract_fn=fake_extract)


@pytest.fixture(scope="session")
def token(app) -> str:
    return app.state.tokens.create(name="tests")


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient
    return TestClient(app)

