"""Geocoding accuracy on the gold location points, and gazetteer load time / memory.

For each gold record with a location lat/lon (seed, dev and tune; never the holdout): does the geocoder find, in that article, a mention
whose best place lies within the gold tolerance_km? Load time: cold build vs warm cached load,
printed as a ratio measured in the same process. Memory: a fresh process loads the whole
knowledge base from the warm cache (gazetteer, actors, vocabularies, by extracting one sentence)
and reports its peak RSS against the bare interpreter with rasad imported (target < 300 MB).
"""
from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
import time
from pathlib import Path

from rasad.knowledge.gazetteer import Gazetteer
from rasad.knowledge.geocoder import Geocoder
from rasad.text.normalize import normalize

SETS = ("seed", "dev", "tune")


def km(a, b, c, d):
    p = math.pi / 180
    h = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def main() -> None:
    t0 = time.perf_counter(); Gazetteer.load(use_cache=False); cold = time.perf_counter() - t0
    t0 = time.perf_counter(); g = Gazetteer.load(); warm = time.perf_counter() - t0
    geo = Geocoder(g)
    t_find = 0.0
    gold = Path(__file__).resolve().parents[2] / "shared" / "gold"
    hit_all = total_all = 0
    for name in SETS:            # never the holdout: its articles are not to be read
        hit = total = 0
        for line in open(gold / f"{name}.jsonl", encoding="utf-8"):
            art = json.loads(line)
            t0 = time.perf_counter(); ms = geo.find(normalize(art["text"])); t_find += time.perf_counter() - t0
            for r in art["records"]:
                loc = r.get("location") or {}
                if loc.get("lat") is None:
                    continue
                total += 1
                tol = loc.get("tolerance_km", 25)
                if any(m.best and km(m.best.lat, m.best.lon, loc["lat"], loc["lon"]) <= tol for m in ms):
                    hit += 1
        print(f"{name:5} gold location accuracy: {hit}/{total} = {hit / max(1, total):.1%}")
        hit_all, total_all = hit_all + hit, total_all + total
    print(f"all   gold location accuracy: {hit_all}/{total_all} = {hit_all / max(1, total_all):.1%}"
          " (target >= 90%)")
    print(f"gazetteer load: cold {cold:.2f}s, warm {warm:.3f}s, cold/warm = {cold / warm:.1f}x")
    print(f"find() total over gold articles: {t_find * 1000:.1f} ms")
    print(f"max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (includes the cold build)")
    base, loaded = _warm_rss()
    print(f"knowledge base loaded from the warm cache: {loaded:.0f} MB RSS "
          f"(interpreter + imports {base:.0f} MB, knowledge {loaded - base:.0f} MB); target < 300 MB: "
          f"{'met' if loaded < 300 else 'NOT met'}")


# VmHWM (peak RSS of this address space) rather than ru_maxrss, which Linux carries across exec
# from the parent that forked the child.
_CHILD = """
import rasad
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
base = hwm()
rasad.extract("قصفت طائرات حربية مدينة دوما في ريف دمشق أمس.", published="2018-03-11")
print(base, hwm())
"""


def _warm_rss() -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


if __name__ == "__main__":
    main()
