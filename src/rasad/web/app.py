"""The FastAPI application: API routers, dashboard views, own static files, npm assets.

Settings come from arguments or the environment: ``RASAD_API_READ_TOKEN_REQUIRED=1`` closes the
read endpoints, ``RASAD_ASSETS_DIR`` points at a ``node_modules`` folder (default: the repo root's),
``RASAD_API_MAX_BODY`` caps request bodies (bytes, default 5 MB), ``RASAD_API_EXTRACT_WORKERS``
threads extract posted articles (default 2) and ``RASAD_API_EXTRACT_QUEUE`` requests may be
extracting or waiting at once (default 8; one more gets 503 ``overloaded``), and with the default
extractor ``RASAD_API_EXTRACT_PROCESSES`` worker processes run it (default 1; 0: in the threads).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from rasad import __version__
from rasad.web import api, errors, views
from rasad.web.auth import TokenStore
from rasad.web.security import SecurityHeaders
from rasad.web.workers import ExtractPool, WorkGate

HERE = Path(__file__).resolve().parent
ASSET_PACKAGES = ("leaflet", "leaflet.markercluster", "world-atlas", "datamaps", "topojson-client",
                  "@fontsource/noto-naskh-arabic")


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


@dataclass
class Settings:
    read_token_required: bool = field(default_factory=lambda: _env_flag("RASAD_API_READ_TOKEN_REQUIRED"))
    max_body_bytes: int = field(default_factory=lambda: int(os.environ.get("RASAD_API_MAX_BODY", 5_000_000)))
    assets_dir: str | None = field(default_factory=lambda: os.environ.get("RASAD_ASSETS_DIR"))
    extract_workers: int = field(default_factory=lambda: _env_int("RASAD_API_EXTRACT_WORKERS", 2))
    extract_queue: int = field(default_factory=lambda: _env_int("RASAD_API_EXTRACT_QUEUE", 8))
    extract_processes: int = field(default_factory=lambda: _env_int("RASAD_API_EXTRACT_PROCESSES", 1))


def find_assets(explicit: str | None) -> Path | None:
    """The node_modules folder holding the dashboard's npm packages, or None."""
    candidates = [Path(explicit)] if explicit else []
    for parent in HERE.parents:
        if (parent / "package.json").is_file():
            candidates.append(parent / "node_modules")
    candidates.append(Path.cwd() / "node_modules")
    for c in candidates:
        if (c / "leaflet" / "dist" / "leaflet.js").is_file():
            return c.resolve()
    return None


def _default_extract(text: str, **kw: Any) -> Any:
    import rasad
    return rasad.extract(text, **kw)


def create_app(store: Any = None, db_url: str | None = None, settings: Settings | None = None,
               extract_fn: Callable[..., Any] | None = None, tokens: TokenStore | None = None) -> FastAPI:
    if store is None:
        from rasad.store import open_store
        store = open_store(db_url)
    settings = settings or Settings()
    # docs_url/redoc_url off: FastAPI's pages load a CDN and run inline script; views serves /docs
    app = FastAPI(title="rasad", version=__version__, docs_url=None, redoc_url=None,
                  description="Conflict events extracted from Arabic news, each field tied to its "
                              "evidence. Errors: " + (errors.__doc__ or "").strip())
    app.state.store = store
    app.state.settings = settings
    app.state.tokens = tokens or TokenStore(store.url)
    pool = ExtractPool(settings.extract_processes) if extract_fn is None and \
        settings.extract_processes > 0 else None
    app.state.extract_fn = extract_fn or (pool.extract if pool else _default_extract)
    app.state.extractor_version = __version__
    app.state.work_gate = WorkGate(settings.extract_workers, settings.extract_queue)
    app.router.on_shutdown.append(app.state.work_gate.close)
    if pool is not None:
        app.router.on_shutdown.append(pool.close)
    assets = find_assets(settings.assets_dir)
    app.state.assets_dir = assets
    errors.install(app)
    app.add_middleware(errors.BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so it sees every response
    app.include_router(api.router)
    app.include_router(api.read)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    if assets is not None:  # only the dashboard's own npm packages are served, nothing else
        for pkg in ASSET_PACKAGES:
            if (assets / pkg).is_dir():
                app.mount(f"/assets/{pkg}", StaticFiles(directory=assets / pkg), name=f"assets-{pkg}")
    app.include_router(views.router)
    app.include_router(views.public)
    return app
