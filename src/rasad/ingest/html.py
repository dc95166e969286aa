"""HTML pages to articles: the declared charset honoured, trafilatura for main text and metadata.

Encoding, in the HTML standard's order: a byte order mark; the charset of the transport (the
HTTP ``Content-Type`` of a WARC record); the page's own ``<meta charset>`` or
``<meta http-equiv="Content-Type" content="...; charset=...">`` in its first 4 KB; else UTF-8
(or UTF-16 without a BOM when the bytes say so). A page that declares a legacy charset
(``windows-1256``) but is valid UTF-8 with non-ASCII bytes is read as UTF-8: such bytes are
almost never valid UTF-8 by chance, and mislabelled pages are common. Every field of the article
is cleaned by ``rasad.textclean.clean_text``.
"""
from __future__ import annotations

import re
from typing import Any

from rasad import decode
from rasad.errors import InputError
from rasad.records import text_id
from rasad.store.types import ArticleInput
from rasad.textclean import clean_optional, clean_text

_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_PRESCAN = 4096


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag of its first 4 KB, None if none."""
    m = _META_CHARSET.search(data[:_PRESCAN])
    return m.group(1).decode("ascii") if m else None


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of an HTTP ``Content-Type`` value, None if none."""
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else None


def _is_utf8_beyond_ascii(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(data: bytes, *, source: str, transport_charset: str | None = None) -> str:
    """The page's text (markup included), decoded as the module docstring says."""
    declared = transport_charset or meta_charset(data)
    enc = decode.known_encoding(declared)
    if enc is not None and enc != "utf-8" and _is_utf8_beyond_ascii(data):
        declared = None
    try:
        return decode.decode_bytes(data, source=source, encoding=declared)
    except InputError as e:
        if declared and enc is None:
            raise InputError(f"{e.message} (the page declares an unknown charset {declared!r})",
                             source=source) from None
        raise


def article_from_html(html: str, origin: str, url: str | None = None) -> ArticleInput:
    """The main text and metadata of a page (trafilatura); ``InputError`` when there is none."""
    import trafilatura
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        raise InputError("no main text found in the HTML", source=origin)

    def get(key: str) -> Any:
        return doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)

    text = get("text") or ""
    decode.check_text(text, source=origin)
    text = clean_text(text)
    published = None
    if get("date"):
        try:
            from rasad.io import normalize_published
            published = normalize_published(str(get("date")), source=origin)
        except InputError:
            published = None
    return ArticleInput(id=text_id(text), text=text, title=clean_optional(get("title")),
                        url=clean_optional(get("url") or url), published=published,
                        source=clean_optional(get("sitename") or get("hostname")),
                        origin=origin)
