"""A number before an incident noun, over a period, counts incidents: one aggregate, no events."""
import rasad


def _kinds(text):
    return [(r.kind, r.incidents) for r in rasad.extract(text, published="2020-11-09").records]


def test_strikes_counted_over_a_week_are_an_aggregate():
    assert _kinds("ونفذت الطائرات الحربية 45 غارة على مواقع في ريف حماة خلال الأسبوع الماضي.") == \
        [("aggregate", 45)]
    assert _kinds("وبلغ عدد الهجمات على القوافل الشهر الماضي 12 هجوما في محافظة الأنبار.") == \
        [("aggregate", 12)]


def test_a_few_strikes_on_one_day_are_an_event():
    kinds = [k for k, _ in _kinds("شنت الطائرات 3 غارات على بلدة سراقب في ريف إدلب أمس.")]
    assert kinds == ["event"]
