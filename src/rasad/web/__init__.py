"""rasad's REST API and dashboard (``rasad serve``): FastAPI over the store, offline assets."""
from __future__ import annotations

from rasad.web.app import create_app

__all__ = ["create_app"]
