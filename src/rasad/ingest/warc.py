"""WARC files (.warc, .warc.gz) to articles, one HTML response record at a time, nothing dropped
in silence.

Every HTML ``response`` record becomes an ``ArticleInput`` (id: from the page's canonical URL,
else its ``WARC-Target-URI``, else its path and text, as ``rasad.ids`` says) or an
``InputError`` naming the file, the record's number and URI, and the reason: no main text, not
decodable, larger than ``max_bytes``, cut short (the file ends before the record's
``Content-Length``, as with a truncated file or an over-long length), or followed by data
where the next record should start (a wrong ``Content-Length``; warcio only prints a warning
for that). A record the parser cannot read at all ends the file
with one error, since the next record's start is then unknown. Request, metadata and non-HTML
records are not articles and are passed over. The HTTP charset goes to ``decode_html``.
"""
from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path

from rasad import io as rio
from rasad.errors import InputError
from rasad.ids import article_id
from rasad.ingest.html import article_from_html, decode_html, header_charset
from rasad.store.types import ArticleInput

Item = ArticleInput | InputError
_DRAIN = 1 << 16


def _loader():
    from warcio.recordloader import ArcWarcRecordLoader

    class Loader(ArcWarcRecordLoader):
        """warcio's loader, but a record without WARC-Target-URI still has HTTP headers
        (warcio raises AttributeError on it and the whole file is lost)."""

        def load_http_headers(self, rec_type, uri, stream, length):
            return super().load_http_headers(rec_type, "http:" if uri is None else uri,
                                             stream, length)

    return Loader(verify_http=False, arc2warc=False)


def _read_record(rec, origin: str, max_bytes: int) -> bytes:
    data = rec.content_stream().read(max_bytes + 1)
    raw = rec.raw_stream
    while raw.read(_DRAIN):
        pass
    if getattr(raw, "limit", 0) > 0:
        promised = rec.length if isinstance(rec.length, int) else "more"
        raise InputError(f"record cut short: the file ends {raw.limit:,} bytes before the end its "
                         f"Content-Length ({promised} bytes) promises (truncated file or wrong "
                         "length; any records after it are lost)", source=origin)
    if len(data) > max_bytes:
        raise InputError(f"record larger than the limit of {max_bytes:,} bytes per article "
                         "(raise it with --max-bytes)", source=origin)
    return data


def _article(rec, path: Path, n: int, max_bytes: int, rel: str) -> Item | None:
    """The record's article, its error, or None when the record is not an HTML response."""
    if rec.rec_type != "response" or not rec.http_headers:
        return None
    ctype = rec.http_headers.get_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return None
    url = rec.rec_headers.get_header("WARC-Target-URI")
    origin = f"{path} record {n} ({url or 'no WARC-Target-URI'})"
    try:
        html = decode_html(_read_record(rec, origin, max_bytes), source=origin,
                           transport_charset=header_charset(ctype))
        a = article_from_html(html, origin, url=url)
        return a.model_copy(update={"id": article_id(a.text, rel, a.url)})
    except InputError as e:
        return e
    except Exception as e:  # noqa: BLE001 - one bad record is reported, the others still read
        return InputError(f"cannot read the record: {type(e).__name__}: {e}", source=origin)


def _is_warc_name(path: Path) -> bool:
    return path.name.lower().endswith((".warc", ".warc.gz"))


def read_warc(path: Path, max_bytes: int = rio.DEFAULT_MAX_BYTES,
              rel: str | None = None) -> Iterator[Item]:
    """The articles and errors of one WARC file, in record order (see the module docstring)."""
    from warcio.archiveiterator import ArchiveIterator
    n = n_html = 0
    pending: Item | None = None
    with rio.open_regular(path) as f:
        records = ArchiveIterator(f)
        records.loader = _loader()
        while True:
            warned = records.err_count
            try:
                with contextlib.redirect_stderr(io.StringIO()):  # warcio's own warnings
                    rec = next(records)
            except StopIteration:
                rec = None
            except Exception as e:  # noqa: BLE001 - ArchiveLoadFailed, EOFError, zlib, ...
                if pending is not None:
                    yield pending
                what = (f"record {n + 1}: not a readable WARC record, the rest of the file is "
                        "skipped" if n else "not a valid WARC file")
                yield InputError(f"{what}: {type(e).__name__}: {e}", source=str(path))
                return
            if records.err_count > warned and n:
                pending = InputError(
                    f"record {n}: not followed by the next record where its Content-Length "
                    "says it ends (wrong length; the record is skipped)", source=str(path))
            if pending is not None:
                yield pending
                pending = None
            if rec is None:
                break
            n += 1
            if n == 1 and _is_warc_name(path) and not str(rec.format).startswith("warc"):
                yield InputError("not a valid WARC file: it does not start with a WARC record",
                                 source=str(path))
                return
            pending = _article(rec, path, n, max_bytes, rel or path.name)
            n_html += pending is not None
    if n_html == 0:
        yield InputError("no HTML response records in this WARC file", source=str(path))
