"""Reading one knowledge file: the TSV and JSON formats, their provenance header, typed rows.

A knowledge table is a UTF-8 TSV file: a block of ``# key: value`` metadata lines first (``source``
and ``licence`` are required), then a header line naming the columns, then one entry per line.
``#`` lines after the header and blank lines are ignored. Large generated tables may be JSON
(``{"_meta": {...}, "entries": [...]}``). This module reads files only; which files make a table
and what is built from them belongs to :class:`rasad.knowledge.core.Knowledge`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KnowledgeError

DATA_DIR = Path(__file__).with_name("data")
REQUIRED_META = ("source", "licence")


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
    file_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # path -> its header


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
