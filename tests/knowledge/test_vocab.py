"""Weapons, triggers and cues: what real Arabic sentences match, and what must not."""
from __future__ import annotations

from pathlib import Path

import pytest

from rasad.errors import KnowledgeError
from rasad.knowledge import loader, vocab
from rasad.records import SUB_EVENT_TYPES, WEAPONS
from rasad.text.normalize import normalize

FINDERS = {"W": vocab.find_weapons, "T": vocab.find_triggers, "C": vocab.find_cues}


def keys(kind: str, text: str) -> list[str]:
    return [m.key for m in FINDERS[kind](normalize(text))]


WEAPON_CASES = [
    ("استهدفت القوات الموقع بطائرة مسيرة", "drone", "sg"),
    ("هاجمت بطائرتين مسيرتين مطار المدينة", "drone", "du"),
    ("أطلقت الجماعة ثلاث مسيرات نحو القاعدة", "drone", "pl"),
    ("أسقطت الدفاعات مسيّرة قرب الحدود", "drone", "sg"),
    ("هجوم بطائرة بدون طيار على القافلة", "drone", "sg"),
    ("رصدت درون فوق الحي", "drone", "sg"),
    ("استهدفت المسيرة سيارة مدنية", "drone", "sg"),
    ("أطلق صاروخ على المدينة", "missile", "sg"),
    ("سقطت صواريخ على الحي", "missile", "pl"),
    ("أطلق الحوثيون صاروخا باليستيا", "missile", "sg"),
    ("صاروخ باليستي سقط في البحر", "missile", "sg"),
    ("اعترضت صاروخ كروز", "missile", "sg"),
    ("سقطت قذيفة صاروخية قرب السفارة", "rocket", "sg"),
    ("أطلقت صواريخ كاتيوشا على القاعدة", "rocket", "pl"),
    ("قصفت بصواريخ غراد", "rocket", "pl"),
    ("سقطت قذائف هاون على السوق", "mortar", "pl"),
    ("استهدف الحي بالهاون", "mortar", "sg"),
    ("قصف بالمدفعية الثقيلة", "artillery", "sg"),
    ("سقطت قذائف مدفعية على القرية", "artillery", "pl"),
    ("انفجرت عبوة ناسفة بدورية", "ied", "sg"),
    ("زرعت عبوات ناسفة على الطريق", "ied", "pl"),
    ("انفجار لغم أرضي بسيارة", "landmine", "sg"),
    ("قتل راع بانفجار لغم", "landmine", "sg"),
    ("حقل ألغام قرب القرية", "landmine", "pl"),
    ("انفجرت سيارة مفخخة في السوق", "car_bomb", "sg"),
    ("هجوم بمفخخة على الحاجز", "car_bomb", "sg"),
    ("فجر انتحاري حزاما ناسفا", "suicide_bomb", "sg"),
    ("فجر حزام ناسف في المسجد", "suicide_bomb", "sg"),
    ("ألقت المروحيات براميل متفجرة", "airstrike", "pl"),
    ("ألقت مروحية برميلا متفجرا", "airstrike", "sg"),
    ("ألقى مجهول قنبلة يدوية على المنزل", "grenade", "sg"),
    ("قتل برصاص قناص", "small_arms", "sg"),
    ("أطلق النار من أسلحة رشاشة", "small_arms", "pl"),
    ("طعنه بسكين في الشارع", "melee", "sg"),
    ("هجوم بغاز الكلور على الحي", "chemical", "sg"),
    ("شنت غارة جوية على البلدة", "airstrike", "sg"),
    ("قصفت الطائرات البلدة", "airstrike", "pl"),
    ("شنت غارات جوية على الحي", "airstrike", "pl"),
    ("وبغارتين على المدينة", "airstrike", "du"),
]


@pytest.mark.parametrize("text,key,number", WEAPON_CASES)
def test_weapon_mentions(text: str, key: str, number: str) -> None:
    hits = vocab.find_weapons(normalize(text))
    assert key in [m.key for m in hits], [(m.text, m.key) for m in hits]
    m = next(m for m in hits if m.key == key)
    assert vocab.number_of(m) == number
    assert text[m.start:m.end] == m.text


NOT_WEAPONS = [
    "خرجت مسيرة احتجاجية في وسط المدينة",
    "نظم الأهالي مسيرات احتجاجية ضد الغلاء",
    "شارك الآلاف في مسيرة سلمية",
    "انطلقت المسيرة الحاشدة من الساحة",
    "مسيرة العودة على حدود القطاع",
    "وصلت مسيرة بالسيارات إلى القصر",
]


@pytest.mark.parametrize("text", NOT_WEAPONS)
def test_protest_march_is_not_a_drone(text: str) -> None:
    assert keys("W", text) == []
    assert "protest" in keys("T", text)


TRIGGER_CASES = [
    # attack.generic, with clitics, imperfects and masdars
    ("هاجم مسلحون حاجزا للجيش", "attack.generic"),
    ("واستهدفت القوات مواقع المسلحين", "attack.generic"),
    ("يستهدف الجيش مواقع التنظيم", "attack.generic"),
    ("تستهدف الطائرات القرى", "attack.generic"),
    ("نستهدف مواقعهم", "attack.generic"),
    ("أدان استهدافها للمدنيين", "attack.generic"),
    ("وقع هجوم على نقطة تفتيش", "attack.generic"),
    ("تصاعدت الهجمات في الشمال", "attack.generic"),
    ("شنوا هجوما على القرية", "attack.generic"),
    ("تعرضت القافلة لاعتداء", "attack.generic"),
    ("سيستهدف الجيش معاقلهم", "attack.generic"),
    # airstrike
    ("شنت الطائرات غارات على المدينة", "attack.airstrike"),
    ("قتل ثلاثة في غارة جوية", "attack.airstrike"),
    ("وبغارتين على الحي", "attack.airstrike"),
    ("استهدف قصف جوي البلدة", "attack.airstrike"),
    ("نفذت ضربة جوية قرب المطار", "attack.airstrike"),
    ("ضربات جوية أمريكية على مواقع", "attack.airstrike"),
    ("شن غارات على الضاحية", "attack.airstrike"),
    # shelling
    ("قصفت القوات الحي بالمدفعية", "attack.shelling"),
    ("تعرضت البلدة لقصف مدفعي", "attack.shelling"),
    ("أطلقت صواريخ على المستوطنات", "attack.shelling"),
    ("إطلاق صواريخ من الجنوب", "attack.shelling"),
    ("رشقة صاروخية على الشمال", "attack.shelling"),
    ("سقطت قذائف على الحي", "attack.shelling"),
    ("واصلت قصفها للمدينة", "attack.shelling"),
    # explosion / suicide
    ("هز انفجار العاصمة", "attack.explosion"),
    ("أدى التفجير إلى مقتل اثنين", "attack.explosion"),
    ("انفجرت عبوة بدورية", "attack.explosion"),
    ("فجر مسلحون جسرا", "attack.explosion"),
    ("نفذ تفجير انتحاري في السوق", "attack.suicide"),
    ("هجوم انتحاري على قاعدة", "attack.suicide"),
    ("فجر نفسه وسط المصلين", "attack.suicide"),
    ("فجرت نفسها عند الحاجز", "attack.suicide"),
    # clash
    ("اندلعت اشتباكات بين الجيش والمسلحين", "clash"),
    ("اشتبك مقاتلون مع الشرطة", "clash"),
    ("واشتبكت القوات مع المهاجمين", "clash"),
    ("تدور معارك عنيفة في الريف", "clash"),
    ("وقعت معركة قرب الحدود", "clash"),
    ("مواجهات مسلحة في الحي", "clash"),
    ("تصدت القوات لهجوم", "clash"),
    ("تبادل إطلاق النار مع دورية", "clash"),
    ("استمر القتال طوال الليل", "clash"),
    # intercept
    ("أسقطت الدفاعات طائرة", "intercept"),
    ("أعلن إسقاط مسيرة", "intercept"),
    ("اعترض الجيش صاروخا", "intercept"),
    ("تم اعتراض ثلاثة صواريخ", "intercept"),
    ("أحبطت الشرطة هجوما", "intercept"),
    ("تصدت الدفاعات الجوية لصواريخ", "intercept"),
    # arrest
    ("اعتقلت قوات الأمن خمسة أشخاص", "arrest"),
    ("اعتقل الجيش ناشطا", "arrest"),
    ("حملة اعتقالات في المدينة", "arrest"),
    ("ألقت الشرطة القبض على المشتبه", "arrest"),
    ("ألقى الأمن القبض على اثنين", "arrest"),
    ("احتجزت القوات صحفيا", "arrest"),
    ("نفذت حملة مداهمات في الحي", "arrest"),
    ("تعتقل القوات الشبان يوميا", "arrest"),
    # abduct
    ("اختطف مسلحون طبيبا", "abduct"),
    ("اختطفت جماعة مسلحة ثلاثة تجار", "abduct"),
    ("خطف مجهولون طفلا", "abduct"),
    ("أدانت اختطاف الصحفي", "abduct"),
    # protest
    ("تظاهر المئات أمام البرلمان", "protest"),
    ("تظاهرة حاشدة في العاصمة", "protest"),
    ("خرجت مظاهرات في عدة مدن", "protest"),
    ("احتجاجات على غلاء الأسعار", "protest"),
    ("نظم المعلمون اعتصاما", "protest"),
    ("وقفة احتجاجية أمام الوزارة", "protest"),
    ("مسيرة احتجاجية ضد الحرب", "protest"),
    ("يتظاهرون كل جمعة", "protest"),
    # riot
    ("اندلعت أعمال شغب في السجن", "riot"),
    ("أضرموا النار في مبنى البلدية", "riot"),
    # kill
    ("قتل مسلحون مزارعا", "kill"),
    ("أعلن مقتل ضابط", "kill"),
    ("اغتيال قيادي في الحركة", "kill"),
    ("اغتال مجهولون ناشطا", "kill"),
    ("أعدم التنظيم أسيرين", "kill"),
    ("نفذ إعدام ميداني بحق", "kill"),
    # shooting
    ("أطلق النار على المتظاهرين", "shooting"),
    ("أطلقوا النار على الحافلة", "shooting"),
    ("قتل بإطلاق نار في الشارع", "shooting"),
    ("أصيب بالرصاص الحي", "shooting"),
    # incursion / seize / retake
    ("توغلت آليات في القرية", "incursion"),
    ("اقتحمت القوات المخيم", "incursion"),
    ("اقتحام المسجد فجرا", "incursion"),
    ("بدأت عملية برية في الجنوب", "incursion"),
    ("سيطر المسلحون على البلدة", "seize"),
    ("استولت الجماعة على مخازن", "seize"),
    ("استعاد الجيش السيطرة على المدينة", "retake"),
    ("أعلنت استعادة البلدة", "retake"),
    # agreement / destruction / deploy
    ("توصل الطرفان إلى اتفاق", "agreement"),
    ("أعلنت هدنة لمدة أسبوع", "agreement"),
    ("دخل وقف إطلاق النار حيز التنفيذ", "agreement"),
    ("هدمت الجرافات منزلا", "destruction"),
    ("نهب مسلحون المتاجر", "destruction"),
    ("أحرقت المستوطنون سيارات", "destruction"),
    ("وصلت تعزيزات عسكرية إلى المنطقة", "deploy"),
]


@pytest.mark.parametrize("text,key", TRIGGER_CASES)
def test_trigger_families(text: str, key: str) -> None:
    found = keys("T", text)
    assert key in found, found


def test_attack_generic_without_an_object_of_fire() -> None:
    # "أطلق مسلحون النار": the object is split; no shooting phrase, but no false clash either
    assert "clash" not in keys("T", "أطلق مسلحون النار على سيارة")


def test_trigger_info_is_typed_and_consistent() -> None:
    m = vocab.find_triggers(normalize("شنت الطائرات غارة جوية"))[0]
    info = m.data
    assert isinstance(info, vocab.TriggerInfo)
    assert (info.event_type, info.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert info.weapon == "airstrike" and info.plover == "ASSAULT" and 0.9 <= info.strength <= 1
    arrest = vocab.find_triggers(normalize("اعتقلت الشرطة شابا"))[0].data
    assert (arrest.event_type, arrest.sub_event_type) == ("Strategic developments", "Arrests")


def test_type_changing_cues() -> None:
    cases = {"أسقطت": "intercept", "اشتباكات": "clash", "اعتقلت": "arrest", "اختطف": "abduct", "تظاهر": "protest"}
    for word, key in cases.items():
        assert keys("T", f"وقال إن القوات {word} في المدينة") == [key]


def test_longest_trigger_wins() -> None:
    assert keys("T", "قصف جوي على البلدة") == ["attack.airstrike"]
    assert keys("T", "تفجير انتحاري في السوق") == ["attack.suicide"]
    assert keys("T", "تصدت الدفاعات الجوية لصاروخ") == ["intercept"]


def test_future_and_clitic_flags() -> None:
    m = vocab.find_triggers(normalize("وسيستهدف الجيش المواقع"))[0]
    assert m.key == "attack.generic" and m.future and m.prefix == "وس"
    m = vocab.find_triggers(normalize("فاعتقلوا ثلاثة"))[0]
    assert m.key == "arrest" and m.number == "pl"


NON_TRIGGERS = [
    "افتتح الوزير معرضا للكتاب",
    "ارتفعت أسعار النفط في الأسواق",
    "التقى الرئيس بنظيره في العاصمة",
    "فاز الفريق بالمباراة",
    "صاحب المتجر يبيع الخضار",
]


@pytest.mark.parametrize("text", NON_TRIGGERS)
def test_ordinary_news_has_no_strong_trigger(text: str) -> None:
    strong = [m for m in vocab.find_triggers(normalize(text)) if m.data.strength >= 0.5]
    assert strong == []


DAWN_AND_OTHER_BLOCKERS = [
    ("قتل شخصان فجر اليوم في القصف", ["kill", "attack.shelling"]),
    ("عند الفجر وقع انفجار", ["attack.explosion"]),
    ("قصفت الطائرات مواقع الحشد الشعبي", ["attack.shelling"]),
    ("أطلق سراح المعتقلين", []),
    ("معارك في جرف الصخر", ["clash"]),
    ("فجر مسلحون جسرا", ["attack.explosion"]),
]


@pytest.mark.parametrize("text,expected", DAWN_AND_OTHER_BLOCKERS)
def test_trigger_blockers(text: str, expected: list[str]) -> None:
    assert keys("T", text) == expected
    assert all(m.data is not None for m in vocab.find_triggers(normalize(text)))


def test_deploy_is_weak() -> None:
    [m] = vocab.find_triggers(normalize("نشرت القوات دبابات"))
    assert keys("T", "نشرت الصحيفة تقريرا") == []
    assert m.key == "deploy" and m.data.strength < 0.5


CUE_CASES = [
    ("قتل خمسة أشخاص", "casualty.killed"),
    ("سقط ثلاثة قتلى", "casualty.killed"),
    ("قتل عشرون قتيلا", "casualty.killed"),
    ("ارتقى شهيدان", "casualty.killed"),
    ("ارتفع عدد الشهداء", "casualty.killed"),
    ("لقي ثلاثة حتفهم", "casualty.killed"),
    ("لقوا حتفهم في القصف", "casualty.killed"),
    ("أسفر عن مصرع شخص", "casualty.killed"),
    ("أعلن وفاة جريح", "casualty.killed"),
    ("أصيب ستة بجروح", "casualty.injured"),
    ("أصيبوا بشظايا", "casualty.injured"),
    ("نقل الجرحى إلى المستشفى", "casualty.injured"),
    ("سجلت إصابات خطيرة", "casualty.injured"),
    ("عشرة مصابين", "casualty.injured"),
    ("أربعة في عداد المفقودين", "casualty.missing"),
    ("لا يزال ثلاثة مفقودين", "casualty.missing"),
    ("سقطت القذيفة دون وقوع إصابات", "casualty.none"),
    ("لم يسفر الهجوم عن وقوع ضحايا", "casualty.none"),
    ("لم تسفر الغارة عن إصابات", "casualty.none"),
    ("سوف يرد الجيش", "status.future"),
    ("تعتزم الحكومة إرسال قوات", "status.future"),
    ("من المقرر أن تبدأ العملية", "status.future"),
    ("هدد الحوثيون باستهداف السفن", "status.threat"),
    ("توعد التنظيم بالانتقام", "status.threat"),
    ("حذر من هجوم وشيك", "status.threat"),
    ("نفى الجيش استهداف المدنيين", "status.denial"),
    ("نفت الوزارة وقوع الهجوم", "status.denial"),
    ("ينفي الطرفان", "status.denial"),
    ("إذا هاجمت القوات", "status.conditional"),
    ("في حال استمرار القصف", "status.conditional"),
    ("دعا المجلس إلى وقف القتال", "status.call"),
    ("طالبت المنظمة بالتحقيق", "status.call"),
    ("كشفت خطة لمهاجمة القاعدة", "status.plan"),
    ("تخطط الجماعة لهجمات", "status.plan"),
    ("أعلن التنظيم مسؤوليته عن التفجير", "claim.responsibility"),
    ("تبنت الحركة الهجوم", "claim.responsibility"),
    ("قال مسؤول محلي", "claim.report"),
    ("وأفادت وكالة الأنباء", "claim.report"),
    ("ذكرت مصادر طبية", "claim.report"),
    ("وأكدت الشرطة", "claim.confirmation"),
    ("وفقا لمصادر محلية", "source.attribution"),
    ("نقلا عن شهود", "source.attribution"),
    ("بحسب المرصد", "source.attribution"),
    ("قال مصدر أمني طلب عدم ذكر اسمه", "source.anonymous"),
    ("أفاد مصدر مطلع", "source.anonymous"),
    ("منذ اندلاع الحرب قتل الآلاف", "background"),
    ("على خلفية التوتر", "background"),
    ("استهدف الحي ثلاث مرات", "aggregate.times"),
    ("قصفت مرتين", "aggregate.times"),
    ("ارتفعت حصيلة القتلى إلى عشرين", "tally"),
    ("خلال الأسبوعين الماضيين", "tally.period"),
    ("قتل طفل وامرأة", "group.children"),
    ("بين القتلى أطفال", "group.children"),
    ("قتلت امرأة", "group.women"),
    ("أصيبت نساء", "group.women"),
    ("قتل ثلاثة مدنيين", "group.civilians"),
    ("هوجمت دورية للجيش", "voice.passive.sure"),
    ("استهدفت القافلة", "voice.passive"),
    ("تعرضت القافلة لهجوم", "voice.passive"),
    ("تعرض الحاجز لقصف", "voice.passive"),
]


@pytest.mark.parametrize("text,key", CUE_CASES)
def test_cue_families(text: str, key: str) -> None:
    found = keys("C", text)
    assert key in found, found


def test_no_casualties_is_not_a_death() -> None:
    found = keys("C", "لم يسفر القصف عن وقوع ضحايا")
    assert "casualty.none" in found
    assert keys("C", "دون وقوع إصابات") == ["casualty.none"]
    assert "casualty.injured" not in keys("C", "سقطت القذيفة دون وقوع إصابات")


def test_one_span_keeps_every_cue_key() -> None:
    found = keys("C", "أكد المتحدث")
    assert "claim.report" in found and "claim.confirmation" in found
    info = vocab.find_cues(normalize("أكد المتحدث"))[0].data
    assert isinstance(info, vocab.CueInfo) and info.scope in vocab.CUE_SCOPES


def test_acled_precedence() -> None:
    assert vocab.acled_pick([("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                             ("Battles", "Armed clash")]) == ("Battles", "Armed clash")
    assert vocab.acled_pick([("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                             ("Explosions/Remote violence", "Air/drone strike")])[1] == "Air/drone strike"
    assert vocab.acled_rank("Riots") < vocab.acled_rank("Protests")
    with pytest.raises(KeyError):
        vocab.acled_rank("Wars")
    for w in WEAPONS:
        sub = vocab.WEAPON_SUB_EVENT[w]
        assert sub is None or sub in SUB_EVENT_TYPES["Explosions/Remote violence"]


def test_every_package_row_is_valid() -> None:
    assert len(vocab.weapon_entries()) >= 60
    assert len(vocab.trigger_entries()) >= 150
    assert {e.data.key for e in vocab.weapon_entries() if not e.data.blocker} == set(WEAPONS)
    assert {e.data.key for e in vocab.trigger_entries() if e.data is not None} == set(vocab.TRIGGER_KEYS)


HEADER = "# source: test\n# licence: Apache-2.0\n"
T_HEAD = "surface\tcls\tkey\tweapon\tstrength\n"
F_HEAD = "key\tevent_type\tsub_event_type\tplover\tcoded\n"
BAD_FILES = [
    ("weapons", "surface\tcls\tkey\nرمح\tnoun\tspear\n", "weapon key 'spear'"),
    ("weapons", "surface\tcls\tkey\nرمح\tthing\tmelee\n", "cls 'thing'"),
    ("trigger_families", F_HEAD + "clash\tBattles\tAir/drone strike\tFIGHT\tyes\n", "not a sub-event of 'Battles'"),
    ("triggers", T_HEAD + "كر\tverb\tclash\tspear\t0.5\n", "weapon 'spear'"),
    ("triggers", T_HEAD + "كر\tverb\tclash\t\t1.5\n", "outside 0-1"),
    ("trigger_families", F_HEAD + "clash\tWar\tArmed clash\tFIGHT\tyes\n", "event_type 'War'"),
    ("triggers", T_HEAD + "كر\tverb\tbrawl\t\t0.5\n", "trigger key 'brawl'"),
    ("weapons", "surface\tcls\tkey\tnumber\nرماح\tnoun\tmelee\tmany\n", "number 'many'"),
    ("trigger_families", F_HEAD + "clash\t\tArmed clash\tFIGHT\tyes\n", "empty required field 'event_type'"),
    ("trigger_families", F_HEAD + "clash\tBattles\tArmed clash\tFIGHT\tmaybe\n", "coded must be yes or no"),
    ("triggers", T_HEAD + "كر\tverb\tclash\t\tstrong\n", "'strong' is not a number"),
    ("cues", "surface\tcls\tkey\tscope\nحتما\tname\tstatus.future\tsomewhere\n", "scope 'somewhere'"),
]


@pytest.fixture
def user_dir(tmp_path: Path):
    yield tmp_path
    loader.set_knowledge_dirs([])


@pytest.mark.parametrize("table,body,message", BAD_FILES)
def test_bad_user_rows_name_file_and_line(user_dir: Path, table: str, body: str, message: str) -> None:
    path = user_dir / f"{table}.tsv"
    path.write_text(HEADER + body, encoding="utf-8")
    loader.set_knowledge_dirs([user_dir])
    finder = {"weapons": vocab.weapons, "triggers": vocab.triggers, "cues": vocab.cues,
              "trigger_families": vocab.trigger_families}[table]
    with pytest.raises(KnowledgeError) as exc:
        finder()
    assert exc.value.path == str(path) and exc.value.line == 4
    assert message in str(exc.value) and f"{path}:4" in str(exc.value)


def test_user_rows_extend_and_cache_is_dropped(user_dir: Path) -> None:
    assert keys("W", "ضربه بهراوة") == []
    (user_dir / "weapons.tsv").write_text(HEADER + "surface\tcls\tkey\nهراوة\tnoun\tmelee\n", encoding="utf-8")
    loader.set_knowledge_dirs([user_dir])
    assert keys("W", "ضربه بهراوة") == ["melee"]
    loader.set_knowledge_dirs([])
    assert keys("W", "ضربه بهراوة") == []


IMPERFECT_AND_FUTURE = [
    ("وستقصف الطائرات مواقع التنظيم", "attack.shelling", True),
    ("ستطلق صواريخ على المدن", "attack.shelling", True),
    ("تطلق الصواريخ يوميا", "attack.shelling", False),
    ("ستشن غارات على المواقع", "attack.airstrike", True),
    ("سترسل الولايات المتحدة قوات", "deploy", True),
    ("يحتجز الجيش عشرات الشبان", "arrest", False),
    ("ستستعيد القوات المدينة", "retake", True),
]


@pytest.mark.parametrize("text,key,future", IMPERFECT_AND_FUTURE)
def test_imperfect_rows_and_future_flag(text: str, key: str | None, future: bool) -> None:
    hits = vocab.find_triggers(normalize(text))
    assert hits, text
    m = hits[0] if key is None else next(m for m in hits if m.key == key)
    assert m.future is future


@pytest.mark.parametrize("text,absent", [
    ("قال الدفاع المدني إن فرقه انتشلت جثتين", "group.civilians"),
    ("دعت منظمات المجتمع المدني إلى التهدئة", "group.civilians"),
    ("عادت المدينة مرة أخرى إلى الهدوء", "aggregate.times"),
])
def test_cue_blockers_and_false_friends(text: str, absent: str) -> None:
    found = keys("C", text)
    assert absent not in found and "-" not in found, found


def test_cue_still_found_next_to_a_blocker() -> None:
    found = keys("C", "قال الدفاع المدني إن ثلاثة مدنيين قتلوا")
    assert "group.civilians" in found and "casualty.killed" in found
    [m] = [m for m in vocab.find_cues(normalize("قتل ثلاثة أطفال")) if m.key == "group.children"]
    assert vocab.number_of(m) == "pl"
