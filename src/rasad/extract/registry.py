"""The rule registry: every extraction heuristic has an id, a stage and a one-line purpose.

A rule is declared once at import time with :func:`rule` and consulted where it applies with
:func:`on`, which answers whether it is switched on for the current run and, when it is and the
caller says it fired, records that it fired. Which rules are switched off is a property of one
run (``rasad.extract(..., disable=...)``, ``rasad extract|eval --disable ID``, or the
``RASAD_DISABLE_RULES`` setting, comma-separated), held in a context variable so that threads,
Dask workers and nested calls each see their own.

Every rule that fires while one incident is assembled is kept in its decision trail
(``Trail``), which ends up in the record's ``rules`` field and in ``rasad analyze``.
``benchmarks/ablation.py`` switches each registered rule off in turn and measures what it is
worth on every gold file.
"""
from __future__ import annotations

import contextlib
import contextvars
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..errors import InputError

STAGES = ("views", "reports", "incidents", "guards", "roles", "fields", "typing", "merge", "records")


@dataclass(frozen=True)
class Rule:
    id: str
    stage: str
    purpose: str


_RULES: dict[str, Rule] = {}


def rule(id: str, stage: str, purpose: str) -> Rule:
    """Declare a rule (once, at import time). Ids are unique across stages."""
    if stage not in STAGES:
        raise ValueError(f"rule {id!r}: unknown stage {stage!r}; stages are {', '.join(STAGES)}")
    old = _RULES.get(id)
    if old is not None and old != Rule(id, stage, purpose):
        raise ValueError(f"rule id {id!r} declared twice")
    r = _RULES[id] = Rule(id, stage, purpose)
    return r


def registry() -> list[Rule]:
    """Every declared rule, in stage order, then in declaration order within a stage."""
    _load_all()
    order = {s: i for i, s in enumerate(STAGES)}
    return sorted(_RULES.values(), key=lambda r: order[r.stage])


def _load_all() -> None:
    # the modules that declare rules; imported here so that listing the registry lists them all
    from . import assemble, context, events, fields, reports, roles, rules, sides, steps  # noqa: F401


@dataclass
class Run:
    """What one extraction run switches off, and the rules that fired in it (in order)."""

    disabled: frozenset[str] = frozenset()
    fired: list[str] = field(default_factory=list)


_RUN: contextvars.ContextVar[Run | None] = contextvars.ContextVar("rasad_rule_run", default=None)


def env_disabled() -> frozenset[str]:
    raw = os.environ.get("RASAD_DISABLE_RULES", "")
    return frozenset(x.strip() for x in raw.split(",") if x.strip())


def check_ids(ids: Iterable[str]) -> frozenset[str]:
    """The ids, validated: an unknown id is an input error naming the known ones' count."""
    ids = frozenset(ids)
    _load_all()
    unknown = sorted(ids - set(_RULES))
    if unknown:
        raise InputError(f"unknown rule id(s): {', '.join(unknown)}; "
                         f"`rasad rules` lists the {len(_RULES)} known ids")
    return ids


@contextlib.contextmanager
def run(disable: Iterable[str] | None = None) -> Iterator[Run]:
    """One extraction run with the given rules (and the setting's) switched off. Inside another
    run, the rules that one switches off stay off, and what fires is logged in its log too."""
    parent = _RUN.get()
    r = Run(disabled=check_ids(disable or ()) | env_disabled())
    if parent is not None:
        r = Run(disabled=r.disabled | parent.disabled, fired=parent.fired)
    token = _RUN.set(r)
    try:
        yield r
    finally:
        _RUN.reset(token)


def current() -> Run:
    """The run in progress, or (outside any ``run``) a fresh one with only the setting's rules off."""
    r = _RUN.get()
    return r if r is not None else Run(disabled=env_disabled())


def on(r: Rule) -> bool:
    """Is the rule switched on in this run?"""
    return r.id not in current().disabled


@dataclass
class Trail:
    """The rules that fired for one incident, in order (its decision trail)."""

    fired: list[str] = field(default_factory=list)

    def fire(self, r: Rule) -> None:
        if r.id not in self.fired:
            self.fired.append(r.id)
        current().fired.append(r.id)

    def applies(self, r: Rule, condition: bool) -> bool:
        """``condition`` when the rule is on (recording that it fired), else False."""
        if not condition or not on(r):
            return False
        self.fire(r)
        return True

    def call(self, r: Rule, fn: Callable[..., Any], *args: Any, **kw: Any) -> Any:
        """``fn(*args, **kw)`` when the rule is on, else None; a result that is not None is the
        rule firing."""
        if not on(r):
            return None
        found = fn(*args, **kw)
        if found is not None:
            self.fire(r)
        return found

    def extend(self, other: "Trail") -> None:
        """Take in the rules another trail fired (an incident merged into this one)."""
        self.fired.extend(x for x in other.fired if x not in self.fired)


def fire(r: Rule) -> None:
    """Record that a rule with no incident of its own (views, reports) fired in this run."""
    current().fired.append(r.id)


def applies(r: Rule, condition: bool) -> bool:
    """``condition`` when the rule is on (recording in the run that it fired), else False: for
    rules that act before there is an incident to keep their trail (views, reports, guards)."""
    if not condition or not on(r):
        return False
    fire(r)
    return True
