"""Fixtures: a real SQLite store with the gold articles and one hostile article, an app, a token."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from rasad.store import ArticleInput, open_store  # noqa: E402
from rasad.web.app import Settings, create_app  # noqa: E402
from rasad.web.demo import annotated, read_jsonl  # noqa: E402
from webfix import GOLD, fake_extract, hostile  # noqa: E402


@pytest.fixture(scope="session")
def loaded_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("web") / "web.sqlite"
    url = f"sqlite:///{path}"
    store = open_store(url)
    files = sorted(GOLD.glob("*.jsonl"))
    if not files:   # an empty dashboard would make every web test meaningless: say why instead
        pytest.fail(f"web tests need the annotated gold articles at {GOLD} (set RASAD_SHARED_DIR)")
    items = read_jsonl(files)
    pairs = [(ArticleInput(id=d["id"], text=d["text"], published=d.get("published"),
                           source=d.get("source"), title=d.get("title"), url=d.get("url")), annotated(d))
             for d in items]
    store.add_articles(pairs + [hostile()], extractor_version="test")
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

