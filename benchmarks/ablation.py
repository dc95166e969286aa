"""What each extraction rule is worth: every gold file scored with each registered rule off in turn.

    python benchmarks/ablation.py [--gold FILE ...] [--rules ID ...] [--jobs N] [--json]

For every gold file present (seed, dev, tune, holdout under ``$RASAD_SHARED_DIR/gold`` or
``../shared/gold``; or the files given with ``--gold``) the articles are extracted in process with
all rules on (the baseline) and once more with each rule switched off (``registry.run``), scored
with ``rasad.evaluate.score`` (the figures of ``rasad eval`` and ``score.py``), and the change in
event F1 and argument accuracy is printed per rule and file, with the number of articles whose
records changed. A rule that changes exactly one article is flagged ``ONE``: it helps one article
and no other, so it is a rule to generalize or remove. A rule that changes nothing anywhere is
flagged ``NONE``. The holdout file is reported as aggregate figures only: no article id or record
of it is ever printed.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import rasad
import rasad.errors
from rasad.evaluate import score
from rasad.extract import registry

GOLD_NAMES = ("seed", "dev", "tune", "holdout")
AGGREGATE_ONLY = {"holdout"}


def shared_dir() -> Path:
    env = os.environ.get("RASAD_SHARED_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[1].parent / "shared"


def gold_files(explicit: list[str] | None = None) -> dict[str, Path]:
    """name -> path of each gold file present (the four known ones, or those given)."""
    if explicit:
        return {Path(p).stem: Path(p) for p in explicit}
    gold = shared_dir() / "gold"
    return {n: gold / f"{n}.jsonl" for n in GOLD_NAMES if (gold / f"{n}.jsonl").is_file()}


def read_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _content(result_json: dict) -> str:
    """An article's records without their decision trail (which names the rules that fired)."""
    recs = [{k: v for k, v in r.items() if k not in ("rules", "trail")}
            for r in result_json.get("records", [])]
    return json.dumps(recs, sort_keys=True, ensure_ascii=False)


def extract_all(docs: list[dict], disable: tuple[str, ...], extract: Callable = None) -> list[dict]:
    extract = extract or rasad.extract
    out = []
    with registry.run(disable):
        for g in docs:
            res = extract(g["text"], published=g.get("published"), source=g.get("source"),
                          id=g["id"], title=g.get("title"), url=g.get("url"))
            out.append(res.to_json_dict())
    return out


@dataclass
class Cell:
    """One rule off on one file, against the baseline."""

    d_f1: float
    d_args: float
    changed: int
    changed_ids: list[str] = field(default_factory=list)


def figures(docs: list[dict], preds: list[dict]) -> tuple[float, float]:
    out, _ = score(docs, preds)
    return out["event_f1"], out["argument_accuracy"]


def ablate_file(docs: list[dict], rule_ids: list[str], extract: Callable = None) -> tuple[dict, dict]:
    """(baseline figures, rule id -> Cell) for one gold file."""
    base = extract_all(docs, (), extract)
    f1, args = figures(docs, base)
    base_content = [_content(p) for p in base]
    cells = {}
    for rid in rule_ids:
        preds = extract_all(docs, (rid,), extract)
        rf1, rargs = figures(docs, preds)
        ids = [str(g["id"]) for g, b, p in zip(docs, base_content, preds) if _content(p) != b]
        cells[rid] = Cell(round(rf1 - f1, 4), round(rargs - args, 4), len(ids), ids)
    return {"event_f1": f1, "argument_accuracy": args, "articles": len(docs)}, cells


def _job(args):
    name, path, rule_ids = args
    return name, ablate_file(read_gold(Path(path)), rule_ids)


def ablate(files: dict[str, Path], rule_ids: list[str], jobs: int = 1) -> dict[str, tuple[dict, dict]]:
    """name -> (baseline, cells), one process per file when ``jobs`` > 1."""
    work = [(n, str(p), rule_ids) for n, p in files.items()]
    if jobs <= 1 or len(work) == 1:
        return dict(_job(w) for w in work)
    with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
        return dict(pool.map(_job, work))


def flag(rid: str, results: dict) -> str:
    total = sum(cells[rid].changed for _, cells in results.values())
    return "NONE" if total == 0 else "ONE" if total == 1 else ""


def report(results: dict, rules: list, out=None) -> None:
    out = out or sys.stdout
    names = list(results)
    out.write("baseline (all rules on):\n")
    for n in names:
        b = results[n][0]
        out.write(f"  {n:<8} {b['articles']:>3} articles  event F1 {b['event_f1']:.3f}  "
                  f"args {b['argument_accuracy']:.3f}\n")
    wid = max([len("rule"), *(len(r.id) for r in rules)])
    head = "".join(f"  {n + ' dF1':>11} {'dArgs':>6} {'chg':>3}" for n in names)
    out.write(f"\n{'rule':<{wid}} {'stage':<9}{head}  flag\n")
    for r in rules:
        row = "".join(f"  {c.d_f1:>+11.3f} {c.d_args:>+6.3f} {c.changed:>3}"
                      for c in (results[n][1][r.id] for n in names))
        out.write(f"{r.id:<{wid}} {r.stage:<9}{row}  {flag(r.id, results)}\n")
    ones = [(r.id, n, results[n][1][r.id].changed_ids) for r in rules if flag(r.id, results) == "ONE"
            for n in names if results[n][1][r.id].changed]
    for rid, n, ids in ones:
        where = "a holdout article" if n in AGGREGATE_ONLY else f"{n} article {ids[0]}"
        out.write(f"ONE: {rid} changes only {where}\n")
    out.write("dF1, dArgs: change when the rule is off (negative: the rule helps); chg: articles "
              "whose records change; ONE: the rule changes a single article; NONE: no article.\n")


def as_json(results: dict, rules: list) -> dict:
    return {"baseline": {n: b for n, (b, _) in results.items()},
            "rules": [{"id": r.id, "stage": r.stage, "flag": flag(r.id, results),
                       "files": {n: {"d_event_f1": c.d_f1, "d_argument_accuracy": c.d_args,
                                     "changed": c.changed,
                                     **({} if n in AGGREGATE_ONLY else {"changed_ids": c.changed_ids})}
                                 for n, c in ((n, results[n][1][r.id]) for n in results)}}
                      for r in rules]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", nargs="+", metavar="FILE", help="gold files (default: those present)")
    ap.add_argument("--rules", nargs="+", metavar="ID", help="only these rules (default: all)")
    ap.add_argument("--jobs", type=int, default=1, help="processes, one per gold file (default 1)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    files = gold_files(a.gold)
    if not files:
        print(f"ablation: no gold file found under {shared_dir() / 'gold'}", file=sys.stderr)
        return 2
    known = {r.id: r for r in registry.registry()}
    try:
        ids = sorted(registry.check_ids(a.rules), key=list(known).index) if a.rules else list(known)
    except rasad.errors.InputError as e:
        print(f"ablation: {e}", file=sys.stderr)
        return 2
    rules = [known[i] for i in ids]
    results = ablate(files, ids, a.jobs)
    if a.json:
        print(json.dumps(as_json(results, rules), ensure_ascii=False))
    else:
        report(results, rules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
