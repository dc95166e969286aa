"""Word lists compiled as prefix trees, so that a regex alternation of hundreds of words fails fast.

``re`` tries the branches of ``a|b|c`` one after the other at every position; a list of month names,
number words or ordinals sorted longest first is therefore scanned whole at every word start.
``trie_alt(words)`` writes the same language as a nested alternation on shared prefixes
(``ثلاث(?:ين|ه)?``), where each level dispatches on one character.

It matches exactly what the longest-first alternation ``_alt(words)`` matches, with the same
preference: two different words can both match at one position only when one is a prefix of the
other (each word is a fixed string, or fixed characters separated by whitespace runs that are
always consumed whole), and the tree tries the longer one first, as the sorted alternation does.

A space in a word may be written as a pattern (``space=r"\\s+"``); ``after_space`` rewrites the
first character after a space (``{"و": r"و\\s*"}``: the و of a compound may stand apart).
"""
from __future__ import annotations

import re
from typing import Iterable

_END = ""     # key of the terminal mark in a node (no symbol is empty)


def _symbols(word: str, space: str | None, after_space: dict[str, str]) -> list[str]:
    out: list[str] = []
    prev = ""
    for ch in word:
        if ch == " " and space is not None:
            out.append(space)
        elif prev == " " and space is not None and ch in after_space:
            out.append(after_space[ch])
        else:
            out.append(re.escape(ch))
        prev = ch
    return out


def trie_alt(words: Iterable[str], space: str | None = None,
             after_space: dict[str, str] | None = None) -> str:
    """A regex (no capturing groups) matching any of ``words``, longest match tried first."""
    root: dict = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for sym in _symbols(w, space, after_space or {}):
            node = node.setdefault(sym, {})
        node[_END] = {}
    if not root:
        return r"(?!x)x"
    return _emit(root)


def _emit(node: dict) -> str:
    branches = [sym + _emit(child) if child else sym for sym, child in node.items() if sym != _END]
    branches.sort()
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        # greedy: the longer words below this node are tried before the word that ends here
        return body + "?" if len(branches) == 1 and _is_atom(branches[0]) else "(?:" + "|".join(branches) + ")?"
    return body


def _is_atom(pattern: str) -> bool:
    """Can ``?`` follow ``pattern`` directly (a single escaped or plain character)?"""
    return len(pattern) == 1 or (len(pattern) == 2 and pattern[0] == "\\")
