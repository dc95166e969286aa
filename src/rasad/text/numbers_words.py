"""The lexicon behind ``find_numbers``: number words, cues and counted nouns, compiled from the
``number_words``, ``number_cues`` and ``counted_nouns`` tables into one regex over normalized text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..knowledge.loader import cached, load_table
from .matcher import clitics
from .normalize import norm_key
from .regex_trie import trie_alt

MIN = "من"          # the preposition the ``before`` patterns allow after a cue
BASE = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass(frozen=True, slots=True)
class Word:
    value: float
    kind: str       # unit ten hundred thousand million billion ordinal vague dual
    form: str       # sg du pl teen noart
    counted: str | None = None


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, Word]
    counted: dict[str, str]          # surface form -> singular key
    atom: re.Pattern[str]
    before: dict[str, re.Pattern[str]]   # role/flag -> pattern anchored at the end of a window
    after: dict[str, re.Pattern[str]]    # role/flag -> pattern anchored at the start of a window
    scan: re.Pattern[str]                # the non-word character before a word start where an atom may be
    before_cues: dict[str, tuple[str, ...]]  # the cues of each ``before`` key; "approx:": all approx ones
    any_after: re.Pattern[str]           # any approx: cue of ``after``
    proclitics: tuple[str, ...] = ()     # what may precede a number in its token (clitics.tsv)


def _alt(words) -> str:
    return trie_alt(words)


@cached
def lexicon() -> Lexicon:
    words: dict[str, Word] = {}
    for r in load_table("number_words", required=("word", "value", "kind")).rows:
        words[norm_key(r["word"])] = Word(float(r["value"]), r["kind"], r.get("form", "sg") or "sg")
    counted: dict[str, str] = {}
    for r in load_table("counted_nouns", required=("singular",)).rows:
        sg = norm_key(r["singular"])
        counted[sg] = sg
        if not sg.endswith(("ه", "ا")):
            counted[sg + "ا"] = sg
        for f in (r.get("plural") or "").split():
            counted[norm_key(f)] = sg
        for f in (r.get("dual") or "").split():
            counted[norm_key(f)] = sg
            words.setdefault(norm_key(f), Word(2, "dual", "du", sg))
    before: dict[str, list[str]] = {}
    after: dict[str, list[str]] = {}
    for r in load_table("number_cues", required=("cue", "role")).rows:
        cue, role = norm_key(r["cue"]), r["role"]
        if role == "vague":
            words[cue] = Word(float(r["value"]), "vague", "pl")
            continue
        key = f"{role}:{r.get('flag') or ''}"
        pos = r.get("position") or "before"
        if role == "month":
            before.setdefault(key, []).append(cue)
            after.setdefault(key, []).append(cue)
        else:
            (before if pos == "before" else after).setdefault(key, []).append(cue)
    cl = clitics()
    proclitics = cl.of_class("all")
    pre = _alt(proclitics)
    walt = _alt(words)
    atom = (
        r"(?P<date>(?<!\d)\d{1,4}[/\-.]\d{1,2}[/\-.]\d{1,4}(?!\d))"
        r"|(?P<time>(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d))"
        r"|(?P<phone>\+\d[\d \-]{6,}\d|(?<![\d,.])\d{8,}(?![\d,.]))"
        r"|(?<!\w)(?P<pre>" + pre + r")??(?:(?P<dig>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d\w])"
        r"|(?P<word>" + walt + r")(?!\w))")
    # Where an atom may start at a word start: a digit or +, a proclitic and a digit, or a proclitic
    # and a number word written as one string. ``\W`` first lets ``re`` skip to word starts in C; the
    # atom begins one character after (``numbers._finditer`` re-matches it there, and tries digits
    # glued to a letter on its own).
    words_pre = trie_alt({p + w for p in ("",) + proclitics for w in words})
    scan = re.compile(rf"\W(?=[\d+]|(?:{pre})\d|(?:{words_pre})(?!\w))")
    b = {k: re.compile(r"(?:^|(?<!\w))(?:" + cl.group("conj", "prep") + r")?(?:" + _alt(v) + r")\s*(?:" + MIN + r"\s+)?$") for k, v in before.items()}
    a = {k: re.compile(r"^\s*(?:" + _alt(v) + r")(?!\w)") for k, v in after.items()}
    # any approximation cue at all, before or after: lets ``_approx`` skip its per-cue loop
    ab = [c for k, v in before.items() if k.startswith("approx:") for c in v]
    aa = [c for k, v in after.items() if k.startswith("approx:") for c in v]
    any_a = re.compile(r"^\s*(?:" + _alt(aa) + r")(?!\w)")
    ends = {k: tuple(v) for k, v in before.items()} | {"approx:": tuple(ab)}
    return Lexicon(words, counted, re.compile(atom), b, a, scan, ends, any_a, proclitics)


def may_end_with(window: str, cues: tuple[str, ...]) -> bool:
    """False when the ``before`` pattern of ``cues`` cannot match ``window``: none of them ends it,
    before trailing whitespace and an optional من (a cheap test that spares the regex search)."""
    r = window.rstrip()
    if r.endswith(cues):
        return True
    return r.endswith(MIN) and r[:-len(MIN)].rstrip().endswith(cues)

