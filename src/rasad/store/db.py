"""The Store: open/migrate, transactional per-batch writes, dedup into events, reads."""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, insert, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from rasad.errors import StoreError
from rasad.records import ArticleResult
from rasad.store import acled_fields, countries, dedup, locking
from rasad.store.models import ArticleModel, CountrySeq, EventModel, RecordModel
from rasad.store.prepare import Prepared, Rejected, Row as _Row, prepare
from rasad.store.query import QueryMixin
from rasad.store.types import AddSummary, ArticleInput, StoreFailure
from rasad.textclean import clean_optional

DEFAULT_URL = "sqlite:///rasad.db"
_PRECISION_RANK = {"point": 0, "town": 1, "admin2": 2, "admin1": 3, "country": 4, "region": 5}


def normalize_url(url: str | None) -> str:
    url = url or os.environ.get("RASAD_DB") or DEFAULT_URL
    if "://" not in url:  # a bare path means an SQLite file
        url = "sqlite:///" + str(Path(url))
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def version_key(v: str | None) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-+]", v or "0"))


def _now() -> datetime:
    # ingest bookkeeping time (not used to resolve any article date)
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Store(QueryMixin):
    """See rasad.store's module docstring for the interface."""

    def __init__(self, url: str | None = None, *, create: bool = True):
        self.url = normalize_url(url)
        if not create:
            _require_sqlite_file(self.url)
        try:
            self.engine: Engine = create_engine(self.url, future=True)
            self._writer_engine = locking.configure(self.engine)
            self._migrate()
        except SQLAlchemyError as e:
            raise StoreError(f"cannot open store {self.engine.url!r}: {e}") from e
        self.Session = sessionmaker(self.engine, expire_on_commit=False)

    def _migrate(self) -> None:
        """Upgrade to head under the writer lock: a second process opening the store at the same
        time waits, then finds the schema at head and does nothing."""
        from alembic import command
        from alembic.config import Config
        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        with self._writer_engine.begin() as conn:
            locking.lock_writers(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def close(self) -> None:
        self.engine.dispose()

    def iter_export(self, filters: Any = None, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """QueryMixin's ACLED rows, with admin2, admin3 and the associated actors filled in."""
        cols = ("admin2", "admin3", "assoc_actor_1", "assoc_actor_2")
        buf: list[dict[str, Any]] = []

        def flush() -> Iterator[dict[str, Any]]:
            with self.Session() as s:
                got = {r[0]: r[1:] for r in s.execute(select(
                    EventModel.id, *(getattr(EventModel, c) for c in cols)).where(
                    EventModel.id.in_([row["event_id_cnty"] for row in buf])))}
            for row in buf:
                for c, v in zip(cols, got.get(row["event_id_cnty"], ())):
                    row[c] = v
            yield from buf
            buf.clear()

        for row in super().iter_export(filters, batch):
            buf.append(row)
            if len(buf) >= batch:
                yield from flush()
        if buf:
            yield from flush()

    # ---- writes -------------------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str], extractor_version: str | None = None) -> set[str]:
        """Those content hashes already stored with this (or a newer) extractor version."""
        hs = list(set(hashes))
        out: set[str] = set()
        with self.Session() as s:
            for i in range(0, len(hs), 500):
                for h, v in s.execute(select(ArticleModel.content_hash, ArticleModel.extractor_version)
                                      .where(ArticleModel.content_hash.in_(hs[i:i + 500]))):
                    if extractor_version is None or version_key(v) >= version_key(extractor_version):
                        out.add(h)
        return out

    def has_article(self, content_hash: str, extractor_version: str | None = None) -> bool:
        return bool(self.known_hashes([content_hash], extractor_version))

    def add_articles(self, items: Iterable[tuple[ArticleInput, ArticleResult]],
                     extractor_version: str | None = None) -> AddSummary:
        """Store a batch in one transaction; if the database refuses it, retry article by article
        so that only the articles it refuses are lost (reported in ``failures``)."""
        if extractor_version is None:
            import rasad
            extractor_version = getattr(rasad, "__version__", None)
        ready: list[Prepared] = []
        refused: list[tuple[int, StoreFailure]] = []
        for i, (inp, res) in enumerate(items):
            try:
                ready.append(prepare(i, inp, res))
            except Rejected as e:
                refused.append((i, StoreFailure(clean_optional(res.article.id or inp.id),
                                                clean_optional(inp.origin), str(e))))
        try:
            summary = self._write(ready, extractor_version)
        except _ARTICLE_ERRORS as e:
            if locking.store_unusable(e):
                raise StoreError(f"write to {self.engine.url!r} failed, batch rolled back: {e}"
                                 ) from e
            summary = AddSummary()
            for p in ready:
                try:
                    summary.absorb(self._write([p], extractor_version))
                except _ARTICLE_ERRORS as e1:
                    if locking.store_unusable(e1):
                        raise StoreError(f"write to {self.engine.url!r} failed: {e1}") from e1
                    refused.append((p.index, StoreFailure(p.id, clean_optional(p.origin),
                                                          _reason(e1))))
        refused.sort(key=lambda f: f[0])
        summary.failures = [f for _, f in refused]
        summary.failed = len(refused)
        return summary

    def _write(self, items: list[Prepared], version: str | None) -> AddSummary:
        """One transaction under the writer lock (see rasad.store.locking)."""
        summary = AddSummary()
        if items:
            with self.Session(bind=self._writer_engine) as s, s.begin(), s.no_autoflush:
                locking.lock_writers(s.connection())
                self._write_batch(s, items, version, summary)
        return summary

    def _write_batch(self, s: Session, items: list[Prepared], version: str | None,
                     summary: AddSummary) -> None:
        ids = [p.id for p in items]
        hashes = [p.content_hash for p in items]
        by_id: dict[str, ArticleModel | _Row] = {}
        by_hash: dict[str, ArticleModel | _Row] = {}
        new_articles: list[_Row] = []
        for i in range(0, len(items), 500):
            for a in s.scalars(select(ArticleModel).where(or_(ArticleModel.id.in_(ids[i:i + 500]),
                                                              ArticleModel.content_hash.in_(hashes[i:i + 500])))):
                by_id[a.id] = a
                by_hash.setdefault(a.content_hash, a)
        touched: set[str] = set()
        rows: list[_Row] = []
        to_cluster: list[_Row] = []
        pending: dict[str, list[_Row]] = {}  # rows of this batch's articles, not yet written
        for p, aid, h in zip(items, ids, hashes):
            existing = by_id.get(aid) or by_hash.get(h)
            if existing is not None:
                summary.article_ids.append(existing.id)
                if existing.content_hash == h and version_key(existing.extractor_version) >= version_key(version):
                    summary.unchanged += 1
                    continue
                if existing.id in pending:  # the same article earlier in this batch: drop its rows
                    gone = {id(r) for r in pending.pop(existing.id)}
                    summary.records -= len(gone)
                    rows = [r for r in rows if id(r) not in gone]
                    to_cluster = [r for r in to_cluster if id(r) not in gone]
                else:
                    s.flush()
                    touched.update(e for e in s.scalars(select(RecordModel.event_id).where(
                        RecordModel.article_id == existing.id)) if e)
                    s.execute(delete(RecordModel).where(RecordModel.article_id == existing.id))
                    s.expire(existing, ["records"])
                art = existing
                summary.updated += 1
            else:
                art = _Row(id=aid, ingested_at=_now())
                new_articles.append(art)
                by_id[aid] = by_hash[h] = art
                summary.new += 1
                summary.article_ids.append(aid)
            art.content_hash, art.text, art.extractor_version = h, p.text, version
            art.source, art.url, art.title, art.published = p.source, p.url, p.title, p.published
            mine = pending.setdefault(art.id, [])
            for row in p.record_rows(art.id):
                rows.append(row)
                mine.append(row)
                summary.records += 1
                if (row.kind == "event" and row.status == "occurred" and row.event_type
                        and row.date_start):
                    to_cluster.append(row)
        s.flush()
        if new_articles:  # bulk INSERTs (executemany), not one ORM object per row
            s.execute(insert(ArticleModel).execution_options(render_nulls=True), new_articles)
        if to_cluster:
            self._cluster_all(s, to_cluster, summary)
        s.flush()  # articles and events first: the records refer to them
        if rows:
            s.execute(insert(RecordModel).execution_options(render_nulls=True), rows)
        if touched:  # events left without records after a replacement go away
            alive = set(s.scalars(select(RecordModel.event_id).where(RecordModel.event_id.in_(touched))))
            if touched - alive:
                s.execute(delete(EventModel).where(EventModel.id.in_(touched - alive)))

    def _cluster_all(self, s: Session, rows: list[_Row], summary: AddSummary) -> None:
        """Match each record against the events of its date window.

        Only the events of the days the batch's records can match (each record's day within
        ``DATE_WINDOW_DAYS``) are loaded, once per batch, and bucketed by (type, day): the work per
        record does not grow with the store or with the date span of the batch.
        """
        win = dedup.DATE_WINDOW_DAYS
        days = [date.fromisoformat(r.date_start[:10]) for r in rows]
        wanted = sorted({(d + timedelta(days=k)).isoformat() for d in days for k in range(-win, win + 1)})
        types = sorted({r.event_type for r in rows})
        buckets: dict[tuple[str, str], list[str]] = {}
        index: dict[str, tuple[EventModel, set[str]]] = {}
        for i in range(0, len(wanted), 500):
            for e in s.scalars(select(EventModel).where(EventModel.event_type.in_(types),
                                                        EventModel.event_date.in_(wanted[i:i + 500]))):
                index[e.id] = (e, set())
                buckets.setdefault((e.event_type, e.event_date[:10]), []).append(e.id)
        keys = list(index)
        for i in range(0, len(keys), 500):
            for eid, aid in s.execute(select(RecordModel.event_id, RecordModel.article_id)
                                      .where(RecordModel.event_id.in_(keys[i:i + 500]))):
                index[eid][1].add(aid)
        seqs: dict[str, CountrySeq] = {}
        now = _now()
        for row, d in zip(rows, days):
            inc = _incident_of_record(row)
            cands = [(eid, _incident_of_event(index[eid][0], frozenset(index[eid][1])))
                     for k in range(-win, win + 1)
                     for eid in buckets.get((row.event_type, (d + timedelta(days=k)).isoformat()), ())]
            best = dedup.best_match(inc, cands)
            if best is None:
                ev = _new_event(s, row, now, seqs)
                index[ev.id] = (ev, {row.article_id})
                buckets.setdefault((ev.event_type, d.isoformat()), []).append(ev.id)
                summary.events_new += 1
                row.event_id, row.merge_score, row.merge_features = ev.id, None, {"new_event": True}
            else:
                ev, a = index[best[0]]
                a.add(row.article_id)
                row.event_id, row.merge_score, row.merge_features = ev.id, best[1].score, best[1].features
                _merge_into(ev, row, now)


_ARTICLE_ERRORS = (SQLAlchemyError, ValueError, UnicodeError)


def _reason(e: BaseException) -> str:
    """The first line of a database error, without SQLAlchemy's statement dump."""
    msg = str(getattr(e, "orig", None) or e).strip().splitlines()
    return f"{type(getattr(e, 'orig', None) or e).__name__}: {msg[0] if msg else ''}"


def _require_sqlite_file(url: str) -> None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return
    db = u.database or ""
    if db in ("", ":memory:") or db.startswith("file:"):
        return
    if not Path(db).is_file():
        raise StoreError(f"no store at {db} (file does not exist)")


def _incident_of_record(r: _Row) -> dedup.Incident:
    return dedup.Incident(r.event_type, r.sub_event_type, r.date_start, r.country, r.admin1,
                          r.location, r.lat, r.lon, r.actor1, r.actor2, r.fatalities,
                          frozenset([r.article_id]))


def _incident_of_event(e: EventModel, arts: frozenset[str]) -> dedup.Incident:
    return dedup.Incident(e.event_type, e.sub_event_type, e.event_date, e.country, e.admin1,
                          e.location, e.lat, e.lon, e.actor1, e.actor2, e.fatalities, arts)


def _counter(s: Session, iso3: str) -> CountrySeq:
    """The country's event-id counter row, created if missing, locked until the transaction ends
    (SELECT ... FOR UPDATE; SQLite's BEGIN IMMEDIATE already holds the whole database)."""
    ins = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
    s.execute(ins(CountrySeq).values(iso3=iso3, next=1).on_conflict_do_nothing())
    return s.get(CountrySeq, iso3, with_for_update=True, populate_existing=True)


def _new_event(s: Session, r: _Row, now: datetime, seqs: dict[str, CountrySeq]) -> EventModel:
    iso3 = countries.iso3(r.country)
    seq = seqs.get(iso3) or _counter(s, iso3)
    seqs[iso3] = seq
    n, seq.next = seq.next, seq.next + 1
    data = r.data or {}
    a1, a2 = data.get("actor1") or {}, data.get("actor2") or {}
    notes = " … ".join(e["text"] for e in (r.evidence or [])[:3])[:1000] or None
    admin2, admin3 = acled_fields.admin_levels(data)
    ev = EventModel(id=f"{iso3}{n}", iso3=iso3, event_type=r.event_type,
                    sub_event_type=r.sub_event_type, event_date=r.date_start, date_end=r.date_end,
                    date_precision=r.date_precision, country=r.country, admin1=r.admin1,
                    admin2=admin2, admin3=admin3, location=r.location, lat=r.lat, lon=r.lon,
                    geo_precision=(data.get("location") or {}).get("precision"),
                    actor1=r.actor1, actor1_type=a1.get("type"), actor2=r.actor2,
                    actor2_type=a2.get("type"), weapon=r.weapon, fatalities=r.fatalities,
                    injured=r.injured, notes=notes, first_seen=now, updated=now)
    _merge_assoc(ev, data)
    s.add(ev)
    return ev


_MERGED = ("location", "lat", "lon", "geo_precision", "admin1", "admin2", "admin3", "sub_event_type",
           "actor1", "actor1_type", "actor2", "weapon", "fatalities", "injured", "assoc_actor_1",
           "assoc_actor_2")


def _merge_into(ev: EventModel, r: _Row, now: datetime) -> None:
    """Fill gaps from the new record; keep the more precise place, the conservative toll."""
    data = r.data or {}
    prec = (data.get("location") or {}).get("precision")
    admin2, admin3 = acled_fields.admin_levels(data)
    cur = {f: getattr(ev, f) for f in _MERGED}
    e = dict(cur)  # computed on a plain dict; only changed fields are set on the ORM object
    if r.lat is not None and (e["lat"] is None or _PRECISION_RANK.get(prec, 9)
                              < _PRECISION_RANK.get(e["geo_precision"], 9)):
        e.update(location=r.location, lat=r.lat, lon=r.lon, geo_precision=prec)
        if r.admin1 and r.admin1 != e["admin1"]:  # another first-level unit: its lower levels too
            e["admin2"] = e["admin3"] = None
        e["admin1"] = r.admin1 or e["admin1"]
        e["admin2"], e["admin3"] = admin2 or e["admin2"], admin3 or e["admin3"]
    elif r.admin1 in (None, e["admin1"]):  # a less precise report may still name the district
        e["admin2"], e["admin3"] = e["admin2"] or admin2, e["admin3"] or admin3
    for f in ("sub_event_type", "actor2", "weapon", "admin1", "location"):
        if e[f] is None and r[f] is not None:
            e[f] = r[f]
    if e["actor1"] in dedup.UNKNOWN_ACTORS and r.actor1 not in dedup.UNKNOWN_ACTORS:
        e["actor1"], e["actor1_type"] = r.actor1, (data.get("actor1") or {}).get("type")
    for f in ("fatalities", "injured"):  # ACLED: the most conservative reported figure
        vals = [v for v in (e[f], r[f]) if v is not None]
        e[f] = min(vals) if vals else None
    mains = (e["actor1"], e["actor2"])
    for side in (1, 2):
        k = f"assoc_actor_{side}"
        e[k] = acled_fields.merge_assoc(e[k], acled_fields.assoc_names(data, side), mains)
    for f, v in e.items():
        if v != cur[f]:
            setattr(ev, f, v)
    ev.updated = now


def _merge_assoc(ev: EventModel, data: dict[str, Any]) -> None:
    mains = (ev.actor1, ev.actor2)
    ev.assoc_actor_1 = acled_fields.merge_assoc(ev.assoc_actor_1, acled_fields.assoc_names(data, 1), mains)
    ev.assoc_actor_2 = acled_fields.merge_assoc(ev.assoc_actor_2, acled_fields.assoc_names(data, 2), mains)
