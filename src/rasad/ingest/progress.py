"""Ingest progress: a tqdm bar with rate and ETA on a terminal, nothing in a pipe.

The ETA needs a total. ``count_articles`` counts the inputs up front where that is cheap: one
article per ``.txt``/``.html`` file, one per non-blank line of a JSON Lines file (plain or gzip).
Feeds and WARC files cannot be counted without parsing them, and the count gives up after a time
budget; in both cases the total is unknown and the bar shows the rate only.
"""
from __future__ import annotations

import gzip
import io
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from rasad import io as rio
from rasad.errors import InputError
from rasad.ingest.readers import FEED, HTML, WARC, expand

COUNT_BUDGET_S = 2.0
BAR_WITH_TOTAL = ("{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} {unit} "
                  "[{elapsed}, {rate_fmt}, ETA {remaining}{postfix}]")
BAR_NO_TOTAL = "{desc}: {n_fmt} {unit} [{elapsed}, {rate_fmt}{postfix}]"


class _OverBudget(Exception):
    pass


def _count_lines(path: Path, deadline: float) -> int:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    n = 0
    with opener(path, "rb") as f:
        for i, line in enumerate(f):
            if line.strip():
                n += 1
            if i % 65536 == 0 and time.monotonic() > deadline:
                raise _OverBudget
    return n


def count_articles(paths: Iterable[str], budget_s: float = COUNT_BUDGET_S) -> int | None:
    """How many items ``read_paths(paths)`` will yield, or None when that is not cheap to know."""
    deadline = time.monotonic() + budget_s
    total = 0
    try:
        for p in expand(paths):
            if time.monotonic() > deadline:
                return None
            if isinstance(p, InputError):
                total += 1  # reported as one failed item
                continue
            name = p.name.lower()
            if name.endswith(FEED + WARC):
                return None
            if name.endswith(HTML):
                total += 1
                continue
            try:
                with open(p, "rb") as f:
                    head = f.read(64)
                if name.endswith(".gz") or rio.is_jsonl(p, head):
                    total += _count_lines(p, deadline)
                else:
                    total += 1
            except (OSError, EOFError):
                total += 1  # unreadable: one error item
    except _OverBudget:
        return None
    return total


def wants_bar(enabled: bool | None, stream: IO[str] | None = None) -> bool:
    """``enabled`` when given, else whether ``stream`` (default stderr) is a terminal."""
    if enabled is not None:
        return enabled
    stream = stream if stream is not None else sys.stderr
    return bool(getattr(stream, "isatty", lambda: False)())


def _has_width(stream: IO[str]) -> bool:
    try:
        return os.get_terminal_size(stream.fileno()).columns > 0
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return False


class Progress:
    """``enabled=None``: a bar only when ``stream`` is a terminal (quiet in pipes)."""

    def __init__(self, enabled: bool | None, total: int | None = None,
                 stream: IO[str] | None = None, unit: str = "art"):
        self.bar = None
        stream = stream if stream is not None else sys.stderr
        if wants_bar(enabled, stream):
            from tqdm import tqdm
            sized = _has_width(stream)  # a pty may report 0 columns: fixed width then
            self.bar = tqdm(total=total, unit=unit, desc="ingest", file=stream, dynamic_ncols=sized,
                            ncols=None if sized else 100, nrows=None if sized else 24,
                            bar_format=BAR_WITH_TOTAL if total else BAR_NO_TOTAL)

    @property
    def enabled(self) -> bool:
        return self.bar is not None

    def update(self, n: int, **post: Any) -> None:
        if self.bar is not None:
            if post:
                self.bar.set_postfix(post, refresh=False)
            self.bar.update(n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
