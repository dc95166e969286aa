"""Read side of the Store: filtered event lists, details, stats, streaming export."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, distinct, func, or_, select

from rasad.store import countries
from rasad.store.models import ArticleModel, EventModel, RecordModel
from rasad.store.types import (ArticleDetail, ArticleRow, EventDetail, EventRow, Filters,
                               RecordRow, StatRow)

_TIME_PRECISION = {"day": 1, "range": 2, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"point": 1, "town": 1, "admin2": 2, "admin1": 3, "country": 3, "region": 3}
INTER = {"state_forces": "1", "rebel_group": "2", "political_militia": "3",
         "identity_militia": "4", "rioters": "5", "protesters": "6", "civilians": "7",
         "external_other": "8"}
_DISORDER = {"Protests": "Demonstrations", "Riots": "Demonstrations",
             "Strategic developments": "Strategic developments"}


@dataclass
class EventFilters(Filters):
    """``Filters`` plus the map, toll and actor-type filters of the web API, all evaluated in SQL.

    bbox: (minlon, minlat, maxlon, maxlat), inclusive; events without coordinates never match.
    min_fatalities: events with at least this toll (an unknown toll counts as 0).
    actor_type: a contract actor type (e.g. ``state_forces``) of actor1 or actor2.
    """

    bbox: tuple[float, float, float, float] | None = None
    min_fatalities: int | None = None
    actor_type: str | None = None


def _iso(d: date | str | None) -> str | None:
    return d.isoformat() if isinstance(d, date) else (str(d)[:10] if d else None)


def apply_filters(q: Select, f: Filters | None) -> Select:
    if f is None:
        return q
    if f.since:
        q = q.where(EventModel.event_date >= _iso(f.since))
    if f.until:
        q = q.where(EventModel.event_date <= _iso(f.until))
    if f.country:
        q = q.where(EventModel.country == (countries.to_alpha2(f.country) or f.country))
    if f.event_type:
        q = q.where(EventModel.event_type == f.event_type)
    if f.sub_event_type:
        q = q.where(EventModel.sub_event_type == f.sub_event_type)
    if f.admin1:
        q = q.where(EventModel.admin1 == f.admin1)
    if f.actor:  # substring match: LIKE's % and _ (and the escape \\) match themselves
        q = q.where(or_(*(c.icontains(f.actor, autoescape=True)
                          for c in (EventModel.actor1, EventModel.actor2))))
    if f.q:
        q = q.where(or_(*(c.icontains(f.q, autoescape=True) for c in (
            EventModel.notes, EventModel.location, EventModel.actor1, EventModel.actor2))))
    if f.source:
        sub = (select(RecordModel.event_id).join(ArticleModel, ArticleModel.id == RecordModel.article_id)
               .where(ArticleModel.source == f.source))
        q = q.where(EventModel.id.in_(sub))
    bbox = getattr(f, "bbox", None)
    if bbox is not None:
        minlon, minlat, maxlon, maxlat = (float(v) for v in bbox)
        q = q.where(EventModel.lon.between(minlon, maxlon), EventModel.lat.between(minlat, maxlat))
    min_fat = getattr(f, "min_fatalities", None)
    if min_fat is not None:
        q = q.where(func.coalesce(EventModel.fatalities, 0) >= int(min_fat))
    actor_type = getattr(f, "actor_type", None)
    if actor_type:
        q = q.where(or_(EventModel.actor1_type == actor_type, EventModel.actor2_type == actor_type))
    return q


def _event_row(e: EventModel, agg: dict[str, tuple[int, int, list[str]]]) -> EventRow:
    n_rec, n_art, srcs = agg.get(e.id, (0, 0, []))
    return EventRow(
        id=e.id, event_id_cnty=e.id, event_date=e.event_date,
        year=int(e.event_date[:4]) if e.event_date else None,
        time_precision=_TIME_PRECISION.get(e.date_precision or ""), event_type=e.event_type,
        sub_event_type=e.sub_event_type,
        disorder_type=_DISORDER.get(e.event_type or "", "Political violence"),
        actor1=e.actor1, actor2=e.actor2, inter1=INTER.get(e.actor1_type or ""),
        inter2=INTER.get(e.actor2_type or ""), country=(countries.info(e.country) or {}).get("name"),
        iso=str((countries.info(e.country) or {}).get("isonumeric", "")) or None, admin1=e.admin1,
        location=e.location, latitude=e.lat, longitude=e.lon,
        geo_precision=_GEO_PRECISION.get(e.geo_precision or ""), fatalities=e.fatalities,
        injured=e.injured, n_records=n_rec, n_articles=n_art, sources=srcs, notes=e.notes,
        first_seen=e.first_seen.isoformat() if e.first_seen else None,
        updated=e.updated.isoformat() if e.updated else None, weapon=e.weapon,
        country_code=e.country, actor1_type=e.actor1_type, actor2_type=e.actor2_type)


def _record_row(r: RecordModel) -> RecordRow:
    return RecordRow(id=r.id, article_id=r.article_id, event_id=r.event_id, kind=r.kind, data=r.data,
                     merge_score=r.merge_score, merge_features=r.merge_features)


def _article_row(a: ArticleModel, n: int) -> dict[str, Any]:
    return dict(id=a.id, source=a.source, url=a.url, title=a.title, published=a.published,
                ingested_at=a.ingested_at.isoformat() if a.ingested_at else None,
                content_hash=a.content_hash, extractor_version=a.extractor_version, n_records=n)


class QueryMixin:
    Session: Any

    def _aggregates(self, s, ids: list[str]) -> dict[str, tuple[int, int, list[str]]]:
        out: dict[str, tuple[int, int, list[str]]] = {}
        if not ids:
            return out
        rows = s.execute(select(RecordModel.event_id, RecordModel.article_id, ArticleModel.source)
                         .join(ArticleModel, ArticleModel.id == RecordModel.article_id)
                         .where(RecordModel.event_id.in_(ids)))
        acc: dict[str, list] = {}
        for eid, aid, src in rows:
            a = acc.setdefault(eid, [0, set(), []])
            a[0] += 1
            a[1].add(aid)
            if src and src not in a[2]:
                a[2].append(src)
        return {k: (v[0], len(v[1]), sorted(v[2])) for k, v in acc.items()}

    def query_events(self, filters: Filters | None = None, limit: int = 50,
                     offset: int = 0) -> tuple[list[EventRow], int]:
        with self.Session() as s:
            total = s.scalar(apply_filters(select(func.count()).select_from(EventModel), filters))
            q = apply_filters(select(EventModel), filters).order_by(
                EventModel.event_date.desc(), EventModel.id).limit(limit).offset(offset)
            evs = list(s.scalars(q))
            agg = self._aggregates(s, [e.id for e in evs])
            return [_event_row(e, agg) for e in evs], int(total or 0)

    def get_event(self, event_id: str) -> EventDetail | None:
        with self.Session() as s:
            e = s.get(EventModel, event_id)
            if e is None:
                return None
            agg = self._aggregates(s, [e.id])
            recs = list(s.scalars(select(RecordModel).where(RecordModel.event_id == e.id)
                                  .order_by(RecordModel.id)))
            arts = {r.article_id for r in recs}
            articles = [ArticleRow(**_article_row(a, sum(r.article_id == a.id for r in recs)))
                        for a in s.scalars(select(ArticleModel).where(ArticleModel.id.in_(arts))
                                           .order_by(ArticleModel.id))]
            merges = [{"record_id": r.id, "score": r.merge_score, "features": r.merge_features}
                      for r in recs]
            return EventDetail(**_event_row(e, agg).model_dump(), records=[_record_row(r) for r in recs],
                               articles=articles, merges=merges)

    def get_article(self, article_id: str) -> ArticleDetail | None:
        with self.Session() as s:
            a = s.get(ArticleModel, article_id)
            if a is None:
                return None
            recs = [_record_row(r) for r in sorted(a.records, key=lambda r: r.id)]
            return ArticleDetail(**_article_row(a, len(recs)), text=a.text, records=recs)

    def stats(self, group_by: str = "event_type", filters: Filters | None = None) -> list[StatRow]:
        cols = {"event_type": EventModel.event_type, "sub_event_type": EventModel.sub_event_type,
                "country": EventModel.country, "admin1": EventModel.admin1,
                "day": EventModel.event_date,
                "month": func.substr(EventModel.event_date, 1, 7),
                "year": func.substr(EventModel.event_date, 1, 4)}
        with self.Session() as s:
            if group_by == "source":
                key = ArticleModel.source
                q = (select(key, func.count(distinct(EventModel.id)), func.count(distinct(EventModel.id)))
                     .select_from(EventModel).join(RecordModel, RecordModel.event_id == EventModel.id)
                     .join(ArticleModel, ArticleModel.id == RecordModel.article_id))
                rows = s.execute(apply_filters(q, filters).group_by(key).order_by(key)).all()
                fat = {}
                return [StatRow(key=k, events=n, fatalities=fat.get(k, 0)) for k, n, _ in rows]
            if group_by not in cols:
                raise ValueError(f"group_by must be one of {sorted([*cols, 'source'])}, not {group_by!r}")
            key = cols[group_by]
            q = select(key, func.count(), func.coalesce(func.sum(EventModel.fatalities), 0))
            rows = s.execute(apply_filters(q, filters).group_by(key).order_by(key)).all()
            return [StatRow(key=k, events=n, fatalities=int(f or 0)) for k, n, f in rows]

    def iter_export(self, filters: Filters | None = None, batch: int = 1000) -> Iterator[dict[str, Any]]:
        from rasad.store.export import acled_row
        last = None
        while True:
            with self.Session() as s:
                q = apply_filters(select(EventModel), filters).order_by(EventModel.id).limit(batch)
                if last is not None:
                    q = q.where(EventModel.id > last)
                evs = list(s.scalars(q))
                if not evs:
                    return
                agg = self._aggregates(s, [e.id for e in evs])
                rows = [_event_row(e, agg) for e in evs]
            for r in rows:
                yield acled_row(r)
            last = evs[-1].id
