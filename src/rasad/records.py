"""The event record: rasad's output contract (../shared/spec/event-record.md), as typed models.

Field names and vocabularies are fixed by the contract. Absent values are ``None`` or ``[]``.
``Article`` + ``list[Record]`` serialise to exactly the JSON object of one article.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

SUB_EVENT_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}

ACTOR_TYPES = (
    "state_forces", "rebel_group", "political_militia", "identity_militia",
    "rioters", "protesters", "civilians", "external_other",
)
WEAPONS = (
    "drone", "missile", "rocket", "artillery", "mortar", "airstrike", "ied", "car_bomb",
    "suicide_bomb", "small_arms", "grenade", "landmine", "chemical", "melee", "other",
)
PRECISIONS_DATE = ("day", "range", "week", "month", "year")
PRECISIONS_PLACE = ("point", "town", "admin2", "admin1", "country", "region")

Kind = Literal["event", "aggregate", "tally"]
Status = Literal["occurred", "planned", "threatened", "denied", "hypothetical"]
ClaimType = Literal["claim_of_responsibility", "report", "denial", "confirmation"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Evidence(_Model):
    start: int
    end: int
    text: str


class DateValue(_Model):
    start: str
    end: str
    precision: Literal["day", "range", "week", "month", "year"]
    text: str | None = None


class Claim(_Model):
    by: str
    type: ClaimType
    text: str | None = None


class Source(_Model):
    name: str
    text: str | None = None


class Actor(_Model):
    name: str
    name_ar: str | None = None
    text: str | None = None
    type: str | None = None
    country: str | None = None


class Location(_Model):
    name: str
    name_ar: str | None = None
    text: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    gazetteer_id: str | None = None


class Record(_Model):
    id: str = ""
    kind: Kind
    date: DateValue | None = None
    status: Status = "occurred"
    claim: Claim | None = None
    sources: list[Source] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = 0.5
    # event fields (also allowed on aggregates where the article gives them)
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Location | None = None
    weapon: str | None = None
    weapon_count: int | None = None
    fatalities: int | None = None
    injured: int | None = None
    missing: int | None = None
    # aggregate / tally
    incidents: int | None = None
    breakdown: list[dict[str, Any]] | dict[str, Any] | None = None


class Article(_Model):
    id: str
    source: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None


class ArticleResult(_Model):
    """One article in, one JSON object out: ``{"article": …, "records": […]}``."""

    article: Article
    records: list[Record] = Field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self) -> str:
        return json.dumps(self.to_json_dict(), ensure_ascii=False)


def text_id(text: str) -> str:
    """A stable id for an article given without one: a hash of its text."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def record_id(article_id: str, *parts: object) -> str:
    """Deterministic record id from the article id and the record's identifying parts."""
    h = hashlib.sha1(json.dumps([article_id, *map(str, parts)], ensure_ascii=False).encode("utf-8"))
    return f"{article_id}:{h.hexdigest()[:12]}"
