"""Stream articles out of folders, globs and files of every supported format.

Every reader yields ``ArticleInput`` or ``InputError`` items (never raises for one bad article),
so one malformed line, record or file is reported and the rest still processed. Nothing is
skipped in silence: a folder that cannot be listed, a FIFO, device or socket (never opened, so a
FIFO named ``x.txt`` cannot hang the run), a file that cannot be read each become an error item.
Nothing is read whole except single-article files (.txt, .html) and feeds, capped at
``max_bytes``. Formats: .txt, .html/.htm (rasad.ingest.html: declared charset, trafilatura),
.jsonl/.ndjson/.jsonl.gz/.json.gz (rasad.io), RSS/Atom feeds .xml/.rss/.atom (feedparser), WARC
.warc/.warc.gz (rasad.ingest.warc). Every text field is cleaned by ``rasad.textclean``.
Ids (``rasad.ids``): the input's own, else from the canonical URL, else from the file's path
relative to the folder (or a glob's fixed part) it was found under, plus its text.
"""
from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from rasad import io as rio
from rasad.errors import InputError
from rasad.ingest.html import article_from_html, decode_html
from rasad.ingest.warc import read_warc
from rasad.ids import article_id
from rasad.store.types import ArticleInput
from rasad.textclean import clean_optional, clean_text

HTML = (".html", ".htm", ".xhtml")
FEED = (".xml", ".rss", ".atom")
WARC = (".warc", ".warc.gz", ".arc.gz")
JSONL = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz")
TEXT = (".txt",)
SUPPORTED = TEXT + HTML + FEED + WARC + JSONL

Item = ArticleInput | InputError
Found = tuple[Path, str]  # a file and its path relative to the root it was found under


def _walk(folder: Path) -> Iterator[Path | InputError]:
    """Supported files under ``folder`` (sorted); a subfolder that cannot be listed is an error."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        while errors:
            yield _folder_error(errors.pop(0))
        dirs.sort()
        for f in sorted(files):
            if f.lower().endswith(SUPPORTED):
                yield Path(root) / f
    for e in errors:
        yield _folder_error(e)


def _folder_error(e: OSError) -> InputError:
    return InputError(f"cannot list this folder, its files are skipped: {e.strerror or e}",
                      source=str(e.filename) if e.filename else None)


def _checked(path: Path) -> Path | InputError:
    """``path`` if it is a regular file (or a folder), else why it is skipped (never opened)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return InputError("no such file or folder (a broken link?)", source=str(path))
    except OSError as e:
        return InputError(f"cannot read: {e.strerror or e}", source=str(path))
    return rio.special_file_error(path, mode) or path


def _glob_root(pattern: str) -> Path:
    """The fixed folders a glob starts with (``data`` for ``data/**/*.html``)."""
    fixed = []
    for part in Path(pattern).parts[:-1]:
        if glob.has_magic(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _found(f: Path | InputError, root: Path) -> Found | InputError:
    checked = f if isinstance(f, InputError) else _checked(f)
    return checked if isinstance(checked, InputError) else (checked, _rel(checked, root))


def expand_rooted(paths: Iterable[str]) -> Iterator[Found | InputError]:
    """Files named by ``paths`` (as ``expand``), each with its path relative to its root."""
    for p in paths:
        magic = glob.has_magic(p)
        matches = sorted(glob.glob(p, recursive=True)) if magic else [p]
        if not matches:
            yield InputError("no file matches this pattern", source=p)
        for m in matches:
            mp = Path(m)
            if mp.is_dir():
                root = _glob_root(p) if magic else mp
                yield from (_found(f, root) for f in _walk(mp))
            elif mp.exists() or mp.is_symlink():
                yield _found(mp, _glob_root(p) if magic else mp.parent)
            else:
                yield InputError("no such file or folder", source=m)


def expand(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Files named by ``paths``: folders (recursive, supported suffixes only, sorted) and globs."""
    for f in expand_rooted(paths):
        yield f if isinstance(f, InputError) else f[0]


def read_paths(paths: Iterable[str], *, max_bytes: int = rio.DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every article (or error) of every file named by ``paths``, in order."""
    for found in expand_rooted(paths):
        if isinstance(found, InputError):
            yield found
            continue
        p, rel = found
        try:
            yield from read_file(p, max_bytes=max_bytes, rel=rel)
        except InputError as e:
            yield e
        except OSError as e:
            yield InputError(f"cannot read: {e.strerror or e}", source=str(p))


def read_file(path: Path, *, max_bytes: int = rio.DEFAULT_MAX_BYTES,
              rel: str | None = None) -> Iterator[Item]:
    """The articles of one file; ``rel``: its path relative to the ingested root (ids)."""
    name = path.name.lower()
    rel = rel or path.name
    if name.endswith(HTML):
        yield _html_article(path, max_bytes, rel)
    elif name.endswith(FEED):
        yield from _feed(path, max_bytes, rel)
    elif name.endswith(WARC):
        yield from read_warc(path, max_bytes, rel)
    else:  # .txt, JSON Lines and anything else: rasad.io decides by name and content
        for it in rio.iter_articles(path, max_bytes=max_bytes, rel=rel):
            if isinstance(it, InputError):
                yield it
            else:
                yield ArticleInput(id=it.id, text=it.text, published=it.published, source=it.source,
                                   title=it.title, url=it.url, origin=it.origin or str(path))


def _html_article(path: Path, max_bytes: int, rel: str) -> Item:
    try:
        html = decode_html(rio.read_bytes(path, max_bytes=max_bytes), source=str(path))
        a = article_from_html(html, str(path))
        return a.model_copy(update={"id": article_id(a.text, rel, a.url)})
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


def _feed(path: Path, max_bytes: int, rel: str) -> Iterator[Item]:
    import feedparser
    data = rio.read_bytes(path, max_bytes=max_bytes)
    if not data.strip():
        yield InputError("empty feed file", source=str(path))
        return
    feed = feedparser.parse(data)
    if not feed.entries:
        why = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        yield InputError(f"no feed entries{why}", source=str(path))
        return
    source = clean_optional(feed.feed.get("title"))
    for i, e in enumerate(feed.entries, 1):
        try:
            yield _entry(e, i, path, source, rel)
        except InputError as err:
            yield InputError(f"entry {i}: {err.message}", source=str(path))
        except Exception as err:  # noqa: BLE001 - one bad entry is reported, the others read
            yield InputError(f"entry {i}: cannot read it: {type(err).__name__}: {err}",
                             source=str(path))


def _entry(e, i: int, path: Path, source: str | None, rel: str) -> ArticleInput:
    body = (e.get("content") or [{}])[0].get("value") or e.get("summary") or ""
    text = _strip_html(body)
    title = e.get("title")
    if title and not text.startswith(title):
        text = f"{title}\n{text}" if text else title
    rio.check_text(text, source=str(path))
    text = clean_text(text)
    t = e.get("published_parsed") or e.get("updated_parsed")
    published = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}" if t else None
    url = clean_optional(e.get("link"))
    return ArticleInput(id=article_id(text, rel, url), text=text, published=published,
                        source=source, title=clean_optional(title), url=url,
                        origin=f"{path} entry {i}")
