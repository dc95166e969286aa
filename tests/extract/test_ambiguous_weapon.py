"""مسيرة is a drone in an attack and a march in a protest."""
import rasad


def _evs(text):
    return [(r.sub_event_type, r.weapon) for r in rasad.extract(text, published="2018-04-01").records
            if r.kind == "event"]


def test_a_march_is_no_drone():
    evs = _evs("قتل ثلاثة فلسطينيين برصاص الجيش الإسرائيلي خلال مسيرة قرب مدينة خان يونس أمس.")
    assert all(w != "drone" for _, w in evs) and all(s != "Air/drone strike" for s, _ in evs)


def test_a_drone_attack_keeps_its_drone():
    evs = _evs("استهدفت مسيرة تابعة للتحالف سيارة في مدينة مأرب أمس وقتل راكباها.")
    assert ("Air/drone strike", "drone") in evs
