"""benchmarks/ablation.py on an invented gold file: each rule off in turn, measured against all on."""
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest

from rasad.extract import registry

ROOT = Path(__file__).resolve().parents[2]


def load_bench(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod          # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


ablation = load_bench("ablation")

PLACE = {"name": "بلدة الزيتون", "country": "SY", "lat": 35.0, "lon": 38.0}
EVENT = {"kind": "event", "event_type": "Battles", "sub_event_type": "Armed clash",
         "date": {"start": "2024-03-04", "end": "2024-03-04"}, "location": PLACE,
         "actor1": ["Military Forces of Syria"], "fatalities": 2}
GOLD = [
    {"id": "a1", "published": "2024-03-05", "text": "اشتبك الجيش مع مسلحين في بلدة الزيتون أمس.",
     "records": [EVENT]},
    {"id": "a2", "published": "2024-03-05", "text": "عقد البرلمان جلسة عادية لمناقشة الميزانية.",
     "records": []},
]


class _Result:
    def __init__(self, id, records):
        self.id, self.records = id, records

    def to_json_dict(self):
        return {"article": {"id": self.id}, "records": self.records}


@pytest.fixture
def rules(monkeypatch):
    """Two invented rules: ``test.clash`` makes the one event, ``test.count`` its death toll."""
    registry.registry()
    monkeypatch.setattr(registry, "_RULES", dict(registry._RULES))
    clash = registry.rule("test.clash", "typing", "a clash verb makes a battle")
    count = registry.rule("test.count", "fields", "a number before killed is the toll")

    def extract(text, id=None, **kw):
        if "اشتبك" not in text or not registry.on(clash):
            return _Result(id, [])
        rec = {**EVENT, "actor1": {"name": "Military Forces of Syria"}, "fatalities": None}
        if registry.on(count):
            rec["fatalities"] = 2
        return _Result(id, [rec])

    return ["test.clash", "test.count"], extract


def test_each_rule_off_against_the_baseline(rules):
    ids, extract = rules
    base, cells = ablation.ablate_file(GOLD, ids, extract)
    assert base == {"event_f1": 1.0, "argument_accuracy": 1.0, "articles": 2}
    assert (cells["test.clash"].d_f1, cells["test.clash"].changed) == (-1.0, 1)
    assert cells["test.clash"].changed_ids == ["a1"]
    # the toll is one of three scored arguments (sub-event, actor1, fatalities)
    assert (cells["test.count"].d_f1, cells["test.count"].d_args) == (0.0, round(2 / 3 - 1, 4))
    # the rules are on again after the run
    assert registry.on(registry._RULES["test.clash"])


def test_report_flags_single_article_rules_and_hides_holdout_ids(rules, monkeypatch):
    ids, extract = rules
    monkeypatch.setattr(ablation, "read_gold", lambda path: GOLD)
    monkeypatch.setattr(ablation.rasad, "extract", extract)
    results = ablation.ablate({"tune": Path("t"), "holdout": Path("h")}, ids)
    rows = [registry._RULES[i] for i in ids]
    out = io.StringIO()
    ablation.report(results, rows, out)
    text = out.getvalue()
    row = {line.split()[0]: line.split() for line in text.splitlines() if line.startswith("test.")}
    # each rule changes a1 in both files: two articles, no flag
    assert row["test.clash"][2:] == ["-1.000", "-1.000", "1"] * 2   # nothing scored: accuracy 0
    assert row["test.count"][-3:] == ["+0.000", "-0.333", "1"]
    assert "changes only" not in text
    data = ablation.as_json(results, rows)
    clash = data["rules"][0]
    assert clash["flag"] == "" and clash["files"]["tune"]["changed_ids"] == ["a1"]
    assert "changed_ids" not in clash["files"]["holdout"]
    one = ablation.ablate({"tune": Path("t")}, ids)
    assert ablation.flag("test.clash", one) == "ONE"
    out = io.StringIO()
    ablation.report({"holdout": one["tune"]}, rows, out)
    assert "a1" not in out.getvalue() and "changes only a holdout article" in out.getvalue()


def test_runs_on_the_real_extractor_with_two_rules(tmp_path, capsys):
    gold = tmp_path / "tiny.jsonl"
    gold.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in GOLD), encoding="utf-8")
    two = [r.id for r in registry.registry()[:2]]
    assert ablation.main(["--gold", str(gold), "--rules", *two, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["baseline"]) == ["tiny"] and data["baseline"]["tiny"]["articles"] == 2
    assert [r["id"] for r in data["rules"]] == two
    assert all(set(r["files"]["tiny"]) == {"d_event_f1", "d_argument_accuracy", "changed",
                                           "changed_ids"} for r in data["rules"])
    assert ablation.main(["--gold", str(gold), "--rules", "no.such.rule"]) == 2


def test_only_the_gold_files_present(tmp_path, monkeypatch, capsys):
    (tmp_path / "gold").mkdir()
    monkeypatch.setenv("RASAD_SHARED_DIR", str(tmp_path))
    assert ablation.gold_files() == {}
    assert ablation.main([]) == 2 and "no gold file" in capsys.readouterr().err
    lines = "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in GOLD)
    (tmp_path / "gold" / "dev.jsonl").write_text(lines, encoding="utf-8")
    assert ablation.gold_files() == {"dev": tmp_path / "gold" / "dev.jsonl"}
    two = [r.id for r in registry.registry()[:2]]
    assert ablation.main(["--rules", *two]) == 0
    out = capsys.readouterr().out
    assert "dev" in out and "seed" not in out and all(i in out for i in two)
