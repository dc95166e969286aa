"""The Knowledge object: every table of one set of knowledge directories and what is built from it.

A :class:`Knowledge` holds the tables read from the package data directory and the user
directories (``RASAD_KNOWLEDGE_DIR``, ``os.pathsep``-separated, then ``--knowledge-dir`` /
:func:`set_knowledge_dirs`), and everything compiled from them: the vocabulary matchers, the
number and date lexicons, the clitic lists, the actor resolver. A compiled thing is declared with
:func:`cached` and built once per Knowledge, never in a module-level cache, so that it cannot
outlive the tables it was built from.

:func:`current` is the Knowledge of the present settings; the pipeline reaches the knowledge
through it. When the settings change (another ``RASAD_KNOWLEDGE_DIR``, a call to
:func:`set_knowledge_dirs` or :func:`clear_cache`) the next call answers a fresh Knowledge that
re-reads the files, so a user directory never leaves stale tables behind, nor does its removal.
Modules that still keep a cache of their own register a hook with :func:`on_clear`; every switch
calls them.

This module sits below the text layer: it imports only the file reader and the errors.
"""
from __future__ import annotations

import contextvars
import functools
import os
import threading
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from ..errors import KnowledgeError
from .tables import DATA_DIR, Table, read_json, read_tsv

ENV = "RASAD_KNOWLEDGE_DIR"
T = TypeVar("T")


class Knowledge:
    """The tables of ``dirs`` (package data first), loaded and validated on first use, and the
    things built from them (:meth:`build`)."""

    def __init__(self, dirs: Iterable[Path]):
        self.dirs: tuple[Path, ...] = tuple(dirs)
        self._tables: dict[str, Table] = {}
        self._checked: set[tuple[str, tuple[str, ...]]] = set()
        self._built: dict[Callable, object] = {}
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        return (f"Knowledge({[str(d) for d in self.dirs]}, {len(self._tables)} tables, "
                f"{len(self._built)} built)")

    def files(self, name: str) -> list[Path]:
        """The files that make table ``name``, package first, in directory order."""
        return [p for d in self.dirs for ext in (".tsv", ".json")
                if (p := d / f"{name}{ext}").is_file()]

    def table(self, name: str, required: tuple[str, ...] = ()) -> Table:
        """Table ``name`` from every directory, each file validated; ``required`` columns must
        exist in every file and be non-empty in every row."""
        t = self._tables.get(name)
        if t is None:
            with self._lock:
                t = self._tables.get(name) or self._read(name)
                self._tables[name] = t
        if required and (name, required) not in self._checked:
            _check_required(t, required)
            self._checked.add((name, required))
        return t

    def _read(self, name: str) -> Table:
        files = self.files(name)
        if not files:
            raise KnowledgeError(f"no knowledge table named {name!r}",
                                 path=str(DATA_DIR / f"{name}.tsv"))
        table = Table(name)
        for p in files:
            meta, columns, rows = read_json(p) if p.suffix == ".json" else read_tsv(p)
            table.meta[str(p)] = meta
            table.columns = table.columns or columns
            table.rows.extend(rows)
            table.file_columns[str(p)] = columns
        return table

    def build(self, builder: Callable[[], T]) -> T:
        """``builder()`` computed once for this Knowledge (the tables it loads are this one's)."""
        try:
            return self._built[builder]  # type: ignore[return-value]
        except KeyError:
            pass
        with self._lock:
            if builder in self._built:
                return self._built[builder]  # type: ignore[return-value]
            token = _BUILDING.set(self)
            try:
                value = builder()
            finally:
                _BUILDING.reset(token)
            self._built[builder] = value
            return value

    def loaded(self) -> dict[str, list[str]]:
        """What is loaded so far: table names and the names of the things built."""
        return {"tables": sorted(self._tables),
                "built": sorted(f"{f.__module__}.{f.__qualname__}" for f in self._built)}


def _check_required(t: Table, required: tuple[str, ...]) -> None:
    for path, columns in t.file_columns.items():
        missing = [c for c in required if c not in columns]
        if missing:
            raise KnowledgeError(f"missing required column(s) {missing}", path=path, line=1)
    for row in t.rows:
        for c in required:
            if not row.values.get(c):
                raise KnowledgeError(f"empty required field {c!r}", path=row.path, line=row.line)


# ---------------------------------------------------------------- the Knowledge of the settings

_BUILDING: contextvars.ContextVar[Knowledge | None] = contextvars.ContextVar(
    "rasad_knowledge_building", default=None)
_SWITCH = threading.Lock()
_HOOKS: list[Callable[[], None]] = []


class _State:
    kb: Knowledge | None = None
    env: str | None = None
    user_dirs: tuple[Path, ...] = ()


def _env_dirs(env: str) -> list[Path]:
    return [Path(p) for p in env.split(os.pathsep) if p]


def knowledge_dirs() -> list[Path]:
    """The directories of the present settings: package data, ``RASAD_KNOWLEDGE_DIR``, then
    those given to :func:`set_knowledge_dirs`."""
    return [DATA_DIR, *_env_dirs(os.environ.get(ENV, "")), *_State.user_dirs]


def current() -> Knowledge:
    """The Knowledge of the present settings (inside a build: the Knowledge being built)."""
    kb = _BUILDING.get()
    if kb is not None:
        return kb
    env = os.environ.get(ENV, "")
    kb = _State.kb
    if kb is None or env != _State.env:
        kb = _switch(env)
    return kb


def _switch(env: str) -> Knowledge:
    with _SWITCH:
        _State.env = env
        _State.kb = kb = Knowledge([DATA_DIR, *_env_dirs(env), *_State.user_dirs])
    for hook in list(_HOOKS):
        hook()
    return kb


def set_knowledge_dirs(dirs: Iterable[str | os.PathLike[str]]) -> None:
    """Use these user knowledge directories (the CLI's ``--knowledge-dir``) from now on; the
    next :func:`current` re-reads every table."""
    paths = tuple(Path(d) for d in dirs)
    for d in paths:
        if not d.is_dir():
            raise KnowledgeError("knowledge directory does not exist", path=str(d))
    _State.user_dirs = paths
    _switch(os.environ.get(ENV, ""))


def clear_cache() -> None:
    """Forget everything loaded: the next :func:`current` re-reads the files (after editing one)."""
    _switch(os.environ.get(ENV, ""))


def on_clear(hook: Callable[[], None]) -> None:
    """Register a function that drops a module's own derived cache whenever the Knowledge of the
    settings is replaced. Prefer :func:`cached`, which needs no hook."""
    _HOOKS.append(hook)


def cached(builder: Callable[[], T]) -> Callable[[], T]:
    """Declare a thing built from the tables: ``builder()`` runs once per Knowledge, and a call
    answers the value for :func:`current`."""
    @functools.wraps(builder)
    def get() -> T:
        return current().build(builder)

    get.builder = builder  # type: ignore[attr-defined]
    return get
