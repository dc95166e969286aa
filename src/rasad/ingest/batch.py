"""Engine-agnostic batch extraction and its submission to a Dask cluster.

``extract_batch(list[ArticleInput]) -> list[ArticleResult | ArticleFailure]`` is the single unit of
work: plain data in, plain data out (pydantic models, picklable), one call per ~1000 articles.
``run_batches`` feeds batches to it serially or through dask.distributed (a LocalCluster with
``workers`` processes, or an existing scheduler at ``tcp://HOST:PORT``), keeping a bounded number
of batches in flight so memory stays flat, and yields ``(batch, results)`` in input order
(so dedup, and event ids, do not depend on worker timing).
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from rasad.records import ArticleResult
from rasad.store.types import ArticleInput

BATCH_SIZE = 1000
Extractor = Callable[..., ArticleResult]


class ArticleFailure(BaseModel):
    """Extraction of one article failed; says which and why (exceptions do not travel well)."""

    id: str | None = None
    origin: str | None = None
    error: str


def _resolve(extractor: str | Extractor | None) -> Extractor:
    if extractor is None:
        import rasad
        return rasad.extract
    if isinstance(extractor, str):
        mod, _, fn = extractor.partition(":")
        return getattr(importlib.import_module(mod), fn)
    return extractor


def user_knowledge_dirs() -> list[str]:
    """The knowledge directories given with ``--knowledge-dir`` in this process."""
    import os

    from rasad.knowledge import loader
    env = {str(p) for p in os.environ.get("RASAD_KNOWLEDGE_DIR", "").split(os.pathsep) if p}
    return [str(d) for d in loader.knowledge_dirs() if d != loader.DATA_DIR and str(d) not in env]


def _use_knowledge(dirs: list[str] | None) -> None:
    """On a worker: load the submitting process's ``--knowledge-dir`` overrides (once)."""
    if dirs is None or dirs == user_knowledge_dirs():
        return
    from rasad.knowledge import loader
    loader.set_knowledge_dirs(dirs)


def extract_batch(articles: list[ArticleInput], extractor: str | Extractor | None = None,
                  knowledge_dirs: list[str] | None = None) -> list[ArticleResult | ArticleFailure]:
    """Extract every article of the batch; a failing article becomes an ``ArticleFailure``.

    ``knowledge_dirs``: the ``--knowledge-dir`` overrides of the submitting process, so that a
    worker process extracts with the same knowledge (None: leave this process's as they are).
    """
    _use_knowledge(knowledge_dirs)
    fn = _resolve(extractor)
    out: list[ArticleResult | ArticleFailure] = []
    for a in articles:
        try:
            out.append(fn(a.text, published=a.published, source=a.source, id=a.id, title=a.title,
                          url=a.url))
        except Exception as e:  # noqa: BLE001 - reported per article, with its cause
            out.append(ArticleFailure(id=a.id, origin=a.origin, error=f"{type(e).__name__}: {e}"))
    return out


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    buf: list[Any] = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def _result(fut: Any, batch: list[ArticleInput]) -> list[ArticleResult | ArticleFailure]:
    """A batch's results; a worker lost or a task failed makes each of its articles a failure
    (reported and counted), never the end of the run."""
    try:
        return fut.result()
    except Exception as e:  # noqa: BLE001 - KilledWorker, CommError, a pickling error, ...
        why = f"the worker running its batch failed: {type(e).__name__}: {e}"
        return [ArticleFailure(id=a.id, origin=a.origin, error=why) for a in batch]


class Engine:
    """Where batches run: in-process (workers=0/1, no scheduler) or on Dask."""

    def __init__(self, workers: int = 1, scheduler: str | None = None, processes: bool = True,
                 extractor: str | Extractor | None = None):
        self.workers, self.scheduler, self.extractor = max(1, workers), scheduler, extractor
        self.client = self.cluster = None
        if scheduler or workers > 1:
            from dask.distributed import Client, LocalCluster
            if scheduler:
                self.client = Client(scheduler)
            else:
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                            processes=processes, dashboard_address=None)
                self.client = Client(self.cluster)

    @property
    def distributed(self) -> bool:
        return self.client is not None

    def run(self, batches: Iterable[list[ArticleInput]]
            ) -> Iterator[tuple[list[ArticleInput], list[ArticleResult | ArticleFailure]]]:
        if self.client is None:
            for b in batches:
                yield b, extract_batch(b, self.extractor)
            return
        from collections import deque
        n_workers = max(1, len(self.client.scheduler_info().get("workers", {})) or self.workers)
        max_in_flight = 2 * n_workers
        it = iter(batches)
        queue: deque = deque()

        knowledge = user_knowledge_dirs()

        def submit(b: list[ArticleInput]) -> None:
            queue.append((b, self.client.submit(extract_batch, b, self.extractor, knowledge,
                                                pure=False)))

        for b in it:
            submit(b)
            if len(queue) >= max_in_flight:
                break
        while queue:  # results in input order, so event ids do not depend on worker timing
            b, fut = queue.popleft()
            res = _result(fut, b)
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                submit(nxt)
            yield b, res

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
