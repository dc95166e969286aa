"""Dashboard pages. Each view builds one dict, served as HTML (``/x``) or as JSON (``/x.json``)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query as Q, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader

from rasad.web import query as qmod
from rasad.web.api import filters_dep, read_access
from rasad.web.errors import ApiError
from rasad.web.geo import iso3_of
from rasad.web.security import safe_href

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
TEMPLATES.filters["safe_href"] = safe_href
TEMPLATES.filters["type_class"] = lambda t: (
    "t-" + re.sub(r"[^a-z]+", "-", str(t).lower()).strip("-"))
SORTS = ("event_date", "fatalities", "event_type", "country", "location", "actor1")
# the legend's colours live in static/rasad.css (.t-battles, ...): no inline style under the CSP
EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
               "Riots", "Strategic developments")
_NUM = re.compile(r"[0-9\u0660-\u0669](?:[0-9\u0660-\u0669/.\-:,\u066b\u066c]*[0-9\u0660-\u0669])?")
router = APIRouter(dependencies=[Depends(read_access)])
public = APIRouter()


def _render(request: Request, name: str, data: dict[str, Any], as_json: bool) -> Response:
    if as_json:
        return JSONResponse(data)
    html = TEMPLATES.get_template(name).render(data=data,
                                               assets=request.app.state.assets_dir is not None)
    return HTMLResponse(html)


def _split_json(name: str) -> tuple[str, bool]:
    return (name[:-5], True) if name.endswith(".json") else (name, False)


def dashboard_data(request: Request, f: qmod.Query, limit: int, offset: int, sort: str,
                   order: str, bucket: str) -> dict[str, Any]:
    store = request.app.state.store
    rows, total = qmod.query_events(store, f, limit, offset)
    events = [r.model_dump(mode="json") for r in rows]
    if sort != "event_date" or order != "desc":
        events.sort(key=lambda e: (e.get(sort) is None, e.get(sort) or 0 if sort == "fatalities"
                                   else str(e.get(sort) or "")), reverse=(order == "desc"))
    # timeline ignores the date range so brushing can widen it again
    wide = qmod.Query(**{**vars(f), "since": None, "until": None})
    timeline = qmod.stats(store, wide, bucket)
    countries = sorted({c for c in (iso3_of(e.get("iso")) or iso3_of(e.get("country")) for e in events) if c})
    return {"filters": f.as_params(), "total": total, "limit": limit, "offset": offset,
            "sort": sort, "order": order, "bucket": bucket, "events": events,
            "timeline": [t for t in timeline if t["key"]], "admin1_countries": countries,
            "event_types": list(EVENT_TYPES), "assets": request.app.state.assets_dir is not None}


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/index.json", include_in_schema=False)
def dashboard(request: Request, f: qmod.Query = Depends(filters_dep),
              limit: int = Q(200, ge=1, le=qmod.MAX_LIMIT), offset: int = Q(0, ge=0),
              sort: str = Q("event_date", pattern="^(" + "|".join(SORTS) + ")$"),
              order: str = Q("desc", pattern="^(asc|desc)$"),
              bucket: str = Q("day", pattern="^(day|week)$")) -> Response:
    data = dashboard_data(request, f, limit, offset, sort, order, bucket)
    return _render(request, "dashboard.html", data, request.url.path.endswith(".json"))


def segments(text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Text cut into runs ``{text, mark, parts}``; overlapping spans merge; ``parts`` splits the
    run into plain text and number/date tokens (``num``) that the template isolates with <bdi>."""
    merged: list[list[int]] = []
    for s, e in sorted((max(0, s), min(len(text), e)) for s, e in spans if e > s):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        elif s < len(text):
            merged.append([s, e])
    out, pos = [], 0
    for s, e in merged:
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return [{"text": t, "mark": m, "parts": _parts(t)} for t, m in out]


def _parts(t: str) -> list[dict[str, Any]]:
    parts, pos = [], 0
    for m in _NUM.finditer(t):
        if m.start() > pos:
            parts.append({"text": t[pos:m.start()], "num": False})
        parts.append({"text": m.group(), "num": True})
        pos = m.end()
    if pos < len(t):
        parts.append({"text": t[pos:], "num": False})
    return parts


def _article_view(art: Any, record_ids: set[str] | None = None) -> dict[str, Any]:
    recs = [r for r in art.records if record_ids is None or r.id in record_ids]
    spans = [(e["start"], e["end"]) for r in recs for e in r.data.get("evidence", [])]
    d = art.model_dump(mode="json", exclude={"records", "text"})
    d.update(text=art.text, segments=segments(art.text, spans),
             evidence=[{"start": s, "end": e, "text": art.text[s:e]} for s, e in sorted(spans)])
    return d


@router.get("/events/{name:path}", include_in_schema=False)
def event_page(request: Request, name: str) -> Response:
    event_id, as_json = _split_json(name)
    store = request.app.state.store
    ev = store.get_event(event_id)
    if ev is None:
        raise ApiError(404, "not_found", "no such event", {"id": event_id})
    record_ids = {r.id for r in ev.records}
    articles = [a for a in (store.get_article(x.id) for x in ev.articles) if a is not None]
    data = {"event": ev.model_dump(mode="json", exclude={"records", "articles", "merges"}),
            "records": [r.model_dump(mode="json") for r in ev.records], "merges": ev.merges,
            "articles": [_article_view(a, record_ids) for a in articles]}
    return _render(request, "event.html", data, as_json)


@router.get("/articles/{name:path}", include_in_schema=False)
def article_page(request: Request, name: str) -> Response:
    article_id, as_json = _split_json(name)
    art = request.app.state.store.get_article(article_id)
    if art is None:
        raise ApiError(404, "not_found", "no such article", {"id": article_id})
    data = {"article": _article_view(art), "records": [r.model_dump(mode="json") for r in art.records]}
    return _render(request, "article.html", data, as_json)


@public.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> Response:
    """The API reference from the app's own OpenAPI document, served from here: offline, and
    without the inline script of FastAPI's Swagger page, which the CSP forbids."""
    html = TEMPLATES.get_template("docs.html").render(
        spec=request.app.openapi(), assets=request.app.state.assets_dir is not None)
    return HTMLResponse(html)
