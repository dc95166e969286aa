"""Typed errors. The library raises these; only the CLI turns them into exit codes."""
from __future__ import annotations


class RasadError(Exception):
    """Base of every error rasad raises on purpose."""


class InputError(RasadError):
    """Bad input: empty, binary, undecodable, too large, malformed. Names where it came from."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 byte_offset: int | None = None, article_id: str | None = None):
        self.source, self.line, self.byte_offset, self.article_id = source, line, byte_offset, article_id
        where = []
        if source:
            where.append(str(source))
        if line is not None:
            where.append(f"line {line}")
        if byte_offset is not None:
            where.append(f"byte {byte_offset}")
        if article_id:
            where.append(f"article {article_id}")
        super().__init__(f"{': '.join([', '.join(where)]) + ': ' if where else ''}{message}")
        self.message = message


class KnowledgeError(RasadError):
    """A knowledge data file is missing its provenance, or an entry does not load. Names file and line."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path, self.line = path, line
        loc = f"{path}:{line}: " if path and line is not None else (f"{path}: " if path else "")
        super().__init__(loc + message)


class StageError(RasadError):
    """A pipeline stage failed; names the stage."""

    def __init__(self, stage: str, cause: BaseException):
        self.stage, self.cause = stage, cause
        super().__init__(f"pipeline stage {stage!r} failed: {type(cause).__name__}: {cause}")


class StoreError(RasadError):
    """The store could not be opened, migrated or written."""
