"""Robust input: one article from a text file or stdin, many from JSON Lines, typed errors.

``read_text`` turns a path (or ``-`` for stdin) into a ``str`` or raises ``InputError`` saying what
is wrong: empty, binary, not UTF-8 (with the byte offset of the first bad byte), too large. UTF-8
and UTF-16/32 byte order marks are honoured and stripped. The size is checked before reading, so
a huge file fails at once; stdin is read in chunks up to the cap.

``iter_articles`` streams a file line by line: for JSON Lines (``.jsonl``, ``.ndjson``,
``.jsonl.gz``, ``.json.gz``, or content starting with ``{``) it yields, for every non-blank line,
either an ``ArticleInput`` or an ``InputError`` naming the file and line, so one bad line never
hides the others. Keys other than the article fields are ignored (the gold files are valid input).
A plain text file yields one ``ArticleInput`` whose id is the file stem.
"""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO, Iterator

from .errors import InputError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024          # per article
_CHUNK = 1 << 16
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz")
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = frozenset("\t\n\r\x0c\x0b")


@dataclass(slots=True)
class ArticleInput:
    """One article to extract from. ``published`` is ``YYYY-MM-DD`` or ``None``.

    Mutable on purpose: callers fill ``published``/``source`` defaults (the CLI's flags)."""

    id: str
    text: str
    published: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None


def _name(path: str | os.PathLike[str]) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def _too_large(source: str, size: int | None, max_bytes: int) -> InputError:
    got = f"{size:,} bytes" if size is not None else f"more than {max_bytes:,} bytes"
    return InputError(f"input too large: {got}, the limit is {max_bytes:,} bytes per article "
                      "(raise it with max_bytes / --max-bytes, or split the input into JSON Lines)",
                      source=source)


def read_text(path_or_dash: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
              stdin: BinaryIO | None = None) -> str:
    """The text of one article file, or of stdin for ``-``; raises ``InputError`` when unusable."""
    source = _name(path_or_dash)
    if str(path_or_dash) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _read_capped(stream, max_bytes, source)
    else:
        p = Path(path_or_dash)
        try:
            size = p.stat().st_size
        except FileNotFoundError:
            raise InputError("no such file", source=source) from None
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror or e}", source=source) from None
        if p.is_dir():
            raise InputError("is a directory, not a file", source=source)
        if size > max_bytes:
            raise _too_large(source, size, max_bytes)
        try:
            with open(p, "rb") as f:
                data = _read_capped(f, max_bytes, source)
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror or e}", source=source) from None
    return decode_bytes(data, source=source)


def _read_capped(stream: BinaryIO, max_bytes: int, source: str) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise _too_large(source, None, max_bytes)
        parts.append(chunk)
    return b"".join(parts)


def decode_bytes(data: bytes, *, source: str = "<input>", line: int | None = None,
                 base_offset: int = 0) -> str:
    """Decode one article's bytes (BOM-aware, UTF-8 otherwise) and reject empty or binary data."""
    encoding, skip = "utf-8", 0
    for bom, enc in _BOMS:
        if data.startswith(bom):
            encoding, skip = enc, len(bom)
            break
    if encoding == "utf-8" and skip == 0 and b"\x00" in data:
        guessed = _guess_utf16(data)
        if guessed is None:
            raise InputError("binary data (NUL bytes), not text", source=source, line=line,
                             byte_offset=base_offset + data.index(b"\x00"))
        encoding = guessed
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"not valid {encoding.upper()}: byte {data[skip + e.start]:#04x} "
                         f"at offset {base_offset + skip + e.start} ({e.reason})",
                         source=source, line=line, byte_offset=base_offset + skip + e.start) from None
    check_text(text, source=source, line=line)
    return text


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NULs on one side of (almost) every pair of an ASCII-rich text."""
    sample = data[: 4096 - 4096 % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even == 0:
        return "utf-16-le"
    if even > 0.3 * half and odd == 0:
        return "utf-16-be"
    return None


def check_text(text: str, *, source: str = "<input>", line: int | None = None) -> None:
    """Reject text that is empty, whitespace-only, or mostly control characters."""
    if not text.strip():
        raise InputError("empty input (no text, or only whitespace)", source=source, line=line)
    sample = text[:65536]
    if "\x00" in sample:
        raise InputError("binary data (NUL characters), not text", source=source, line=line)
    bad = sum(1 for ch in sample if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc")
    if bad > 0.05 * len(sample):
        raise InputError(f"binary data: {bad} of {len(sample)} characters are control characters",
                         source=source, line=line)


def normalize_published(value: object, *, source: str = "<input>", line: int | None = None) -> str | None:
    """``YYYY-MM-DD`` of a ``published`` value (a date or ISO datetime string), ``None`` if absent."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"'published' must be a YYYY-MM-DD string, not {type(value).__name__}",
                         source=source, line=line)
    head = value.strip()[:10]
    try:
        return date.fromisoformat(head).isoformat()
    except ValueError:
        raise InputError(f"'published' is not an ISO date: {value!r}", source=source, line=line) from None


def is_jsonl(path: str | os.PathLike[str], head: bytes | None = None) -> bool:
    """JSON Lines by name, or by content whose first non-space character is ``{``."""
    name = str(path).lower()
    if name.endswith(_JSONL_SUFFIXES):
        return True
    if head is None:
        return False
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    return head.lstrip()[:1] == b"{"


def _open_binary(path: str | os.PathLike[str], stdin: BinaryIO | None) -> BinaryIO:
    if str(path) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    p = Path(path)
    if not p.exists():
        raise InputError("no such file", source=str(path))
    if p.is_dir():
        raise InputError("is a directory, not a file", source=str(path))
    if str(path).lower().endswith(".gz"):
        return gzip.open(p, "rb")  # type: ignore[return-value]
    return open(p, "rb")


def iter_articles(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                  stdin: BinaryIO | None = None) -> Iterator[ArticleInput | InputError]:
    """Stream the articles of ``path`` (``-``: stdin); bad ones come as ``InputError`` items.

    A file that cannot be opened at all raises ``InputError``.
    """
    source = _name(path)
    f = _open_binary(path, stdin)
    try:
        try:
            head = f.peek(_CHUNK)[:_CHUNK] if hasattr(f, "peek") else None
        except (OSError, EOFError) as e:  # gzip.BadGzipFile is an OSError
            raise InputError(f"cannot read: {e}", source=source) from None
        if is_jsonl(path, head):
            yield from _iter_jsonl(f, source, max_bytes)
            return
        stem = "stdin" if str(path) == "-" else (Path(path).name.split(".")[0] or Path(path).name)
        try:
            if str(path) == "-" or str(path).lower().endswith(".gz"):
                try:
                    data = _read_capped(f, max_bytes, source)
                except (OSError, EOFError) as e:
                    raise InputError(f"cannot read: {e}", source=source) from None
                text = decode_bytes(data, source=source)
            else:
                text = read_text(path, max_bytes=max_bytes)
        except InputError as e:
            yield e
            return
        yield ArticleInput(id=stem, text=text)
    finally:
        if str(path) != "-":
            f.close()


def _iter_jsonl(f: BinaryIO, source: str, max_bytes: int) -> Iterator[ArticleInput | InputError]:
    offset = 0
    lineno = 0
    try:
        while True:
            raw = f.readline(max_bytes + 1)
            if not raw:
                return
            lineno += 1
            start = offset
            offset += len(raw)
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                offset += _skip_line(f)
                yield InputError(
                    f"line longer than the limit of {max_bytes / 1e6:.1f} MB per article",
                    source=source, line=lineno)
                continue
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw, start = raw[len(codecs.BOM_UTF8):], start + len(codecs.BOM_UTF8)
            if not raw.strip():
                continue
            try:
                yield _parse_line(raw, source, lineno, start)
            except InputError as e:
                yield e
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        yield InputError(f"cannot read further: {e}", source=source, line=lineno + 1)


def _skip_line(f: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = f.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _parse_line(raw: bytes, source: str, lineno: int, start: int) -> ArticleInput:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"not valid UTF-8 ({e.reason})", source=source, line=lineno,
                         byte_offset=start + e.start) from None
    try:
        d = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"malformed JSON: {e.msg} at column {e.colno}", source=source, line=lineno) from None
    if not isinstance(d, dict):
        raise InputError(f"expected a JSON object, got {type(d).__name__}", source=source, line=lineno)
    if "text" not in d:
        raise InputError("missing 'text'", source=source, line=lineno)
    text = d["text"]
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, not {type(text).__name__}", source=source, line=lineno)
    check_text(text, source=source, line=lineno)
    aid = d.get("id")
    if aid is None or aid == "":
        aid = f"{Path(source).name.split('.')[0]}-{lineno}"
    elif not isinstance(aid, (str, int)):
        raise InputError(f"'id' must be a string, not {type(aid).__name__}", source=source, line=lineno)
    opt = {}
    for key in ("source", "title", "url"):
        v = d.get(key)
        if v is not None and not isinstance(v, str):
            raise InputError(f"{key!r} must be a string, not {type(v).__name__}", source=source, line=lineno)
        opt[key] = v
    published = normalize_published(d.get("published"), source=source, line=lineno)
    return ArticleInput(id=str(aid), text=text, published=published, **opt)
