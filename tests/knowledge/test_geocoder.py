import pytest

from rasad.knowledge.geocoder import Geocoder
from rasad.text.normalize import normalize

RAW = "قصفت القوات الأمريكية قاعدة التنف قرب مخيم الركبان في سوريا، وسقطت قذائف على رفح جنوب قطاع غزة"


@pytest.fixture(scope="module")
def mentions():
    return Geocoder.default().find(normalize(RAW))


def test_offsets_match_raw(mentions):
    assert mentions and all(RAW[m.start:m.end] == m.text for m in mentions)


@pytest.mark.parametrize("text,pid,country,precision", [
    ("قاعدة التنف", "sup:al-tanf", "SY", "point"), ("مخيم الركبان", "sup:rukban", "SY", "point"),
    ("سوريا", "sup:sy-country", "SY", "country"), ("رفح", "sup:rafah-ps", "PS", "town"),
])
def test_resolution_in_context(mentions, text, pid, country, precision):
    m = next(m for m in mentions if m.text == text)
    assert m.best.id == pid and m.best.country == country and m.precision == precision
    loc = m.to_location()
    assert loc.country == country and loc.gazetteer_id == pid
    assert m.to_json()["value"]["gazetteer_id"] == pid


def test_rafah_goes_to_egypt_in_egyptian_context():
    raw = "في مصر، شهدت العريش والشيخ زويد في شمال سيناء اشتباكات قرب رفح"
    m = [m for m in Geocoder.default().find(normalize(raw)) if m.text.endswith("رفح")][0]
    assert m.best.country == "EG"


def _find(raw):
    return Geocoder.default().find(normalize(raw))


@pytest.mark.parametrize("raw", [
    "ذهب الوفد إلى المدينة", "وأضاف أن الهجوم وقع", "قالت مصادر في الحكومة", "إم", "وقع في منطقة عين",
    "القوات السورية", "الأجهزة الأمنية العراقية", "الحكومة اليمنية", "قال إن الجيش", "بعد يوم من الهجوم",
])
def test_common_words_and_adjectives_are_not_places(raw):
    assert [m.text for m in _find(raw) if m.best is not None] == []


@pytest.mark.parametrize("raw,name", [
    ("قالت واشنطن إن الضربات مشروعة", "واشنطن"), ("الفصائل المدعومة من طهران", "طهران"),
    ("اتهمت موسكو الغرب", "موسكو"), ("الميليشيات الموالية لطهران", "لطهران"),
])
def test_capital_standing_for_its_government_is_not_a_place(raw, name):
    m = next(m for m in _find(raw) if m.text == name)
    assert m.best is None and m.role == "metonymy" and m.candidates


def test_capital_as_a_place_is_kept():
    m = next(m for m in _find("وصل الوفد إلى واشنطن مساء") if m.text.endswith("واشنطن"))
    assert m.best is not None and m.best.country == "US" and m.role is None


@pytest.mark.parametrize("raw,text,cue,precision", [
    ("قصف مدفعي على ريف حلب", "ريف حلب", None, "region"),
    ("سقطت قذائف قرب حمص", "حمص", "near", "town"),
    ("غارات شمال حمص", "حمص", "direction", "town"),
])
def test_relation_cue_before_name(raw, text, cue, precision):
    m = next(m for m in _find(raw) if m.text == text)
    assert m.best is not None and m.cue == cue and m.precision == precision


@pytest.mark.parametrize("raw,country", [
    ("اشتباكات في الرمادي مركز محافظة الأنبار غرب العراق", "IQ"),
    ("قصف إسرائيلي على رفح وخان يونس في قطاع غزة", "PS"),
    ("تظاهرات في رفح والعريش بشمال سيناء المصرية", "EG"),
])
def test_ambiguous_names_follow_nearby_places(raw, country):
    m = next(m for m in _find(raw) if m.text.lstrip("و").endswith(("الرمادي", "رفح")))
    assert m.best.country == country
    assert any("nearby" in c.features or c.features["country_context"] > 0 for c in m.candidates[:1])


def test_candidates_carry_their_features_and_none_is_explicit():
    js = [m.to_json() for m in _find("قالت واشنطن إن قصف رفح مستمر")]
    meto = next(j for j in js if j["text"] == "واشنطن")
    assert meto["value"] is None and meto["role"] == "metonymy"
    rafah = next(j for j in js if j["text"] == "رفح")
    assert rafah["candidates"] and {"prior", "feature", "population", "country_context"} <= set(rafah["candidates"][0]["features"])


def test_a_place_after_a_containment_word_contains_the_one_before():
    ms = _find("غارات على بلدة في جبل الزاوية بريف إدلب الجنوبي")
    inner = next(m for m in ms if m.text.endswith("الزاوية"))
    outer = next(m for m in ms if "إدلب" in m.text)
    assert inner.best is not None and inner.best.country == "SY" and not inner.within
    assert outer.within


def test_coordinated_places_are_not_containment():
    ms = _find("قصف على التنف والركبان")
    assert ms and not any(m.within for m in ms)


# --- places outside the Middle East (invented sentences) ---

@pytest.mark.parametrize("raw,text,country,precision", [
    ("هجوم بسكين في مانشستر شمال بريطانيا", "مانشستر", "GB", "town"),
    ("قالت الشرطة إن المهاجم طعن المارة في مانشيستر", "مانشيستر", "GB", "town"),
    ("انفجرت عبوة قرب محطة قطارات في سان بطرسبرغ الروسية", "سان بطرسبرغ", "RU", "town"),
    ("قتل شرطيان في هجوم على دورية في قيصري وسط تركيا", "قيصري", "TR", "town"),
    ("مسلحون يقتحمون فندقا في نيروبي عاصمة كينيا", "نيروبي", "KE", "town"),
    ("تفجير انتحاري في كويتا بإقليم بلوشستان", "كويتا", "PK", "town"),
    ("اشتباكات في مايدوجوري عاصمة ولاية بورنو", "مايدوجوري", "NG", "town"),
    ("انفجار في جلال آباد شرقي أفغانستان", "جلال آباد", "AF", "town"),
    ("فرقت الشرطة متظاهرين في جاكرتا", "جاكرتا", "ID", "town"),
    ("هجوم على كنيسة في كراتشي", "كراتشي", "PK", "town"),
])
def test_world_cities_resolve_with_their_country(raw, text, country, precision):
    m = next(m for m in _find(raw) if m.text == text)
    assert m.best is not None and m.best.country == country and m.precision == precision


@pytest.mark.parametrize("raw,text,country,precision", [
    ("قتل جنود في تفجير بإقليم البنجاب", "بإقليم البنجاب", "PK", "admin1"),
    ("هجوم جديد في شمال سيناء", "شمال سيناء", "EG", "admin1"),
    ("تنشط الجماعات المسلحة في منطقة الساحل", "منطقة الساحل", "ML", "region"),
    ("عمليات عسكرية في سيناء", "سيناء", "EG", "region"),
    ("اشتباكات في جمهورية الكونغو الديمقراطية", "جمهورية الكونغو الديمقراطية", "CD", "country"),
    ("أعمال عنف في ميانمار", "ميانمار", "MM", "country"),
    ("هجمات متكررة في كولومبيا", "كولومبيا", "CO", "country"),
])
def test_countries_and_big_regions_have_coordinates(raw, text, country, precision):
    m = next(m for m in _find(raw) if m.text == text)
    assert m.best is not None and m.best.country == country and m.precision == precision
    assert m.best.lat is not None and m.best.lon is not None


@pytest.mark.parametrize("raw,text,country", [
    ("سياح عالقون في زنجبار بتنزانيا", "زنجبار", "TZ"),
    ("غارات على زنجبار بمحافظة أبين", "زنجبار", "YE"),
    ("انفجار في تالين عاصمة إستونيا", "تالين", "EE"),
    ("قذائف على تالين بريف حمص", "تالين", "SY"),
    ("هجوم انتحاري على كابول في أفغانستان", "كابول", "AF"),
])
def test_same_name_in_the_middle_east_and_elsewhere_follows_the_country_named(raw, text, country):
    m = next(m for m in _find(raw) if m.text == text)
    assert m.best.country == country


def test_middle_east_place_is_preferred_when_nothing_says_otherwise():
    m = next(m for m in _find("وقعت اشتباكات في زنجبار") if m.text.endswith("زنجبار"))
    assert m.best.country == "YE" and m.candidates[0].features.get("home")


@pytest.mark.parametrize("raw", [
    "وقال مصدر أمني للجزيرة إن الهجوم وقع فجرا", "وأفاد مراسل الجزيرة بسقوط قذائف",
    "نقل موقع الجزيرة نت عن شهود عيان", "ذكرت صحيفة الرياض أن الوزير وصل",
    "قال مسؤول لقناة الميادين إن القصف توقف", "وأوضح للجزيرة أن الوفد غادر",
])
def test_outlet_names_are_not_places(raw):
    ms = _find(raw)
    outlets = [m for m in ms if m.role == "outlet"]
    assert outlets and all(m.best is None for m in outlets)
    assert not any(m.best is not None and m.best.country == "DZ" for m in ms)


@pytest.mark.parametrize("raw,text,country", [
    ("اشتباكات في ولاية الجزيرة وسط السودان", "ولاية الجزيرة", "SD"),
    ("غارات على مدينة الميادين شرق دير الزور", "مدينة الميادين", "SY"),
    ("سقطت قذيفة في الرياض", "الرياض", "SA"),
])
def test_outlet_names_used_as_places_stay_places(raw, text, country):
    m = next(m for m in _find(raw) if m.text == text)
    assert m.best is not None and m.best.country == country and m.role is None


def test_outlet_does_not_vote_for_a_country():
    ms = _find("قال مراسل الجزيرة إن رفح تعرضت للقصف")
    rafah = next(m for m in ms if m.text == "رفح")
    assert all(c.features["country_context"] == 0 or c.place.country != "DZ" for c in rafah.candidates)


@pytest.mark.parametrize("raw", [
    "وكالة الأنباء نقلت الخبر", "تحتاج البلاد إلى كمية كبيرة من الوقود", "كيف حدث ذلك",
    "أكد مسؤول في الدولة", "رفع المتظاهرون شعار الحرية", "انتشرت الشرطة في ميدان التحرير",
])
def test_everyday_words_are_not_world_towns(raw):
    from rasad.knowledge.gazetteer_build import REGION
    assert [m.text for m in _find(raw) if m.best is not None and m.best.country not in REGION] == []


@pytest.mark.parametrize("raw,text,country", [
    ("وصل الوفد المفاوض إلى إسلام أباد مساء", "إسلام أباد", "PK"),
    ("تستضيف أستانة جولة جديدة من المحادثات", "أستانة", "KZ"),
])
def test_a_capital_elsewhere_is_not_outweighed_by_a_namesake_village(raw, text, country):
    m = next(m for m in _find(raw) if m.text == text)
    assert m.best.country == country and "home" not in m.candidates[0].features


@pytest.mark.parametrize("raw", ["رست السفينة قرب جزيرة صغيرة", "لجأ الصيادون إلى جزيرة قريبة"])
def test_an_outlet_name_without_its_article_is_a_common_noun(raw):
    assert [m.text for m in _find(raw) if m.best is not None or m.role == "outlet"] == []
