"""Export events as ACLED-style CSV, JSONL, GeoJSON or Parquet, streamed from the store.

Columns: ACLED's 31 (``ACLED_COLUMNS``), in ACLED's order, with one type per column in every
format (``ACLED_TYPES``): ``iso`` and the other codes are integers, ``event_date`` a date (Parquet
``date32``, ISO text elsewhere), ``inter1``/``inter2``/``interaction`` ACLED's text labels
("State forces", "State forces-Civilians"; ``inter_num=True`` gives the numeric codes, as
ACLED's ``inter_num``). Then, unless ``provenance=False``, the provenance block
(``PROVENANCE_COLUMNS``): whether the fatality count is known, the rasad event id, the articles
(ids and URLs, ``"; "``-separated), the number of reports, the Arabic evidence and a confidence.

Fatalities: ACLED writes 0 where no source gives a number; so does ``fatalities`` here, and
``fatalities_known`` (a boolean in the provenance block) tells an unknown toll (false) from a
reported zero (true).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import IO, Any

from rasad.store import acled_fields as af
from rasad.store import countries
from rasad.store.types import EventRow

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
_INTS = ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp")
ACLED_TYPES: dict[str, str] = {
    c: ("int" if c in _INTS else "float" if c in ("latitude", "longitude")
        else "date" if c == "event_date" else "str") for c in ACLED_COLUMNS}
PROVENANCE_COLUMNS = ("fatalities_known", "rasad_event_id", "article_ids", "article_urls",
                      "n_reports", "evidence_ar", "confidence")
PROVENANCE_TYPES = {"fatalities_known": "bool", "rasad_event_id": "str", "article_ids": "str",
                    "article_urls": "str", "n_reports": "int", "evidence_ar": "str",
                    "confidence": "float"}
INTER_COLUMNS = ("inter1", "inter2", "interaction")
FORMATS = ("csv", "jsonl", "geojson", "parquet")
CROWD_TAG = "crowd size=no report"


def columns(provenance: bool = True) -> tuple[str, ...]:
    return ACLED_COLUMNS + (PROVENANCE_COLUMNS if provenance else ())


def column_types(provenance: bool = True, inter_num: bool = False) -> dict[str, str]:
    t = {**ACLED_TYPES, **(PROVENANCE_TYPES if provenance else {})}
    if inter_num:
        t.update(dict.fromkeys(INTER_COLUMNS, "int"))
    return t


def acled_row(e: EventRow) -> dict[str, Any]:
    """One event as a dict keyed by ACLED's column names (inter codes as text labels), plus the
    provenance the event row itself carries (``fatalities_known``, ``rasad_event_id``,
    ``n_reports``). ``rows`` adds the rest of the provenance from the event's records."""
    extra = e.model_extra or {}
    cc = extra.get("country_code")
    country = countries.acled_country(cc) or e.country
    c1 = af.inter_code(extra.get("actor1_type") or e.inter1)
    c2 = af.inter_code(extra.get("actor2_type") or e.inter2)
    actor2 = af.actor2_name(e.actor2, country)
    if c2 is None and actor2 and actor2.startswith("Unidentified Armed Group"):
        c2 = af.UNIDENTIFIED_ARMED[1]
    actor1, c1 = af.actor_or_unidentified(e.actor1, c1, e.event_type, country)
    code = af.interaction(c1, c2)
    admin1 = af.admin_name(e.admin1)
    if admin1 is None and e.geo_precision == 3 and e.location != country:
        admin1 = af.admin_name(e.location)      # a province-level place is its own admin1
    row = {
        "event_id_cnty": e.event_id_cnty, "event_date": e.event_date, "year": e.year,
        "time_precision": e.time_precision or 3, "disorder_type": e.disorder_type,
        "event_type": e.event_type, "sub_event_type": e.sub_event_type, "actor1": actor1,
        "assoc_actor_1": None, "inter1": af.INTER_LABEL.get(c1), "actor2": actor2,
        "assoc_actor_2": None, "inter2": af.INTER_LABEL.get(c2) if c2 else None,
        "interaction": af.interaction_label(code),
        "civilian_targeting": "Civilian targeting" if c2 == 7 else None,
        "iso": countries.acled_iso(cc) if cc else 0, "region": countries.acled_region(cc),
        "country": country, "admin1": admin1, "admin2": None, "admin3": None,
        "location": e.location, "latitude": e.latitude, "longitude": e.longitude,
        "geo_precision": e.geo_precision or 3, "source": "; ".join(e.sources) or None,
        "source_scale": af.source_scale(e.sources), "notes": None,
        "fatalities": e.fatalities or 0,
        "tags": CROWD_TAG if e.event_type in ("Protests", "Riots") else None,
        "timestamp": int(datetime.fromisoformat(e.updated).timestamp()) if e.updated else None,
        "fatalities_known": e.fatalities is not None, "rasad_event_id": e.id,
        "n_reports": e.n_records,
    }
    row["notes"] = notes_of_row(row, weapon=extra.get("weapon"), injured=e.injured)
    return row


def notes_of_row(row: dict[str, Any], weapon: str | None = None, injured: int | None = None,
                 claim_by: str | None = None, claim_type: str | None = None,
                 date_precision: str | None = None, date_end: str | None = None) -> str:
    """The English notes sentence from an export row's own values (rasad.notes)."""
    from rasad.notes import Facts, sentence
    known = row.get("fatalities_known", True)
    src = (row.get("source") or "").split("; ")[0] or None
    return sentence(Facts(
        date_start=row.get("event_date"), date_end=date_end,
        date_precision=date_precision or _DATE_PRECISION.get(row.get("time_precision")),
        event_type=row.get("event_type"), sub_event_type=row.get("sub_event_type"),
        actor1=row.get("actor1"), actor2=row.get("actor2"), location=row.get("location"),
        admin1=row.get("admin1"), country=row.get("country"), weapon=weapon,
        fatalities=row.get("fatalities") if known else None, injured=injured,
        claim_by=claim_by, claim_type=claim_type, source=src))


# without the store's own precision (see rows), a time_precision claims no more than it says
_DATE_PRECISION = {1: "day", 2: "week", 3: "year"}


def numeric_inter(row: dict[str, Any]) -> dict[str, Any]:
    """ACLED's ``inter_num``: inter1, inter2 and interaction as numeric codes."""
    c1, c2 = af.inter_code(row.get("inter1")), af.inter_code(row.get("inter2"))
    return {**row, "inter1": c1, "inter2": c2, "interaction": af.interaction(c1, c2)}


def rows(store: Any, filters: Any = None, *, provenance: bool = True, inter_num: bool = False,
         batch: int = 500) -> Iterator[dict[str, Any]]:
    """``store.iter_export`` rows, finished: admin names, the claim in the notes, provenance."""
    from rasad.store.provenance import provenance_of
    buf: list[dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        prov = provenance_of(store, [r["event_id_cnty"] for r in buf])
        for r in buf:
            yield _finish(r, prov.get(r["event_id_cnty"], {}), inter_num)
        buf.clear()

    for r in store.iter_export(filters):
        buf.append(r)
        if len(buf) >= batch:
            yield from flush()
    if buf:
        yield from flush()


def _finish(r: dict[str, Any], prov: dict[str, Any], inter_num: bool) -> dict[str, Any]:
    r = dict(r)
    for k in ("admin2", "admin3"):
        r[k] = af.admin_name(r.get(k))
    if prov:
        r["notes"] = notes_of_row(r, prov.get("weapon"), prov.get("injured"), prov.get("claim_by"),
                                  prov.get("claim_type"), prov.get("date_precision"),
                                  prov.get("date_end"))
    for k in ("article_ids", "article_urls", "evidence_ar", "confidence"):
        r[k] = prov.get(k)
    return numeric_inter(r) if inter_num else r


def _cell(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@"):
        return "'" + v          # spreadsheet formula injection guard (as the web API's CSV)
    return v


def write(rows: Iterable[dict[str, Any]], fmt: str, out: IO[str] | str, *,
          provenance: bool = True, inter_num: bool = False) -> int:
    """Write rows in ``fmt`` to a text stream (csv/jsonl/geojson) or a path (parquet)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    cols = columns(provenance)
    types = column_types(provenance, inter_num)
    clean = (_typed(r, cols, types) for r in rows)
    if fmt == "parquet":
        return _parquet(clean, out, cols, types)
    assert not isinstance(out, str)
    n = 0
    if fmt == "csv":
        w = csv.writer(out)
        w.writerow(cols)
        for r in clean:
            w.writerow([_cell(r[c]) for c in cols])
            n += 1
    elif fmt == "jsonl":
        for r in clean:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    else:
        out.write('{"type": "FeatureCollection", "features": [\n')
        for r in clean:
            geom = (None if r["latitude"] is None or r["longitude"] is None else
                    {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]})
            feat = {"type": "Feature", "id": r["event_id_cnty"], "geometry": geom,
                    "properties": r}
            out.write(("" if n == 0 else ",\n") + json.dumps(feat, ensure_ascii=False))
            n += 1
        out.write("\n]}\n")
    return n


_CAST = {"int": int, "float": float, "str": str, "bool": bool,
         "date": lambda v: v if isinstance(v, str) else v.isoformat()}


def _typed(r: dict[str, Any], cols: tuple[str, ...], types: dict[str, str]) -> dict[str, Any]:
    """Exactly ``cols``, each value of its column's type (or None)."""
    return {c: (None if r.get(c) is None or r.get(c) == "" else _CAST[types[c]](r[c]))
            for c in cols}


def _parquet(rows: Iterable[dict[str, Any]], path: Any, cols: tuple[str, ...],
             types: dict[str, str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq
    arrow = {"int": pa.int64(), "float": pa.float64(), "str": pa.string(), "bool": pa.bool_(),
             "date": pa.date32()}
    schema = pa.schema([(c, arrow[types[c]]) for c in cols])
    n, buf = 0, []
    with pq.ParquetWriter(path, schema) as w:
        for r in rows:
            if r.get("event_date"):
                r["event_date"] = date.fromisoformat(r["event_date"])
            buf.append(r)
            n += 1
            if len(buf) >= 5000:
                w.write_table(pa.Table.from_pylist(buf, schema=schema))
                buf = []
        if buf or n == 0:
            w.write_table(pa.Table.from_pylist(buf, schema=schema))
    return n
