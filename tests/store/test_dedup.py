from __future__ import annotations

from rasad.store.dedup import Incident, best_match, haversine_km, match


def inc(**kw):
    base = dict(event_type="Battles", sub_event_type="Armed clash", date="2024-01-10", country="SY",
                admin1="Idlib", location="Saraqib", lat=35.86, lon=36.80, actor1="HTS",
                actor2="Military Forces of Syria", fatalities=4, article_ids=frozenset({"x"}))
    base.update(kw)
    return Incident(**base)


def test_haversine():
    assert abs(haversine_km(33.51, 36.29, 36.20, 37.16) - 310) < 10  # Damascus-Aleppo


def test_match_explains_itself():
    m = match(inc(article_ids=frozenset({"y"}), date="2024-01-11", fatalities=5), inc())
    assert m is not None and 0.6 <= m.score <= 1
    assert m.features["days_apart"] == 1 and m.features["km"] == 0.0
    assert set(m.features["parts"]) == {"date", "place", "actors", "sub_event_type", "casualties"}


def test_hard_constraints():
    other = frozenset({"y"})
    assert match(inc(article_ids=frozenset({"x"})), inc()) is None          # same article
    assert match(inc(article_ids=other, event_type="Riots"), inc()) is None
    assert match(inc(article_ids=other, date="2024-01-14"), inc()) is None  # 4 days apart
    assert match(inc(article_ids=other, lat=36.2, lon=37.16), inc()) is None  # ~70 km
    assert match(inc(article_ids=other, actor1="ISIS"), inc()) is None      # actor contradicts
    assert match(inc(article_ids=other, country="IQ"), inc()) is None
    assert match(inc(article_ids=other, fatalities=20), inc()) is None     # 20 vs 4 killed
    assert match(inc(article_ids=other, location="Maarat al-Numan", lat=35.86, lon=36.86), inc()) is None
    assert match(inc(article_ids=other, fatalities=6), inc()) is not None


def test_unknown_actor_and_missing_coords_still_match_on_name():
    m = match(inc(article_ids=frozenset({"y"}), actor1="Unidentified armed group", lat=None, lon=None), inc())
    assert m is not None and m.features["actors"] == 0.75


def test_best_match_prefers_higher_score():
    rec = inc(article_ids=frozenset({"r"}), date="2024-01-10")
    near = inc(article_ids=frozenset({"a"}))
    later = inc(article_ids=frozenset({"b"}), date="2024-01-12", fatalities=40)
    assert best_match(rec, [("E2", later), ("E1", near)])[0] == "E1"
    assert best_match(rec, []) is None
