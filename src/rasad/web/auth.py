"""API tokens: random secrets shown once, stored hashed (sha256) in a table this module owns.

The table ``rasad_api_tokens`` lives in the store's own database (same URL), created on demand.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import Column, MetaData, String, Table, create_engine, select
from sqlalchemy.engine import Engine

from rasad.errors import StoreError

_META = MetaData()
TOKENS = Table(
    "rasad_api_tokens", _META,
    Column("token_hash", String(64), primary_key=True),
    Column("name", String(200), nullable=False, default=""),
    Column("created", String(40), nullable=True),
)
PREFIX = "rsd_"


def _engine_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("postgres://"):
        return "postgresql+psycopg://" + url[len("postgres://"):]
    return url


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenStore:
    """Create and check API tokens against the hashed table."""

    def __init__(self, url: str, engine: Engine | None = None):
        self.url = url
        try:
            self.engine = engine or create_engine(_engine_url(url))
            _META.create_all(self.engine)
        except Exception as exc:  # sqlalchemy raises many kinds; re-raise typed
            raise StoreError(f"cannot open token table at {url}: {exc}") from exc

    def create(self, name: str = "", created: str | None = None) -> str:
        """A new token; only its hash is stored. ``created`` is passed in (no clock reads here)."""
        token = PREFIX + secrets.token_urlsafe(32)
        with self.engine.begin() as conn:
            conn.execute(TOKENS.insert().values(token_hash=hash_token(token), name=name,
                                                created=created))
        return token

    def check(self, token: str | None) -> bool:
        if not token or len(token) > 200:
            return False
        digest = hash_token(token)
        with self.engine.connect() as conn:
            row = conn.execute(select(TOKENS.c.token_hash).where(TOKENS.c.token_hash == digest)).first()
        return row is not None and hmac.compare_digest(row[0], digest)

    def count(self) -> int:
        with self.engine.connect() as conn:
            return len(conn.execute(select(TOKENS.c.token_hash)).all())

    def close(self) -> None:
        self.engine.dispose()


def bearer(authorization: str | None, x_api_token: str | None) -> str | None:
    """The token from ``Authorization: Bearer …`` or ``X-API-Token``."""
    if x_api_token:
        return x_api_token.strip()
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None
