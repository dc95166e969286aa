"""The one loader of rasad's knowledge files.

A knowledge table is a UTF-8 TSV file (``rasad.knowledge.tables`` reads one): a block of
``# key: value`` metadata lines first (``source`` and ``licence`` are required), then a header
line naming the columns, then one entry per line. Large generated tables may be JSON.

Package tables live in ``rasad/knowledge/data``. Users extend any table without editing the
package: a file with the same name in a directory given by ``--knowledge-dir``, the
``RASAD_KNOWLEDGE_DIR`` setting (``os.pathsep``-separated) or ``set_knowledge_dirs`` adds its
entries after the package's. Every file is validated on load; errors name the file and line.

The tables and everything built from them live in one :class:`~rasad.knowledge.core.Knowledge`
object per setting (``current()``); ``load_table`` reads from it, and a function decorated with
``cached`` builds its value once per Knowledge. Nothing here imports the text layer or above.
"""
from __future__ import annotations

from .core import (ENV, Knowledge, cached, clear_cache, current, knowledge_dirs, on_clear,
                   set_knowledge_dirs)
from .tables import DATA_DIR, REQUIRED_META, Row, Table, read_json, read_tsv

__all__ = ["DATA_DIR", "ENV", "REQUIRED_META", "Knowledge", "Row", "Table", "all_tables", "cached",
           "clear_cache", "current", "knowledge_dirs", "load_table", "on_clear", "read_json",
           "read_tsv", "set_knowledge_dirs", "table_files"]


def load_table(name: str, required: tuple[str, ...] = ()) -> Table:
    """Table ``name`` of the current Knowledge (package rows, then each user directory's)."""
    return current().table(name, tuple(required))


def table_files(name: str) -> list:
    """The files that make table ``name`` under the present settings."""
    return current().files(name)


def all_tables() -> list[str]:
    """Names of every table shipped in the package."""
    return sorted({p.stem for p in DATA_DIR.iterdir() if p.suffix in (".tsv", ".json")})
