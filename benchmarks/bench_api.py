"""API load benchmark on loopback: requests/second and p95 latency of ``GET /api/events`` under a
few filter combinations, with N synthetic events in SQLite and in PostgreSQL, next to two
references measured in the same run: ``GET /api/health`` on the same server (the HTTP stack
without the store) and the bare store query called in process (the store without HTTP).

    python benchmarks/bench_api.py [--events 100000] [--requests 300] [--seconds 10]
                                   [--clients 4] [--pg-url URL | --no-pg]

Events are built as typed records and written through the store's own write path
(``Store.add_articles``, one transaction per batch, dedup included), one event per article, with
actors and places that never merge. The server is uvicorn in a child process on 127.0.0.1 (one
worker); the clients are threads with keep-alive connections. Each scenario stops after
--requests requests or --seconds seconds, whichever comes first.
PostgreSQL: --pg-url, else $RASAD_TEST_PG_URL, else postgresql://postgres@127.0.0.1:5432/test
(a fresh schema, dropped afterwards); skipped with a note when the server does not answer.
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

from rasad.records import Actor, Article, ArticleResult, DateValue, Evidence, Location, Record
from rasad.store import ArticleInput, open_store
from rasad.store.query import EventFilters

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
TYPES = [("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
         ("Riots", "Violent demonstration"), ("Strategic developments", "Arrests")]
# country, lat/lon box
COUNTRIES = [("SY", 32.5, 37.0, 35.8, 42.0), ("IQ", 29.5, 37.0, 39.0, 48.0), ("YE", 12.8, 17.5, 43.0, 52.0),
             ("LB", 33.1, 34.6, 35.2, 36.5), ("PS", 31.2, 32.5, 34.3, 35.5), ("SD", 10.0, 21.0, 23.0, 36.0),
             ("LY", 25.0, 32.5, 10.0, 25.0), ("EG", 22.5, 31.5, 25.0, 34.0)]
ACTOR_TYPES = ["state_forces", "rebel_group", "political_militia", "identity_militia", "rioters",
               "protesters", "civilians", "external_other"]
START = dt.date(2019, 1, 1)
SPAN_DAYS = 5 * 365
SCENARIOS = [
    ("newest 50", {}),
    ("type + 1 month", {"event_type": "Battles", "since": "2021-03-01", "until": "2021-03-31"}),
    ("country + min_fatalities", {"country": "SY", "min_fatalities": 10}),
    ("bbox + actor_type", {"bbox": "35.8,32.5,42,37", "actor_type": "rebel_group"}),
    ("free text", {"q": "Group 7"}),
    ("deep page", {"offset": 20000}),
]


def synthetic(n: int, seed: int = 7):
    """``n`` (ArticleInput, ArticleResult) pairs in date order, one event record each."""
    rnd = random.Random(seed)
    for i in range(n):
        day = (START + dt.timedelta(days=i * SPAN_DAYS // max(1, n))).isoformat()
        et, sub = TYPES[rnd.randrange(len(TYPES))]
        cc, la0, la1, lo0, lo1 = COUNTRIES[rnd.randrange(len(COUNTRIES))]
        t1, t2 = rnd.choice(ACTOR_TYPES), rnd.choice(ACTOR_TYPES + [None])
        aid = f"b{i}"
        rec = Record(id=f"{aid}:1", kind="event", event_type=et, sub_event_type=sub,
                     date=DateValue(start=day, end=day, precision="day"),
                     location=Location(name=f"Place {i}", country=cc, admin1=f"Region {i % 40}",
                                       lat=round(rnd.uniform(la0, la1), 4),
                                       lon=round(rnd.uniform(lo0, lo1), 4),
                                       precision="town"),
                     actor1=Actor(name=f"Group {i}", type=t1),  # distinct known actors: never merged
                     actor2=Actor(name=f"Side {i}", type=t2) if t2 else None,
                     fatalities=rnd.choice([None, 0, 1, 2, 3, 5, 8, 12, 20, 40]),
                     evidence=[Evidence(start=0, end=5, text="اشتبا")])
        text, src = f"اشتباكات في المكان {i}", f"Source {i % 12}"
        yield (ArticleInput(id=aid, text=text, published=day, source=src),
               ArticleResult(article=Article(id=aid, source=src, published=day), records=[rec]))


def load(url: str, n: int, batch: int = 1000) -> tuple[int, float]:
    store = open_store(url)
    t0, buf = time.perf_counter(), []
    for item in synthetic(n):
        buf.append(item)
        if len(buf) == batch:
            store.add_articles(buf, extractor_version="bench")
            buf = []
    if buf:
        store.add_articles(buf, extractor_version="bench")
    secs = time.perf_counter() - t0
    _, events = store.query_events(None, limit=1)
    store.close()
    refresh_statistics(url)
    return events, secs


def refresh_statistics(url: str) -> None:
    """Planner statistics after the bulk load, as autovacuum (PostgreSQL) or an operator's
    ANALYZE (SQLite) would give a store in service; without them PostgreSQL plans the first
    minutes after a load with no row counts (sequential scans of records)."""
    from sqlalchemy import create_engine, text
    from rasad.store.db import normalize_url
    eng = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    with eng.connect() as c:
        c.execute(text("VACUUM ANALYZE" if eng.dialect.name == "postgresql" else "ANALYZE"))
    eng.dispose()


# ---- server (child process) ---------------------------------------------------------------------
def serve(url: str, port: int) -> None:
    import logging

    import uvicorn

    from rasad.web.app import Settings, create_app
    logging.getLogger("rasad.web").setLevel(logging.CRITICAL)
    app = create_app(db_url=url, settings=Settings(read_token_required=False))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def start_server(url: str) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, __file__, "--serve", url, "--port", str(port)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/api/health")
            if c.getresponse().status == 200:
                c.close()
                return proc, port
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("server did not start within 60 s")


# ---- client -----------------------------------------------------------------------------------
def hammer(port: int, path: str, requests: int, seconds: float, clients: int) -> dict:
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    left = [requests]
    stop = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop:
            with lock:
                if left[0] <= 0:
                    break
                left[0] -= 1
            t = time.perf_counter()
            conn.request("GET", path)
            resp = conn.getresponse()
            body = resp.read()
            d = time.perf_counter() - t
            with lock:
                lat.append(d)
                if resp.status != 200:
                    errors.append(f"{resp.status} {body[:200]!r}")
        conn.close()

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    lat.sort()
    p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))] if lat else float("nan")
    return {"n": len(lat), "rps": len(lat) / wall if wall else 0.0, "p95_ms": 1000 * p95,
            "errors": errors}


def bare_query_ms(url: str, params: dict, reps: int = 20) -> float:
    """Median ms of the store query behind ``params`` called in process (no HTTP)."""
    from rasad.web.query import build_query
    store = open_store(url)
    kw = {k: v for k, v in params.items() if k != "offset"}
    flt: EventFilters = build_query(**kw).store_filters()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        store.query_events(flt, limit=50, offset=int(params.get("offset", 0)))
        times.append(time.perf_counter() - t)
    store.close()
    times.sort()
    return 1000 * times[len(times) // 2]


def run_backend(name: str, url: str, args: argparse.Namespace) -> None:
    events, secs = load(url, args.events)
    print(f"\n== {name}: {events} events loaded in {secs:.1f} s ({events / secs:.0f} events/s "
          f"through Store.add_articles), then {'VACUUM ANALYZE' if name == 'PostgreSQL' else 'ANALYZE'}")
    proc, port = start_server(url)
    try:
        hammer(port, "/api/health", 50, 5, 1)  # warm-up: connections, imports, caches
        ref = hammer(port, "/api/health", args.requests, args.seconds, args.clients)
        print(f"{'scenario':28} {'req':>5} {'req/s':>8} {'p95 ms':>8} {'bare ms':>8} "
              f"{'rps/health':>10} {'p95/health':>10}")
        print(f"{'reference: /api/health':28} {ref['n']:5d} {ref['rps']:8.1f} {ref['p95_ms']:8.2f} "
              f"{'-':>8} {1.0:10.3f} {1.0:10.2f}")
        for label, params in SCENARIOS:
            path = "/api/events?" + urlencode({"limit": 50, **params})
            hammer(port, path, 3, 5, 1)  # warm-up
            r = hammer(port, path, args.requests, args.seconds, args.clients)
            bare = bare_query_ms(url, params)
            print(f"{label:28} {r['n']:5d} {r['rps']:8.1f} {r['p95_ms']:8.2f} {bare:8.2f} "
                  f"{r['rps'] / ref['rps']:10.3f} {r['p95_ms'] / ref['p95_ms']:10.2f}")
            if r["errors"]:
                print(f"  {len(r['errors'])} non-200 answers, first: {r['errors'][0]}")
    finally:
        proc.terminate()
        proc.wait(10)


def pg_schema_url(base: str):
    """A fresh schema on ``base`` and its URL, or None (with the reason) when PG does not answer."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError
    from rasad.store.db import normalize_url
    schema = "bench_" + uuid.uuid4().hex[:10]
    try:
        admin = create_engine(normalize_url(base), connect_args={"connect_timeout": 3})
        with admin.begin() as c:
            c.execute(text(f'CREATE SCHEMA "{schema}"'))
    except (SQLAlchemyError, ImportError) as exc:
        return None, None, None, str(exc).splitlines()[0]
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options={quote('-csearch_path=' + schema)}", admin, schema, None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=300, help="per scenario (at most)")
    ap.add_argument("--seconds", type=float, default=10.0, help="per scenario (at most)")
    ap.add_argument("--clients", type=int, default=4, help="concurrent keep-alive connections")
    ap.add_argument("--pg-url", default=os.environ.get("RASAD_TEST_PG_URL") or DEFAULT_PG)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--serve", metavar="URL", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port)
        return 0
    print(f"bench_api: {args.events} events, {args.clients} clients, at most {args.requests} "
          f"requests or {args.seconds:.0f} s per scenario, limit=50, loopback")
    with tempfile.TemporaryDirectory() as tmp:
        run_backend("SQLite", f"sqlite:///{Path(tmp) / 'bench.sqlite'}", args)
    if args.no_pg:
        print("\nPostgreSQL: skipped (--no-pg)")
        return 0
    url, admin, schema, why = pg_schema_url(args.pg_url)
    if url is None:
        print(f"\nPostgreSQL: skipped, {args.pg_url} does not answer ({why})")
        return 0
    from sqlalchemy import text
    try:
        run_backend("PostgreSQL", url, args)
    finally:
        with admin.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
