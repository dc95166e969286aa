"""Reading a gold file (JSON Lines of annotated articles) for ``rasad eval``, with typed errors.

Each non-blank line is a JSON object with ``id``, ``text`` (a string) and ``records`` (a list of
objects, each with a ``kind``). ``read_gold`` raises ``InputError`` naming the file, the line and
what is wrong (no such file, not UTF-8 with the byte offset, malformed JSON, a missing or
mistyped field) instead of letting a traceback out of the scorer.
"""
from __future__ import annotations

import json
import os
from typing import Any

from .errors import InputError
from .io import open_regular
from .textclean import clean_text


def _check(d: Any, source: str, n: int) -> dict[str, Any]:
    if not isinstance(d, dict):
        raise InputError(f"expected a JSON object, got {type(d).__name__}", source=source, line=n)
    for key in ("id", "text", "records"):
        if key not in d:
            raise InputError(f"missing {key!r} (a gold line needs id, text and records)",
                             source=source, line=n)
    if not isinstance(d["text"], str):
        raise InputError("'text' must be a string", source=source, line=n)
    recs = d["records"]
    if not isinstance(recs, list) or not all(isinstance(r, dict) and "kind" in r for r in recs):
        raise InputError("'records' must be a list of objects, each with a 'kind'",
                         source=source, line=n)
    d["text"] = clean_text(d["text"])
    return d


def read_gold(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The gold articles of ``path``; ``InputError`` at the first unusable line."""
    source = str(path)
    out: list[dict[str, Any]] = []
    offset = 0
    with open_regular(path) as f:
        for n, raw in enumerate(f, 1):
            start, offset = offset, offset + len(raw)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise InputError(f"not valid UTF-8 ({e.reason})", source=source, line=n,
                                 byte_offset=start + e.start) from None
            if not line.strip():
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"malformed JSON: {e.msg} at column {e.colno}", source=source,
                                 line=n) from None
            except (ValueError, RecursionError) as e:
                raise InputError(f"unusable JSON: {type(e).__name__}", source=source,
                                 line=n) from None
            out.append(_check(d, source, n))
    if not out:
        raise InputError("no gold articles in this file", source=source)
    return out
