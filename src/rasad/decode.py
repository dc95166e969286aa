"""Bytes to article text: byte order marks, declared charsets, UTF-16 without a BOM, binary data.

``decode_bytes`` picks the encoding in this order: a byte order mark (UTF-8, UTF-16, UTF-32;
stripped), else the charset the caller found declared (an HTML ``<meta charset>`` or an HTTP
``Content-Type``), else UTF-8; when UTF-8 fails or yields binary-looking text it tries UTF-16
without a BOM (``guess_utf16``) before giving up. It raises ``InputError`` for empty, binary or
undecodable data, naming the source, line and byte offset of the first bad byte.

The decoded text is then cleaned by ``rasad.textclean.clean_text`` (lone surrogates, NUL and
other C0 controls; one character for one, so offsets do not move). Binary detection
(``check_text``) looks at the text before cleaning.
"""
from __future__ import annotations

import codecs
import unicodedata
from collections import Counter

from .errors import InputError
from .textclean import clean_text

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TEXT_CONTROLS = frozenset("\t\n\r\x0c\x0b")
_SAMPLE = 65536


def control_share(text: str) -> tuple[int, int]:
    """(control characters, characters) in the first 64k characters; TAB/LF/CR/FF/VT are text."""
    sample = text[:_SAMPLE]
    bad = sum(1 for ch in sample if ch not in _TEXT_CONTROLS and unicodedata.category(ch) == "Cc")
    return bad, len(sample)


def check_text(text: str, *, source: str = "<input>", line: int | None = None) -> None:
    """Reject text that is empty, whitespace-only, or mostly (over 5%) control characters.

    A few stray controls (a NUL in a JSON string) are not binary: ``clean_text`` replaces them.
    """
    if not text.strip():
        raise InputError("empty input (no text, or only whitespace)", source=source, line=line)
    bad, n = control_share(text)
    if bad > 0.05 * n:
        raise InputError(f"binary data: {bad} of {n} characters are control characters",
                         source=source, line=line)


def known_encoding(name: str | None) -> str | None:
    """Python's name for a declared charset (``windows-1256`` -> ``cp1256``), None if unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'").lower()).name
    except (LookupError, ValueError):
        return None


def guess_utf16(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when ``data`` reads as natural UTF-16 text without a BOM, else None.

    Natural text uses few scripts, so the high bytes of its code units take few values (Arabic
    with ASCII spaces: 0x06 and 0x00), and it has spaces between its words; the data must also
    decode strictly and not look binary.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:8192]
    for enc, hi in (("utf-16-le", 1), ("utf-16-be", 0)):
        highs = sample[hi::2]
        common = sum(c for _, c in Counter(highs).most_common(3))
        if common < 0.95 * len(highs):
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        bad, n = control_share(text)
        spaces = sum(1 for ch in text[:_SAMPLE] if ch.isspace())
        if text.strip() and bad <= 0.05 * n and spaces >= 0.02 * n:
            return enc
    return None


def _bom(data: bytes) -> tuple[str | None, int]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None, 0


def _declared(encoding: str | None) -> str | None:
    """A declared charset worth trusting on BOM-less bytes (UTF-16/32 declarations are not:
    a page that declares them but has no BOM is ASCII-compatible, as the HTML standard says)."""
    enc = known_encoding(encoding)
    if enc is None or enc.startswith(("utf-16", "utf-32")):
        return None
    return enc


def decode_bytes(data: bytes, *, source: str = "<input>", line: int | None = None,
                 base_offset: int = 0, encoding: str | None = None) -> str:
    """Decode one article's bytes and reject empty or binary data; see the module docstring.

    ``encoding``: a charset the container declared (HTML meta, HTTP header), used when no BOM.
    """
    enc, skip = _bom(data)
    if enc is None:
        enc = _declared(encoding) or "utf-8"
        if enc == "utf-8":
            return _utf8_or_utf16(data, source, line, base_offset)
    try:
        text = data[skip:].decode(enc)
    except UnicodeDecodeError as e:
        raise _undecodable(data, enc, skip, e, source, line, base_offset) from None
    check_text(text, source=source, line=line)
    return clean_text(text)


def _utf8_or_utf16(data: bytes, source: str, line: int | None, base_offset: int) -> str:
    try:
        if b"\x00" in data:
            raise InputError("binary data (NUL bytes), not text", source=source, line=line,
                             byte_offset=base_offset + data.index(b"\x00"))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise _undecodable(data, "utf-8", 0, e, source, line, base_offset) from None
        check_text(text, source=source, line=line)
        return clean_text(text)
    except InputError:
        guessed = guess_utf16(data)
        if guessed is None:
            raise
        text = data.decode(guessed)
        check_text(text, source=source, line=line)
        return clean_text(text)


def _undecodable(data: bytes, enc: str, skip: int, e: UnicodeDecodeError, source: str,
                 line: int | None, base_offset: int) -> InputError:
    at = base_offset + skip + e.start
    return InputError(f"not valid {enc.upper()}: byte {data[skip + e.start]:#04x} at offset {at} "
                      f"({e.reason})", source=source, line=line, byte_offset=at)
