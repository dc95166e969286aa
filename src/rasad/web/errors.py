"""One JSON error shape for every error: ``{"error": {"code", "message", "details"}}``.

Codes: ``bad_request`` (400, invalid filter value), ``validation_error`` (422, request does not
match the schema), ``unauthorized`` (401, missing or wrong token), ``not_found`` (404),
``method_not_allowed`` (405), ``payload_too_large`` (413), ``extraction_failed`` (422),
``overloaded`` (503, too many articles being extracted: retry after ``Retry-After`` seconds),
``store_error`` (503), ``internal_error`` (500). Every response also carries the security
headers of ``rasad.web.security``.
"""
from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasad.errors import InputError, StageError, StoreError
from rasad.web.security import SECURITY_HEADERS

log = logging.getLogger("rasad.web")
_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "payload_too_large", 422: "validation_error"}


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: Any = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    s: {"model": ErrorResponse, "description": c} for s, c in
    ((400, "bad_request"), (401, "unauthorized"), (404, "not_found"), (413, "payload_too_large"),
     (422, "validation_error"))}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, details: Any = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details
        self.headers = dict(headers or {})


def error_json(status: int, code: str, message: str, details: Any = None,
               headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"error": {"code": code, "message": message, "details": jsonable_encoder(details)}}
    # set here too: a 500 is sent by Starlette's outermost middleware, past SecurityHeaders
    return JSONResponse(body, status_code=status, headers={**SECURITY_HEADERS, **(headers or {})})


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api(_: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
        return error_json(exc.status, exc.code, exc.message, exc.details,
                          {**headers, **exc.headers})

    @app.exception_handler(InputError)
    async def _input(_: Request, exc: InputError) -> JSONResponse:
        return error_json(400, "bad_request", exc.message,
                          {"parameter": exc.source} if exc.source else None)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")}
                   for e in exc.errors()]
        return error_json(422, "validation_error", "request does not match the schema", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        return error_json(exc.status_code, code, str(exc.detail))

    @app.exception_handler(StageError)
    async def _stage(_: Request, exc: StageError) -> JSONResponse:
        return error_json(422, "extraction_failed", str(exc), {"stage": exc.stage})

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return error_json(503, "store_error", "the store could not answer", None)

    @app.exception_handler(Exception)
    async def _any(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_json(500, "internal_error", "internal server error", None)


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with a 413 in the error shape."""

    def __init__(self, app: Any, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > self.max_bytes
                except ValueError:
                    too_big = True
                if too_big:
                    await self._refuse(scope, receive, send)
                    return
        seen = 0

        async def limited() -> dict:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.max_bytes:
                    raise ApiError(413, "payload_too_large", "request body too large")
            return msg

        await self.app(scope, limited, send)

    async def _refuse(self, scope: dict, receive: Any, send: Any) -> None:
        resp = error_json(413, "payload_too_large",
                          f"request body larger than {self.max_bytes} bytes", {"max_bytes": self.max_bytes})
        await resp(scope, receive, send)
