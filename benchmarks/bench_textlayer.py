"""Throughput of the whole text layer on one core, against a plain ``str.translate`` pass.

The text layer is normalize + sentences + tokens + numbers + dates; stages whose module is not
present yet are skipped with a note. Input: the bundled sample articles (the gold articles'
texts) repeated to at least ``--mb`` MB, each article processed on its own as in extraction.
The reference is one ``str.translate`` pass (a 1:1 character table) over the same articles,
measured in the same process; the ratio says how many such passes the text layer costs. Times are
the CPU time of this process, the best of ``--repeat`` passes, so that a busy machine does not
count against either side.

    python benchmarks/bench_textlayer.py [--mb 5] [--repeat 3]
Target: >= 2 MB/s for the whole text layer.
"""
from __future__ import annotations

import datetime as dt
import argparse
import importlib
import inspect
import time
from typing import Callable

from rasad.samples import iter_samples
from rasad.text.normalize import normalize
from rasad.text.tokens import sentences, tokens

TARGET_MBS = 2.0


def optional(module: str, name: str) -> Callable | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as e:
        print(f"note: {module}.{name} not available ({type(e).__name__}); stage skipped")
        return None


def adapt(fn: Callable | None) -> Callable | None:
    """Call ``fn(norm)`` or ``fn(norm, published)`` depending on what it accepts."""
    if fn is None:
        return None
    params = [p for p in inspect.signature(fn).parameters.values()
              if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(params) >= 2:
        return lambda norm, published: fn(norm, published)
    return lambda norm, published: fn(norm)


def _translate_pass(arts, table) -> float:
    t = time.process_time()
    for text, _ in arts:
        text.translate(table)
    return time.process_time() - t


def _layer_pass(arts, stages) -> tuple[float, dict[str, float]]:
    per_stage = {"normalize": 0.0} | {label: 0.0 for label, _ in stages}
    t0 = time.process_time()
    for text, published in arts:
        ts = time.process_time()
        norm = normalize(text)
        te = time.process_time()
        per_stage["normalize"] += te - ts
        for label, fn in stages:
            fn(norm, published)
            tn = time.process_time()
            per_stage[label] += tn - te
            te = tn
    return time.process_time() - t0, per_stage


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=5.0, help="minimum MB of text to process")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the text; the fastest counts")
    args = ap.parse_args()
    mb, repeat = args.mb, max(1, args.repeat)
    base = [(a.text, dt.date.fromisoformat(a.published) if a.published else None) for a in iter_samples()]
    size = sum(len(t.encode()) for t, _ in base)
    arts = base * max(1, int(mb * 1e6 / size) + 1)
    total = sum(len(t.encode()) for t, _ in arts) / 1e6

    stages: list[tuple[str, Callable]] = [("sentences", lambda n, p: sentences(n)),
                                          ("tokens", lambda n, p: tokens(n))]
    for label, mod, name in (("numbers", "rasad.text.numbers", "find_numbers"),
                             ("dates", "rasad.text.dates", "find_dates")):
        fn = adapt(optional(mod, name))
        if fn is not None:
            stages.append((label, fn))

    # warm caches (tables, regexes, knowledge files) outside the timing
    for stage in stages:
        stage[1](normalize(base[0][0]), base[0][1])
    table = {ord(c): ord(c) + 1 for c in "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"}

    # CPU time of this process (one core), best of --repeat passes: other processes on the machine
    # slow the wall clock of both the reference and the layer, not the work they do.
    ref = min(_translate_pass(arts, table) for _ in range(repeat))
    layer, per_stage = min((_layer_pass(arts, stages) for _ in range(repeat)), key=lambda r: r[0])

    print(f"input: {len(arts)} articles ({len(base)} samples repeated), {total:.1f} MB UTF-8, one core "
          f"(CPU time, best of {repeat})")
    print(f"stages: normalize, {', '.join(label for label, _ in stages)}")
    for label, sec in per_stage.items():
        print(f"  {label:<10} {total / sec:8.2f} MB/s" if sec else f"  {label:<10}   (no time)")
    print(f"reference str.translate: {total / ref:8.2f} MB/s")
    print(f"text layer:              {total / layer:8.2f} MB/s")
    print(f"ratio text layer / str.translate: {ref / layer:.3f}  (the layer costs {layer / ref:.1f} translate passes)")
    verdict = "meets" if total / layer >= TARGET_MBS else "BELOW"
    print(f"target >= {TARGET_MBS} MB/s: {verdict}")


if __name__ == "__main__":
    main()
