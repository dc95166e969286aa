"""CLI: ``rasad rules`` (every registered extraction rule) and the ``--disable ID`` option.

``--disable`` switches rules off by id for one ``extract``, ``eval`` or ``analyze`` run, on top of
the ``RASAD_DISABLE_RULES`` setting (comma-separated ids). An unknown id is a usage error (exit 2)
that says where the known ids are listed.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap

DISABLE_HELP = ("switch extraction rules off by id for this run (see `rasad rules`; ids may "
                "also be comma-separated); added to the RASAD_DISABLE_RULES setting")


def register(subparsers: argparse._SubParsersAction) -> None:
    ru = subparsers.add_parser("rules", help="list every extraction rule: id, stage, purpose")
    ru.add_argument("--json", action="store_true", help="one JSON array of {id, stage, purpose}")
    ru.add_argument("--stage", help="only the rules of this stage")
    ru.set_defaults(func=cmd_rules)


def add_disable(parser: argparse.ArgumentParser) -> None:
    """Give a subcommand ``--disable ID [ID ...]``: its function then runs with those rules off."""
    parser.add_argument("--disable", action="extend", nargs="+", default=[], metavar="ID",
                        help=DISABLE_HELP)
    inner = parser.get_default("func")

    def with_rules_off(a) -> int:
        from .extract import registry

        with registry.run(split_ids(a.disable)):
            return inner(a)

    parser.set_defaults(func=with_rules_off)


def split_ids(values) -> list[str]:
    """``--disable a b --disable c,d`` -> [a, b, c, d]."""
    return [x.strip() for v in values or () for x in v.split(",") if x.strip()]


def cmd_rules(a) -> int:
    from .errors import InputError
    from .extract import registry

    rules = registry.registry()
    if a.stage:
        if a.stage not in registry.STAGES:
            raise InputError(f"unknown stage {a.stage!r}; stages are {', '.join(registry.STAGES)}")
        rules = [r for r in rules if r.stage == a.stage]
    off = registry.env_disabled()
    if a.json:
        print(json.dumps([{"id": r.id, "stage": r.stage, "purpose": r.purpose,
                           "enabled": r.id not in off} for r in rules], ensure_ascii=False))
        return 0
    sys.stdout.write(format_rules(rules, off))
    return 0


def format_rules(rules, off=frozenset(), width: int | None = None) -> str:
    """The rules as an aligned table (id, stage, purpose wrapped to the terminal)."""
    if not rules:
        return "no rules registered\n"
    width = width or _width()
    wid = max(len("id"), *(len(r.id) + (2 if r.id in off else 0) for r in rules))
    wst = max(len("stage"), *(len(r.stage) for r in rules))
    room = max(30, width - wid - wst - 4)
    lines = [f"{'id':<{wid}}  {'stage':<{wst}}  purpose"]
    for r in rules:
        name = f"{r.id} -" if r.id in off else r.id
        chunks = textwrap.wrap(r.purpose, room) or [""]
        lines.append(f"{name:<{wid}}  {r.stage:<{wst}}  {chunks[0]}")
        lines += [f"{'':<{wid}}  {'':<{wst}}  {c}" for c in chunks[1:]]
    n_off = sum(r.id in off for r in rules)
    lines.append(f"{len(rules)} rule(s)" + (f"; '-' marks the {n_off} switched off by "
                                              "RASAD_DISABLE_RULES" if n_off else ""))
    return "\n".join(lines) + "\n"


def _width() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 100
