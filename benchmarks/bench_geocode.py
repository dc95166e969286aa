"""Geocoding accuracy on the gold location points, and gazetteer load time / memory.

For each gold record with a location lat/lon: does the geocoder find, in that article, a mention
whose best place lies within the gold tolerance_km? Load time: cold build vs warm cached load,
printed as a ratio measured in the same process.
"""
from __future__ import annotations

import glob
import json
import math
import resource
import time

from rasad.knowledge.gazetteer import Gazetteer
from rasad.knowledge.geocoder import Geocoder
from rasad.text.normalize import normalize


def km(a, b, c, d):
    p = math.pi / 180
    h = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def main() -> None:
    t0 = time.perf_counter(); Gazetteer.load(use_cache=False); cold = time.perf_counter() - t0
    t0 = time.perf_counter(); g = Gazetteer.load(); warm = time.perf_counter() - t0
    geo = Geocoder(g)
    hit = total = 0
    t_find = 0.0
    for path in sorted(glob.glob("/work/shared/gold/*.jsonl")):
        for line in open(path, encoding="utf-8"):
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
    print(f"gold location accuracy: {hit}/{total} = {hit / max(1, total):.1%} (target >= 90%)")
    print(f"gazetteer load: cold {cold:.2f}s, warm {warm:.3f}s, cold/warm = {cold / warm:.1f}x")
    print(f"find() total over gold articles: {t_find * 1000:.1f} ms")
    print(f"max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (includes the cold build)")


if __name__ == "__main__":
    main()
