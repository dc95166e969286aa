"""rasad's date resolution vs dateparser on the same sentences (benchmarks/data/date_cases.jsonl).

Each case is a sentence as the Arab press writes it, with its publication date and the ISO start
and end of the date it gives the event. dateparser (``search_dates`` with the publication date as
``RELATIVE_BASE``, dates preferred from the past) returns a point in time, so both are scored on
the start: a case is right when the first date found starts on the gold start date. rasad is also
scored on the whole span (start and end). Accuracy and cases/s of each, and the ratios, are
measured in the same process.

    python benchmarks/bench_dates.py [--show-misses]
"""
from __future__ import annotations

import argparse
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
    return (ms[0].first.isoformat(), ms[0].last.isoformat()) if ms else None


def dateparser_one(c):
    base = dt.datetime.fromisoformat(c["published"])
    r = search_dates(c["text"], languages=["ar"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
    return (r[0][1].date().isoformat(), None) if r else None


def run(fn):
    t0 = time.perf_counter()
    got = [fn(c) for c in CASES]
    t = time.perf_counter() - t0
    start = sum(bool(g) and g[0] == c["start"] for g, c in zip(got, CASES)) / len(CASES)
    span = sum(g == (c["start"], c["end"]) for g, c in zip(got, CASES)) / len(CASES)
    return got, start, span, len(CASES) / t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-misses", action="store_true", help="print the cases each one gets wrong")
    show = ap.parse_args().show_misses
    # one untimed pass of each loads tables, regexes and language data (rasad builds its number
    # lexicon on the first year it checks for a counted noun)
    for c in CASES:
        rasad_one(c)
        dateparser_one(c)
    rg, ra, rspan, rs = run(rasad_one)
    dg, da, _, ds = run(dateparser_one)
    print(f"cases={len(CASES)} (real-prose sentences, {len({c['published'] for c in CASES})} publication dates)")
    print(f"rasad      accuracy(start)={ra:.3f} accuracy(start+end)={rspan:.3f} speed={rs:.0f} cases/s")
    print(f"dateparser accuracy(start)={da:.3f} speed={ds:.0f} cases/s")
    print(f"ratio: accuracy {ra / max(da, 1e-9):.2f}x, speed {rs / ds:.1f}x")
    if show:
        for name, got in (("rasad", rg), ("dateparser", dg)):
            for g, c in zip(got, CASES):
                if not g or g[0] != c["start"]:
                    print(f"{name} miss: {c['published']} {c['text']} -> {g} (gold {c['start']}..{c['end']})")


if __name__ == "__main__":
    main()
