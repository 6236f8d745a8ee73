"""Turn what the user typed (a URL, a path or nothing) into a SQLAlchemy engine."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

from eventwire.errors import StoreError

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite:///eventwire.db"
ENV_VAR = "EVENTWIRE_DB"
#: seconds a SQLite writer waits for another writer before giving up
BUSY_TIMEOUT_S = 30


def resolve_url(url: str | None) -> str:
    """The database URL for ``url``: None -> $EVENTWIRE_DB or the default file;
    a bare path -> a SQLite URL; anything with ``://`` passes through."""
    if url is None or not url.strip():
        url = os.environ.get(ENV_VAR) or DEFAULT_URL
    url = url.strip()
    if "://" in url:
        return url
    if url == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(url).expanduser()}"


def create_engine(url: str) -> sa.Engine:
    """An engine for ``url``; for SQLite, WAL mode and foreign keys on."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"cannot read database URL {url!r}: give a file path such as "
                         "'eventwire.db' or a URL such as 'sqlite:///eventwire.db' or "
                         "'postgresql://user@host/dbname'") from exc
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.drivername in ("postgresql", "postgres"):
        # the driver we ship is psycopg 3; SQLAlchemy's default would be psycopg2
        parsed = parsed.set(drivername="postgresql+psycopg")
    _quiet_pipeline_aborts()
    try:
        return sa.create_engine(parsed, pool_pre_ping=True)
    except (sa.exc.NoSuchModuleError, ModuleNotFoundError) as exc:
        raise StoreError(f"no database driver for {parsed.drivername!r} ({exc}); install "
                         "it (for PostgreSQL: pip install 'psycopg[binary]' and use "
                         "postgresql+psycopg://...)") from exc


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database, or one in memory)."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        return None  # create_engine says what is wrong with it
    database = parsed.database or ""
    # a file: URI names its file in URI syntax: not a path to look at
    if parsed.get_backend_name() != "sqlite" or _in_memory(database) or database.startswith("file:"):
        return None
    return Path(database)


def _in_memory(database: str) -> bool:
    """Whether a SQLite URL's database part names a database in memory."""
    return database in ("", ":memory:") or database.startswith("file::memory:")


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    database = url.database or ""
    in_memory = _in_memory(database)
    if not in_memory:
        _check_sqlite_path(Path(database))
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_S}}
    if in_memory:
        # one shared connection, or each checkout would see its own empty database
        kwargs.update(poolclass=StaticPool,
                      connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S})
    engine = sa.create_engine(url, **kwargs)
    _install_sqlite_hooks(engine, wal=not in_memory)
    return engine


def _check_sqlite_path(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"database path {path} is a directory; give a file name such as "
                         f"{path / 'eventwire.db'}")
    if not path.parent.exists():
        raise StoreError(f"folder {path.parent} for database {path.name} does not exist; "
                         "create it or choose another --db path")


def _install_sqlite_hooks(engine: sa.Engine, *, wal: bool) -> None:
    """Pragmas on every connection, and transactions that SQLite really begins.

    pysqlite's own transaction handling does not begin before DDL and never
    begins IMMEDIATE; taking over BEGIN makes migrations atomic and lets writers
    take the write lock up front instead of failing on a lock upgrade.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        if wal:
            _use_wal(cursor)
            # in WAL mode NORMAL stays consistent after a crash; only a power
            # loss can drop the last commits
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


#: the first wait between two tries to switch a database to WAL, doubled each
#: time up to ``WAL_RETRY_MAX_S``
WAL_RETRY_S = 0.01
WAL_RETRY_MAX_S = 0.25


def _use_wal(cursor: Any) -> None:
    """Switch the database to WAL (a no-op once it is). The switch needs the
    database to itself, and SQLite refuses it at once while another connection
    holds a lock, whatever the busy timeout: two ingests started together on
    a new file, where the loser stopped with "database is locked". So it is
    tried again, for as long as a writer would wait."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    wait = WAL_RETRY_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + wait > deadline:
                raise
        time.sleep(wait)
        wait = min(2 * wait, WAL_RETRY_MAX_S)


class _PipelineAborted(logging.Filter):
    """Drops the warning psycopg logs as it leaves a pipeline that an error
    aborted ("error ignored terminating <psycopg.Pipeline ...>: pipeline
    aborted"). The error itself reaches the store, which handles it: two
    ingests storing the same article at once, where the second batch is
    stored again one article at a time and the article counted as already
    stored. The warning only repeated it on the user's terminal."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.msg == "error ignored terminating %r: %s" and record.args
                    and type(record.args[0]).__name__ == "Pipeline")


_PIPELINE_ABORTED = _PipelineAborted()


def _quiet_pipeline_aborts() -> None:
    """Install ``_PipelineAborted`` on psycopg's logger (once)."""
    logging.getLogger("psycopg").addFilter(_PIPELINE_ABORTED)  # a no-op when there already
