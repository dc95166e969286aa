import pytest

from rasad.knowledge.gazetteer import Gazetteer, default
from rasad.text.normalize import normalize


@pytest.fixture(scope="module")
def gaz():
    return default()


@pytest.mark.parametrize("name,country,feature", [
    ("التنف", "SY", "base"), ("مخيم الركبان", "SY", "camp"), ("قاعدة عين الأسد", "IQ", "base"),
    ("قطاع غزة", "PS", "region"), ("بيت حانون", "PS", "city"), ("البريج", "PS", "camp"),
    ("المالكية", "SY", "city"), ("سوريا", "SY", "country"), ("البصرة", "IQ", "city"),
])
def test_lookup_finds_curated_and_geonames_places(gaz, name, country, feature):
    places = gaz.lookup(name)
    assert any(p.country == country and p.feature == feature for p in places)


def test_ambiguous_name_has_candidates_in_both_countries(gaz):
    assert {"PS", "EG"} <= {p.country for p in gaz.lookup("رفح")}


def test_tanf_coordinates(gaz):
    p = next(p for p in gaz.lookup("التنف") if p.feature == "base")
    assert abs(p.lat - 33.49) < 0.05 and abs(p.lon - 38.63) < 0.05


def test_matcher_finds_name_with_proclitic_and_offsets(gaz):
    raw = "قصف على قاعدة التنف وفي البصرة"
    norm = normalize(raw)
    hits = gaz.matcher.best(norm)
    texts = [raw[m.start:m.end] for m in hits]
    assert "التنف" in " ".join(texts) and "وفي البصرة" not in texts
    for m in hits:
        assert raw[m.start:m.end] == m.text


def test_cached_load_equals_build(gaz):
    g2 = Gazetteer.load()
    assert g2.source == "cache" and len(g2) == len(gaz)


@pytest.mark.parametrize("name,country,feature", [
    ("باريس", "FR", "city"), ("لندن", "GB", "city"), ("مانشستر", "GB", "city"), ("مانشيستر", "GB", "city"),
    ("موسكو", "RU", "city"), ("سان بطرسبرغ", "RU", "city"), ("بروكسل", "BE", "city"),
    ("برلين", "DE", "city"), ("لاغوس", "NG", "city"), ("مايدوغوري", "NG", "city"),
    ("مانيلا", "PH", "city"), ("البنجاب", "PK", "admin1"), ("كولومبيا", "CO", "country"),
])
def test_world_places_are_indexed(gaz, name, country, feature):
    assert any(p.country == country and p.feature == feature for p in gaz.lookup(name))


def test_a_big_city_keeps_its_name_from_small_namesakes(gaz):
    # موسكو is Moscow, not Mesquite (Texas); Manchester (England) keeps its US namesakes that are
    # within an order of magnitude
    assert {p.country for p in gaz.lookup("موسكو")} == {"RU"}
    assert "GB" in {p.country for p in gaz.lookup("مانشستر")}


def test_everyday_words_do_not_name_world_towns(gaz):
    from rasad.knowledge.gazetteer_build import REGION
    for word in ("وكالة", "دولة", "ميدان", "بولتون", "كيف"):
        assert not [p for p in gaz.lookup(word) if p.country not in REGION and p.feature == "city"], word
    # a word with a proclitic letter also blocks its remainder: كالة (Calais) is و + كالة
    assert not [p for p in gaz.lookup("كالة") if p.country == "FR"]


def test_world_names_keep_arabic_letters_only():
    from rasad.knowledge.gazetteer_build import world_names
    assert world_names(["پاريس", "مانچسٹر", "منچستر, جورجيا", "Paris"]) == ["باريس"]
