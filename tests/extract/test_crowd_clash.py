"""Unarmed people clashing with state forces are a riot; a front line is no incident."""
import rasad


def _types(text):
    return [(r.event_type, r.sub_event_type) for r in rasad.extract(text, published="2015-09-13").records
            if r.kind == "event"]


def test_worshippers_clashing_with_forces_riot():
    assert _types("شهدت ساحات المسجد الأقصى اليوم مواجهات بين المصلين وقوات الاحتلال.") == \
        [("Riots", "Violent demonstration")]
    assert _types("اندلعت صباح اليوم مواجهات بين المصلين وقوات الشرطة الإسرائيلية في باحات المسجد "
                  "الأقصى.") == [("Riots", "Violent demonstration")]


def test_fronts_of_fighting_are_a_place_phrase():
    text = "زار وزير الدفاع جبهات القتال في محافظة مأرب أمس والتقى القادة الميدانيين."
    assert _types(text) == []
