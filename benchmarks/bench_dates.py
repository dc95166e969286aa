"""rasad's date resolution vs dateparser on labelled sentences (benchmarks/data/date_cases.jsonl).

A case counts as correct when the first date found starts on the gold start date.
Prints accuracy and cases/s of each and the speed ratio, measured in the same process.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

from dateparser.search import search_dates

from rasad.text.dates import find_dates
from rasad.text.normalize import normalize

CASES = [json.loads(x) for x in (Path(__file__).parent / "data" / "date_cases.jsonl").read_text(encoding="utf-8").splitlines() if x]


def rasad_one(c):
    ms = find_dates(normalize(c["text"]), dt.date.fromisoformat(c["published"]))
    return ms[0].first.isoformat() if ms else None


def dateparser_one(c):
    base = dt.datetime.fromisoformat(c["published"])
    r = search_dates(c["text"], languages=["ar"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    return r[0][1].date().isoformat() if r else None


def run(fn):
    t0 = time.perf_counter()
    got = [fn(c) for c in CASES]
    t = time.perf_counter() - t0
    return sum(g == c["start"] for g, c in zip(got, CASES)) / len(CASES), len(CASES) / t


def main() -> None:
    ra, rs = run(rasad_one)
    da, ds = run(dateparser_one)
    print(f"cases={len(CASES)}")
    print(f"rasad      accuracy={ra:.3f} speed={rs:.0f} cases/s")
    print(f"dateparser accuracy={da:.3f} speed={ds:.0f} cases/s")
    print(f"ratio: accuracy {ra / max(da, 1e-9):.2f}x, speed {rs / ds:.1f}x")


if __name__ == "__main__":
    main()
