"""Typed rows the store returns and the inputs it takes (see rasad.store docstring)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow")


class ArticleInput(_Row):
    """One article as read from an input file, before extraction."""

    id: str | None = None
    text: str
    published: str | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    origin: str | None = None  # "file:line" where it came from, for error messages

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """sha256 of the verbatim text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Filters:
    since: date | str | None = None
    until: date | str | None = None
    country: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    admin1: str | None = None
    source: str | None = None
    q: str | None = None


@dataclass
class StoreFailure:
    """One article ``Store.add_articles`` did not store, and why."""

    article_id: str | None
    origin: str | None  # ArticleInput.origin ("file:line"), when the caller set it
    reason: str

    def __str__(self) -> str:
        return f"{self.origin or '<input>'}: article {self.article_id}: not stored: {self.reason}"


@dataclass
class AddSummary:
    """What one ``add_articles`` call did; ``failed``/``failures`` name the articles not stored."""

    new: int = 0
    unchanged: int = 0
    updated: int = 0
    records: int = 0
    events_new: int = 0
    article_ids: list[str] = field(default_factory=list)
    failed: int = 0
    failures: list[StoreFailure] = field(default_factory=list)

    def absorb(self, other: AddSummary) -> None:
        """Add ``other``'s counts and lists to this summary."""
        for k in ("new", "unchanged", "updated", "records", "events_new", "failed"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.article_ids.extend(other.article_ids)
        self.failures.extend(other.failures)


class RecordRow(_Row):
    id: str
    article_id: str
    event_id: str | None = None
    kind: str
    data: dict[str, Any]


class ArticleRow(_Row):
    id: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    ingested_at: str | None = None
    content_hash: str
    extractor_version: str | None = None
    n_records: int = 0


class ArticleDetail(ArticleRow):
    text: str
    records: list[RecordRow] = Field(default_factory=list)


class EventRow(_Row):
    id: str
    event_id_cnty: str
    event_date: str | None = None
    year: int | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    inter1: str | None = None
    inter2: str | None = None
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    n_records: int = 0
    n_articles: int = 0
    sources: list[str] = Field(default_factory=list)
    notes: str | None = None
    first_seen: str | None = None
    updated: str | None = None


class EventDetail(EventRow):
    records: list[RecordRow] = Field(default_factory=list)
    articles: list[ArticleRow] = Field(default_factory=list)
    merges: list[dict[str, Any]] = Field(default_factory=list)


class StatRow(_Row):
    key: str | None = None
    events: int = 0
    fatalities: int = 0
