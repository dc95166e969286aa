"""Areas under someone's control are not territory taken; preparing an attack is planning one."""
import rasad


def _evs(text):
    return [(r.sub_event_type, r.status) for r in rasad.extract(text, published="2018-03-01").records
            if r.kind == "event"]


def test_areas_under_control_are_a_state_not_a_capture():
    assert _evs("قصفت الطائرات الحربية أمس مناطق سيطرة المعارضة في ريف درعا الشرقي.") == \
        [("Air/drone strike", "occurred")]
    text = "نزح آلاف المدنيين من القرى الخاضعة لسيطرة التنظيم في ريف دير الزور أمس."
    assert all(sub != "Non-state actor overtakes territory" for sub, _ in _evs(text))


def test_preparing_an_attack_is_not_one_that_happened():
    evs = _evs("تحدثت تقارير عن استعداد الجيش لشن هجوم على مدينة إدلب خلال الأيام المقبلة.")
    assert all(status != "occurred" for _, status in evs)
    evs = _evs("ذكرت مصادر أن القوات تتأهب لاقتحام المدينة.\nوقصفت المدفعية أحياء مدينة حماة أمس.")
    assert ("Shelling/artillery/missile attack", "occurred") in evs


def test_a_battle_against_terrorism_is_a_metaphor():
    assert _evs("أكدت الحكومة أن معركتها ضد الإرهاب مستمرة في محافظة الأنبار.") == []
    assert _evs("قال الوزير إن الحرب على الإرهاب لن تتوقف في مدينة الرمادي.") == []


def test_the_possibility_of_fighting_is_not_fighting():
    evs = _evs("حذرت الأمم المتحدة أمس من احتمال اندلاع معارك في شوارع مدينة الحديدة.")
    assert all(status != "occurred" for _, status in evs)
