"""find_numbers: values, kinds, flags and exact spans over the original text."""
import re

import pytest

from rasad.text.normalize import normalize
from rasad.text.numbers import find_numbers


def nums(s):
    ms = find_numbers(normalize(s))
    for m in ms:
        assert s[m.start:m.end] == m.text
    return ms


def only(s):
    ms = [m for m in nums(s) if m.kind not in ("year",)]
    assert len(ms) == 1, [m.to_json() for m in ms]
    return ms[0]


CARDINALS = [
    ("مقتل 11 شخصا", 11), ("قتل ٧٣٢٦ شخصا", 7326), ("قتل ۷۳۲۶ شخصا", 7326), ("7326 قتيلا", 7326),
    ("1,500 قتيل", 1500), ("١٬٥٠٠ قتيل", 1500), ("12,345,678 نسمة", 12345678), ("٢٫٥ مليون", 2500000),
    ("1.5 مليون", 1500000), ("4 آلاف", 4000), ("18 ألفا و500", 18500), ("3 ملايين", 3000000),
    ("2 مليار", 2000000000), ("10 آلاف", 10000), ("مليون و200 ألف", 1200000),
    ("واحد", 1), ("واحدة", 1), ("اثنان", 2), ("اثنين", 2), ("اثنتان", 2), ("اثنتين", 2),
    ("ثلاث", 3), ("ثلاثة", 3), ("أربع", 4), ("أربعة", 4), ("خمس", 5), ("خمسة", 5), ("ست", 6), ("ستة", 6),
    ("سبع", 7), ("سبعة", 7), ("ثماني", 8), ("ثمانية", 8), ("تسع", 9), ("تسعة", 9), ("عشر", 10), ("عشرة", 10),
    ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12), ("اثني عشر", 12), ("ثلاثة عشر", 13),
    ("خمسة عشر", 15), ("تسعة عشر", 19), ("عشرون", 20), ("عشرين", 20), ("ثلاثون", 30), ("أربعين", 40),
    ("خمسون", 50), ("ستين", 60), ("سبعون", 70), ("ثمانين", 80), ("تسعون", 90),
    ("خمسة وعشرون", 25), ("ثلاث وثلاثين", 33), ("تسعة وتسعون", 99), ("مئة وعشرون", 120), ("مائة", 100),
    ("ثلاثمائة", 300), ("ثلاثمئة", 300), ("مائتي", 200), ("مئتان", 200), ("مائتين", 200),
    ("خمسمائة", 500), ("تسعمئة", 900), ("ثلاث مئة", 300), ("مائة وخمسة وعشرون", 125),
    ("أربعة آلاف وخمسمائة", 4500), ("ألف", 1000), ("ألفا", 1000), ("ألفين", 2000), ("ألفي", 2000),
    ("ثلاثة آلاف", 3000), ("خمسة آلاف وثلاثمائة وعشرون", 5320), ("مليون", 1000000), ("مليونين", 2000000),
    ("مليار", 1000000000), ("ثلاث مئة ألف", 300000), ("ثلاثمائة وخمسون ألفا", 350000),
    ("ثلاث مرات", 3), ("وثلاث", 3), ("بثلاثة", 3), ("لخمسة", 5), ("وعشرين", 20), ("بألفي", 2000),
    ("خمسةٌ وعشرونَ", 25), ("نحو 900", 900),
]


@pytest.mark.parametrize("s,value", CARDINALS)
def test_cardinal_values(s, value):
    m = only(s)
    assert m.value == value and m.kind == "cardinal"


DUALS = ["جنديين", "صاروخين", "قتيلين", "طائرتين", "شخصين", "بطائرتين", "مرتين", "غارتين", "جريحين", "وقذيفتين"]


@pytest.mark.parametrize("s", DUALS)
def test_duals(s):
    m = only(s)
    assert (m.value, m.kind) == (2, "dual")
    assert not m.text.startswith(("ب", "و")) or m.text == s


@pytest.mark.parametrize("s", ["مدنيين", "مسلحين", "مقاتلين", "مواطنين", "يوم الاثنين", "يوم الأحد", "لا أحد"])
def test_not_numbers(s):
    assert nums(s) == []


APPROX = [
    ("نحو 5 مسلحين", "about"), ("قرابة 100", "about"), ("حوالي 20", "about"), ("زهاء ألف", "about"),
    ("ما يقارب 300", "about"), ("بنحو 40 قتيلا", "about"), ("30 قتيلا تقريبا", "about"),
    ("على الأقل 10", "at_least"), ("10 قتلى على الأقل", "at_least"), ("ما لا يقل عن 15", "at_least"),
    ("أكثر من 100", "more_than"), ("ما يزيد عن 50", "more_than"), ("أزيد من 60", "more_than"),
    ("ما يزيد على خمسين", "more_than"), ("أقل من 10", "less_than"), ("مقتل 11 شخصا", None),
]


@pytest.mark.parametrize("s,flag", APPROX)
def test_approximations(s, flag):
    assert only(s).approx == flag


VAGUE = [("عشرات القتلى", 10), ("العشرات", 10), ("مئات المدنيين", 100), ("آلاف النازحين", 1000),
         ("عشرات الآلاف", 10000), ("مئات الآلاف", 100000), ("بضعة أشخاص", 3), ("عدة جنود", 3),
         ("ملايين", 1000000), ("لعشرات", 10)]


@pytest.mark.parametrize("s,conv", VAGUE)
def test_vague(s, conv):
    m = only(s)
    assert m.vague and m.convention == conv and m.value == conv


KINDS = [
    ("عام 2023", "year", 2023), ("في أكتوبر 2023", "year", 2023), ("منذ عام 2011،", "year", 2011),
    ("كانون الثاني 2020", "year", 2020), ("15%", "percent", 15), ("١٥٪", "percent", 15),
    ("15 في المئة", "percent", 15), ("20 بالمائة", "percent", 20), ("خمسة في المائة", "percent", 5),
    ("+963912345678", "phone", 963912345678), ("0912345678", "phone", 912345678),
    ("الـ22", "ordinal", 22), ("الثاني", "ordinal", 2), ("الثالثة", "ordinal", 3), ("الحادي عشر", "ordinal", 11),
    ("1.5 مليون دولار", "money", 1500000), ("500 ليرة", "money", 500), ("2.5", "decimal", 2.5),
]


@pytest.mark.parametrize("s,kind,value", KINDS)
def test_kinds(s, kind, value):
    ms = nums(s)
    assert len(ms) == 1, [m.to_json() for m in ms]
    assert (ms[0].kind, ms[0].value) == (kind, value)


@pytest.mark.parametrize("s", ["الساعة 10:30", "28/10/2023", "2023-10-28", "الساعة 10", "عند 10:30 صباحا"])
def test_skipped(s):
    assert nums(s) == []


def test_day_of_month_skipped_year_kept():
    ms = nums("في 28 أكتوبر 2023 قتل 5 أشخاص")
    assert [(m.kind, m.value) for m in ms] == [("year", 2023), ("cardinal", 5)]


@pytest.mark.parametrize("s,counted", [("مقتل 11 شخصا", "شخصا"), ("7326 قتيلا", "قتيلا"),
                                       ("عشرات من القتلى", "القتلي"), ("ثلاث مرات", "مرات"), ("خمسة وعشرين", None)])
def test_counted(s, counted):
    assert only(s).counted == counted


def test_casualty_count_is_not_year():
    m = only("ارتفعت الحصيلة إلى 2013 قتيلا")
    assert (m.kind, m.value) == ("cardinal", 2013)


def test_two_numbers_not_joined():
    assert [m.value for m in nums("5 و6")] == [5, 6]
    assert [m.value for m in nums("قتل 3 وجرح 7")] == [3, 7]


def test_to_json_and_spans_with_diacritics():
    s = "قُتِلَ خَمْسَةٌ وَعِشْرُونَ جُنْدِيّاً"
    m = only(s)
    j = m.to_json()
    assert set(j) == {"start", "end", "text", "value", "kind", "approx", "vague", "counted"}
    assert j["value"] == 25 and s[j["start"]:j["end"]] == j["text"]


def test_invented_report_values_spans_and_order():
    s = "قتل 12 مدنيا وأصيب ثلاثة وعشرون آخرون، ونزح ١٬٥٠٠ شخص، في 5 قرى منذ عام 2019"
    got = [(m.kind, m.value, m.text) for m in nums(s)]
    assert got == [("cardinal", 12, "12"), ("cardinal", 23, "ثلاثة وعشرون"),
                   ("cardinal", 1500, "١٬٥٠٠"), ("cardinal", 5, "5"), ("year", 2019, "2019")]


# a run of ASCII digits standing alone (not part of a date, a decimal, a range or a percentage)
_PLAIN = re.compile(r"(?<![\d.,/:\-٫٬٠-٩])[0-9]+(?![\d.,/:\-٫٬٠-٩%])")


def test_gold_texts_values_and_tolls(gold_articles):
    """Over the real gold texts: spans map back to the text (``nums``), mentions come in text order
    without overlapping, a mention spanning exactly a plain digit run has that run's value, and
    every annotated death toll written in digits is found with its value."""
    mentions = tolls = 0
    for g in gold_articles:
        text = g["text"]
        ms = nums(text)
        mentions += len(ms)
        assert all(a.end <= b.start for a, b in zip(ms, ms[1:])), g["id"]
        exact = {(m.start, m.end): m for m in ms}
        for tok in _PLAIN.finditer(text):
            m = exact.get(tok.span())
            assert m is None or m.value == int(tok.group()), (g["id"], tok.group(), m.to_json())
        values = {m.value for m in ms}
        for rec in g.get("records", []):
            toll = rec.get("fatalities")
            toll = toll[0] if isinstance(toll, list) and toll else toll
            if isinstance(toll, int) and toll > 0 and re.search(rf"(?<!\d){toll}(?!\d)", text):
                tolls += 1
                assert toll in values, (g["id"], toll)
    assert mentions >= 100 and tolls >= 5, (mentions, tolls)
