"""Ingest benchmark: one run prints articles/second for bare extraction (the reference), ingest
into SQLite with 1 process and with N local Dask workers, the insert rate into SQLite and
PostgreSQL, and peak memory (main process and workers; RSS early and late in the 1-process run, to
show it stays flat). The input is a generated JSON Lines archive, streamed (never loaded whole).

    python benchmarks/bench_ingest.py [--articles 3000] [--workers 2] [--rounds 2] [--pg URL | --no-pg]

Extractor: rasad.extract when it works on a probe article, otherwise (while the extractor is being
built) a stand-in that reads one marker line per article; the output says which.
PostgreSQL: --pg, else $RASAD_TEST_PG_URL, else postgresql://postgres@127.0.0.1:5432/test (a fresh
schema is created and dropped); skipped with a note when the server does not answer.
Target: ingest into SQLite (1 process) at least 70% of the bare extraction rate. The reference and
the 1-process ingest run alternately ``--rounds`` times and the best of each is compared, so that
load from other processes on a shared machine does not favour one side; the same ratio per
CPU-second of this process is printed too (insensitive to what else runs on the machine).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
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
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
TARGET = 0.70


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
        warm("rasad:extract")  # also loads its knowledge: the reference below starts warm
        return "rasad:extract"
    except Exception as e:  # noqa: BLE001 - reported, then the stand-in is used
        print(f"note: rasad.extract not usable ({type(e).__name__}: {e}); using the stand-in")
        return "bench_ingest:standin_extract"


def rate(n: int, t: float) -> float:
    return n / t if t > 0 else float("inf")


def rss_mib() -> float:
    """Current resident set size of this process (Linux /proc), MiB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RssSampler:
    """Samples this process's RSS every 50 ms while running (to show memory stays flat)."""

    def __init__(self):
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.samples.append(rss_mib())

    def __enter__(self) -> RssSampler:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()

    def at(self, frac: float) -> float:
        return self.samples[min(len(self.samples) - 1, int(frac * len(self.samples)))] if self.samples else rss_mib()


def pg_url(a: argparse.Namespace) -> str | None:
    """The PostgreSQL URL to use, or None (printing why) when off or not answering."""
    if a.no_pg:
        print("insert -> PostgreSQL: skipped (--no-pg)")
        return None
    url = a.pg or os.environ.get("RASAD_TEST_PG_URL") or DEFAULT_PG
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError
    eng = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1),
                        connect_args={"connect_timeout": 5})
    try:
        with eng.connect() as c:
            c.execute(text("SELECT 1"))
        return url
    except (SQLAlchemyError, ImportError) as e:
        print(f"insert -> PostgreSQL: skipped, {url} does not answer ({type(e).__name__}: "
              f"{str(e).splitlines()[0][:120]})")
        return None
    finally:
        eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 2)))
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=2, help="alternated reference/ingest rounds (best kept)")
    ap.add_argument("--pg", default=None, help=f"PostgreSQL URL (default $RASAD_TEST_PG_URL or {DEFAULT_PG})")
    ap.add_argument("--no-pg", action="store_true", help="skip the PostgreSQL insert rate")
    a = ap.parse_args()
    fn = pick_extractor()
    print(f"extractor: {fn}; {a.articles} articles, batches of {a.batch_size}, "
          f"{os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        arc = Path(tmp) / "archive.jsonl"
        make_archive(arc, a.articles)

        results: list = []
        rxs, r1s, cxs, c1s = [], [], [], []
        for rnd in range(a.rounds):  # alternated, so load from elsewhere hits both alike
            t, c = time.perf_counter(), time.process_time()
            n = 0
            for b in batched((x for x in read_paths([str(arc)])), a.batch_size):
                out = extract_batch(b, fn)
                n += len(out)
                if rnd == 0 and len(results) < 2000:
                    results.extend(zip(b, out))
            rxs.append(rate(n, time.perf_counter() - t))
            cxs.append(rate(n, time.process_time() - c))
            st = open_store(f"sqlite:///{tmp}/one{rnd}.db")
            with RssSampler() as mem:
                t, c = time.perf_counter(), time.process_time()
                s = ingest([str(arc)], st, batch_size=a.batch_size, extractor=fn, progress=False)
                r1s.append(rate(s.read, time.perf_counter() - t))
                c1s.append(rate(s.read, time.process_time() - c))
            st.close()
        rx, r1, cx, c1 = max(rxs), max(r1s), max(cxs), max(c1s)
        runs = lambda xs: ", ".join(f"{x:.1f}" for x in xs)  # noqa: E731
        print(f"extraction alone (read + extract_batch): {rx:9.1f} articles/s   [reference; "
              f"best of {runs(rxs)}; per CPU-second {cx:.1f}]")
        verdict = "met" if r1 / rx >= TARGET else "NOT met"
        print(f"ingest -> SQLite, 1 process:            {r1:9.1f} articles/s   ratio {r1 / rx:.2f} "
              f"(target >= {TARGET:.2f}: {verdict}; best of {runs(r1s)}; per CPU-second {c1:.1f}, "
              f"ratio {c1 / cx:.2f})   new {s.new} records {s.records} events {s.events}")
        print(f"  main-process RSS during the last one: {mem.at(0.1):.0f} MiB at 10% of the run, "
              f"{mem.at(0.5):.0f} MiB at 50%, {mem.at(1.0):.0f} MiB at the end")
        many(a, fn, arc, tmp, rx)

        st = open_store(f"sqlite:///{tmp}/one0.db")
        t = time.perf_counter()
        s = ingest([str(arc)], st, batch_size=a.batch_size, extractor=fn, progress=False)
        print(f"re-ingest (all unchanged, hash skip):   {rate(s.read, time.perf_counter() - t):9.1f} articles/s")
        st.close()

        insert_rate("SQLite", f"sqlite:///{tmp}/ins.db", results, a.batch_size)
        url = pg_url(a)
        if url:
            from sqlalchemy import create_engine, text
            schema = "bench_" + uuid.uuid4().hex[:10]
            eng = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
            with eng.begin() as c:
                c.execute(text(f'CREATE SCHEMA "{schema}"'))
            try:
                sep = "&" if "?" in url else "?"
                insert_rate("PostgreSQL", f"{url}{sep}options={quote('-csearch_path=' + schema)}",
                            results, a.batch_size)
            finally:
                with eng.begin() as c:
                    c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                eng.dispose()
    print(f"peak memory: main process {peak_mib():.0f} MiB RSS")


def many(a: argparse.Namespace, fn: str, arc: Path, tmp: str, rx: float) -> None:
    """Ingest with a LocalCluster of ``a.workers`` processes (start-up timed apart)."""
    from dask.distributed import Client, LocalCluster
    t = time.perf_counter()
    cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)
    client.wait_for_workers(a.workers)
    client.run(warm, fn)  # each worker loads the extractor's knowledge once, as in a long run
    started = time.perf_counter() - t
    try:
        st = open_store(f"sqlite:///{tmp}/many.db")
        t = time.perf_counter()
        s = ingest([str(arc)], st, batch_size=a.batch_size, scheduler=cluster.scheduler_address,
                   extractor=fn, progress=False)
        rn = rate(s.read, time.perf_counter() - t)
        st.close()
        print(f"ingest -> SQLite, {a.workers} Dask workers:       {rn:9.1f} articles/s   ratio {rn / rx:.2f}"
              f"   (cluster start-up and warm-up {started:.1f} s, not included)   new {s.new} events {s.events}")
        peaks = client.run(peak_mib)
        print(f"  worker peak RSS: {', '.join(f'{v:.0f}' for v in peaks.values())} MiB")
    finally:
        client.close()
        cluster.close()


def warm(fn: str) -> None:
    from rasad.ingest.batch import _resolve
    _resolve(fn)("قصفت طائرات حربية مدينة حمص يوم السبت", published="2024-03-02")


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
