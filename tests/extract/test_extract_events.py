"""Extraction phenomena, one short article per case (published Sunday 29 Oct 2023 unless said)."""
import pytest

import rasad

# The pipeline needs the geocoder (issue 3); until it lands these tests cannot run.
pytest.importorskip("rasad.knowledge.geocoder", reason="rasad.knowledge.geocoder has not landed yet")


PUB = "2023-10-29"


def events(text, published=PUB, occurred=True):
    recs = rasad.extract(text, published=published).records
    return [r for r in recs if r.kind == "event" and (not occurred or r.status == "occurred")]


def test_claimed_drone_attack_fields():
    t = 'أعلنت "المقاومة الإسلامية في العراق"، السبت، استهداف قاعدة للقوات الأميركية في التنف بطائرتين مسيرتين.'
    [ev] = events(t)
    assert ev.event_type == "Explosions/Remote violence" and ev.sub_event_type == "Air/drone strike"
    assert ev.weapon == "drone" and ev.weapon_count == 2
    assert ev.date.start == "2023-10-28"
    assert ev.location.country == "SY"
    assert "Islamic Resistance" in ev.actor1.name
    assert ev.actor2 is not None and ev.actor2.country == "US"
    assert ev.claim is not None and ev.claim.type == "claim_of_responsibility"


def test_listed_places_make_one_event_each():
    t = 'استهدفت فصائل عراقية قواعد القوات الأميركية في "التنف" و"الركبان" و"المالكية" بطائرات مسيرة.'
    evs = events(t)
    assert len(evs) == 3
    assert len({e.location.gazetteer_id for e in evs}) == 3


def test_headline_and_body_are_one_event():
    t = ("مقتل 20 مدنيا في غارات على دوما\n"
         "قتل 20 مدنيا، السبت، في غارات جوية شنتها طائرات حربية على مدينة دوما في الغوطة الشرقية.")
    evs = events(t)
    assert len(evs) == 1
    assert evs[0].fatalities == 20 and evs[0].sub_event_type == "Air/drone strike"


def test_interception_is_disrupted_weapons_use_with_no_injuries():
    t = ("أسقطت الدفاعات الجوية العراقية، الجمعة، طائرة مسيرة فوق مطار أربيل الدولي، "
         "دون وقوع إصابات.")
    [ev] = events(t)
    assert ev.event_type == "Strategic developments" and ev.sub_event_type == "Disrupted weapons use"
    assert ev.injured == 0 and ev.weapon == "drone"
    assert ev.date.start == "2023-10-27" and ev.location.country == "IQ"


@pytest.mark.parametrize("text,etype,sub", [
    ("اندلعت اشتباكات عنيفة بين الجيش السوري وتنظيم داعش في دير الزور أمس.", "Battles", "Armed clash"),
    ("اعتقلت قوات الأمن العراقية خمسة أشخاص في بغداد أمس.", "Strategic developments", "Arrests"),
    ("اختطف مسلحون مجهولون ثلاثة مدنيين في درعا أمس.", "Violence against civilians", "Abduction/forced disappearance"),
    ("تظاهر المئات في البصرة أمس احتجاجا على انقطاع الكهرباء.", "Protests", "Peaceful protest"),
    ("قصفت المدفعية الإسرائيلية بلدة بيت حانون أمس.", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("انفجرت عبوة ناسفة في الموصل أمس وأسفرت عن مقتل جنديين.", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
])
def test_event_types_by_trigger(text, etype, sub):
    evs = events(text)
    assert evs, "no event extracted"
    assert (evs[0].event_type, evs[0].sub_event_type) == (etype, sub)
    assert evs[0].date.start == "2023-10-28"


def test_air_strike_within_battle_is_battles():
    t = "دارت اشتباكات عنيفة في حلب أمس بين الجيش السوري وفصائل المعارضة وسط غارات جوية."
    [ev] = events(t)
    assert ev.event_type == "Battles"


@pytest.mark.parametrize("text,status", [
    ("الولايات المتحدة سترسل المزيد من القوات إلى سوريا وستقصف مواقع داعش في دير الزور.", "planned"),
    ("نفى الجيش الإسرائيلي قصف مستشفى في غزة.", "denied"),
    ("هددت الفصائل باستهداف القواعد الأميركية في العراق.", "threatened"),
])
def test_status_not_occurred(text, status):
    assert events(text) == []
    recs = [r for r in rasad.extract(text, published=PUB).records if r.kind == "event"]
    assert all(r.status != "occurred" for r in recs)


def test_passive_voice_makes_subject_the_target():
    t = "هوجمت القوات الأميركية في قاعدة عين الأسد بصواريخ أمس."
    [ev] = events(t)
    assert ev.actor2 is not None and ev.actor2.country == "US"
    assert ev.actor1 is None or ev.actor1.country != "US"


def test_aggregate_with_breakdown_not_events():
    t = ("أفاد مسؤول في البنتاغون بأن القواعد الأميركية تعرضت لـ 12 هجوما على الأقل "
         "خلال الأسبوع الماضي. "
         "وأوضح أنه في الفترة من 15 إلى 22 تشرين الأول، استهدفت القوات الأميركية 8 مرات في سوريا "
         "و4 مرات في العراق.")
    recs = rasad.extract(t, published=PUB).records
    aggs = [r for r in recs if r.kind == "aggregate"]
    assert len(aggs) == 1 and aggs[0].incidents == 12
    assert {b.get("country") for b in aggs[0].breakdown} == {"IQ", "SY"}
    assert not [r for r in recs if r.kind == "event" and r.status == "occurred"]


def test_tally_with_breakdown():
    t = ("ارتفعت حصيلة ضحايا القصف على خان يونس إلى 4215 قتيلا، بينهم 1530 طفلا و980 امرأة، "
         "ونحو 12 ألفا و300 جريح، بحسب وزارة الصحة في غزة.")
    recs = rasad.extract(t, published=PUB).records
    [tl] = [r for r in recs if r.kind == "tally"]
    assert tl.fatalities == 4215 and tl.injured == 12300
    assert tl.breakdown.get("children") == 1530 and tl.breakdown.get("women") == 980
    assert tl.claim is not None
    assert not [r for r in recs if r.kind == "event" and r.status == "occurred"]


def test_background_recap_is_not_an_event():
    t = "ارتفعت وتيرة الهجمات على القواعد الأميركية منذ اندلاع الصراع في السابع من تشرين الأول."
    assert events(t) == []


def test_relative_weekday_dates():
    t = "الاثنين الماضي، استهدفت فصائل عراقية قاعدة التنف بطائرة مسيرة."
    [ev] = events(t)
    assert ev.date.start == "2023-10-23"


def test_no_date_takes_publication_date():
    [ev] = events("قصفت طائرات حربية مدينة إدلب وقتل 3 مدنيين.")
    assert ev.date.start == PUB and ev.fatalities == 3


def test_evidence_spans_are_exact_and_ids_deterministic():
    t = 'أعلنت "المقاومة الإسلامية في العراق"، السبت، استهداف قاعدة التنف بطائرتين مسيرتين.'
    a = rasad.extract(t, published=PUB)
    b = rasad.extract(t, published=PUB)
    assert [r.id for r in a.records] == [r.id for r in b.records]
    assert a.to_json() == b.to_json()
    for r in a.records:
        assert r.evidence
        for e in r.evidence:
            assert t[e.start:e.end] == e.text
        for fe in getattr(r, "field_evidence", {}).values():
            assert t[fe["start"]:fe["end"]] == fe["text"]


def test_conflicting_casualty_figures_keep_the_lowest():
    t = ("قتل 5 أشخاص في تفجير سيارة مفخخة في بغداد أمس.\n"
         "وقالت مصادر إن انفجار السيارة المفخخة في بغداد أمس أدى إلى مقتل 7 أشخاص.")
    evs = events(t)
    assert len(evs) == 1 and evs[0].fatalities == 5 and evs[0].weapon == "car_bomb"


def test_reporting_source_recorded():
    t = "أسقطت القوات الأميركية طائرة مسيرة قرب قاعدة عين الأسد أمس، وفقا لوكالة رويترز."
    [ev] = events(t)
    assert any(s.name.lower().startswith("reuters") for s in ev.sources)


def test_a_new_incident_further_on_does_not_take_the_day_of_an_earlier_one():
    text = ("قتل شاب فلسطيني برصاص الجيش الإسرائيلي في مدينة نابلس يوم الجمعة الماضية. "
            "وقال متحدث باسم الجيش إن التحقيق جار. "
            "وسقطت قذيفة صاروخية على مدينة عسقلان، ما أدى إلى جرح امرأتين.")
    recs = [r for r in rasad.extract(text, published="2018-07-15").records if r.kind == "event"]
    by_place = {r.location.name: r for r in recs}
    assert by_place["Nablus"].date.start == "2018-07-13"
    assert by_place["Ashkelon"].date.start == "2018-07-15"


def test_the_sentence_right_after_a_dated_report_elaborates_it():
    text = ("أعلنت فصائل مسلحة السبت استهداف قاعدة عسكرية على الحدود السورية العراقية بطائرتين مسيرتين. "
            "وذكرت في بيان أنها استهدفت قاعدة التنف بطائرتين مسيرتين.")
    recs = [r for r in rasad.extract(text, published="2023-10-29").records if r.kind == "event"]
    assert recs and all(r.date.start == "2023-10-28" for r in recs)


def test_a_definite_incident_noun_without_place_or_day_refers_back():
    text = ("قتل 22 مقاتلا في ضربة جوية على بلدة البوكمال السورية أمس. "
            "وأنكرت واشنطن أي علاقة لها بالهجوم. "
            "وأكدت وزارة الدفاع العراقية أن قواتها لم تتضرر من الضربة الجوية.")
    recs = [r for r in rasad.extract(text, published="2018-06-25").records if r.kind == "event"]
    assert len(recs) == 1 and recs[0].location.name == "Albu Kamal"


def test_an_indefinite_incident_noun_is_a_new_incident():
    text = ("قتل 22 مقاتلا في ضربة جوية على بلدة البوكمال السورية أمس. "
            "وقتل ثلاثة مدنيين في قصف مدفعي على مدينة دير الزور اليوم.")
    recs = [r for r in rasad.extract(text, published="2018-06-25").records if r.kind == "event"]
    assert sorted(r.location.name for r in recs) == ["Albu Kamal", "Deir ez-Zor"]


@pytest.mark.parametrize("text,sub", [
    ("استهدفت طائرة تابعة للجيش الإسرائيلي مجموعة من المسلحين شمال قطاع غزة أمس.", "Air/drone strike"),
    ("قصفت طائرات تابعة للتحالف مواقع في مدينة صعدة أمس.", "Air/drone strike"),
])
def test_an_aircraft_that_strikes_is_an_air_strike(text, sub):
    recs = [r for r in rasad.extract(text, published="2018-07-15").records if r.kind == "event"]
    assert recs and recs[0].sub_event_type == sub and recs[0].weapon == "airstrike"


def test_a_first_sentence_ending_in_a_full_stop_is_not_a_headline():
    text = ("قتل 22 مقاتلا في ضربة جوية على بلدة البوكمال السورية أمس.\n"
            "وقتل ثلاثة مدنيين في ضربة جوية على مدينة دير الزور اليوم.")
    recs = [r for r in rasad.extract(text, published="2018-06-25").records if r.kind == "event"]
    assert len(recs) == 2


def test_a_headline_line_and_its_body_are_one_event():
    text = ("غارة جوية على مدينة دير الزور\n"
            "قتل ثلاثة مدنيين في غارة جوية على حي الجورة في مدينة دير الزور اليوم.")
    recs = [r for r in rasad.extract(text, published="2018-06-25").records if r.kind == "event"]
    assert len(recs) == 1


def test_toppling_a_government_is_not_an_interception():
    text = ("وفي مدينة الناصرية، خرج آلاف المحتجين إلى الشوارع وقطعوا جسرا رئيسيا، "
            "مرددين هتافات تدعو إلى إسقاط الحكومة.")
    recs = [r for r in rasad.extract(text, published="2018-07-16").records if r.kind == "event"]
    assert recs and all(r.event_type == "Protests" for r in recs)


def test_bringing_down_a_drone_is_an_interception():
    text = "أسقطت قوات الجيش العراقي مسيرة مجهولة فوق قاعدة بلد الجوية أمس."
    recs = [r for r in rasad.extract(text, published="2023-10-28").records if r.kind == "event"]
    assert recs and recs[0].sub_event_type == "Disrupted weapons use"


def test_passive_assassination_is_a_killing():
    text = ("اغتيل في صيدا قبل ثلاثة أيام القاضي المتقاعد كريم الحلبي "
            "بانفجار سيارة مفخخة قرب منزله.")
    recs = [r for r in rasad.extract(text, published="2013-12-29").records if r.kind == "event"]
    assert len(recs) == 1 and recs[0].location.name == "Sidon"
    assert recs[0].date.start == "2013-12-26"
    assert recs[0].weapon == "car_bomb"


def test_a_relative_clause_describing_the_place_is_not_part_of_the_incident():
    text = ("قُتل الناشط المدني علي الموسوي بإطلاق نار في مدينة الكوت "
            "التي شهدت مؤخرا مظاهرات غاضبة ضد الفساد.")
    recs = [r for r in rasad.extract(text, published="2018-09-25").records if r.kind == "event"]
    assert len(recs) == 1 and recs[0].event_type == "Violence against civilians"


def test_unrest_lasting_weeks_is_background():
    text = "وشهدت البصرة احتجاجات عنيفة لأسابيع عدة أضرم خلالها محتجون النار في مبان حكومية."
    assert not [r for r in rasad.extract(text, published="2018-09-25").records if r.kind == "event"]


def test_the_finest_place_named_before_the_trigger_locates_it():
    text = ("تعرضت بلدة كفرنبل بريف إدلب الجنوبي في سوريا، الأحد، إلى قصف جوي شنته قوات النظام "
            "أسفر عن مقتل 9 أشخاص.")
    recs = [r for r in rasad.extract(text, published="2018-03-11").records if r.kind == "event"]
    assert len(recs) == 1 and recs[0].location.name == "Kafranbel"
    assert recs[0].fatalities == 9 and recs[0].actor1.name == "Military Forces of Syria"


@pytest.mark.parametrize("text", [
    "ومن المفترض أن الحكومة تسيطر على السلطة في مدينة طرابلس.",
    "وتسيطر الميليشيات على جزء كبير من مدينة طرابلس.",
])
def test_an_imperfect_verb_of_control_is_a_state_not_a_capture(text):
    assert not [r for r in rasad.extract(text, published="2018-09-10").records if r.kind == "event"]


def test_a_country_after_the_trigger_gives_way_to_the_finer_place():
    text = "استهدف قصف صاروخي منسوب لإسرائيل محيط مطار حلب الدولي مساء الأربعاء."
    recs = [r for r in rasad.extract(text, published="2018-06-27").records if r.kind == "event"]
    assert len(recs) == 1 and recs[0].location.name == "Aleppo International Airport"


def test_where_the_fire_came_from_is_not_where_it_fell():
    text = ("سقطت ثلاث قذائف على مطار حلب الدولي مساء الأربعاء. "
            "وذكرت مصادر محلية أن القذائف أطلقت من مواقع الفصائل في ريف إدلب.")
    recs = [r for r in rasad.extract(text, published="2018-06-27").records if r.kind == "event"]
    assert [r.location.name for r in recs] == ["Aleppo International Airport"]


def test_a_failed_interception_is_not_one():
    text = ("وأفادت مصادر أن منظومة الدفاع الجوي فشلت في اعتراض الطائرة المسيرة "
            "فوق مطار حلب الدولي.")
    recs = [r for r in rasad.extract(text, published="2018-06-27").records if r.kind == "event"]
    assert all(r.sub_event_type != "Disrupted weapons use" for r in recs)


def test_late_wednesday_and_dawn_thursday_at_one_place_are_one_strike():
    text = ("سقط صاروخان روسيان قرب مطار حلب الدولي فجر الخميس. "
            "وأفادت قناة محلية في ساعة متأخرة من مساء الأربعاء "
            "بسقوط صاروخين في محيط مطار حلب الدولي.")
    recs = [r for r in rasad.extract(text, published="2018-06-28").records if r.kind == "event"]
    assert len(recs) == 1


def test_a_capital_named_in_passing_does_not_become_the_scene():
    text = ("قتل 22 مقاتلا في ضربة جوية على بلدة البوكمال السورية الأسبوع الماضي. "
            "ويعرف عن اللواء أنه من أكثر الفصائل ارتباطا بطهران. "
            "وكان المقاتلون الذين سقطوا في الغارة الأسبوع الماضي ينتمون إلى اللواء نفسه.")
    recs = [r for r in rasad.extract(text, published="2018-06-25").records if r.kind == "event"]
    assert recs and all(r.location.name != "Tehran" for r in recs)


def test_the_country_is_not_a_village():
    from rasad.extract.api import run_doc
    doc = run_doc("وقال سكان إن التيار الكهربائي انقطع عن مناطق واسعة من البلاد منذ الصباح.",
                  published="2018-07-16")
    assert all(p.best is None for p in doc.places if p.text.endswith("البلاد"))


def test_an_undated_mention_of_a_dated_incident_is_that_incident():
    text = ("أقرت قيادة التحالف بوقوع أخطاء في ضربات جوية طالت محافظة صعدة وأوقعت عشرات القتلى.\n"
            "وقد أدت الغارات الجوية التي نفذها التحالف على محافظة صعدة الشهر الماضي "
            "إلى مقتل 34 شخصا بينهم 20 طفلا.")
    recs = [r for r in rasad.extract(text, published="2018-09-01").records if r.kind == "event"]
    assert len(recs) == 1
    assert recs[0].date.start == "2018-08-01" and recs[0].fatalities == 34


def test_the_day_of_an_accusation_is_not_the_day_of_the_strike():
    text = ("قتل 22 مقاتلا في ضربة جوية على بلدة البوكمال السورية الأسبوع الماضي.\n"
            "وجاء ذلك عقب اتهام فصائل عراقية لإسرائيل يوم الاثنين بتنفيذ غارة على بلدة البوكمال.")
    recs = [r for r in rasad.extract(text, published="2018-06-25").records if r.kind == "event"]
    assert recs and all(r.date.start != "2018-06-25" for r in recs)


def test_a_date_before_the_incident_word_still_dates_it():
    text = "قال مسؤول محلي إن القوات الأميركية شنت يوم الاثنين ضربة جوية على بلدة البوكمال."
    recs = [r for r in rasad.extract(text, published="2018-06-26").records if r.kind == "event"]
    assert recs and recs[0].date.start == "2018-06-25"


@pytest.mark.parametrize("text", [
    "قال الوزير إن تحرير مدينة الحديدة مطلوب لإعادة الحوثيين إلى طاولة المفاوضات.",
    "وأكد المتحدث أن استعادة مدينة الحديدة باتت وشيكة.",
])
def test_an_incident_called_for_after_the_fact_is_not_one_that_occurred(text):
    recs = [r for r in rasad.extract(text, published="2018-09-12").records if r.kind == "event"]
    assert all(r.status != "occurred" for r in recs)


def test_a_place_and_the_one_containing_it_make_one_event():
    text = "شن الطيران الحربي الروسي ثلاث غارات على أطراف بلدة في جبل الزاوية بريف إدلب الجنوبي."
    recs = [r for r in rasad.extract(text, published="2024-05-13").records if r.kind == "event"]
    assert [r.location.name for r in recs] == ["Jabal al-Zawiya"]


def test_a_road_between_two_towns_is_one_place():
    text = "خطف مسلحون مجهولون مهندسا على الطريق بين كركوك وتكريت، وفق ما أفادت الشرطة المحلية."
    recs = [r for r in rasad.extract(text, published="2024-05-13").records if r.kind == "event"]
    assert len(recs) == 1 and recs[0].actor1.name == "Unidentified armed group"
    assert recs[0].actor2 is None or recs[0].actor2.type != "state_forces"


@pytest.mark.parametrize("text,actor1", [
    ("قتل خمسة جنود ماليين في هجوم تبنته جماعة نصرة الإسلام والمسلمين على موقع عسكري قرب مدينة تمبكتو.",
     "JNIM: Jamaat Nusrat al-Islam wal Muslimin"),
    ("اعتقلت قوات الاحتلال الإسرائيلي فجر اليوم 15 فلسطينيا في مدينة الخليل.", "Military Forces of Israel"),
    ("قصفت مدفعية الجيش التركي قرى في ريف الحسكة الشمالي.", "Military Forces of Turkey"),
    ("أفاد المرصد السوري بمقتل 4 عناصر من قوات النظام جراء هجوم لخلايا تنظيم داعش في بادية حمص الشرقية.", "Islamic State"),
])
def test_initiators_named_after_the_trigger(text, actor1):
    recs = [r for r in rasad.extract(text, published="2024-05-16").records if r.kind == "event"]
    assert recs and recs[0].actor1 is not None and recs[0].actor1.name == actor1


def test_a_count_taken_by_one_casualty_word_is_not_taken_by_the_next():
    text = "قتل ثلاثة أشخاص وأصيب سبعة آخرون، اليوم الاثنين، إثر انفجار سيارة مفخخة في سوق بمدينة الموصل."
    [rec] = [r for r in rasad.extract(text, published="2024-05-13").records if r.kind == "event"]
    assert (rec.fatalities, rec.injured, rec.weapon) == (3, 7, "car_bomb")


def test_a_province_and_the_region_it_lies_in_are_one_place():
    text = "اندلعت اشتباكات عنيفة بين عشيرتين في محافظة ذي قار جنوبي العراق، أسفرت عن مقتل شخصين."
    recs = [r for r in rasad.extract(text, published="2024-05-13").records if r.kind == "event"]
    assert len(recs) == 1 and recs[0].event_type == "Battles"
    assert recs[0].actor1.type == "identity_militia" and recs[0].fatalities == 2


def test_rocket_weapons_of_a_named_group():
    text = "استهدفت المقاومة الإسلامية في لبنان موقع المالكية الإسرائيلي بالأسلحة الصاروخية."
    [rec] = [r for r in rasad.extract(text, published="2024-05-13").records if r.kind == "event"]
    assert rec.weapon == "rocket" and rec.location.country == "IL" and rec.actor1.name == "Hezbollah"


def test_the_sides_of_a_battle_are_armed():
    text = "سيطرت قوات الدعم السريع على مدينة ود مدني عاصمة ولاية الجزيرة بعد انسحاب الجيش منها."
    [rec] = [r for r in rasad.extract(text, published="2023-12-19").records if r.kind == "event"]
    assert rec.actor1.name == "Rapid Support Forces"
    assert rec.actor2 is None or rec.actor2.type != "civilians"


def test_an_incident_with_no_place_in_the_article_is_not_coded():
    res = rasad.extract("أسقطت الدفاعات الجوية 20 مسيرة من أصل 25 أطلقت خلال الليل.", published="2024-05-13")
    assert not [r for r in res.records if r.kind == "event"]


def test_joined_spellings_and_border_villages_are_places_and_a_toll_over_them_is_shared():
    text = "شنت طائرات حربية إسرائيلية، مساء السبت، غارات على بلدتي عيتا الشعب وكفركلا في جنوب لبنان، ما أدى إلى مقتل مدنيين اثنين."
    recs = [r for r in rasad.extract(text, published="2024-05-12").records if r.kind == "event"]
    assert sorted(r.location.name for r in recs) == ["Aita al-Shaab", "Kfar Kila"]
    assert sum(r.fatalities for r in recs) == 2 and all(r.date.start == "2024-05-11" for r in recs)


def test_a_noun_starting_like_a_future_verb_is_not_one():
    text = "وفي سياق متصل، أعلن حزب الله أنه استهدف تجمعا لجنود الجيش الإسرائيلي في محيط ثكنة زرعيت بقذائف المدفعية."
    [rec] = [r for r in rasad.extract(text, published="2024-05-12").records if r.kind == "event"]
    assert rec.status == "occurred" and rec.actor1.name == "Hezbollah"


def test_an_incident_word_inside_an_actor_name_is_part_of_the_name():
    text = "أعلنت هيئة تحرير الشام إسقاط طائرة مسيرة تابعة لقوات النظام في ريف حلب الغربي."
    [rec] = [r for r in rasad.extract(text, published="2024-05-13").records if r.kind == "event"]
    assert rec.sub_event_type == "Disrupted weapons use" and rec.actor1.name == "Hayat Tahrir al-Sham"


def test_fire_opened_by_a_subject_between_verb_and_object():
    text = "أطلق مستوطنون النار على فلسطينيين في قرية ترمسعيا شمال رام الله، ما أدى إلى إصابة ثلاثة منهم."
    [rec] = [r for r in rasad.extract(text, published="2024-05-13").records if r.kind == "event"]
    assert rec.event_type == "Violence against civilians" and rec.actor1.name == "Settlers (Israel)"
    assert rec.injured == 3 and rec.location.country == "PS"


def test_an_undated_mention_of_a_dated_protest_at_the_same_place_is_that_protest():
    text = ("وحاول المحتجون اقتحام مبنى محافظة النجف السبت، "
            "لكن قوات الأمن فرقتهم بخراطيم المياه.\n"
            "احتجاجات النجف: قوات الأمن تمنع عشرات المحتجين من دخول مبنى المحافظة")
    recs = [r for r in rasad.extract(text, published="2018-07-16").records if r.kind == "event"]
    assert len(recs) == 1 and recs[0].date.start == "2018-07-14"


def test_days_named_together_are_one_event_each_and_share_the_toll():
    text = "شهدت مدينة الفاشر يومي الجمعة والسبت اشتباكات عنيفة بين الجيش السوداني وقوات الدعم السريع أسفرت عن مقتل 30 مدنيا."
    recs = [r for r in rasad.extract(text, published="2024-05-13").records if r.kind == "event"]
    assert sorted(r.date.start for r in recs) == ["2024-05-10", "2024-05-11"]
    assert sum(r.fatalities for r in recs) == 30


@pytest.mark.parametrize("text,count", [
    ("أطلقت صواريخ على مدينة سديروت أمس.", None),        # a broken plural: several, not one
    ("سقطت قذيفة على بلدة كفرنبل أمس.", 1),
    ("استهدفت مسيرتان قاعدة التنف أمس.", 2),
])
def test_weapon_count_follows_grammatical_number(text, count):
    [rec] = [r for r in rasad.extract(text, published="2024-05-13").records if r.kind == "event"]
    assert rec.weapon_count == count
