"""Robust input: one article from a text file or stdin, many from JSON Lines, typed errors.

``read_text`` turns a path (or ``-`` for stdin) into a ``str`` or raises ``InputError`` saying what
is wrong: empty, binary, not UTF-8 (with the byte offset of the first bad byte), too large. UTF-8
and UTF-16/32 byte order marks are honoured and stripped. The size is checked before reading, so
a huge file fails at once; stdin is read in chunks up to the cap.

``iter_articles`` streams a file line by line: for JSON Lines (``.jsonl``, ``.ndjson``,
``.jsonl.gz``, ``.json.gz``, or content starting with ``{``) it yields, for every non-blank line,
either an ``ArticleInput`` or an ``InputError`` naming the file and line, so one bad line never
hides the others. Keys other than the article fields are ignored (the gold files are valid input).
A plain text file yields one ``ArticleInput``. An article whose input gives no id gets one from
its URL, else from its path and text (``rasad.ids``), never a bare file stem.
"""
from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import stat
import sys
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO, Iterator

from .decode import check_text, decode_bytes
from .errors import InputError
from .ids import article_id
from .textclean import clean_optional, clean_text

DEFAULT_MAX_BYTES = 10 * 1024 * 1024          # per article
_CHUNK = 1 << 16
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz")
__all__ = ["ArticleInput", "DEFAULT_MAX_BYTES", "check_text", "decode_bytes", "is_jsonl",
           "iter_articles", "normalize_published", "open_regular", "read_text"]


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
    origin: str | None = field(default=None, compare=False)  # "FILE, line N", for messages


def _name(path: str | os.PathLike[str]) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def _too_large(source: str, size: int | None, max_bytes: int) -> InputError:
    got = f"{size:,} bytes" if size is not None else f"more than {max_bytes:,} bytes"
    return InputError(f"input too large: {got}, the limit is {max_bytes:,} bytes per article "
                      "(raise it with max_bytes / --max-bytes, or split the input into JSON Lines)",
                      source=source)


_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _special(mode: int) -> str | None:
    """What a non-regular, non-directory file is ("a FIFO (named pipe)"), None for a file."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def special_file_error(path: str | os.PathLike[str], mode: int) -> InputError | None:
    """The error for a special file (never opened: a FIFO would block, a device never ends)."""
    what = _special(mode)
    if what is None:
        return None
    return InputError(f"{what}, not a regular file: skipped, never opened (pipe data to - "
                      "instead)", source=str(path))


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a regular file for reading; raise ``InputError`` for anything else.

    FIFOs, devices and sockets are refused from ``stat`` without being opened; the open itself is
    non-blocking and re-checked with ``fstat``, so a file swapped for a FIFO cannot hang it.
    """
    source = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("no such file", source=source) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=source) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not a file", source=source)
    err = special_file_error(path, st.st_mode)
    if err is not None:
        raise err
    try:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=source) from None
    err = special_file_error(path, os.fstat(fd).st_mode)
    if err is not None:
        os.close(fd)
        raise err
    return os.fdopen(fd, "rb")


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one regular file, at most ``max_bytes`` (checked before reading)."""
    source = str(path)
    with open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > max_bytes:
            raise _too_large(source, size, max_bytes)
        try:
            return _read_capped(f, max_bytes, source)
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror or e}", source=source) from None


def read_text(path_or_dash: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
              stdin: BinaryIO | None = None) -> str:
    """The (cleaned) text of one article file, or of stdin for ``-``; ``InputError`` if not."""
    source = _name(path_or_dash)
    if str(path_or_dash) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _read_capped(stream, max_bytes, source)
    else:
        data = read_bytes(path_or_dash, max_bytes=max_bytes)
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


def _open_binary(path: str | os.PathLike[str], stdin: BinaryIO | None, stack: ExitStack,
                 max_bytes: int) -> BinaryIO:
    if str(path) == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]
    f = stack.enter_context(open_regular(path))
    if str(path).lower().endswith(".gz"):
        gz = gzip.GzipFile(fileobj=f, mode="rb")
        return stack.enter_context(gz)  # type: ignore[return-value]
    size = os.fstat(f.fileno()).st_size
    if size > max_bytes and not is_jsonl(path, f.peek(_CHUNK)[:_CHUNK]):
        raise _too_large(str(path), size, max_bytes)  # one article: fail before reading it
    return f


def iter_articles(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES,
                  stdin: BinaryIO | None = None,
                  rel: str | None = None) -> Iterator[ArticleInput | InputError]:
    """Stream the articles of ``path`` (``-``: stdin); bad ones come as ``InputError`` items.

    Every text field is cleaned by ``rasad.textclean.clean_text``. A file that cannot be opened
    at all (missing, a directory, a FIFO or device, no permission) raises ``InputError``.
    ``rel``: the path relative to the ingested root that ids are made from (default: the name).
    """
    source = _name(path)
    rel = rel or ("stdin" if str(path) == "-" else Path(path).name)
    with ExitStack() as stack:
        f = _open_binary(path, stdin, stack, max_bytes)
        try:
            head = f.peek(_CHUNK)[:_CHUNK] if hasattr(f, "peek") else None
        except (OSError, EOFError) as e:  # gzip.BadGzipFile is an OSError
            raise InputError(f"cannot read: {e}", source=source) from None
        if is_jsonl(path, head):
            yield from _iter_jsonl(f, source, max_bytes, rel)
            return
        try:
            data = _read_capped(f, max_bytes, source)
        except (OSError, EOFError) as e:
            yield InputError(f"cannot read: {e}", source=source)
            return
        except InputError as e:
            yield e
            return
        try:
            text = decode_bytes(data, source=source)
        except InputError as e:
            yield e
            return
        yield ArticleInput(id=article_id(text, rel), text=text, origin=source)


def _iter_jsonl(f: BinaryIO, source: str, max_bytes: int,
                rel: str) -> Iterator[ArticleInput | InputError]:
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
                yield _parse_line(raw, source, lineno, start, rel)
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


def _parse_line(raw: bytes, source: str, lineno: int, start: int, rel: str) -> ArticleInput:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"not valid UTF-8 ({e.reason})", source=source, line=lineno,
                         byte_offset=start + e.start) from None
    try:
        d = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"malformed JSON: {e.msg} at column {e.colno}", source=source,
                         line=lineno) from None
    except (ValueError, RecursionError) as e:  # too deeply nested, an integer too long
        raise InputError(f"unusable JSON: {type(e).__name__}: {str(e)[:200]}", source=source,
                         line=lineno) from None
    if not isinstance(d, dict):
        raise InputError(f"expected a JSON object, got {type(d).__name__}", source=source, line=lineno)
    if "text" not in d:
        raise InputError("missing 'text'", source=source, line=lineno)
    text = d["text"]
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, not {type(text).__name__}", source=source,
                         line=lineno)
    text = clean_text(text)  # a JSON string is text by declaration: cleaned, never "binary"
    if not text.strip():
        raise InputError("empty 'text' (nothing but whitespace or control characters)",
                         source=source, line=lineno)
    aid = d.get("id")
    if isinstance(aid, bool) or not isinstance(aid, (str, int, type(None))):
        raise InputError(f"'id' must be a string, not {type(aid).__name__}", source=source,
                         line=lineno)
    opt = {}
    for key in ("source", "title", "url"):
        v = d.get(key)
        if v is not None and not isinstance(v, str):
            raise InputError(f"{key!r} must be a string, not {type(v).__name__}", source=source,
                             line=lineno)
        opt[key] = clean_optional(v)
    published = normalize_published(d.get("published"), source=source, line=lineno)
    aid = clean_text(str(aid)) if aid is not None and aid != "" else None
    return ArticleInput(id=aid or article_id(text, rel, opt["url"]), text=text,
                        published=published, origin=f"{source}, line {lineno}", **opt)
