"""Who did it to whom: short sentences per phenomenon (word order, by-phrases, nationality
adjectives, passives, crowds and the forces that meet them, one victim named by a noun)."""
import pytest

import rasad

PUB = "2023-10-29"


def _one(text):
    recs = [r for r in rasad.extract(text, published=PUB).records if r.kind == "event"]
    assert len(recs) == 1, [(r.event_type, r.location and r.location.name) for r in recs]
    return recs[0]


def _name(a):
    return a.name if a is not None else None


@pytest.mark.parametrize("text,actor1", [
    ("شنت طائرات إسرائيلية غارة على مدينة خان يونس في قطاع غزة.", "Military Forces of Israel"),
    ("قتل ثلاثة مدنيين في غارة إسرائيلية على بلدة بيت لاهيا شمال قطاع غزة.", "Military Forces of Israel"),
    ("قصف مدفعي تركي استهدف قرية في ريف حلب الشمالي.", "Military Forces of Turkey"),
    ("سقط صاروخان إسرائيليان على مطار المزة العسكري.", "Military Forces of Israel"),
    ("استهدفت غارات جوية روسية بلدة في ريف إدلب الجنوبي.", "Military Forces of Russia"),
])
def test_nationality_adjective_after_attack_word_names_the_forces(text, actor1):
    assert _name(_one(text).actor1) == actor1


@pytest.mark.parametrize("text,actor1", [
    ("تعرضت مدينة دوما لغارات جوية نفذها النظام السوري.", "Military Forces of Syria"),
    ("قتل شاب فلسطيني برصاص الجيش الإسرائيلي شرق مدينة غزة.", "Military Forces of Israel"),
    ("أصيب مدنيان بنيران القوات التركية في بلدة تل رفعت.", "Military Forces of Turkey"),
])
def test_by_phrase_names_the_initiator(text, actor1):
    rec = _one(text)
    assert _name(rec.actor1) == actor1
    if "دوما" not in text:          # the two with a victim named
        assert rec.actor2 is not None and rec.actor2.type == "civilians"


@pytest.mark.parametrize("text,actor1,actor2", [
    ("هاجم مسلحون مجهولون حاجزا للجيش العراقي في قضاء الطارمية.", "Unidentified armed group", "Military Forces of Iraq"),
    ("قصفت القوات التركية مواقع لوحدات حماية الشعب في ريف حلب الشمالي.", "Military Forces of Turkey", None),
])
def test_verb_subject_order(text, actor1, actor2):
    rec = _one(text)
    assert _name(rec.actor1) == actor1
    if actor2:
        assert _name(rec.actor2) == actor2


@pytest.mark.parametrize("text,sub", [
    ("تظاهر مئات المحتجين أمام مبنى المحافظة في البصرة وأطلقت الشرطة الغاز المسيل للدموع لتفريقهم.",
     "Protest with intervention"),
    ("فرقت قوات الأمن العراقية المتظاهرين في مدينة الناصرية بالرصاص الحي.", "Excessive force against protesters"),
    ("تظاهر مئات العراقيين في مدينة الناصرية للمطالبة بفرص عمل.", "Peaceful protest"),
])
def test_crowds_are_actor1_and_the_forces_that_meet_them_actor2(text, sub):
    rec = _one(text)
    assert rec.event_type == "Protests" and rec.sub_event_type == sub
    if sub != "Peaceful protest":
        assert rec.actor1.type == "protesters" and rec.actor2.type == "state_forces"


@pytest.mark.parametrize("text,field,value", [
    ("قتل شاب فلسطيني برصاص الجيش الإسرائيلي شرق مدينة غزة.", "fatalities", 1),
    ("أدى القصف إلى مقتل جندي في بلدة تل رفعت.", "fatalities", 1),
    ("أسفرت الغارة على بلدة بيت لاهيا عن إصابة طفل.", "injured", 1),
])
def test_one_person_named_after_a_casualty_word_counts_one(text, field, value):
    assert getattr(_one(text), field) == value


def test_speaker_country_does_not_leak_into_victims():
    text = ("قالت إسرائيل إن طائراتها قصفت مواقع لحماس. وقتل ثلاثة مدنيين في غارة على مدينة رفح في قطاع غزة. "
            "وقال الجيش الإسرائيلي إن الغارة استهدفت مسلحين.")
    recs = [r for r in rasad.extract(text, published=PUB).records if r.kind == "event"]
    victims = [a for r in recs for a in (r.actor1, r.actor2) if a is not None and a.type == "civilians"]
    assert victims and all(a.country == "PS" for a in victims)


def test_a_protest_named_only_by_its_word_has_generic_protesters_first():
    rec = _one("وتصدت الشرطة العراقية للاحتجاجات أمام مبنى المحافظة في مدينة البصرة بالغاز المسيل للدموع.")
    assert rec.actor1.type == "protesters" and rec.actor1.country == "IQ"
    assert _name(rec.actor2) == "Police Forces of Iraq"


def test_clashes_between_police_and_protesters_put_the_crowd_first():
    rec = _one("وأدت الاشتباكات بين قوات الأمن العراقية والمتظاهرين في مدينة البصرة إلى إصابة نحو 50 شخصا.")
    assert rec.event_type in ("Riots", "Protests")
    assert rec.actor1.type == "protesters" and rec.actor2.type == "state_forces"


def test_a_crowd_attacked_by_gunmen_is_the_target():
    rec = _one("هاجم مسلحون مجهولون المتظاهرين في ساحة التحرير وسط بغداد وقتلوا ثلاثة منهم.")
    assert _name(rec.actor1) == "Unidentified armed group"
    assert rec.actor2 is not None and rec.actor2.type == "protesters"


def test_a_speaker_who_only_reports_is_no_party():
    rec = _one("وقالت حركة حماس إن شابا قتل برصاص القوات الإسرائيلية في مدينة رفح أمس.")
    assert _name(rec.actor1) == "Military Forces of Israel"
    assert rec.actor2 is None or rec.actor2.type == "civilians"


def test_an_attributed_source_is_no_party():
    rec = _one("ووفقا لمتحدث باسم الجيش الإسرائيلي، سقطت قذيفة صاروخية في مدينة عسقلان "
               "وأصيب شخصان بجروح طفيفة.")
    assert rec.actor1 is None or "Israel" not in rec.actor1.name


@pytest.mark.parametrize("text", [
    "وقال الجيش الإسرائيلي إنه استهدف مواقع لحركة حماس في مدينة رفح أمس.",
    "وقالت إسرائيل إن طائراتها قصفت مواقع لحركة حماس في مدينة رفح أمس.",
])
def test_a_speaker_who_is_the_subject_of_the_report_is_the_initiator(text):
    assert _name(_one(text).actor1) == "Military Forces of Israel"


def test_a_subject_right_before_an_unvoweled_verb_makes_it_active():
    rec = _one("وأوضح البيان أن مروحية تابعة للجيش الإسرائيلي استهدفت خلية من مقاتلي حركة حماس "
               "شرق مدينة خان يونس.")
    assert _name(rec.actor1) == "Military Forces of Israel"
    assert rec.actor2 is not None and "Hamas" in rec.actor2.name


def test_exposed_to_an_attack_stays_passive():
    rec = _one("تعرضت دورية للجيش العراقي لهجوم مسلح في قضاء الطارمية شمال بغداد.")
    assert rec.actor2 is not None and rec.actor2.name == "Military Forces of Iraq"


def test_between_names_both_sides_of_a_clash():
    rec = _one("أفادت مصادر محلية بتجدد المواجهات بين قوات الجيش الوطني اليمني وميليشيا الحوثي "
               "في مديرية صرواح غرب مأرب.")
    assert rec.event_type == "Battles"
    assert {_name(rec.actor1), _name(rec.actor2)} == {"Military Forces of Yemen", "Ansar Allah"}


def test_the_militia_stands_for_the_armed_group_named_last():
    text = ("شنت مقاتلات التحالف غارات على مواقع ميليشيا الحوثي في محافظة حجة أمس. "
            "واستهدفت المقاتلات بغارات أخرى تعزيزات للمليشيا في منطقة حرض أمس.")
    recs = [r for r in rasad.extract(text, published="2018-06-30").records if r.kind == "event"]
    haradh = next(r for r in recs if r.location.name.startswith("Har"))
    assert _name(haradh.actor2) == "Ansar Allah"


def test_a_follow_up_strike_without_initiator_is_by_the_same_hand():
    text = ("شنت مقاتلات التحالف غارات على مواقع ميليشيا الحوثي في محافظة حجة أمس. "
            "واستهدفت المقاتلات بغارات أخرى تعزيزات للمليشيا في منطقة حرض أمس.")
    recs = [r for r in rasad.extract(text, published="2018-06-30").records if r.kind == "event"]
    assert all(_name(r.actor1) == "Saudi-led coalition" for r in recs)


def test_a_different_kind_of_incident_does_not_inherit_the_initiator():
    text = ("شنت مقاتلات التحالف غارات على مواقع في محافظة حجة أمس. "
            "وقتل ثلاثة مدنيين بانفجار عبوة ناسفة في مدينة عدن أمس.")
    recs = [r for r in rasad.extract(text, published="2018-06-30").records if r.kind == "event"]
    aden = next(r for r in recs if r.location.name == "Aden")
    assert aden.actor1 is None


@pytest.mark.parametrize("text,actor1,actor2_type", [
    ("قتل جندي تركي وأصيب اثنان آخران في هجوم لحزب العمال الكردستاني على قاعدة عسكرية شمالي العراق.",
     "PKK: Kurdistan Workers Party", "state_forces"),
    ("اختطف مسلحون ينتمون لتنظيم القاعدة خمسة موظفين في محافظة أبين جنوبي اليمن.",
     "Al Qaeda in the Arabian Peninsula", None),
    ("داهمت قوة أمنية منزل الناشط في حي الكرادة ببغداد واعتقلته.", "Police Forces of Iraq", None),
])
def test_attackers_named_by_genitive_affiliation_or_a_generic_force(text, actor1, actor2_type):
    rec = _one(text)
    assert _name(rec.actor1) == actor1
    if actor2_type:
        assert rec.actor2 is not None and rec.actor2.type == actor2_type


def test_victims_are_never_the_initiator():
    rec = _one("لقي طفلان حتفهما جراء انفجار لغم أرضي من مخلفات الحرب في منطقة الجفرة وسط ليبيا.")
    assert rec.actor1 is None and rec.actor2 is not None and rec.actor2.type == "civilians"
    assert rec.location.name != "al-Jufra Air Base" and rec.fatalities == 2


def test_a_second_place_joined_by_and_with_its_head_noun_is_coordinated():
    text = "نفذت الطائرات الأمريكية والبريطانية 5 غارات على مطار الحديدة ومديرية الصليف."
    recs = [r for r in rasad.extract(text, published=PUB).records if r.kind == "event"]
    assert len(recs) == 2
