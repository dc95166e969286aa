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
