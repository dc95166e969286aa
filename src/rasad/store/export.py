"""Export events as ACLED-style CSV, JSONL, GeoJSON or Parquet, streamed from the store."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from rasad.store import countries
from rasad.store.types import EventRow

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
FORMATS = ("csv", "jsonl", "geojson", "parquet")


def acled_row(e: EventRow) -> dict[str, Any]:
    """One event as a dict keyed by ACLED's column names.

    admin2, admin3, assoc_actor_1 and assoc_actor_2 are left None here: ``Store.iter_export``
    fills them from the events table (see ``rasad.store.acled_fields`` for where they come from).
    """
    extra = e.model_extra or {}
    i1, i2 = e.inter1 or "", e.inter2 or ""
    interaction = "".join(sorted(i for i in (i1, i2) if i)) if i1 else ""
    from datetime import datetime
    ts = int(datetime.fromisoformat(e.updated).timestamp()) if e.updated else None
    return {
        "event_id_cnty": e.event_id_cnty, "event_date": e.event_date, "year": e.year,
        "time_precision": e.time_precision, "disorder_type": e.disorder_type,
        "event_type": e.event_type, "sub_event_type": e.sub_event_type, "actor1": e.actor1,
        "assoc_actor_1": None, "inter1": i1 or None, "actor2": e.actor2, "assoc_actor_2": None,
        "inter2": i2 or None, "interaction": interaction or None,
        "civilian_targeting": "Civilian targeting" if extra.get("actor2_type") == "civilians" else None,
        "iso": int(e.iso) if e.iso else None, "region": countries.region(extra.get("country_code")),
        "country": e.country, "admin1": e.admin1, "admin2": None, "admin3": None,
        "location": e.location, "latitude": e.latitude, "longitude": e.longitude,
        "geo_precision": e.geo_precision, "source": "; ".join(e.sources) or None,
        "source_scale": None, "notes": e.notes, "fatalities": e.fatalities if e.fatalities is not None else 0,
        "tags": None, "timestamp": ts,
    }


def write(rows: Iterable[dict[str, Any]], fmt: str, out: IO[str] | str) -> int:
    """Write ACLED rows in ``fmt`` to a text stream (csv/jsonl/geojson) or a path (parquet)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    if fmt == "parquet":
        return _parquet(rows, out)
    assert not isinstance(out, str)
    n = 0
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
            n += 1
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    else:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for r in rows:
            geom = (None if r["latitude"] is None or r["longitude"] is None else
                    {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]})
            props = {k: v for k, v in r.items() if k not in ("latitude", "longitude")}
            feat = {"type": "Feature", "id": r["event_id_cnty"], "geometry": geom, "properties": props}
            out.write(("" if n == 0 else ",\n") + json.dumps(feat, ensure_ascii=False))
            n += 1
        out.write("\n]}\n")
    return n


def _parquet(rows: Iterable[dict[str, Any]], path: Any) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq
    ints = {"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"}
    floats = {"latitude", "longitude"}
    schema = pa.schema([(c, pa.int64() if c in ints else pa.float64() if c in floats else pa.string())
                        for c in ACLED_COLUMNS])
    n, buf = 0, []
    with pq.ParquetWriter(path, schema) as w:
        for r in rows:
            buf.append(r)
            n += 1
            if len(buf) >= 5000:
                w.write_table(pa.Table.from_pylist(buf, schema=schema))
                buf = []
        if buf or n == 0:
            w.write_table(pa.Table.from_pylist(buf, schema=schema))
    return n
