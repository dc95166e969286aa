"""``ingest``: stream inputs, skip what is stored, extract in batches, commit per batch.

Single writer: only this (main) process writes, one transaction per batch, so killing the run
loses nothing already committed and the next run skips it by content hash.

One bad article never costs the others: an article that cannot be read (an ``InputError`` item),
extracted (an ``ArticleFailure``) or stored (the store's per-article failures) is counted in
``failed`` with a line in ``failures`` naming where it came from and why, and every other article
of its batch and every later file is still processed. Every article's text fields pass through
``rasad.textclean.clean_text`` before extraction (readers already clean; ``items`` from other
callers are cleaned here), so evidence spans refer to the text as stored.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from rasad.errors import InputError
from rasad.io import DEFAULT_MAX_BYTES
from rasad.ingest.batch import BATCH_SIZE, ArticleFailure, Engine, Extractor, batched
from rasad.ingest.progress import Progress, count_articles, wants_bar
from rasad.ingest.readers import read_paths
from rasad.store.types import ArticleInput
from rasad.textclean import clean_optional, clean_text

_FIELDS = ("id", "source", "title", "url", "origin")


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    records: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def report(self) -> str:
        lines = [f"articles read {self.read}, new {self.new}, updated {self.updated}, "
                 f"unchanged {self.unchanged}, failed {self.failed}; records {self.records}; "
                 f"new events {self.events}"]
        if self.failures:
            lines.append("failures:")
            lines += [f"  {f}" for f in self.failures]
        return "\n".join(lines)


def _version() -> str | None:
    import rasad
    return getattr(rasad, "__version__", None)


def cleaned(a: ArticleInput) -> ArticleInput:
    """``a`` with every text field cleaned by the one policy (``a`` itself when already clean)."""
    update: dict[str, Any] = {k: clean_optional(getattr(a, k)) for k in _FIELDS}
    update["text"] = clean_text(a.text)
    update = {k: v for k, v in update.items() if v is not getattr(a, k)}
    return a.model_copy(update=update) if update else a


def _store(store: Any, pairs: list, version: str | None, summary: IngestSummary) -> None:
    added = store.add_articles(pairs, version)  # one transaction = one batch
    summary.new += added.new
    summary.updated += added.updated
    summary.unchanged += added.unchanged
    summary.records += added.records
    summary.events += added.events_new
    summary.failed += getattr(added, "failed", 0)  # articles the store refused, one by one
    summary.failures.extend(str(f) for f in getattr(added, "failures", []))


def ingest(paths: Iterable[str] | None, store: Any, *, published: str | date | None = None,
           workers: int = 1, scheduler: str | None = None, batch_size: int = BATCH_SIZE,
           extractor: str | Extractor | None = None, progress: bool | None = None,
           processes: bool = True, items: Iterable[ArticleInput | InputError] | None = None,
           progress_stream: IO[str] | None = None,
           max_bytes: int = DEFAULT_MAX_BYTES) -> IngestSummary:
    """Ingest every article under ``paths`` (or the given ``items``) into ``store``.

    ``progress``: True/False forces the bar on/off; None shows it only when ``progress_stream``
    (default stderr) is a terminal. Its ETA needs the inputs counted first (cheap for files and
    folders; feeds, WARC and ``items`` leave the total unknown and the bar shows the rate only).
    ``max_bytes``: the size limit per article (per file for .txt, .html and feeds).
    """
    summary = IngestSummary()
    version = _version()
    default_pub = published.isoformat() if isinstance(published, date) else published
    show = wants_bar(progress, progress_stream)
    total = count_articles(paths or []) if show and items is None else None
    bar = Progress(show, total=total, stream=progress_stream)
    source = items if items is not None else read_paths(paths or [], max_bytes=max_bytes)

    def accepted() -> Iterator[ArticleInput]:
        for it in source:
            if isinstance(it, InputError):
                summary.read += 1
                summary.failed += 1
                summary.failures.append(str(it))
                bar.update(1)
                continue
            summary.read += 1
            it = cleaned(it)
            if not it.published:
                if default_pub is None:
                    summary.failed += 1
                    where = it.origin or "<input>"
                    summary.failures.append(f"{where}: article {it.id}: no publication date in the "
                                            "input's metadata (give --published YYYY-MM-DD)")
                    bar.update(1)
                    continue
                it = it.model_copy(update={"published": default_pub})
            yield it

    def to_extract() -> Iterator[list[ArticleInput]]:
        for chunk in batched(accepted(), batch_size):
            known = store.known_hashes([a.content_hash for a in chunk], version)
            seen: set[str] = set()
            todo = []
            for a in chunk:
                h = a.content_hash
                if h in known or h in seen:
                    summary.unchanged += 1
                else:
                    seen.add(h)
                    todo.append(a)
            bar.update(len(chunk) - len(todo))
            if todo:
                yield todo

    engine = Engine(workers=workers, scheduler=scheduler, processes=processes, extractor=extractor)
    try:
        for batch, results in engine.run(to_extract()):
            pairs = []
            for a, r in zip(batch, results):
                if isinstance(r, ArticleFailure):
                    summary.failed += 1
                    summary.failures.append(f"{a.origin or '<input>'}: article {a.id}: "
                                            f"extraction failed: {r.error}")
                else:
                    pairs.append((a, r))
            if pairs:
                _store(store, pairs, version, summary)
            bar.update(len(batch), new=summary.new, failed=summary.failed)
    finally:
        engine.close()
        bar.close()
    return summary
