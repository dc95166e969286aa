"""The incident draft: what the event layer knows about one event, aggregate or tally before it
becomes a contract ``Record`` (``assemble.to_record`` is the one way out).

``Incident`` replaces the dict of string keys the stages used to pass around; ``DateSpan`` the
date dicts six places rebuilt; ``ClaimMention`` and ``SourceMention`` the claim and source dicts.
Every value keeps the mention it was read from, so that the record can show its evidence.
"""
from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .registry import Trail


@dataclass(frozen=True)
class DateSpan:
    """When an incident happened: first and last day, precision, and the words that said so
    (``text``/``span`` are None when the date is the article's publication date, not its own)."""

    first: dt.date
    last: dt.date
    precision: str
    text: str | None = None
    span: Any = None            # the DateMention it was read from

    @classmethod
    def of(cls, d) -> "DateSpan":
        """The date a DateMention names."""
        return cls(d.first, d.last, d.precision, d.text, d)

    @classmethod
    def published(cls, doc) -> "DateSpan | None":
        """The article's publication day, for an incident that names no date of its own."""
        if doc.published is None:
            return None
        return cls(doc.published, doc.published, "day")

    @property
    def own(self) -> bool:
        """Did the article name this date (as opposed to the publication date standing in)?"""
        return self.text is not None


@dataclass
class ClaimMention:
    """Who claimed, reported, denied or confirmed the incident, and the cue that says so."""

    by: str
    type: str                   # claim_of_responsibility | report | denial | confirmation
    text: str | None
    span: Any = None
    speaker: Any = None         # the ActorMention of the speaker, when one is named


@dataclass
class SourceMention:
    """A body the article cites for the incident (or an anonymous source)."""

    name: str
    text: str | None
    span: Any = None


@dataclass
class Incident:
    """One event, aggregate or tally as drafted by the stages, with its decision trail."""

    kind: str                                   # event | aggregate | tally
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: Any = None                          # ActorMention
    actor2: Any = None
    place: Any = None                           # PlaceMention
    date: DateSpan | None = None
    status: str = "occurred"
    claim: ClaimMention | None = None
    sources: list[SourceMention] = field(default_factory=list)
    weapon: str | None = None
    weapon_count: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    missing: int | None = None
    incidents: int | None = None                # aggregates: how many incidents
    breakdown: Any = None                       # aggregates: list of parts; tallies: by group
    evidence: list = field(default_factory=list)    # the sentence views it was read from
    spans: list = field(default_factory=list)       # the mentions that support it
    strength: float | None = None               # how strongly its words name an incident
    sentence: int = -1                          # the sentence it was read from (its first)
    title: bool = False                         # read from the headline
    keys: list[str] = field(default_factory=list)   # its trigger keys
    trail: Trail = field(default_factory=Trail, compare=False, repr=False)

    def copy(self) -> "Incident":
        """A shallow copy with a trail of its own."""
        c = copy.copy(self)
        c.trail = Trail(list(self.trail.fired))
        return c

    @property
    def place_id(self) -> str | None:
        return self.place.best.id if self.place is not None else None

    @property
    def precision(self) -> str | None:
        return getattr(self.place, "precision", None) if self.place is not None else None

    @property
    def country(self) -> str | None:
        return self.place.best.country if self.place is not None else None
