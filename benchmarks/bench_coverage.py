"""Coverage of the extractor on unlabelled conflict news: how often it finds an event, and how full
the events are.

    python benchmarks/bench_coverage.py [--corpus PATH] [--sample N] [--seed S] [--json]

Reads ``corpus/ant-conflict.jsonl.gz`` (under ``$RASAD_SHARED_DIR`` or ``../shared``; 2,918 ANT
articles selected by violent-event keywords, none in any gold file) and prints:

* the share of articles with at least one event, and events per article;
* among events, the share with an actor1, with a place finer than a country (location precision
  point, town, admin2 or admin1), and with a date read from the text (``date.text`` set: not the
  publication-date fallback);
* the event-type distribution.

Events are the records of kind ``event`` with status ``occurred`` (what ``rasad eval`` scores).
``--sample N`` takes N articles at random (``--seed``, default 0), in corpus order.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

import rasad

COARSE = {"country", "region"}


def shared_dir() -> Path:
    env = os.environ.get("RASAD_SHARED_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"


def corpus_path() -> Path:
    return shared_dir() / "corpus" / "ant-conflict.jsonl.gz"


def read_corpus(path: Path, sample: int | None = None, seed: int = 0) -> list[dict]:
    """The corpus articles (gzip or plain JSON Lines), or ``sample`` of them in corpus order."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        arts = [json.loads(line) for line in f if line.strip()]
    if sample is not None and sample < len(arts):
        keep = sorted(random.Random(seed).sample(range(len(arts)), sample))
        arts = [arts[i] for i in keep]
    return arts


def events_of(arts: Iterable[dict]) -> Iterator[list[dict]]:
    """Per article, its occurred events as JSON dicts."""
    for a in arts:
        res = rasad.extract(a["text"], published=a.get("published"), source=a.get("source"),
                            id=a.get("id"), title=a.get("title"), url=a.get("url"))
        yield [r.model_dump(mode="json") for r in res.records
               if r.kind == "event" and r.status == "occurred"]


def coverage(per_article: Iterable[list[dict]]) -> dict:
    """The coverage figures over articles' event lists."""
    n_art = with_event = 0
    evs: list[dict] = []
    for events in per_article:
        n_art += 1
        with_event += bool(events)
        evs += events
    n = len(evs)

    def share(pred) -> float:
        return round(sum(1 for e in evs if pred(e)) / n, 4) if n else 0.0

    types = Counter(e.get("event_type") or "-" for e in evs)
    return {
        "articles": n_art, "events": n,
        "articles_with_event": round(with_event / n_art, 4) if n_art else 0.0,
        "events_per_article": round(n / n_art, 3) if n_art else 0.0,
        "with_actor1": share(lambda e: bool(e.get("actor1"))),
        "with_fine_place": share(lambda e: bool(e.get("location"))
                                 and (e["location"].get("precision") or "") not in COARSE),
        "with_text_date": share(lambda e: bool((e.get("date") or {}).get("text"))),
        "event_types": {t: c for t, c in types.most_common()},
    }


def report(c: dict, out=None) -> None:
    out = out or sys.stdout
    n = c["events"]
    out.write(f"articles {c['articles']}, events {n} ({c['events_per_article']:.2f} per article)\n")
    out.write(f"articles with at least one event: {c['articles_with_event']:.1%}\n")
    out.write(f"events with actor1:                {c['with_actor1']:.1%}\n")
    out.write(f"events with a place finer than a country: {c['with_fine_place']:.1%}\n")
    out.write(f"events with a date from the text:  {c['with_text_date']:.1%}\n")
    out.write("event types:\n")
    for t, k in c["event_types"].items():
        out.write(f"  {t:<30} {k:>5}  {k / n:6.1%}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=None, help="JSON Lines (.gz) of articles")
    ap.add_argument("--sample", type=int, default=None, metavar="N", help="N random articles")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    path = a.corpus or corpus_path()
    if not path.is_file():
        print(f"bench_coverage: no corpus at {path}", file=sys.stderr)
        return 2
    c = coverage(events_of(read_corpus(path, a.sample, a.seed)))
    if a.json:
        print(json.dumps(c, ensure_ascii=False))
    else:
        print(f"corpus: {path}" + (f" (sample of {a.sample}, seed {a.seed})" if a.sample else ""))
        report(c)
    return 0


if __name__ == "__main__":
    sys.exit(main())
