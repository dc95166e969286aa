"""What a page may do in a browser: only http(s) URLs become links, and every response carries
headers that forbid inline script, MIME sniffing, framing and leaking the page's address.

Article URLs come from untrusted input (JSONL, feeds, WARC, ``POST /api/articles``).
``safe_href`` reads a URL the way a browser does (WHATWG URL: leading and trailing C0 controls
and spaces dropped, tabs and newlines removed anywhere) and returns it only when its scheme is
http or https and it names a host; anything else (``javascript:``, ``data:``, ``vbscript:``,
scheme-relative ``//host``, relative paths) is shown as text, never as a link.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

# 'self' only: no inline script or style, no eval, no plugins, no framing, no foreign hosts.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
_RAW = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]
_TAB_NL = re.compile(r"[\t\n\r]")
_EDGE = "".join(map(chr, range(0x21)))  # C0 controls and space, as the URL parser strips them


def safe_href(url: Any) -> str | None:
    """``url`` as a browser would read it, when it is an http(s) URL with a host; else None."""
    if not isinstance(url, str):
        return None
    clean = _TAB_NL.sub("", url.strip(_EDGE))
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in clean):
        return None
    try:
        parts = urlsplit(clean)
    except ValueError:  # e.g. an unbalanced IPv6 bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return clean


class SecurityHeaders:
    """ASGI middleware: add ``SECURITY_HEADERS`` to every HTTP response that lacks them."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(msg: dict) -> None:
            if msg["type"] == "http.response.start":
                msg["headers"] = add_raw_headers(list(msg.get("headers", [])))
            await send(msg)

        await self.app(scope, receive, with_headers)


def add_raw_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """``headers`` (ASGI form) with every security header it does not already carry."""
    have = {k.lower() for k, _ in headers}
    return headers + [(k, v) for k, v in _RAW if k not in have]
