"""rasad's store: articles, records and deduplicated events in SQLite (default) or PostgreSQL.

Interface (the web API codes against this; all types live in ``rasad.store.types``)::

    from rasad.store import open_store, Filters

    store = open_store(url: str | None = None, *, create: bool = True) -> Store
        # url None -> $RASAD_DB or "sqlite:///rasad.db"; "postgresql://..." also accepted
        # (rewritten to postgresql+psycopg). Runs Alembic migrations to head (under the writer
        # lock: processes opening one fresh store at once are safe). SQLite uses WAL.
        # create=False: a missing SQLite file is a StoreError instead of a new empty store.

    class Store:
        url: str
        add_articles(items: Iterable[tuple[ArticleInput, ArticleResult]],
                     extractor_version: str | None = None) -> AddSummary
            # One transaction per call (commit per batch), under the store's writer lock
            # (rasad.store.locking). Every string is cleaned by rasad.textclean first, and
            # articles that do not fit the schema are refused (rasad.store.prepare). If the
            # database refuses the batch, each article is retried in its own transaction: only
            # the refused ones are lost, listed in failures. Per article: same content hash and
            # same extractor version -> "unchanged"; newer extractor version -> its records are
            # replaced atomically; new -> inserted. Records are then clustered into events
            # (dedup, event ids stable across re-processing). AddSummary: new, unchanged,
            # updated, records, events_new, failed (ints), article_ids (list[str]),
            # failures (list[StoreFailure(article_id, origin, reason)]). Raises StoreError only
            # when the database itself fails (connection, lock timeout).
        has_article(content_hash: str, extractor_version: str | None = None) -> bool
        query_events(filters: Filters | None = None, limit: int = 50, offset: int = 0)
            -> tuple[list[EventRow], int]          # rows ordered by event_date desc, id; total count
        get_event(event_id: str) -> EventDetail | None
            # EventRow fields + records: list[RecordRow] + articles: list[ArticleRow]
            # + merges: list[dict] (record_id, score, features) explaining the dedup
        get_article(article_id: str) -> ArticleDetail | None
            # ArticleRow fields + text (verbatim) + records: list[RecordRow]
        stats(group_by: str = "event_type", filters: Filters | None = None) -> list[StatRow]
            # group_by in {"event_type", "sub_event_type", "country", "admin1", "month", "year",
            # "source"}; StatRow(key: str|None, events: int, fatalities: int)
        iter_export(filters: Filters | None = None) -> Iterator[dict[str, Any]]
            # one dict per event with ACLED's column names (rasad.store.export.ACLED_COLUMNS)
            # plus "latitude"/"longitude" floats or None
        close() -> None

    @dataclass Filters(since: date|str|None, until: date|str|None, country: str|None,
                       event_type: str|None, sub_event_type: str|None, actor: str|None,
                       admin1: str|None, source: str|None, q: str|None)
        # since/until inclusive on the event date (ISO); country: ISO alpha-2/3 or English name;
        # q: substring of notes/location/actor names (% and _ match themselves)

    EventRow (pydantic): id, event_id_cnty, event_date, year, time_precision, event_type,
        sub_event_type, disorder_type, actor1, actor2, inter1, inter2, country, iso, admin1,
        location, latitude, longitude, geo_precision, fatalities, injured, n_records,
        n_articles, sources: list[str], notes, first_seen, updated
    RecordRow: id, article_id, event_id, kind, data (the Record JSON, evidence included)
    ArticleRow: id, source, url, title, published, ingested_at, content_hash,
        extractor_version, n_records
    ArticleInput (in rasad.ingest.batch, re-exported here): id, text, published, source,
        title, url, origin (file/line for errors)
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from rasad.store.types import (AddSummary, ArticleDetail, ArticleInput, ArticleRow, EventDetail,
                               EventRow, Filters, RecordRow, StatRow, StoreFailure)

if TYPE_CHECKING:
    from rasad.store.db import Store


def open_store(url: str | None = None, *, create: bool = True) -> "Store":
    """Open (and migrate to head) the store at ``url``; see the module docstring.

    ``create=False`` (for commands that only read, e.g. export) refuses a missing SQLite file with
    a ``StoreError`` instead of creating an empty store there.
    """
    from rasad.store.db import Store
    return Store(url, create=create)


__all__ = ["open_store", "Filters", "AddSummary", "ArticleInput", "ArticleRow", "ArticleDetail",
           "EventRow", "EventDetail", "RecordRow", "StatRow", "StoreFailure"]
