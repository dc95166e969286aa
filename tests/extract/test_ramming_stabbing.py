"""Rammings and stabbings are direct attacks with a melee weapon; 'entered' takes no territory."""
import rasad


def _evs(text):
    return [r for r in rasad.extract(text, published="2016-01-01").records if r.kind == "event"]


def test_a_ramming_on_civilians_is_violence_against_civilians():
    r, = _evs("قتل مستوطنان وأصيب ثلاثة آخرون في عملية دهس عند محطة للحافلات قرب مدينة الخليل اليوم.")
    assert (r.event_type, r.sub_event_type, r.weapon, r.fatalities, r.injured) == \
        ("Violence against civilians", "Attack", "melee", 2, 3)


def test_the_soldier_hit_in_a_stabbing_is_the_target():
    r, = _evs("أصيب جندي إسرائيلي بجروح في عملية طعن عند حاجز قرب مدينة نابلس مساء أمس.")
    assert (r.actor1, r.actor2.name, r.weapon, r.injured) == (None, "Military Forces of Israel", "melee", 1)


def test_entering_into_force_takes_no_territory():
    assert _evs("دخل اتفاق وقف إطلاق النار حيز التنفيذ في مدينة إدلب اليوم.") == []
