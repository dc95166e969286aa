"""SQLAlchemy 2 models: articles (verbatim text), records (every contract field), events."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ArticleModel(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(32), index=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    extractor_version: Mapped[str | None] = mapped_column(String(40))

    records: Mapped[list[RecordModel]] = relationship(back_populates="article",
                                                      cascade="all, delete-orphan")


class EventModel(Base):
    """A deduplicated incident; its features are kept so re-processing re-matches the same id."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # = event_id_cnty
    iso3: Mapped[str] = mapped_column(String(3))
    event_type: Mapped[str | None] = mapped_column(String(60), index=True)
    sub_event_type: Mapped[str | None] = mapped_column(String(60))
    event_date: Mapped[str | None] = mapped_column(String(10), index=True)
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(10))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1: Mapped[str | None] = mapped_column(String(120))
    admin2: Mapped[str | None] = mapped_column(String(120))
    admin3: Mapped[str | None] = mapped_column(String(120))
    location: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[str | None] = mapped_column(String(10))
    actor1: Mapped[str | None] = mapped_column(String(200))
    actor1_type: Mapped[str | None] = mapped_column(String(40))
    actor2: Mapped[str | None] = mapped_column(String(200))
    actor2_type: Mapped[str | None] = mapped_column(String(40))
    assoc_actor_1: Mapped[str | None] = mapped_column(Text)  # "; "-separated, as ACLED
    assoc_actor_2: Mapped[str | None] = mapped_column(Text)
    weapon: Mapped[str | None] = mapped_column(String(20))
    fatalities: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime)
    updated: Mapped[datetime] = mapped_column(DateTime)

    records: Mapped[list[RecordModel]] = relationship(back_populates="event")


class RecordModel(Base):
    __tablename__ = "records"

    id: Mapped[str] = mapped_column(String(240), primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"),
                                                 index=True)
    kind: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(14))
    date_start: Mapped[str | None] = mapped_column(String(10))
    date_end: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(10))
    event_type: Mapped[str | None] = mapped_column(String(60))
    sub_event_type: Mapped[str | None] = mapped_column(String(60))
    actor1: Mapped[str | None] = mapped_column(String(200))
    actor2: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    admin1: Mapped[str | None] = mapped_column(String(120))
    location: Mapped[str | None] = mapped_column(String(200))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    weapon: Mapped[str | None] = mapped_column(String(20))
    weapon_count: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    missing: Mapped[int | None] = mapped_column(Integer)
    incidents: Mapped[int | None] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the full Record as JSON
    merge_score: Mapped[float | None] = mapped_column(Float)
    merge_features: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    article: Mapped[ArticleModel] = relationship(back_populates="records")
    event: Mapped[EventModel | None] = relationship(back_populates="records")


class CountrySeq(Base):
    """Per-country counter behind event_id_cnty (e.g. SYR17), like ACLED's."""

    __tablename__ = "country_seq"

    iso3: Mapped[str] = mapped_column(String(3), primary_key=True)
    next: Mapped[int] = mapped_column(Integer)


Index("ix_events_match", EventModel.event_type, EventModel.event_date)
