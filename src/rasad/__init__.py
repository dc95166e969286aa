"""rasad (رصد): ACLED-style conflict event records from Arabic news, every field tied to its evidence.

    >>> import rasad
    >>> result = rasad.extract(text, published="2023-10-29", source="Rudaw")
    >>> result.records[0].event_type
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "analyze"]


def extract(text, published=None, source=None, id=None, title=None, url=None):
    """Records of one article (``rasad.records.ArticleResult``)."""
    from .extract.api import extract as _extract

    return _extract(text, published=published, source=source, id=id, title=title, url=url)


def analyze(text, published=None):
    """Everything the text and knowledge layers find in ``text``, as a dict of span lists."""
    from .extract.api import analyze as _analyze

    return _analyze(text, published=published)
