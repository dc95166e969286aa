"""Stream articles out of folders, globs and files of every supported format.

Every reader yields ``ArticleInput`` or ``InputError`` items (never raises for one bad article),
so one malformed line or file is reported and the rest still processed. Nothing is read whole
except single-article files (.txt, .html) which are size-capped by rasad.io.
Formats: .txt, .html/.htm (trafilatura: main text + metadata), .jsonl/.ndjson/.jsonl.gz/.json.gz
(rasad.io), RSS/Atom feeds .xml/.rss/.atom (feedparser), WARC .warc/.warc.gz (warcio).
"""
from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from rasad import io as rio
from rasad.errors import InputError
from rasad.records import text_id
from rasad.store.types import ArticleInput

HTML = (".html", ".htm", ".xhtml")
FEED = (".xml", ".rss", ".atom")
WARC = (".warc", ".warc.gz", ".arc.gz")
JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz")
TEXT = (".txt",)
SUPPORTED = TEXT + HTML + FEED + WARC + JSONL

Item = ArticleInput | InputError


def expand(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Files named by ``paths``: folders (recursive, supported suffixes only, sorted) and globs."""
    for p in paths:
        matches = sorted(glob.glob(p, recursive=True)) if glob.has_magic(p) else [p]
        if not matches:
            yield InputError("no file matches this pattern", source=p)
        for m in matches:
            mp = Path(m)
            if mp.is_dir():
                for root, dirs, files in os.walk(mp):
                    dirs.sort()
                    for f in sorted(files):
                        if f.lower().endswith(SUPPORTED):
                            yield Path(root) / f
            elif mp.exists():
                yield mp
            else:
                yield InputError("no such file or folder", source=m)


def read_paths(paths: Iterable[str]) -> Iterator[Item]:
    for p in expand(paths):
        if isinstance(p, InputError):
            yield p
            continue
        try:
            yield from read_file(p)
        except InputError as e:
            yield e
        except OSError as e:
            yield InputError(f"cannot read: {e.strerror or e}", source=str(p))


def read_file(path: Path) -> Iterator[Item]:
    name = path.name.lower()
    if name.endswith(HTML):
        yield _html_article(path)
    elif name.endswith(FEED):
        yield from _feed(path)
    elif name.endswith(WARC):
        yield from _warc(path)
    else:  # .txt, JSON Lines and anything else: rasad.io decides by name and content
        for it in rio.iter_articles(path):
            if isinstance(it, InputError):
                yield it
            else:
                yield ArticleInput(id=it.id, text=it.text, published=it.published, source=it.source,
                                   title=it.title, url=it.url, origin=str(path))


def _from_html(html: str, origin: str, url: str | None = None) -> ArticleInput:
    import trafilatura
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        raise InputError("no main text found in the HTML", source=origin)
    get = doc.get if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    rio.check_text(text, source=origin)
    title = get("title")
    published = None
    if get("date"):
        try:
            published = rio.normalize_published(str(get("date")), source=origin)
        except InputError:
            published = None
    return ArticleInput(id=text_id(text), text=text, title=title, url=get("url") or url,
                        source=get("sitename") or get("hostname"), published=published, origin=origin)


def _html_article(path: Path) -> Item:
    try:
        html = rio.read_text(path)
        a = _from_html(html, str(path))
        return a.model_copy(update={"id": path.stem})
    except InputError as e:
        return e


def _strip_html(s: str) -> str:
    if "<" not in s:
        return s
    from html.parser import HTMLParser

    class _P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, d):
            self.parts.append(d)

        def handle_starttag(self, tag, attrs):
            if tag in ("p", "br", "div", "li"):
                self.parts.append("\n")

    p = _P()
    p.feed(s)
    return "\n".join(line.strip() for line in "".join(p.parts).splitlines() if line.strip())


def _feed(path: Path) -> Iterator[Item]:
    import feedparser
    data = path.read_bytes()
    if not data.strip():
        yield InputError("empty feed file", source=str(path))
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        why = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        yield InputError(f"no feed entries{why}", source=str(path))
        return
    source = feed.feed.get("title")
    for i, e in enumerate(feed.entries, 1):
        origin = f"{path} entry {i}"
        body = (e.get("content") or [{}])[0].get("value") or e.get("summary") or ""
        text = _strip_html(body)
        title = e.get("title")
        if title and not text.startswith(title):
            text = f"{title}\n{text}" if text else title
        try:
            rio.check_text(text, source=str(path), line=None)
        except InputError as err:
            yield InputError(f"entry {i}: {err.message}", source=str(path))
            continue
        t = e.get("published_parsed") or e.get("updated_parsed")
        published = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}" if t else None
        yield ArticleInput(id=e.get("id") or e.get("link") or text_id(text), text=text,
                           published=published, source=source, title=title, url=e.get("link"),
                           origin=origin)


def _warc(path: Path) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    n_html = 0
    with open(path, "rb") as f:
        try:
            for rec in ArchiveIterator(f):
                if rec.rec_type != "response":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
                if "html" not in ctype:
                    continue
                n_html += 1
                url = rec.rec_headers.get_header("WARC-Target-URI")
                origin = f"{path} record {url}"
                raw = rec.content_stream().read()
                try:
                    html = rio.decode_bytes(raw, source=origin)
                    a = _from_html(html, origin, url=url)
                    yield a.model_copy(update={"id": url or a.id})
                except InputError as e:
                    yield e
        except (ArchiveLoadFailed, ValueError) as e:
            yield InputError(f"not a valid WARC file: {e}", source=str(path))
            return
    if n_html == 0:
        yield InputError("no HTML response records in this WARC file", source=str(path))
