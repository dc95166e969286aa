"""benchmarks/bench_coverage.py: the coverage figures, on invented articles and event lists."""
import gzip
import json

from test_ablation import load_bench

bench = load_bench("bench_coverage")


def ev(t, actor=True, precision="town", text_date=True):
    return {"event_type": t, "actor1": {"name": "X"} if actor else None,
            "location": {"name": "P", "precision": precision} if precision else None,
            "date": {"start": "2024-01-01", "text": "أمس" if text_date else None}}


def test_coverage_figures():
    c = bench.coverage([[ev("Battles"), ev("Riots", actor=False, precision="country")],
                        [], [ev("Battles", text_date=False, precision=None)], []])
    assert c["articles"] == 4 and c["events"] == 3
    assert c["articles_with_event"] == 0.5 and c["events_per_article"] == 0.75
    assert c["with_actor1"] == round(2 / 3, 4)
    assert c["with_fine_place"] == round(1 / 3, 4)
    assert c["with_text_date"] == round(2 / 3, 4)
    assert c["event_types"] == {"Battles": 2, "Riots": 1}
    assert bench.coverage([])["articles_with_event"] == 0.0


def test_sample_and_run_on_a_tiny_corpus(tmp_path, capsys):
    arts = [{"id": f"c{i}", "published": "2024-03-05", "source": "T",
             "text": f"قتل {i + 2} جنود في قصف مدفعي على بلدة حدودية أمس." if i % 2 else
             "افتتح الوزير معرضا للكتاب في العاصمة."} for i in range(6)]
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in arts))
    got = bench.read_corpus(path, sample=3, seed=1)
    ids = [a["id"] for a in got]
    assert len(ids) == 3 and ids == sorted(ids) and ids == [a["id"] for a in bench.read_corpus(path, 3, 1)]
    assert len(bench.read_corpus(path)) == 6
    assert bench.main(["--corpus", str(path), "--json"]) == 0
    c = json.loads(capsys.readouterr().out)
    assert c["articles"] == 6 and c["articles_with_event"] <= 0.5
    assert set(c) >= {"with_actor1", "with_fine_place", "with_text_date", "event_types"}
    assert bench.main(["--corpus", str(tmp_path / "none.gz")]) == 2
