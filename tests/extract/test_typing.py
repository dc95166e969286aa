"""Typing by ACLED's rules (rasad.extract.rules): named rules in order, the family table read."""
import rasad
from rasad.extract import registry
from rasad.extract.rules import TYPING, Facts, classify, decide, not_coded
from rasad.knowledge.vocab import trigger_entries, trigger_families


def _events(text, published="2020-03-04"):
    return [r for r in rasad.extract(text, published=published).records if r.kind == "event"]


def test_every_trigger_family_has_a_row_and_every_row_is_read():
    fams = trigger_families()
    used = {e.data.key for e in trigger_entries() if e.data is not None}
    assert used <= set(fams)
    assert {"agreement", "deploy", "incursion"} <= not_coded()
    assert "clash" not in not_coded()


def test_remote_weapon_beats_the_generic_attack_word():
    facts = Facts(frozenset({"attack.generic"}), frozenset({"drone"}), target="state_forces")
    assert decide(facts) == ("Explosions/Remote violence", "Air/drone strike")
    facts = Facts(frozenset({"attack.generic"}), frozenset({"mortar"}), target="civilians")
    assert decide(facts) == ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_territory_taken_by_state_forces_is_regained():
    assert classify({"seize"}, [], None, False, {"state_forces"}, "state_forces") == \
        ("Battles", "Government regains territory")
    assert classify({"seize"}, [], None, False, {"rebel_group"}, "rebel_group") == \
        ("Battles", "Non-state actor overtakes territory")
    evs = _events("سيطرت قوات الجيش السوري يوم الاثنين على بلدة خان شيخون في ريف إدلب.")
    assert [(e.event_type, e.sub_event_type) for e in evs] == [("Battles", "Government regains territory")]


def test_arrests_by_an_armed_group_are_abductions():
    assert classify({"arrest"}, [], "civilians", False, {"rebel_group"}, "rebel_group") == \
        ("Violence against civilians", "Abduction/forced disappearance")
    assert classify({"arrest"}, [], None, False, {"state_forces"}, "state_forces") == \
        ("Strategic developments", "Arrests")


def test_the_deciding_rule_is_recorded_and_can_be_switched_off():
    trail = registry.Trail()
    facts = Facts(frozenset({"seize"}), frozenset(), initiator="state_forces")
    assert decide(facts, trail) == ("Battles", "Government regains territory")
    assert trail.fired == ["typing.territory"]
    with registry.run(["typing.territory"]):
        assert decide(facts) is None
    assert [r.id for r, _ in TYPING][0] == "typing.disrupted"
