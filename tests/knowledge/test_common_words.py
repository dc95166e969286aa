"""Ordinary words that GeoNames also lists as some village are not places (place_context.tsv)."""
from rasad.knowledge.geocoder import Geocoder
from rasad.text.normalize import normalize


def _places(text: str) -> list[str]:
    return [m.best.name for m in Geocoder.default().find(normalize(text)) if m.best is not None]


def test_verbs_and_adjectives_are_not_villages():
    # أشار (he pointed), بأنه (that it), كشف (revealed), سنة (year), عسكري (military)
    text = "وأشار المتحدث بأنه كشف عن خطة جديدة هذه السنة لتعزيز الوجود العسكري."
    assert _places(text) == []


def test_names_and_common_nouns_are_not_towns_but_real_places_stay():
    text = "وصل الرئيس بشار إلى البيت الأبيض بعد زيارة قصيرة، ثم سافر إلى دمشق."
    assert _places(text) == ["Damascus"]
