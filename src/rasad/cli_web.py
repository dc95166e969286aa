"""CLI subcommands ``serve``, ``demo`` and ``token`` (registered by rasad.cli)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    sv = subparsers.add_parser("serve", help="REST API and dashboard over the store")
    sv.add_argument("--db", default=None, help="store URL (default $RASAD_DB or sqlite:///rasad.db)")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8000)
    sv.set_defaults(func=cmd_serve)

    dm = subparsers.add_parser("demo", help="load the sample articles into a fresh SQLite file and serve")
    dm.add_argument("--db", default="rasad-demo.sqlite", metavar="PATH", help="SQLite file (replaced)")
    dm.add_argument("--port", type=int, default=8000)
    dm.add_argument("--host", default="127.0.0.1")
    dm.add_argument("--no-serve", action="store_true", help="load only")
    dm.add_argument("--annotated", action="store_true",
                    help="store the files' annotated records instead of extracting")
    dm.set_defaults(func=cmd_demo)

    tk = subparsers.add_parser("token", help="API tokens")
    tsub = tk.add_subparsers(dest="token_cmd", required=True)
    tc = tsub.add_parser("create", help="create a token and print it (shown once; stored hashed)")
    tc.add_argument("--db", default=None)
    tc.add_argument("--name", default="")
    tc.set_defaults(func=cmd_token_create)


def _serve(store, host: str, port: int) -> int:
    import uvicorn

    from rasad.web.app import create_app
    app = create_app(store)
    if app.state.assets_dir is None:
        print("rasad: notice: node_modules not found; the dashboard serves without map and fonts "
              "(run `npm ci` at the repository root or set RASAD_ASSETS_DIR)", file=sys.stderr)
    print(f"rasad: serving {store.url} on http://{host}:{port}/", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0


def cmd_serve(a: argparse.Namespace) -> int:
    from rasad.store import open_store
    return _serve(open_store(a.db), a.host, a.port)


def cmd_demo(a: argparse.Namespace) -> int:
    from rasad import __version__, extract
    from rasad.errors import InputError
    from rasad.store import open_store
    from rasad.web import demo

    paths = demo.sample_paths()
    if not paths:
        raise InputError("no sample articles found (src/rasad/samples/*.jsonl or ../shared/gold)")
    db = Path(a.db)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    store = open_store(f"sqlite:///{db.resolve()}")
    summary, problems = demo.load(store, demo.read_jsonl(paths), None if a.annotated else extract,
                                  extractor_version=__version__)
    for p in problems:
        print(f"rasad: warning: {p}", file=sys.stderr)
    print(f"rasad: demo: {summary.new} articles, {summary.records} records, {summary.events_new} "
          f"events from {', '.join(map(str, paths))} into {db}", file=sys.stderr)
    if a.no_serve:
        store.close()
        return 0
    return _serve(store, a.host, a.port)


def cmd_token_create(a: argparse.Namespace) -> int:
    from rasad.store import open_store
    from rasad.web.auth import TokenStore

    store = open_store(a.db)
    tokens = TokenStore(store.url)
    print(tokens.create(name=a.name))
    tokens.close()
    store.close()
    return 0
