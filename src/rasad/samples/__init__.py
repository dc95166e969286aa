"""Bundled sample articles: the project's seed article (Rudaw) and 15 ANT corpus v2.1 articles.

They are the texts of ``../shared/gold`` without the gold records, so that ``rasad demo`` and
``rasad extract`` have something real to read on a fresh install. Sources and licences are in
``SOURCES.md`` next to this file.

    >>> from rasad.samples import iter_samples
    >>> next(iter_samples()).source
    'Rudaw'
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator

SAMPLES_FILE = "articles.jsonl"


def sample_path() -> Path:
    """Filesystem path of the bundled ``articles.jsonl`` (JSON Lines, one article a line)."""
    ref = resources.files(__name__).joinpath(SAMPLES_FILE)
    # Installed as a regular package (wheel or editable), the resource is a real file.
    return Path(str(ref))


@contextmanager
def sample_file() -> Iterator[Path]:
    """Context manager giving a real file path even when the package is zipped."""
    with resources.as_file(resources.files(__name__).joinpath(SAMPLES_FILE)) as p:
        yield p


def iter_samples() -> Iterator["ArticleInput"]:  # noqa: F821 (lazy import)
    """Yield every bundled article as a ``rasad.io.ArticleInput``."""
    from ..io import ArticleInput

    text = resources.files(__name__).joinpath(SAMPLES_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        yield ArticleInput(id=d["id"], text=d["text"], published=d.get("published"),
                           source=d.get("source"), title=d.get("title"), url=d.get("url"))
