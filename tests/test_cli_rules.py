"""`rasad rules` lists the registry; `--disable` and RASAD_DISABLE_RULES switch rules off per run."""
import json

import pytest

import rasad
from rasad.cli import main
from rasad.cli_rules import format_rules, split_ids
from rasad.extract import registry

ART = "قتل ثلاثة مدنيين في قصف على بلدة صغيرة قرب الحدود يوم الخميس."


@pytest.fixture
def two_rules(monkeypatch):
    """Two invented rules in a private copy of the registry (the real rules loaded first, so
    that none is declared into the copy and lost)."""
    registry.registry()
    monkeypatch.setattr(registry, "_RULES", dict(registry._RULES))
    return (registry.rule("test.alpha", "fields", "an invented rule for the CLI tests"),
            registry.rule("test.beta", "typing", "another invented rule, with a purpose long "
                                                 "enough to wrap in a narrow table " * 2))


def test_rules_json_lists_the_registry(two_rules, capsys):
    assert main(["rules", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [r.id for r in registry.registry()]
    got = {r["id"]: r for r in rows}
    assert got["test.alpha"] == {"id": "test.alpha", "stage": "fields", "enabled": True,
                                 "purpose": "an invented rule for the CLI tests"}
    assert all(set(r) == {"id", "stage", "purpose", "enabled"} for r in rows)


def test_rules_table_and_stage_filter(two_rules, capsys, monkeypatch):
    monkeypatch.setenv("RASAD_DISABLE_RULES", "test.beta")
    assert main(["rules", "--stage", "typing"]) == 0
    out = capsys.readouterr().out
    assert "test.beta -" in out and "test.alpha" not in out
    assert out.splitlines()[0].split() == ["id", "stage", "purpose"]
    assert "switched off by RASAD_DISABLE_RULES" in out
    assert main(["rules", "--stage", "nope"]) == 2
    assert "unknown stage" in capsys.readouterr().err


def test_format_rules_wraps_long_purposes(two_rules):
    text = format_rules(list(two_rules), width=60)
    assert all(len(line) <= 60 for line in text.splitlines())
    assert text.count("test.beta") == 1 and len(text.splitlines()) > 4


def test_split_ids():
    assert split_ids(["a", "b,c", " d , ", ""]) == ["a", "b", "c", "d"]
    assert split_ids(None) == []


def _spy_extract(monkeypatch, seen):
    real = rasad.extract

    def spy(*args, **kw):
        seen.append(registry.current().disabled)
        return real(*args, **kw)

    monkeypatch.setattr(rasad, "extract", spy)


def test_extract_disable_reaches_the_run(two_rules, tmp_path, capsys, monkeypatch):
    seen = []
    _spy_extract(monkeypatch, seen)
    p = tmp_path / "a.txt"
    p.write_text(ART, encoding="utf-8")
    monkeypatch.setenv("RASAD_DISABLE_RULES", "test.beta")
    code = main(["extract", str(p), "--published", "2024-03-07", "--disable", "test.alpha"])
    assert code == 0, capsys.readouterr().err
    assert seen == [frozenset({"test.alpha", "test.beta"})]
    # the option holds for the command only
    assert "test.alpha" not in registry.current().disabled


def test_eval_disable_reaches_the_run(two_rules, tmp_path, capsys, monkeypatch):
    seen = []
    _spy_extract(monkeypatch, seen)
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "g1", "text": ART, "published": "2024-03-07",
                                "records": []}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(gold), "--json", "--disable", "test.alpha,test.beta"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 1
    assert seen == [frozenset({"test.alpha", "test.beta"})]


def test_unknown_rule_id_is_a_usage_error(tmp_path, capsys):
    p = tmp_path / "a.txt"
    p.write_text(ART, encoding="utf-8")
    code = main(["extract", str(p), "--disable", "no.such.rule"])
    err = capsys.readouterr().err
    assert code == 2 and "no.such.rule" in err and "rasad rules" in err
