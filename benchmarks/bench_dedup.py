"""Dedup benchmark: cluster the records of benchmarks/data/dedup_articles.jsonl into events and
print pairwise precision and recall of the merge against the gold ``incident`` labels, next to a
naive reference measured in the same run (merge on event type + day + country).

    python benchmarks/bench_dedup.py [--extract] [--data FILE]

By default the annotated records of the file are stored (this measures dedup alone);
``--extract`` runs rasad.extract on the texts instead (measures extraction + dedup; records are
then labelled with the gold incident of the gold record they overlap).
"""
from __future__ import annotations

import argparse
import itertools
import json
import tempfile
from pathlib import Path

from rasad.records import Article, ArticleResult, Record
from rasad.store import open_store
from rasad.store.types import ArticleInput

DATA = Path(__file__).parent / "data" / "dedup_articles.jsonl"


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    ids = sorted(set(pred) & set(gold))
    tp = fp = fn = 0
    for a, b in itertools.combinations(ids, 2):
        same_p, same_g = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def load(path: Path, extract: bool):
    items, gold = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        inp = ArticleInput(id=d["id"], text=d["text"], published=d["published"], source=d["source"])
        gold_recs = [(r.pop("incident"), r) for r in d["records"]]
        if extract:
            import rasad
            res = rasad.extract(d["text"], published=d["published"], source=d["source"], id=d["id"])
            for r in res.records:
                for inc, g in gold_recs:
                    gs, ge = g["evidence"][0]["start"], g["evidence"][0]["end"]
                    if any(e.start < ge and gs < e.end for e in r.evidence):
                        gold[r.id] = inc
                        break
        else:
            recs = [Record.model_validate({**g, "id": f"{d['id']}:{i}"}) for i, (_, g) in enumerate(gold_recs)]
            res = ArticleResult(article=Article(id=d["id"], source=d["source"], published=d["published"]),
                                records=recs)
            gold.update({f"{d['id']}:{i}": inc for i, (inc, _) in enumerate(gold_recs)})
        items.append((inp, res))
    return items, gold


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--extract", action="store_true")
    ap.add_argument("--data", type=Path, default=DATA)
    a = ap.parse_args()
    items, gold = load(a.data, a.extract)
    with tempfile.TemporaryDirectory() as tmp:
        st = open_store(f"sqlite:///{tmp}/bench.db")
        for it in items:  # one article per batch, in file order, as a feed would arrive
            st.add_articles([it], "bench")
        pred, naive = {}, {}
        for inp, res in items:
            art = st.get_article(inp.id)
            for r in art.records:
                if r.event_id:
                    pred[r.id] = r.event_id
                loc = (r.data.get("location") or {})
                naive[r.id] = f"{r.data.get('event_type')}|{(r.data.get('date') or {}).get('start')}|{loc.get('country')}"
        n_events = st.query_events(limit=1)[1]
        st.close()
    p, r = pairwise(pred, gold)
    np_, nr = pairwise(naive, gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    nf1 = 2 * np_ * nr / (np_ + nr) if np_ + nr else 0.0
    print(f"articles {len(items)}  records {len(pred)}  gold incidents {len(set(gold.values()))}  "
          f"events {n_events}")
    print(f"rasad dedup       precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}")
    print(f"naive reference   precision {np_:.3f}  recall {nr:.3f}  F1 {nf1:.3f}")
    print(f"F1 ratio rasad/naive {f1 / nf1 if nf1 else float('inf'):.2f}")


if __name__ == "__main__":
    main()
