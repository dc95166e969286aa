"""The rule registry: every heuristic has an id, switching it off removes exactly it, and the
record's trail (``rules``) names the rules that fired. Invented sentences only."""
import pytest

import rasad
from rasad.errors import InputError
from rasad.extract import registry
from rasad.extract.api import analyze

PUB = "2023-10-29"

SAME_HAND = ("شنت طائرات التحالف غارات على مدينة صعدة أمس. واستهدفت غارات أخرى مدينة حجة.",
             "شنت طائرات التحالف غارات على مدينة صعدة أمس. وقصفت غارات جديدة مدينة عمران.")
TWO_TOWNS = "قصفت طائرات حربية بلدتي كفرنبل ومعرة النعمان أمس ما أدى إلى مقتل خمسة مدنيين."
VICTIMS = ("لقي طفلان حتفهما بانفجار لغم أرضي في ريف درعا أمس.",
           "أصيب مدنيون بانفجار لغم أرضي في ريف حلب أمس.")
HEADLINE = ("مقتل سبعة مدنيين في قصف على إدلب\n"
            "قتل سبعة مدنيين، السبت، في قصف مدفعي استهدف بلدة سرمين في ريف إدلب.")


def events(text, disable=None):
    return [r for r in rasad.extract(text, published=PUB, disable=disable).records if r.kind == "event"]


def test_the_registry_lists_every_rule_once_with_a_known_stage_and_a_purpose():
    rules = registry.registry()
    ids = [r.id for r in rules]
    assert len(rules) >= 40 and len(set(ids)) == len(ids)
    for r in rules:
        assert r.stage in registry.STAGES and r.id.split(".")[0] in registry.STAGES and r.purpose
    # every stage of the event layer has rules of its own
    assert {r.stage for r in rules} >= {"views", "reports", "incidents", "guards", "roles", "fields",
                                        "typing", "merge"}


@pytest.mark.parametrize("text", SAME_HAND)
def test_same_hand_off_leaves_the_follow_up_strike_without_initiator(text):
    on = events(text)
    assert len(on) == 2 and on[1].actor1 is not None and on[1].actor1.name == on[0].actor1.name
    assert "roles.same_hand" in on[1].rules and "roles.same_hand" not in on[0].rules
    off = events(text, disable=["roles.same_hand"])
    assert len(off) == 2 and off[1].actor1 is None
    assert all("roles.same_hand" not in e.rules for e in off)


def test_coordinated_places_and_shared_tolls_are_switched_off_separately():
    on = events(TWO_TOWNS)
    assert len(on) == 2 and sorted(e.fatalities for e in on) == [2, 3]
    assert all({"fields.coordinated_places", "fields.share_tolls"} <= set(e.rules) for e in on)
    unshared = events(TWO_TOWNS, disable=["fields.share_tolls"])
    assert len(unshared) == 2 and [e.fatalities for e in unshared] == [5, 5]
    one = events(TWO_TOWNS, disable=["fields.coordinated_places"])
    assert len(one) == 1 and one[0].fatalities == 5 and "fields.coordinated_places" not in one[0].rules


@pytest.mark.parametrize("text", VICTIMS)
def test_civilians_never_initiate_unless_the_rule_is_off(text):
    [ev] = events(text)
    assert ev.actor1 is None and ev.actor2.type == "civilians"
    assert "roles.civilians_not_actor1" in ev.rules
    [off] = events(text, disable=["roles.civilians_not_actor1"])
    assert off.actor1 is not None and off.actor1.type == "civilians"


def test_headline_and_body_merge_is_a_rule():
    [ev] = events(HEADLINE)
    assert "merge.headline_body" in ev.rules and ev.fatalities == 7
    assert len(events(HEADLINE, disable=["merge.headline_body"])) == 2


@pytest.mark.parametrize("text", [TWO_TOWNS, "أغارت طائرات حربية على بلدة سرمين أمس وقتل أربعة مدنيين."])
def test_typing_rule_off_falls_through_to_the_next(text):
    evs = events(text)
    assert evs and all(e.sub_event_type == "Air/drone strike" and "typing.air" in e.rules for e in evs)
    # without the air rule the killing of civilians is what types it
    off = events(text, disable=["typing.air"])
    assert off and all(e.event_type == "Violence against civilians" and "typing.direct" in e.rules
                       and "typing.air" not in e.rules for e in off)


def test_a_disable_set_does_not_outlive_its_call():
    assert events(TWO_TOWNS, disable=["fields.coordinated_places"])[0].fatalities == 5
    assert sorted(e.fatalities for e in events(TWO_TOWNS)) == [2, 3]
    assert registry.current().disabled == registry.env_disabled()


def test_a_call_inside_a_run_keeps_the_run_rules_off_and_adds_its_own():
    with registry.run(["fields.share_tolls"]) as run:
        evs = events(TWO_TOWNS, disable=["roles.localize"])
        assert [e.fatalities for e in evs] == [5, 5]
        assert all(e.actor2.country != "SY" for e in evs)      # not localized: the article's guess
        assert "typing.air" in run.fired                         # the run's log sees the call's rules
    assert sorted(e.fatalities for e in events(TWO_TOWNS)) == [2, 3]


def test_the_setting_switches_rules_off(monkeypatch):
    monkeypatch.setenv("RASAD_DISABLE_RULES", "fields.share_tolls, roles.same_hand")
    assert [e.fatalities for e in events(TWO_TOWNS)] == [5, 5]


def test_an_unknown_rule_id_is_an_input_error():
    with pytest.raises(InputError, match="no.such.rule"):
        rasad.extract(TWO_TOWNS, published=PUB, disable=["no.such.rule"])


def test_analyze_shows_the_rules_of_each_record():
    out = analyze(TWO_TOWNS, published=PUB, disable=["fields.share_tolls"])
    assert out["records"] and all("fields.coordinated_places" in r["rules"] for r in out["records"])
    assert all("fields.share_tolls" not in r["rules"] for r in out["records"])
