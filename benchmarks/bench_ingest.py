"""Ingest benchmark: one run prints articles/second for bare extraction (the reference), ingest
into SQLite with 1 process and with N Dask workers, the insert rate into SQLite and PostgreSQL,
and peak memory. The input is a generated JSON Lines archive, streamed (never loaded whole).

    python benchmarks/bench_ingest.py [--articles 3000] [--workers 2] [--pg URL]

Extractor: rasad.extract when it works on a probe article, otherwise (while the extractor is being
built) a stand-in that reads one marker line per article; the output says which.
PostgreSQL: --pg or $RASAD_TEST_PG_URL (a fresh schema is created and dropped).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))

from rasad.ingest.batch import extract_batch, batched  # noqa: E402
from rasad.ingest.pipeline import ingest  # noqa: E402
from rasad.ingest.readers import read_paths  # noqa: E402
from rasad.records import (Actor, Article, ArticleResult, DateValue, Evidence, Location,  # noqa: E402
                           Record, text_id)
from rasad.store import open_store  # noqa: E402

DATA = Path(__file__).parent / "data" / "dedup_articles.jsonl"


def standin_extract(text, published=None, source=None, id=None, title=None, url=None):
    """Stand-in extractor: the ``#EV`` marker line carries the record (JSON)."""
    aid = id or text_id(text)
    recs = []
    for line in text.splitlines():
        if line.startswith("#EV "):
            d = json.loads(line[4:])
            s = text.index(line)
            recs.append(Record(id=f"{aid}:{len(recs)}", kind="event", event_type=d["event_type"],
                               sub_event_type=d["sub_event_type"], date=DateValue(**d["date"]),
                               actor1=Actor(**d["actor1"]), location=Location(**d["location"]),
                               fatalities=d["fatalities"],
                               evidence=[Evidence(start=s, end=s + len(line), text=line)]))
    return ArticleResult(article=Article(id=aid, source=source, published=published, title=title,
                                         url=url), records=recs)


def make_archive(path: Path, n: int) -> None:
    base = [json.loads(x) for x in DATA.read_text(encoding="utf-8").splitlines()]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            b = base[i % len(base)]
            r = b["records"][0]
            # spread the copies over ~3 years so dedup sees realistic candidate counts
            from datetime import date, timedelta
            day = (date.fromisoformat(r["date"]["start"]) + timedelta(days=(i // len(base)) % 1000)).isoformat()
            ev = {k: r[k] for k in ("event_type", "sub_event_type", "actor1", "location", "fatalities")}
            ev["date"] = {**r["date"], "start": day, "end": day}
            text = f"{b['text']}\n(نسخة {i})\n#EV {json.dumps(ev, ensure_ascii=False)}"
            f.write(json.dumps({"id": f"a{i}", "source": b["source"], "published": day, "text": text},
                               ensure_ascii=False) + "\n")


def pick_extractor() -> str:
    try:
        import rasad
        rasad.extract("قصفت طائرات حربية مدينة حمص يوم السبت", published="2024-03-02")
        return "rasad.extract"
    except Exception as e:  # noqa: BLE001 - reported, then the stand-in is used
        print(f"note: rasad.extract not usable ({type(e).__name__}: {e}); using the stand-in")
        return "bench_ingest:standin_extract"


def rate(n: int, t: float) -> float:
    return n / t if t > 0 else float("inf")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 2)))
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--pg", default=os.environ.get("RASAD_TEST_PG_URL"))
    a = ap.parse_args()
    ext = pick_extractor()
    fn = "rasad:extract" if ext == "rasad.extract" else ext
    with tempfile.TemporaryDirectory() as tmp:
        arc = Path(tmp) / "archive.jsonl"
        make_archive(arc, a.articles)

        t = time.perf_counter()
        n = 0
        results = []
        for b in batched((x for x in read_paths([str(arc)])), a.batch_size):
            out = extract_batch(b, fn)
            n += len(out)
            if len(results) < 2000:
                results.extend(zip(b, out))
        rx = rate(n, time.perf_counter() - t)
        print(f"extraction alone (read + extract_batch): {rx:9.1f} articles/s   [reference]")

        st = open_store(f"sqlite:///{tmp}/one.db")
        t = time.perf_counter()
        s = ingest([str(arc)], st, batch_size=a.batch_size, extractor=fn, progress=False)
        r1 = rate(s.read, time.perf_counter() - t)
        print(f"ingest -> SQLite, 1 process:           {r1:9.1f} articles/s   ratio {r1 / rx:.2f} "
              f"(target >= 0.70)   new {s.new} records {s.records} events {s.events}")

        st = open_store(f"sqlite:///{tmp}/many.db")
        t = time.perf_counter()
        s = ingest([str(arc)], st, batch_size=a.batch_size, workers=a.workers, extractor=fn,
                   progress=False)
        rn = rate(s.read, time.perf_counter() - t)
        print(f"ingest -> SQLite, {a.workers} Dask workers:      {rn:9.1f} articles/s   ratio {rn / rx:.2f}"
              f"   (includes cluster start-up)")

        t = time.perf_counter()
        s = ingest([str(arc)], st, batch_size=a.batch_size, extractor=fn, progress=False)
        print(f"re-ingest (all unchanged, hash skip):  {rate(s.read, time.perf_counter() - t):9.1f} articles/s")

        insert_rate("SQLite", f"sqlite:///{tmp}/ins.db", results, a.batch_size)
        if a.pg:
            from sqlalchemy import create_engine, text
            schema = "bench_" + uuid.uuid4().hex[:10]
            eng = create_engine(a.pg.replace("postgresql://", "postgresql+psycopg://", 1))
            with eng.begin() as c:
                c.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                sep = "&" if "?" in a.pg else "?"
                insert_rate("PostgreSQL", f"{a.pg}{sep}options={quote('-csearch_path=' + schema)}",
                            results, a.batch_size)
            finally:
                with eng.begin() as c:
                    c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        else:
            print("insert -> PostgreSQL: skipped (give --pg URL or set RASAD_TEST_PG_URL)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (main process RSS): {peak:.0f} MiB")


def insert_rate(name: str, url: str, results, batch: int) -> None:
    st = open_store(url)
    t = time.perf_counter()
    recs = 0
    for b in batched(results, batch):
        recs += st.add_articles(b, "bench").records
    dt = time.perf_counter() - t
    print(f"insert -> {name}: {rate(len(results), dt):9.1f} articles/s, {rate(recs, dt):9.1f} records/s "
          f"(store.add_articles with dedup, {len(results)} articles)")
    st.close()


if __name__ == "__main__":
    main()
