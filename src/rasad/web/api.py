"""REST endpoints under /api (see docs in ``rasad.web.errors`` for the error shape)."""
from __future__ import annotations

import csv
import io
import json
import logging
import sys
from typing import Any, Iterator

from fastapi import APIRouter, Depends, Header, Path, Query as Q, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field, ValidationError

from rasad.errors import RasadError, StageError
from rasad.store import ArticleInput
from rasad.textclean import clean_text
from rasad.web import query as qmod
from rasad.web.auth import bearer
from rasad.web.errors import ERROR_RESPONSES, ApiError, ErrorResponse

MAX_BATCH = 100
log = logging.getLogger("rasad.web")


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    filters: dict[str, str]
    events: list[dict[str, Any]]


class StatsOut(BaseModel):
    group_by: str
    filters: dict[str, str]
    rows: list[dict[str, Any]]


class ArticleIn(BaseModel):
    id: str | None = Field(default=None, max_length=200)
    text: str = Field(min_length=1, max_length=500_000)
    published: str | None = Field(default=None, max_length=40)
    source: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=2000)


class ArticleBatch(BaseModel):
    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_BATCH)


def _or_empty(schema: dict[str, Any]) -> dict[str, Any]:
    """Query-parameter schema: ``schema``, or an empty string (the form sends it: no filter)."""
    return {"anyOf": [{"type": "string", **schema}, {"type": "string", "maxLength": 0}, {"type": "null"}]}


_NUM = r"-?\d{1,3}(\.\d{1,8})?"
_DATE_SCHEMA = _or_empty({"format": "date"})
_BBOX_SCHEMA = _or_empty({"pattern": f"^{_NUM},{_NUM},{_NUM},{_NUM}$"})
_ACTOR_TYPE_SCHEMA = _or_empty({"enum": list(qmod.ACTOR_TYPES)})


def filters_dep(
    # dates, bbox and actor_type are checked by qmod.build_query (400 bad_request); the schema
    # says what they must look like. Relations between values (since <= until, min <= max in a
    # bbox, coordinate ranges) cannot be said in OpenAPI and are 400s too.
    since: str | None = Q(None, description="events on or after this date (YYYY-MM-DD)",
                          max_length=10, json_schema_extra=_DATE_SCHEMA),
    until: str | None = Q(None, description="events on or before this date (YYYY-MM-DD)",
                          max_length=10, json_schema_extra=_DATE_SCHEMA),
    event_type: str | None = Q(None, max_length=200), sub_event_type: str | None = Q(None, max_length=200),
    actor: str | None = Q(None, max_length=200),
    actor_type: str | None = Q(None, max_length=40, description="contract actor type of actor1 or actor2",
                               json_schema_extra=_ACTOR_TYPE_SCHEMA),
    country: str | None = Q(None, max_length=200), admin1: str | None = Q(None, max_length=200),
    bbox: str | None = Q(None, description="minlon,minlat,maxlon,maxlat (degrees, min <= max)",
                         max_length=200, json_schema_extra=_BBOX_SCHEMA),
    min_fatalities: int | None = Q(None, ge=0, le=10_000_000),
    source: str | None = Q(None, max_length=200),
    q: str | None = Q(None, description="free text over notes, places, actors", max_length=500),
) -> qmod.Query:
    return qmod.build_query(since=since, until=until, event_type=event_type,
                            sub_event_type=sub_event_type, actor=actor, actor_type=actor_type,
                            country=country, admin1=admin1, bbox=bbox,
                            min_fatalities=min_fatalities, source=source, q=q)


def _token(authorization: str | None = Header(None), x_api_token: str | None = Header(None)) -> str | None:
    return bearer(authorization, x_api_token)


def read_access(request: Request, token: str | None = Depends(_token)) -> None:
    if request.app.state.settings.read_token_required and not request.app.state.tokens.check(token):
        raise ApiError(401, "unauthorized", "a valid API token is required to read")


def write_access(request: Request, token: str | None = Depends(_token)) -> None:
    if not token:
        raise ApiError(401, "unauthorized", "missing API token (Authorization: Bearer …)")
    if not request.app.state.tokens.check(token):
        raise ApiError(401, "unauthorized", "wrong API token")


router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
read = APIRouter(prefix="/api", responses=ERROR_RESPONSES, dependencies=[Depends(read_access)])


@router.get("/health")
def health(request: Request) -> dict[str, Any]:
    return {"status": "ok", "assets": request.app.state.assets_dir is not None}


@read.get("/events", response_model=EventPage)
def list_events(request: Request, f: qmod.Query = Depends(filters_dep),
                limit: int = Q(50, ge=1, le=qmod.MAX_LIMIT), offset: int = Q(0, ge=0, le=10_000_000)
                ) -> dict[str, Any]:
    rows, total = qmod.query_events(request.app.state.store, f, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "filters": f.as_params(),
            "events": [r.model_dump(mode="json") for r in rows]}


@read.get("/events/{event_id}")
def get_event(request: Request, event_id: str = Path(max_length=200)) -> dict[str, Any]:
    ev = request.app.state.store.get_event(event_id)
    if ev is None:
        raise ApiError(404, "not_found", "no such event", {"id": event_id})
    out = ev.model_dump(mode="json")
    out["evidence"] = [dict(e, record_id=r.id) for r in ev.records for e in r.data.get("evidence", [])]
    return out


@read.get("/articles/{article_id}")
def get_article(request: Request, article_id: str = Path(max_length=200)) -> dict[str, Any]:
    art = request.app.state.store.get_article(article_id)
    if art is None:
        raise ApiError(404, "not_found", "no such article", {"id": article_id})
    out = art.model_dump(mode="json")
    out["spans"] = sorted(({"start": e["start"], "end": e["end"], "text": e.get("text"),
                            "record_id": r.id} for r in art.records for e in r.data.get("evidence", [])),
                          key=lambda s: (s["start"], s["end"]))
    return out


@read.get("/stats", response_model=StatsOut)
def get_stats(request: Request, f: qmod.Query = Depends(filters_dep),
              group_by: str = Q("event_type", pattern="^(" + "|".join(qmod.GROUPS) + ")$")
              ) -> dict[str, Any]:
    return {"group_by": group_by, "filters": f.as_params(),
            "rows": qmod.stats(request.app.state.store, f, group_by)}


EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
                "geojson": "application/geo+json"}


@read.get("/export", response_class=StreamingResponse, responses={200: {
    "description": "the matching events, streamed (ACLED columns)",
    "content": {"text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
                "application/geo+json": {"schema": {
                    "type": "object", "required": ["type", "features"],
                    "properties": {"type": {"const": "FeatureCollection"},
                                   "features": {"type": "array", "items": {"type": "object"}}}}}}}})
def export(request: Request, f: qmod.Query = Depends(filters_dep),
           format: str = Q("csv", pattern="^(csv|jsonl|geojson)$")) -> StreamingResponse:
    rows = qmod.export_rows(request.app.state.store, f)
    media = EXPORT_TYPES[format]
    gen = {"csv": _csv, "jsonl": _jsonl, "geojson": _geojson}[format](rows)
    return StreamingResponse(gen, media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="events.{format}"'})


def _csv(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    writer, buf, header = None, io.StringIO(), None
    for d in rows:
        if writer is None:
            header = list(d)
            writer = csv.DictWriter(buf, fieldnames=header, extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in d.items()})
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()


def _cell(v: Any) -> Any:
    s = json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
    # spreadsheet formula injection guard
    if isinstance(s, str) and s[:1] in ("=", "+", "-", "@") and not _numeric(s):
        return "'" + s
    return s


def _numeric(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def _jsonl(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    for d in rows:
        yield json.dumps(d, ensure_ascii=False, default=str) + "\n"


def _geojson(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield '{"type":"FeatureCollection","features":['
    first = True
    for d in rows:
        lat, lon = d.get("latitude"), d.get("longitude")
        geom = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        feat = {"type": "Feature", "geometry": geom, "properties": d}
        yield ("" if first else ",") + json.dumps(feat, ensure_ascii=False, default=str)
        first = False
    yield "]}"


WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorResponse, "description": "overloaded (too many requests being extracted; "
                                                 "see Retry-After) or store_error"}}


@router.post("/articles", dependencies=[Depends(write_access)], status_code=201,
             responses=WRITE_RESPONSES)
async def post_articles(request: Request) -> dict[str, Any]:
    """Body: one article ``{text, id?, published?, source?, title?, url?}``, a list of them, or
    ``{"articles": [...]}`` (at most 100). Extracts each and stores the results. Text fields are
    cleaned by ``rasad.textclean``; an article whose extraction fails is reported in ``failures``
    (and counted in ``failed``) while the others are stored. The work runs on a bounded thread
    pool: when it is full the answer is 503 ``overloaded`` with a Retry-After."""
    raw = await request.body()
    return await request.app.state.work_gate.run(_extract_and_store, request.app.state, raw)


def _parse_body(raw: bytes) -> list[ArticleIn]:
    try:
        body = json.loads(raw)
    except RecursionError as exc:  # e.g. 100k nested brackets: the parser's depth limit
        raise ApiError(400, "bad_request", "body is not valid JSON: nested too deeply",
                       {"max_depth": sys.getrecursionlimit()}) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "bad_request", "body is not valid JSON", {"error": str(exc)}) from exc
    body = _cleaned(body)
    try:
        if isinstance(body, list):
            return ArticleBatch(articles=body).articles
        if isinstance(body, dict) and "articles" in body:
            return ArticleBatch.model_validate(body).articles
        return [ArticleIn.model_validate(body)]
    except ValidationError as exc:
        details = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]}
                   for e in exc.errors()]
        raise ApiError(422, "validation_error", "article body does not match the schema",
                       details) from exc
    except RecursionError as exc:
        raise ApiError(400, "bad_request", "body nests too deeply", None) from exc


def _cleaned(value: Any, depth: int = 0) -> Any:
    """Strings of an article body (at most 3 levels down: a batch of articles of fields) passed
    through ``rasad.textclean.clean_text``, before validation: lone surrogates, NUL and other C0
    controls are cleaned the way every other entry point cleans them, not refused."""
    if isinstance(value, str):
        return clean_text(value)
    if depth < 3 and isinstance(value, list):
        return [_cleaned(v, depth + 1) for v in value]
    if depth < 3 and isinstance(value, dict):
        return {clean_text(k): _cleaned(v, depth + 1) for k, v in value.items()}
    return value


def _extract_and_store(state: Any, raw: bytes) -> dict[str, Any]:
    """Runs on the work gate's thread: parse, extract each article, store what was extracted."""
    pairs, failures, errors = [], [], []
    for i, art in enumerate(_parse_body(raw)):
        inp = ArticleInput(id=art.id, text=art.text, published=art.published, source=art.source,
                           title=art.title, url=art.url, origin=f"request:{i}")
        try:
            result = state.extract_fn(inp.text, published=inp.published, source=inp.source,
                                      id=inp.id, title=inp.title, url=inp.url)
        except Exception as exc:  # one article's failure never costs the others
            if not isinstance(exc, RasadError):
                log.exception("extraction failed for article %d of a request", i)
            errors.append(exc)
            failures.append(f"request:{i}: article {inp.id or '?'}: not extracted: "
                            f"{type(exc).__name__}: {exc}")
            continue
        inp.id = inp.id or result.article.id
        pairs.append((inp, result))
    if not pairs:
        if len(errors) == 1 and isinstance(errors[0], StageError):
            raise errors[0]
        raise ApiError(422, "extraction_failed", "no article could be extracted", failures)
    summary = dict(vars(state.store.add_articles(pairs, extractor_version=state.extractor_version)))
    summary["failed"] = summary.get("failed", 0) + len(failures)
    summary["failures"] = failures + [str(f) for f in summary.get("failures", [])]
    return summary
