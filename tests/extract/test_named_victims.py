"""Victims named by the casualty words, and counts taken once."""
import rasad
from rasad.extract import registry


def _recs(text, disable=()):
    with registry.run(disable):
        return [r for r in rasad.extract(text, published="2016-04-04").records if r.kind == "event"]


def test_people_named_after_a_casualty_word_are_the_side_hit():
    r, = _recs("استشهد فلسطينيان وأصيب ثلاثة آخرون في غارة إسرائيلية على بيت حانون فجر اليوم.")
    assert (r.actor2.name, r.fatalities, r.injured) == ("Civilians (Palestine)", 2, 3)
    r, = _recs("قتل أربعة مدنيين في قصف مدفعي على بلدة تلبيسة أمس.")
    assert r.actor2.name == "Civilians (Syria)" and r.fatalities == 4


def test_a_number_counted_by_one_casualty_word_is_not_counted_by_the_next():
    r, = _recs("قتل جنديان وأصيب ستة آخرون في هجوم على حاجز قرب مدينة العريش.")
    assert (r.fatalities, r.injured) == (2, 6)
    r, = _recs("قتل جنديان وأصيب ستة آخرون في هجوم على حاجز قرب مدينة العريش.",
               ["fields.count_taken_before"])
    assert (r.fatalities, r.injured) == (2, 2)


def test_switched_off_no_victim_is_read_from_the_casualty_words():
    text = "استشهد فلسطينيان وأصيب ثلاثة آخرون في غارة إسرائيلية على بيت حانون فجر اليوم."
    r, = _recs(text, ["roles.named_victims"])
    assert r.actor2 is None and r.actor1.name == "Military Forces of Israel"
