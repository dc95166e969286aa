"""Feared incidents did not happen; one town under two gazetteer entries is one place."""
import rasad
from rasad.extract import registry
from rasad.extract.assemble import _same_place
from rasad.extract.incident import Incident
from rasad.extract.registry import Trail


def _events(text, disable=()):
    with registry.run(disable):
        res = rasad.extract(text, published="2022-06-01")
    return [r for r in res.records if r.kind == "event" and r.status == "occurred"]


def test_an_incident_feared_is_not_one_that_happened():
    text = "سقطت قذائف صاروخية على مدينة مصراتة أمس، وسط مخاوف من تجدد الاشتباكات بين الفصائل."
    assert [e.event_type for e in _events(text)] == ["Explosions/Remote violence"]
    text = "أغلقت المتاجر أبوابها في مدينة سبها خشية اندلاع اشتباكات مسلحة."
    assert _events(text) == []


class _P:
    def __init__(self, pid, lat, lon, country="LY"):
        self.id, self.lat, self.lon, self.country = pid, lat, lon, country


class _M:
    def __init__(self, best, precision="town"):
        self.best, self.precision = best, precision


def _inc(place):
    return Incident(kind="event", place=place, trail=Trail())


def test_two_gazetteer_entries_of_one_town_are_one_place():
    a = _inc(_M(_P("gn:1", 32.887, 13.187)))
    b = _inc(_M(_P("sup:x", 32.89, 13.19)))
    far = _inc(_M(_P("gn:2", 32.37, 15.09)))
    assert _same_place(a, b) and not _same_place(a, far)
    assert "merge.near_twin_place" in a.trail.fired
    with registry.run(["merge.near_twin_place"]):
        assert not _same_place(_inc(_M(_P("gn:1", 32.887, 13.187))), b)
