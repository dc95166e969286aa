"""The ``rasad`` command: a thin layer over the library.

Exit codes: 0 everything succeeded; 1 some input, record or article failed (every other one was
still processed and written, and a closing summary on stderr names the failures) or the command
could not do its work (a missing store, an unreadable gold file); 2 usage (unknown command or
option, bad option value).
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Iterator

from . import __version__
from .errors import InputError, RasadError
from .io import DEFAULT_MAX_BYTES

_SHOWN = 20  # failures listed again in the closing summary


def byte_size(s: str) -> int:
    """``--max-bytes`` values: bytes, or with a K, M or G suffix (powers of 1024)."""
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    t = s.strip().upper().removesuffix("B")
    mult = units.get(t[-1:], 1)
    try:
        n = int(t[:-1] if t[-1:] in units else t) * mult
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a size in bytes (e.g. 20000000 or 20M): {s!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 byte: {s!r}")
    return n


def add_max_bytes(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-bytes", type=byte_size, default=DEFAULT_MAX_BYTES, metavar="N",
                   help="size limit per article (a .txt/.html file, a JSON line, a WARC record), "
                        "bytes or with K/M/G (default 10M)")


def _articles(paths: list[str], published: str | None, source: str | None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator:
    """ArticleInput or InputError per article, in input order."""
    from .io import iter_articles

    for path in paths:
        try:
            for item in iter_articles(path, max_bytes=max_bytes):
                if isinstance(item, InputError):
                    yield item
                    continue
                if published and not item.published:
                    item.published = published
                if source and not item.source:
                    item.source = source
                yield item
        except InputError as e:
            yield e
        except OSError as e:
            yield InputError(f"cannot read: {e.strerror or e}", source=path)


def _extract_one(item, fmt: str) -> str:
    """One article's output; raises ``InputError`` naming the article when that fails."""
    from . import extract
    from .extract.table import format_table

    where = item.origin or "<input>"
    try:
        res = extract(item.text, published=item.published, source=item.source, id=item.id,
                      title=item.title, url=item.url)
        out = format_table(res) if fmt == "table" else res.to_json()
        out.encode("utf-8")  # what cannot be written fails here, for this article only
    except Exception as e:  # noqa: BLE001 - reported for this article; the others go on
        raise InputError(f"extraction failed: {type(e).__name__}: {e}", source=where,
                         article_id=item.id) from e
    return out


def _failure_summary(ok: int, failures: list[str]) -> str:
    lines = [f"rasad: {ok} article(s) extracted, {len(failures)} failed:"]
    lines += [f"  {f}" for f in failures[:_SHOWN]]
    if len(failures) > _SHOWN:
        lines.append(f"  ... and {len(failures) - _SHOWN} more (all reported above)")
    return "\n".join(lines)


def cmd_extract(a) -> int:
    failures: list[str] = []
    ok = 0
    out = sys.stdout
    for item in _articles(a.files, a.published, a.source, a.max_bytes):
        try:
            if isinstance(item, InputError):
                raise item
            text = _extract_one(item, a.format)
        except InputError as e:
            failures.append(str(e))
            print(f"rasad: error: {e}", file=sys.stderr)
            continue
        ok += 1
        out.write(text + "\n")
        out.flush()
    if failures:
        print(_failure_summary(ok, failures), file=sys.stderr)
        return 1
    return 0


def cmd_analyze(a) -> int:
    from .extract.api import analyze
    from .extract.table import format_analysis
    from .io import read_text

    try:
        text = read_text(a.file, max_bytes=a.max_bytes)
        result = analyze(text, published=a.published)
    except RasadError as e:
        print(f"rasad: error: {e}", file=sys.stderr)
        return 1
    if a.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(format_analysis(text, result))
    return 0


def cmd_eval(a) -> int:
    from . import extract
    from .evaluate import score
    from .gold import read_gold

    try:
        gold = read_gold(a.gold)
    except InputError as e:
        print(f"rasad eval: error: {e}", file=sys.stderr)
        return 1
    preds, failed = [], 0
    for g in gold:
        try:
            res = extract(g["text"], published=g.get("published"), source=g.get("source"),
                          id=str(g["id"]), title=g.get("title"), url=g.get("url"))
        except Exception as e:  # noqa: BLE001 - scored as no records, reported, exit 1
            failed += 1
            print(f"rasad eval: error: article {g['id']}: extraction failed: "
                  f"{type(e).__name__}: {e}", file=sys.stderr)
            continue
        preds.append(res.to_json_dict())
    out, log = score(gold, preds)
    if a.verbose:
        print("\n".join(log), file=sys.stderr)
    if a.json:
        print(json.dumps(out))
    else:
        print(f"articles {out['articles_predicted']}/{out['articles']}")
        print(f"events   P {out['event_precision']:.3f}  R {out['event_recall']:.3f}  F1 {out['event_f1']:.3f}")
        print(f"args     accuracy {out['argument_accuracy']:.3f}")
        print(f"reports  P {out['report_precision']:.3f}  R {out['report_recall']:.3f}  F1 {out['report_f1']:.3f}")
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rasad", description="ACLED-style event records from Arabic news, with evidence.")
    p.add_argument("--version", action="version", version=f"rasad {__version__}")
    p.add_argument("--knowledge-dir", action="append", default=[], metavar="DIR",
                   help="extra knowledge files extending the bundled dictionaries (repeatable)")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("extract", help="extract event records from articles (text files, JSON Lines, -)")
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("--published", help="publication date YYYY-MM-DD for inputs that lack one")
    e.add_argument("--source", help="source name for inputs that lack one")
    e.add_argument("--format", choices=("json", "jsonl", "table"), default="json")
    add_max_bytes(e)
    e.set_defaults(func=cmd_extract)

    an = sub.add_parser("analyze", help="show what the text and knowledge layers find, with spans")
    an.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    an.add_argument("--published", help="publication date YYYY-MM-DD")
    an.add_argument("--format", choices=("json", "text"), default="text")
    add_max_bytes(an)
    an.set_defaults(func=cmd_analyze)

    ev = sub.add_parser("eval", help="extract a gold file and score it (same figures as score.py)")
    ev.add_argument("gold", metavar="GOLD.jsonl")
    ev.add_argument("--verbose", action="store_true")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(func=cmd_eval)

    from .cli_rules import add_disable
    for sp in (e, an, ev):
        add_disable(sp)

    for mod in ("cli_store", "cli_web", "cli_rules"):
        try:
            module = __import__(f"rasad.{mod}", fromlist=["register"])
        except ImportError:
            continue
        module.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    a = parser.parse_args(argv)
    try:
        if a.knowledge_dir:
            from .knowledge.loader import set_knowledge_dirs

            set_knowledge_dirs(a.knowledge_dir)
        return a.func(a)
    except RasadError as e:  # commands report unreadable input themselves (exit 1): an
        print(f"rasad: error: {e}", file=sys.stderr)  # InputError here is a bad argument
        return 2 if isinstance(e, InputError) else 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
