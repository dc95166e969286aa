"""Linear time: ``rasad.extract`` CPU time per 100k characters at 100k, 500k and 2M characters
(2M is the API's MAX_CHARS), and the ratio of the time per character at the largest size over the
smallest.

    python benchmarks/bench_linear.py [--sizes 100000 500000 2000000] [--repeat 2] [--corpus PATH]

The text is real news: articles of the unlabelled corpus (../shared/corpus/ant-conflict.jsonl.gz,
never the gold) joined by blank lines, in corpus order, cut at the largest size. Every size
extracts that same text, cut into pieces of the size (20 of 100k, 4 of 500k, one of 2M): news
differs from article to article in how many names and incident words it holds (the first 100k of
the corpus alone runs ~30% faster per character than the average 100k of the 2M), so only the
same characters compare sizes. Times are CPU time of this process (on a shared machine wall time
measures the neighbours), best of --repeat passes per piece; the knowledge tables, gazetteer and
matchers are built by an untimed pass first.
Target: ratio < 1.5 (time grows in proportion to the text; pairwise span tests made it quadratic).
"""
from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import rasad
from rasad.extract.api import MAX_CHARS

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ant-conflict.jsonl.gz"
TARGET = 1.5


def long_text(path: Path, size: int) -> str:
    """The corpus articles joined by blank lines, in order, cut at ``size`` characters."""
    parts, n = [], 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            parts.append(text)
            n += len(text) + 2
            if n >= size:
                break
    text = "\n\n".join(parts)
    if len(text) < size:
        raise SystemExit(f"the corpus has only {len(text):,} characters; {size:,} asked")
    return text[:size]


def cpu_time(text: str, repeat: int) -> tuple[float, int]:
    """Best CPU seconds of ``repeat`` extractions of ``text``, and how many records it gave."""
    best, n = float("inf"), 0
    for _ in range(repeat):
        t = time.process_time()
        res = rasad.extract(text, published="2018-06-01")
        best = min(best, time.process_time() - t)
        n = len(res.records)
    return best, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 500_000, 2_000_000])
    ap.add_argument("--repeat", type=int, default=2, help="passes per piece; the best is kept")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args()
    sizes = sorted(args.sizes)
    if sizes[-1] > MAX_CHARS:
        raise SystemExit(f"sizes above MAX_CHARS ({MAX_CHARS:,}) are refused by rasad.extract")
    text = long_text(args.corpus, sizes[-1])
    rasad.extract(text[:sizes[0]], published="2018-06-01")     # untimed: builds the caches
    print(f"rasad.extract on {len(text):,} characters of corpus text (MAX_CHARS {MAX_CHARS:,}), "
          f"cut into pieces of each size; CPU time, best of {args.repeat} per piece")
    per_char = {}
    for n in sizes:
        pieces = [text[i:i + n] for i in range(0, len(text) - n + 1, n)]
        times = [cpu_time(p, args.repeat) for p in pieces]
        secs, recs = sum(t for t, _ in times), sum(r for _, r in times)
        per_char[n] = secs / (n * len(pieces))
        spread = ""
        if len(pieces) > 1:
            each = [t / n * 1e5 for t, _ in times]
            spread = f"  (pieces {min(each):.3f}-{max(each):.3f})"
        print(f"{n:>10,} chars x {len(pieces):2d}  {secs:7.2f} s  "
              f"{per_char[n] * 1e5:6.3f} s per 100k  {recs:5d} records{spread}")
    ratio = per_char[sizes[-1]] / per_char[sizes[0]]
    verdict = "met" if ratio < TARGET else "NOT met"
    print(f"ratio (time per char at {sizes[-1]:,} / at {sizes[0]:,}): {ratio:.2f}   "
          f"target < {TARGET}: {verdict}")


if __name__ == "__main__":
    main()
