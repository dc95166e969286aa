"""One writer at a time per store, across processes, on SQLite and PostgreSQL.

Every write transaction of the store (a batch of articles, a migration at open) takes the store's
writer lock first and holds it until commit or rollback:

- SQLite: the transaction starts with ``BEGIN IMMEDIATE`` (pysqlite's own implicit ``BEGIN`` is
  turned off, SQLAlchemy emits ours), so a second writer waits on SQLite's busy timeout instead of
  failing with "database is locked" or writing over a stale snapshot. Reads still use ``BEGIN``.
- PostgreSQL: ``pg_advisory_xact_lock`` on a key made of a fixed rasad number and the current
  schema, so stores in different schemas of one database do not wait for each other.

Under the lock a writer sees everything committed before it: the event-id counters
(``country_seq``, also read ``FOR UPDATE``), the events it deduplicates against and the articles
it may already hold, so concurrent ingests neither race for ids nor double-insert an article, and
two processes opening a fresh store run the migrations one after the other.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import event as sa_event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError

RASAD_LOCK_KEY = 0x7261_7361  # "rasa": the advisory lock class of rasad's writers
SQLITE_BUSY_TIMEOUT_S = 60.0
WRITE_OPTION = "rasad_writer"
# current_schema() is NULL when no schema of the search path exists; the lock must still be taken
_PG_LOCK = text("SELECT pg_advisory_xact_lock(:k, hashtext(coalesce(current_schema(), '')))")


def configure(engine: Engine) -> Engine:
    """Install the connection hooks on ``engine``; returns its writer twin (same pool)."""
    if engine.dialect.name == "sqlite":
        sa_event.listen(engine, "connect", _sqlite_connect)
        sa_event.listen(engine, "begin", _sqlite_begin)
    return engine.execution_options(**{WRITE_OPTION: True})


def lock_writers(conn: Connection) -> None:
    """Take the store's writer lock for the current transaction of ``conn`` (PostgreSQL; on SQLite
    ``BEGIN IMMEDIATE`` already holds it)."""
    if conn.dialect.name == "postgresql":
        conn.execute(_PG_LOCK, {"k": RASAD_LOCK_KEY})


def store_unusable(exc: BaseException) -> bool:
    """True when ``exc`` says the database itself failed (connection, lock wait, disk), not one
    article: such errors are raised, not reported per article."""
    if isinstance(exc, (OperationalError, InterfaceError, DisconnectionError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def _sqlite_connect(dbapi_conn: Any, _rec: Any) -> None:
    dbapi_conn.isolation_level = None  # no implicit BEGIN: _sqlite_begin starts transactions
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    writer = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")
