"""لقي N X مصرعهم: the count of the dead stands between the verb and its death noun."""
import rasad


def _tolls(text):
    return [(r.fatalities, r.injured) for r in rasad.extract(text, published="2019-02-02").records
            if r.kind == "event"]


def test_count_between_the_verb_and_the_death_noun():
    assert _tolls("لقي أربعة رجال شرطة حتفهم أمس في انفجار عبوة ناسفة بمدينة الموصل.") == [(4, None)]
    assert _tolls("لقي 9 مدنيين مصرعهم وأصيب 12 آخرون في قصف مدفعي على بلدة كفرنبل.") == [(9, 12)]


def test_the_rule_can_be_switched_off():
    from rasad.extract import registry
    with registry.run(["fields.split_death_idiom"]):
        assert _tolls("لقي أربعة رجال شرطة حتفهم أمس في انفجار عبوة ناسفة بمدينة الموصل.") == [(None, None)]
