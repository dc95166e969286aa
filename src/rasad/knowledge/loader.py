"""The one loader of rasad's knowledge files.

A knowledge table is a UTF-8 TSV file: a block of ``# key: value`` metadata lines first (``source``
and ``licence`` are required), then a header line naming the columns, then one entry per line.
``#`` lines after the header and blank lines are ignored. Large generated tables may be JSON
(``{"_meta": {...}, "entries": [...]}``).

Package tables live in ``rasad/knowledge/data``. Users extend any table without editing the
package: a file with the same name in a directory given by ``--knowledge-dir``, the
``RASAD_KNOWLEDGE_DIR`` setting (``os.pathsep``-separated) or ``set_knowledge_dirs`` adds its
entries after the package's. Every file is validated on load; errors name the file and line.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ..errors import KnowledgeError

DATA_DIR = Path(__file__).with_name("data")
REQUIRED_META = ("source", "licence")
_user_dirs: list[Path] = []


@dataclass(frozen=True)
class Row:
    """One entry of a table, with where it came from (for evidence and error messages)."""

    values: dict[str, str]
    path: str
    line: int

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def get(self, key: str, default: str | None = None) -> str | None:
        v = self.values.get(key)
        return default if v in (None, "") else v


@dataclass
class Table:
    name: str
    rows: list[Row] = field(default_factory=list)
    meta: dict[str, dict[str, str]] = field(default_factory=dict)  # path -> metadata
    columns: tuple[str, ...] = ()


def set_knowledge_dirs(dirs: Iterable[str | os.PathLike[str]]) -> None:
    """Add user knowledge directories (the CLI's ``--knowledge-dir``); clears cached tables."""
    global _user_dirs
    _user_dirs = [Path(d) for d in dirs]
    for d in _user_dirs:
        if not d.is_dir():
            raise KnowledgeError("knowledge directory does not exist", path=str(d))
    clear_cache()


def knowledge_dirs() -> list[Path]:
    env = [Path(p) for p in os.environ.get("RASAD_KNOWLEDGE_DIR", "").split(os.pathsep) if p]
    return [DATA_DIR, *env, *_user_dirs]


def clear_cache() -> None:
    load_table.cache_clear()
    for hook in _CACHE_HOOKS:
        hook()


_CACHE_HOOKS: list = []


def on_clear(hook) -> None:
    """Register a function that drops a derived cache when the knowledge changes."""
    _CACHE_HOOKS.append(hook)


def table_files(name: str) -> list[Path]:
    files = []
    for d in knowledge_dirs():
        for ext in (".tsv", ".json"):
            p = d / f"{name}{ext}"
            if p.is_file():
                files.append(p)
    return files


@lru_cache(maxsize=None)
def load_table(name: str, required: tuple[str, ...] = ()) -> Table:
    """Load table ``name`` from the package and every user directory, validating each file."""
    files = table_files(name)
    if not files:
        raise KnowledgeError(f"no knowledge table named {name!r}", path=str(DATA_DIR / f"{name}.tsv"))
    table = Table(name)
    for p in files:
        meta, columns, rows = read_json(p) if p.suffix == ".json" else read_tsv(p)
        missing = [c for c in required if c not in columns]
        if missing:
            raise KnowledgeError(f"missing required column(s) {missing}", path=str(p), line=1)
        for row in rows:
            for c in required:
                if not row.values.get(c):
                    raise KnowledgeError(f"empty required field {c!r}", path=row.path, line=row.line)
        table.meta[str(p)] = meta
        table.columns = table.columns or columns
        table.rows.extend(rows)
    return table


def read_tsv(path: Path) -> tuple[dict[str, str], tuple[str, ...], list[Row]]:
    meta: dict[str, str] = {}
    columns: tuple[str, ...] = ()
    rows: list[Row] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise KnowledgeError(f"not UTF-8 (byte {e.start})", path=str(path)) from e
    for lineno, line in enumerate(text.splitlines(), 1):
        if not columns:
            if line.startswith("#"):
                key, sep, value = line[1:].partition(":")
                if sep:
                    meta[key.strip().lower()] = value.strip()
                continue
            if not line.strip():
                continue
            _check_meta(meta, path)
            columns = tuple(c.strip() for c in line.split("\t"))
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) > len(columns):
            raise KnowledgeError(f"{len(cells)} fields, header has {len(columns)}", path=str(path), line=lineno)
        values = {c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(columns)}
        rows.append(Row(values, str(path), lineno))
    if not columns:
        _check_meta(meta, path)
        raise KnowledgeError("no header line", path=str(path))
    return meta, columns, rows


def read_json(path: Path) -> tuple[dict[str, str], tuple[str, ...], list[Row]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise KnowledgeError(f"unreadable JSON: {e}", path=str(path)) from e
    meta = {k.lower(): str(v) for k, v in (data.get("_meta") or {}).items()}
    _check_meta(meta, path)
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise KnowledgeError("JSON table needs an 'entries' list", path=str(path))
    columns: list[str] = []
    rows = []
    for i, e in enumerate(entries, 1):
        if not isinstance(e, dict):
            raise KnowledgeError("entry is not an object", path=str(path), line=i)
        for k in e:
            if k not in columns:
                columns.append(k)
        rows.append(Row({k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for k, v in e.items()}, str(path), i))
    return meta, tuple(columns), rows


def _check_meta(meta: dict[str, str], path: Path) -> None:
    missing = [k for k in REQUIRED_META if not meta.get(k) and not (k == "licence" and meta.get("license"))]
    if missing:
        raise KnowledgeError(f"data file lacks provenance header(s): {', '.join(missing)}", path=str(path), line=1)


def all_tables() -> list[str]:
    """Names of every table shipped in the package."""
    return sorted({p.stem for p in DATA_DIR.iterdir() if p.suffix in (".tsv", ".json")})
