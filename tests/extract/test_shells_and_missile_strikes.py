"""Shells that fell, in the dual too, and missile strikes are shelling with their weapon."""
import rasad


def _evs(text):
    return [(r.sub_event_type, r.weapon, r.weapon_count) for r in
            rasad.extract(text, published="2018-04-05").records if r.kind == "event"]


def test_two_shells_fell():
    assert _evs("سقطت قذيفتان قرب مطار حلب الدولي فجر الخميس.") == \
        [("Shelling/artillery/missile attack", "artillery", 2)]


def test_a_missile_strike_names_its_weapon():
    assert _evs("قتل ثلاثة عناصر في ضربة صاروخية على مطار التيفور أمس.") == \
        [("Shelling/artillery/missile attack", "missile", 1)]
