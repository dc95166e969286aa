"""``rasad ingest`` and ``rasad export`` subcommands (registered by rasad.cli)."""
from __future__ import annotations

import argparse
import sys
from datetime import date

from rasad.cli import add_max_bytes
from rasad.errors import RasadError


def _iso_date(s: str) -> str:
    try:
        return date.fromisoformat(s).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {s!r}") from None


def register(subparsers) -> None:
    ing = subparsers.add_parser("ingest", help="read articles (txt, html, jsonl, feeds, WARC) into the store")
    ing.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
    ing.add_argument("--db", default=None, help="store URL (default $RASAD_DB or sqlite:///rasad.db)")
    ing.add_argument("--published", type=_iso_date, default=None,
                     help="publication date for articles whose input gives none")
    ing.add_argument("--workers", type=int, default=1, help="Dask LocalCluster worker processes")
    ing.add_argument("--scheduler", default=None, help="existing Dask scheduler, tcp://HOST:PORT")
    ing.add_argument("--batch-size", type=int, default=1000)
    ing.add_argument("--extractor", default=None, help=argparse.SUPPRESS)  # module:function
    add_max_bytes(ing)
    ing.set_defaults(func=cmd_ingest)

    ex = subparsers.add_parser("export", help="export deduplicated events (ACLED columns)")
    ex.add_argument("--format", choices=("csv", "jsonl", "geojson", "parquet"), default="csv")
    ex.add_argument("--since", type=_iso_date)
    ex.add_argument("--until", type=_iso_date)
    ex.add_argument("--country")
    ex.add_argument("--event-type")
    ex.add_argument("--db", default=None)
    ex.add_argument("-o", "--output", default=None, help="output file (default stdout; required for parquet)")
    ex.add_argument("--no-provenance", dest="provenance", action="store_false",
                    help="ACLED's 31 columns only (drop fatalities_known, rasad_event_id, "
                         "article_ids, article_urls, n_reports, evidence_ar, confidence)")
    ex.add_argument("--inter-num", action="store_true",
                    help="inter1, inter2 and interaction as ACLED's numeric codes, not text labels")
    ex.set_defaults(func=cmd_export)


def cmd_ingest(a: argparse.Namespace) -> int:
    from rasad.ingest.pipeline import ingest
    from rasad.store import open_store
    if a.workers < 1 or a.batch_size < 1:
        print("rasad ingest: error: --workers and --batch-size must be >= 1", file=sys.stderr)
        return 2
    try:
        store = open_store(a.db)
        s = ingest(a.paths, store, published=a.published, workers=a.workers, scheduler=a.scheduler,
                   batch_size=a.batch_size, extractor=a.extractor, max_bytes=a.max_bytes)
    except RasadError as e:
        print(f"rasad ingest: error: {e}", file=sys.stderr)
        return 1
    print(s.report(), file=sys.stderr)
    return s.exit_code


def cmd_export(a: argparse.Namespace) -> int:
    from rasad.store import Filters, open_store
    from rasad.store.export import rows as export_rows
    from rasad.store.export import write
    if a.format == "parquet" and not a.output:
        print("rasad export: error: --format parquet needs -o FILE", file=sys.stderr)
        return 2
    try:
        store = open_store(a.db, create=False)  # a missing SQLite file: an error, not created
        rows = export_rows(store, Filters(since=a.since, until=a.until, country=a.country,
                                          event_type=a.event_type),
                           provenance=a.provenance, inter_num=a.inter_num)
        opts = {"provenance": a.provenance, "inter_num": a.inter_num}
        if a.format == "parquet":
            n = write(rows, "parquet", a.output, **opts)
        elif a.output:
            with open(a.output, "w", encoding="utf-8", newline="") as f:
                n = write(rows, a.format, f, **opts)
        else:
            n = write(rows, a.format, sys.stdout, **opts)
    except (RasadError, OSError) as e:
        print(f"rasad export: error: {e}", file=sys.stderr)
        return 1
    print(f"exported {n} events", file=sys.stderr)
    return 0
