"""The people a casualty count counts are the side that was hit."""
import rasad
from rasad.extract import registry


def _sides(text, disable=()):
    with registry.run(disable):
        recs = rasad.extract(text, published="2017-03-03").records
    return [((r.actor1 and r.actor1.name), (r.actor2 and r.actor2.name)) for r in recs if r.kind == "event"]


def test_soldiers_counted_dead_are_the_target():
    assert _sides("لقي 11 جنديا تركيا مصرعهم في تفجير سيارة مفخخة بمدينة ديار بكر.") == \
        [(None, "Military Forces of Turkey")]
    assert _sides("قتل 4 جنود عراقيين في انفجار عبوة ناسفة قرب مدينة تكريت.") == \
        [(None, "Military Forces of Iraq")]


def test_switched_off_the_counted_soldiers_stay_where_roles_put_them():
    assert _sides("لقي 11 جنديا تركيا مصرعهم في تفجير سيارة مفخخة بمدينة ديار بكر.",
                  ["roles.counted_victims"]) == [("Military Forces of Turkey", None)]
