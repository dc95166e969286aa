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
    assert write(store.iter_export(), "csv", buf) == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    sy = next(r for r in rows if r["country"] == "Syria")
    assert sy["event_id_cnty"].startswith("SYR") and sy["iso"] == "760"
    assert sy["event_date"] == "2024-03-02" and sy["year"] == "2024" and sy["time_precision"] == "1"
    assert sy["disorder_type"] == "Political violence" and sy["inter1"] == "1"
    assert sy["interaction"] == "17" and sy["civilian_targeting"] == "Civilian targeting"
    assert sy["region"] == "Middle East" and sy["source"] == "SANA" and sy["fatalities"] == "3"
    assert float(sy["latitude"]) == 34.73


def test_filters_jsonl_geojson_parquet(store, tmp_path):
    _fill(store)
    buf = io.StringIO()
    assert write(store.iter_export(Filters(country="PS")), "jsonl", buf) == 1
    assert json.loads(buf.getvalue())["country"] == "Palestinian Territory"
    buf = io.StringIO()
    write(store.iter_export(Filters(since="2024-03-15")), "geojson", buf)
    gj = json.loads(buf.getvalue())
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 1
    assert gj["features"][0]["geometry"] == {"type": "Point", "coordinates": [34.47, 31.5]}
    path = tmp_path / "e.parquet"
    assert write(store.iter_export(), "parquet", str(path)) == 2
    t = pq.read_table(path)
    assert t.column_names == list(ACLED_COLUMNS) and t.num_rows == 2
