"""Article ids that never collide and never change between runs of the same input.

An article's id is, in this order: the id its input gives (a JSON Lines ``id``); else one made
from its canonical URL (a page's ``<link rel=canonical>`` or ``og:url``, a WARC record's
``WARC-Target-URI``, a feed entry's link, a JSON Lines ``url``): ``url-<host>-<hash>``; else one
made from its path relative to the ingested root and its text: ``<file stem>-<hash>``. Never a
bare file stem, so ``a/index.html`` and ``b/index.html`` are two articles. The hashes are of the
cleaned text and the normalized URL, so re-reading the same input gives the same ids.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import PurePath
from urllib.parse import urlsplit, urlunsplit

_UNSAFE = re.compile(r"[^\w.-]+")


def _digest(*parts: str) -> str:
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


def _label(s: str, limit: int = 40) -> str:
    return _UNSAFE.sub("_", s).strip("_.")[:limit]


def normalize_url(url: str) -> str:
    """``url`` with its scheme and host lower-cased and its fragment dropped."""
    u = urlsplit(url.strip())
    return urlunsplit((u.scheme.lower(), u.netloc.lower(), u.path, u.query, ""))


def url_id(url: str) -> str:
    """``url-<host>-<hash of the normalized URL>``: the same page gives the same id."""
    norm = normalize_url(url)
    host = _label(urlsplit(norm).hostname or "")
    return f"url-{host}-{_digest(norm)}" if host else f"url-{_digest(norm)}"


def path_id(rel: str, text: str) -> str:
    """``<stem>-<hash of the relative path and the text>`` for an article without a URL."""
    rel = PurePath(rel).as_posix()
    stem = _label(PurePath(rel).name.split(".")[0]) or "article"
    return f"{stem}-{_digest(rel, text)}"


def article_id(text: str, rel: str, url: str | None = None) -> str:
    """The id of an article its input gives none: from ``url`` if any, else ``rel`` and text."""
    return url_id(url) if url and url.strip() else path_id(rel, text)
