"""Blocking work of the write endpoint (JSON parsing, extraction, storing) off the event loop.

``POST /api/articles`` can take seconds (extraction is CPU-bound); run on the event loop it would
make every other request wait, ``/api/health`` included. ``WorkGate`` runs it on its own thread
pool of ``workers`` threads and admits at most ``queue`` requests at once (running or waiting):
one more is answered at once with 503 ``overloaded`` and a ``Retry-After``, in the one error
shape, instead of piling up behind the others.

A thread still shares the interpreter lock with the event loop, so pure-Python extraction in a
thread slows every other request down. ``ExtractPool`` runs the real extractor in worker
processes instead (the gate's thread only waits for it): the server process stays free, and
several posts extract in parallel.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, TypeVar

from rasad.errors import RasadError, StageError
from rasad.web.errors import ApiError

log = logging.getLogger("rasad.web")

T = TypeVar("T")
RETRY_AFTER_S = 2


class WorkGate:
    """A bounded queue in front of a thread pool (see the module docstring)."""

    def __init__(self, workers: int = 2, queue: int = 8):
        if workers < 1 or queue < 1:
            raise ValueError("workers and queue must be at least 1")
        self.workers, self.queue = workers, max(queue, workers)
        self._admitted = 0
        self._lock = threading.Lock()  # test clients may drive the app from several loops
        self._pool: ThreadPoolExecutor | None = None

    @property
    def admitted(self) -> int:
        """Requests running or waiting now."""
        return self._admitted

    def _executor(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="rasad-extract")
            return self._pool

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` on the pool; ApiError 503 when ``queue`` requests are in."""
        with self._lock:
            if self._admitted >= self.queue:
                raise ApiError(503, "overloaded",
                               f"too many articles being extracted ({self.queue} requests); "
                               "retry later", {"queue": self.queue, "retry_after_s": RETRY_AFTER_S},
                               headers={"Retry-After": str(RETRY_AFTER_S)})
            self._admitted += 1
        try:
            loop = asyncio.get_running_loop()
            call = functools.partial(fn, *args, **kwargs)
            return await loop.run_in_executor(self._executor(), call)
        finally:
            with self._lock:
                self._admitted -= 1

    def close(self) -> None:
        """Stop the threads (waiting for running work); the gate starts a new pool if used again."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)


def _user_knowledge_dirs() -> list[str]:
    """Knowledge directories set in this process (``rasad --knowledge-dir``), which a spawned
    worker would not otherwise see; ``RASAD_KNOWLEDGE_DIR`` reaches it through the environment."""
    from rasad.knowledge.loader import knowledge_dirs
    dirs = [str(d) for d in knowledge_dirs()]
    env = [p for p in os.environ.get("RASAD_KNOWLEDGE_DIR", "").split(os.pathsep) if p]
    return dirs[1 + len(env):]


def _init_child(user_dirs: list[str]) -> None:
    if user_dirs:
        from rasad.knowledge.loader import set_knowledge_dirs
        set_knowledge_dirs(user_dirs)


def extract_in_child(text: str, kw: dict[str, Any]) -> tuple:
    """Run in a worker process: ``("ok", ArticleResult)`` or ``("error", type name, message,
    stage or None)``. Errors come back as data: rasad's exceptions take constructor arguments
    that do not survive pickling."""
    import rasad
    try:
        return ("ok", rasad.extract(text, **kw))
    except Exception as exc:  # reported to the parent, which reports it per article
        if not isinstance(exc, RasadError):
            log.exception("extraction failed in a worker process")
        return ("error", type(exc).__name__, str(exc), getattr(exc, "stage", None))


def _in_process(text: str, kw: dict[str, Any]) -> Any:
    import rasad
    return rasad.extract(text, **kw)


class ExtractPool:
    """``extract(text, **kw)`` like ``rasad.extract``, computed in ``processes`` worker processes
    (started on first use, with the spawn method: the server process has threads). Where worker
    processes cannot start at all (spawn re-imports the main module, which some hosts cannot),
    it falls back to extracting in the calling thread, with a warning."""

    def __init__(self, processes: int = 1):
        self.processes = processes
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._worked = self._fallback = False

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    self.processes, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_init_child, initargs=(_user_knowledge_dirs(),))
            return self._pool

    def extract(self, text: str, **kw: Any) -> Any:
        if self._fallback:
            return _in_process(text, kw)
        pool = self._executor()
        try:
            out = pool.submit(extract_in_child, text, kw).result()
        except BrokenProcessPool as exc:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
                if not self._worked:  # workers cannot start here at all: say so once, go on
                    self._fallback = True
            if self._fallback:
                log.warning("extraction worker processes cannot start (%s); extracting in the "
                            "server's threads instead", exc)
                return _in_process(text, kw)
            # a worker that had worked died on this article (killed, out of memory): the article
            # fails, the next one gets a fresh pool
            raise StageError("extract", RuntimeError("the extraction process died")) from exc
        self._worked = True
        if out[0] == "ok":
            return out[1]
        _, name, message, stage = out
        cause = type(name, (Exception,), {})(message)  # keeps the original type's name
        raise StageError(stage, cause) if stage else cause

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
