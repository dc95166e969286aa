"""A clause with a subject of its own (… والمقاومة تستهدف …) reports an incident of its own."""
import rasad
from rasad.extract import registry


def _evs(text, disable=()):
    with registry.run(disable):
        recs = rasad.extract(text, published="2024-01-10").records
    return [(r.sub_event_type, r.actor1 and r.actor1.name, r.location.name) for r in recs if r.kind == "event"]


TEXT = "قصفت الطائرات الإسرائيلية منازل في رفح والمقاومة تستهدف دبابة في خان يونس"


def test_the_strike_is_not_lent_to_the_other_side():
    evs = _evs(TEXT)
    assert ("Air/drone strike", "Military Forces of Israel", "Rafah (Gaza)") in evs
    assert not any(loc == "Khan Yunis" and sub == "Air/drone strike" for sub, _, loc in evs)


def test_massacres_and_a_counter_attack_are_not_one_clash():
    text = "مجازر إسرائيلية جديدة في غزة والمقاومة تستهدف آليات الاحتلال شرق خان يونس"
    assert all(sub != "Armed clash" for sub, _, _ in _evs(text))
    assert any(sub == "Armed clash" for sub, _, _ in _evs(text, ["incidents.new_subject"]))
