"""One article made ready for writing: cleaned by the one text policy, checked against the schema.

Everything the store writes passes through here first, so SQLite and PostgreSQL see the same
values and refuse the same articles: every string (article fields, record columns, the record's
JSON) is cleaned with ``rasad.textclean.clean_text`` (lone surrogates -> U+FFFD, C0 controls but
TAB/LF/CR -> space, one character for one, so evidence offsets still hold); an article whose values
do not fit the schema (a value longer than its column, two records with one id, an event date that
is not ISO) raises ``Rejected`` with the reason, whichever database is behind the store.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic_core import PydanticSerializationError
from sqlalchemy import String

from rasad.records import ArticleResult, Record, record_id
from rasad.store.models import ArticleModel, RecordModel
from rasad.store.types import ArticleInput, content_hash
from rasad.textclean import clean_optional, clean_text


class Rejected(ValueError):
    """This article cannot be stored; the message says why."""


class Row(dict):
    """A new ``records`` or ``articles`` row as a plain dict (bulk-inserted), read and set as
    attributes like the ORM objects it stands in for."""

    __slots__ = ()

    def __getattr__(self, k: str) -> Any:
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k) from None

    def __setattr__(self, k: str, v: Any) -> None:
        self[k] = v


@dataclass
class Prepared:
    """A cleaned, checked article: what ``Store._write_batch`` writes."""

    index: int                 # position in the caller's batch (failures are reported in order)
    id: str
    origin: str | None
    text: str
    content_hash: str
    source: str | None
    url: str | None
    title: str | None
    published: str | None
    records: list[Row] = field(default_factory=list)
    source_records: list[Record] = field(default_factory=list, repr=False)

    def record_rows(self, article_id: str) -> list[Row]:
        """Fresh record rows (a write attempt sets their event columns) of the article stored as
        ``article_id``: its own id, or that of a stored article with the same text."""
        if article_id != self.id:
            return [record_row(article_id, r) for r in self.source_records]
        return [Row(r) for r in self.records]


def _limits(model: Any) -> dict[str, int]:
    return {c.name: c.type.length for c in model.__table__.columns
            if isinstance(c.type, String) and c.type.length}


_ARTICLE_LIMITS = _limits(ArticleModel)
_RECORD_LIMITS = _limits(RecordModel)


def clean_json(v: Any) -> Any:
    """``v`` (JSON data) with every string, keys included, cleaned by the text policy."""
    if isinstance(v, str):
        return clean_text(v)
    if isinstance(v, dict):
        return {clean_json(k): clean_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [clean_json(x) for x in v]
    return v


def _check_lengths(what: str, row: dict[str, Any], limits: dict[str, int]) -> None:
    for col, n in limits.items():
        v = row.get(col)
        if isinstance(v, str) and len(v) > n:
            raise Rejected(f"{what}{col} is {len(v)} characters long, the store keeps at most {n}")


def prepare(index: int, inp: ArticleInput, res: ArticleResult) -> Prepared:
    """Clean and check one (input, result) pair; raises ``Rejected`` with the reason."""
    a = res.article
    aid = clean_optional(a.id or inp.id)
    if not aid:
        raise Rejected("the article has no id")
    text = clean_text(inp.text)
    p = Prepared(index=index, id=aid, origin=inp.origin, text=text,
                 content_hash=content_hash(text), source=clean_optional(a.source or inp.source),
                 url=clean_optional(a.url or inp.url),
                 title=clean_optional(a.title or inp.title),
                 published=clean_optional(a.published or inp.published),
                 source_records=list(res.records))
    _check_lengths("", vars(p), _ARTICLE_LIMITS)
    seen: set[str] = set()
    for rec in res.records:
        row = record_row(aid, rec)
        if row.id in seen:
            raise Rejected(f"two records share the id {row.id!r}")
        seen.add(row.id)
        _check_lengths(f"record {row.id!r}: ", row, _RECORD_LIMITS)
        for col in ("date_start", "date_end"):
            if row[col] is not None:
                try:
                    date.fromisoformat(row[col])
                except ValueError:
                    raise Rejected(f"record {row.id!r}: {col} {row[col]!r} is not an ISO date"
                                   ) from None
        p.records.append(row)
    return p


def record_row(article_id: str, rec: Record) -> Row:
    """The ``records`` row of ``rec`` (every string cleaned; event columns still empty)."""
    data = clean_json(rec.model_dump(mode="json"))  # dumped once: the evidence column is its copy
    rid = clean_text(rec.id) if rec.id else record_id(article_id, _identity(rec, data))
    loc, d = data.get("location") or {}, data.get("date") or {}
    act1, act2 = data.get("actor1") or {}, data.get("actor2") or {}
    return Row(
        id=rid, article_id=article_id, kind=rec.kind, status=rec.status,
        date_start=d["start"][:10] if d else None, date_end=d["end"][:10] if d else None,
        date_precision=d.get("precision"), event_type=data.get("event_type"),
        sub_event_type=data.get("sub_event_type"), actor1=act1.get("name"),
        actor2=act2.get("name"),
        country=loc.get("country"), admin1=loc.get("admin1"), location=loc.get("name"),
        lat=loc.get("lat"), lon=loc.get("lon"), weapon=data.get("weapon"),
        weapon_count=rec.weapon_count, fatalities=rec.fatalities, injured=rec.injured,
        missing=rec.missing, incidents=rec.incidents, confidence=rec.confidence,
        evidence=list(data.get("evidence") or []), data=data, event_id=None, merge_score=None,
        merge_features=None)


def _identity(rec: Record, cleaned: dict[str, Any]) -> str:
    """What an id-less record's id is derived from (its JSON without the id), as before cleaning
    existed for a clean record, from the cleaned record otherwise."""
    try:
        return rec.model_dump_json(exclude={"id"})
    except PydanticSerializationError:  # a lone surrogate cannot be serialised
        return Record.model_validate(cleaned).model_dump_json(exclude={"id"})
