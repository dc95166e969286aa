"""Tallies and aggregates: cumulative tolls over a period are one tally, not an incident; a
breakdown of one incident's victims (بينهم أطفال) is not a toll."""
import pytest

import rasad

PUB = "2018-07-15"


def _kinds(text):
    return [r.kind for r in rasad.extract(text, published=PUB).records]


def _tally(text):
    tallies = [r for r in rasad.extract(text, published=PUB).records if r.kind == "tally"]
    assert len(tallies) == 1, _kinds(text)
    return tallies[0]


@pytest.mark.parametrize("text,killed", [
    ("وأفاد مسعفون في خان يونس بأن ما يزيد على 85 فلسطينيا قتلوا بنيران القوات الإسرائيلية "
     "أثناء الاحتجاجات.", 85),
    ("وذكرت اللجنة أن ألفي شخص لقوا حتفهم في ريف حماة "
     "خلال الأسبوعين الأولين من الحملة العسكرية.", 2000),
    ("وقتل نحو 149 فلسطينياً منذ آذار في قطاع غزة.", 149),
    ("وارتفعت حصيلة القتلى في مدينة الحديدة إلى 45 قتيلا.", 45),
])
def test_a_count_over_a_period_is_a_tally(text, killed):
    t = _tally(text)
    assert t.fatalities == killed
    assert "event" not in _kinds(text)


def test_a_tally_since_a_month_starts_at_that_month():
    t = _tally("وقتل نحو 149 فلسطينياً منذ آذار في قطاع غزة.")
    assert t.date.start == "2018-03-01" and t.date.end == PUB


@pytest.mark.parametrize("text,killed", [
    ("قتل 51 شخصا بينهم 41 طفلا في غارة جوية على سوق في مدينة ضحيان بمحافظة صعدة أمس.", 51),
    ("قتل خمسة أشخاص منهم طفلان في قصف مدفعي على بلدة كفرنبل بريف إدلب الجنوبي أمس.", 5),
])
def test_victims_broken_down_in_one_incident_are_an_event(text, killed):
    recs = rasad.extract(text, published=PUB).records
    events = [r for r in recs if r.kind == "event"]
    assert [r.kind for r in recs] == ["event"]
    assert events[0].fatalities == killed


def test_one_victim_since_a_month_is_not_a_toll():
    assert "tally" not in _kinds("وقتل شاب فلسطيني برصاص الجيش الإسرائيلي في مدينة الخليل الذي يحاصرها منذ آذار.")


def test_count_before_a_plural_verb_is_the_number_killed():
    rec = next(r for r in rasad.extract("وقالت الشرطة إن ثلاثة مدنيين قتلوا في انفجار عبوة ناسفة في مدينة الموصل أمس.",
                                        published=PUB).records if r.kind == "event")
    assert rec.fatalities == 3


def test_the_masdar_after_a_count_does_not_take_it():
    rec = next(r for r in rasad.extract("وأسفر الهجوم على مقر الشرطة في مدينة سرت أمس عن مقتل 11 شخصا وإصابة آخرين.",
                                        published=PUB).records if r.kind == "event")
    assert rec.fatalities == 11 and rec.injured is None
