from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq

from rasad.store import Filters
from rasad.store.export import ACLED_COLUMNS, write
from storefix import article, event_record


def _fill(store):
    store.add_articles([article("a", [event_record("a", actor2="Civilians (Syria)")], source="SANA"),
                        article("b", [event_record("b", place="Gaza", day="2024-04-01")],
                                source="Al Jazeera")], "1")


def test_csv_has_acled_columns(store):
    _fill(store)
    buf = io.StringIO()
    assert write(store.iter_export(), "csv", buf, provenance=False) == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    sy = next(r for r in rows if r["country"] == "Syria")
    assert sy["event_id_cnty"].startswith("SYR") and sy["iso"] == "760"
    assert sy["event_date"] == "2024-03-02" and sy["year"] == "2024" and sy["time_precision"] == "1"
    assert sy["disorder_type"] == "Political violence" and sy["inter1"] == "State forces"
    assert sy["interaction"] == "State forces-Civilians" and sy["civilian_targeting"] == "Civilian targeting"
    assert sy["region"] == "Middle East" and sy["source"] == "SANA" and sy["fatalities"] == "3"
    assert float(sy["latitude"]) == 34.73


def test_filters_jsonl_geojson_parquet(store, tmp_path):
    _fill(store)
    buf = io.StringIO()
    assert write(store.iter_export(Filters(country="PS")), "jsonl", buf) == 1
    assert json.loads(buf.getvalue())["country"] == "Palestine"
    buf = io.StringIO()
    write(store.iter_export(Filters(since="2024-03-15")), "geojson", buf)
    gj = json.loads(buf.getvalue())
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 1
    assert gj["features"][0]["geometry"] == {"type": "Point", "coordinates": [34.47, 31.5]}
    path = tmp_path / "e.parquet"
    assert write(store.iter_export(), "parquet", str(path), provenance=False) == 2
    t = pq.read_table(path)
    assert t.column_names == list(ACLED_COLUMNS) and t.num_rows == 2


def _with_admin_and_assoc(aid: str, *, admin2=None, admin3=None, assoc1=(), assoc2=(), **kw):
    rec = event_record(aid, **kw)
    loc = rec.location.model_dump()
    if admin2:
        loc["admin2"] = admin2
    if admin3:
        loc["admin3"] = admin3
    data = rec.model_dump()
    data["location"] = loc
    if assoc1:
        data["assoc_actor_1"] = list(assoc1)
    if assoc2:
        data["assoc_actor_2"] = list(assoc2)
    return type(rec).model_validate(data)


def test_csv_admin2_admin3_and_associated_actors_from_records(store):
    # two reports of the same strike: the associated actors of both end up on the one event
    r1 = _with_admin_and_assoc("a", admin2="Homs District", admin3="Markaz Homs",
                               assoc1=[{"name": "Military Forces of Syria", "type": "state_forces"}],
                               assoc2=["Farmers (Syria)"], actor2="Civilians (Syria)")
    r2 = _with_admin_and_assoc("b", assoc1=["Wagner Group", "Military Forces of Israel"],
                               actor2="Civilians (Syria)")
    # an event whose place is itself a second-level unit, and one with nothing of the kind
    r3 = event_record("c", place="Gaza", day="2024-05-01")
    r3 = r3.model_copy(update={"location": r3.location.model_copy(
        update={"name": "Deir al-Balah Governorate", "precision": "admin2"})})
    r4 = event_record("d", place="Aleppo", day="2024-06-01")
    store.add_articles([article("a", [r1]), article("b", [r2], source="Reuters"),
                        article("c", [r3]), article("d", [r4])], "1")
    buf = io.StringIO()
    assert write(store.iter_export(), "csv", buf) == 3
    rows = {r["location"]: r for r in csv.DictReader(io.StringIO(buf.getvalue()))}
    homs = rows["Homs"]
    assert homs["source"] == "Reuters; SANA"  # one event from both reports
    assert (homs["admin1"], homs["admin2"], homs["admin3"]) == ("Homs", "Homs District", "Markaz Homs")
    # the event's own actor1 is not repeated among its associates
    assert homs["assoc_actor_1"] == "Military Forces of Syria; Wagner Group"
    assert homs["assoc_actor_2"] == "Farmers (Syria)"
    dab = rows["Deir al-Balah Governorate"]
    assert (dab["admin2"], dab["admin3"], dab["assoc_actor_1"]) == ("Deir al-Balah Governorate", "", "")
    alp = rows["Aleppo"]
    assert (alp["admin2"], alp["admin3"], alp["assoc_actor_1"], alp["assoc_actor_2"]) == ("", "", "", "")
    buf = io.StringIO()
    write(store.iter_export(Filters(country="SY")), "jsonl", buf)
    by_loc = {d["location"]: d for d in map(json.loads, buf.getvalue().splitlines())}
    assert by_loc["Homs"]["admin2"] == "Homs District" and by_loc["Aleppo"]["admin2"] is None
