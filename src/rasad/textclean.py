"""The one text-cleaning policy at the input boundary (CLI, ingest readers, both stores, the API).

Text reaches rasad from JSON escapes, feeds, WARC records and HTTP bodies, so it may hold code
points that cannot be encoded or stored: a lone surrogate (JSON ``"\\ud800"``) cannot be written
as UTF-8, PostgreSQL refuses NUL in text columns, and other C0 controls break terminals, CSV and
XML exports. Every article field (text, title, source, url, id) passes through ``clean_text``
before it is extracted, stored or printed, so all entry points treat such input the same way:

- a lone surrogate (U+D800..U+DFFF) becomes U+FFFD REPLACEMENT CHARACTER;
- a C0 control other than TAB, LF and CR (U+0000..U+0008, U+000B, U+000C, U+000E..U+001F; NUL
  included) becomes U+0020 SPACE;
- every other character (DEL, C1 controls, bidi marks, any script) is kept.

The replacement is one character for one, so ``len(clean_text(s)) == len(s)``: the stored text is
the cleaned text, evidence spans refer to it, and because nothing moves they index the same
positions in the text as it arrived. Binary detection (``rasad.decode.check_text``: mostly
control characters) applies to bytes decoded from a file (.txt, .html, a feed, a WARC record) and
runs before cleaning, so a binary file is still refused rather than "cleaned". A JSON string is
text by declaration: it is only cleaned, and refused only when nothing but whitespace is left.
"""
from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _replace(m: re.Match[str]) -> str:
    return REPLACEMENT if m.group() >= "\ud800" else " "


def needs_cleaning(s: str) -> bool:
    """True when ``clean_text`` would change ``s``."""
    return _BAD.search(s) is not None


def clean_text(s: str) -> str:
    """``s`` with lone surrogates replaced by U+FFFD and C0 controls (not TAB/LF/CR) by spaces."""
    if _BAD.search(s) is None:
        return s
    return _BAD.sub(_replace, s)


def clean_optional(s: str | None) -> str | None:
    """``clean_text`` for an optional field: ``None`` stays ``None``."""
    return None if s is None else clean_text(s)
