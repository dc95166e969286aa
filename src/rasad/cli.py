"""The ``rasad`` command: a thin layer over the library. Exit codes: 0 ok, 1 partial failure, 2 usage."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Iterator

from . import __version__
from .errors import InputError, RasadError


def _articles(paths: list[str], published: str | None, source: str | None) -> Iterator:
    """ArticleInput or InputError per article, in input order."""
    from .io import iter_articles

    for path in paths:
        try:
            for item in iter_articles(path):
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


def cmd_extract(a) -> int:
    from . import extract
    from .extract.table import format_table

    failed = ok = 0
    out = sys.stdout
    for item in _articles(a.files, a.published, a.source):
        if isinstance(item, InputError):
            failed += 1
            print(f"rasad: error: {item}", file=sys.stderr)
            continue
        try:
            res = extract(item.text, published=item.published, source=item.source, id=item.id,
                          title=item.title, url=item.url)
        except RasadError as e:
            failed += 1
            where = "" if getattr(e, "article_id", None) else f"article {item.id}: "
            print(f"rasad: error: {where}{e}", file=sys.stderr)
            continue
        ok += 1
        if a.format == "table":
            out.write(format_table(res) + "\n")
        else:
            out.write(res.to_json() + "\n")
        out.flush()
    if failed:
        print(f"rasad: {ok} article(s) extracted, {failed} failed", file=sys.stderr)
        return 1
    return 0


def cmd_analyze(a) -> int:
    from .extract.api import analyze
    from .extract.table import format_analysis
    from .io import read_text

    try:
        text = read_text(a.file)
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

    gold, preds = [], []
    with open(a.gold, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                g = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"rasad: error: {a.gold}: line {n}: malformed JSON: {e.msg}", file=sys.stderr)
                return 1
            gold.append(g)
            res = extract(g["text"], published=g.get("published"), source=g.get("source"), id=g["id"],
                          title=g.get("title"), url=g.get("url"))
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
    return 0


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
    e.set_defaults(func=cmd_extract)

    an = sub.add_parser("analyze", help="show what the text and knowledge layers find, with spans")
    an.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    an.add_argument("--published", help="publication date YYYY-MM-DD")
    an.add_argument("--format", choices=("json", "text"), default="text")
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
    except RasadError as e:
        print(f"rasad: error: {e}", file=sys.stderr)
        return 2 if isinstance(e, InputError) else 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
