"""The library entry point: contract shape, bad input, determinism."""
import json

import pytest

import rasad
from rasad.errors import InputError, StageError
from rasad.records import EVENT_TYPES, SUB_EVENT_TYPES, WEAPONS

# The pipeline needs the geocoder (issue 3); until it lands these tests cannot run.
pytest.importorskip("rasad.knowledge.geocoder", reason="rasad.knowledge.geocoder has not landed yet")



def test_empty_and_non_string_input_raise_input_error():
    with pytest.raises(InputError):
        rasad.extract("   \n ", published="2023-10-29")
    with pytest.raises(InputError):
        rasad.extract(b"bytes", published="2023-10-29")
    with pytest.raises(InputError):
        rasad.extract("نص", published="not-a-date")


def test_no_arabic_gives_no_records():
    res = rasad.extract("Lorem ipsum dolor sit amet. 12345", published="2023-10-29")
    assert res.records == []


def test_contract_shape_on_gold(gold_file):
    for line in gold_file("dev.jsonl").read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        res = rasad.extract(g["text"], published=g["published"], source=g["source"], id=g["id"])
        d = res.to_json_dict()
        assert set(d) == {"article", "records"} and d["article"]["id"] == g["id"]
        for r in res.records:
            assert r.kind in ("event", "aggregate", "tally")
            if r.kind == "event":
                assert r.event_type in EVENT_TYPES
                assert r.sub_event_type in SUB_EVENT_TYPES[r.event_type]
                assert r.weapon is None or r.weapon in WEAPONS
                assert r.location is None or r.location.lat is not None
            assert 0 <= r.confidence <= 1
            assert r.evidence, "no record without evidence"
            for e in r.evidence:
                assert g["text"][e.start:e.end] == e.text


def test_stage_failure_names_the_stage(monkeypatch):
    from rasad.extract import stages

    def boom(doc):
        raise ValueError("kaput")

    from rasad.extract import api
    api.pipeline.cache_clear()
    monkeypatch.setattr(api, "PIPELINE_STAGES", [api.Stage("numbers", boom, (), ("numbers",))])
    with pytest.raises(StageError) as e:
        rasad.extract("نص عربي", published="2023-10-29")
    assert "numbers" in str(e.value)
    api.pipeline.cache_clear()
