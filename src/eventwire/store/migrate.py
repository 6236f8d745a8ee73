"""Bring a database's schema to the newest Alembic revision shipped in the package."""

from __future__ import annotations

import logging
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError

from eventwire.errors import StoreError

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest revision this version of eventwire knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise StoreError(f"no migrations found in {MIGRATIONS}; reinstall eventwire")
    return head


def current_revision(engine: sa.Engine) -> str | None:
    """The revision the database is at (None for a brand-new database)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Migrate the database to head in one transaction; a no-op when current."""
    head = head_revision()
    if current_revision(engine) == head:
        return
    config = alembic_config()
    try:
        with engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
    except CommandError as exc:
        raise StoreError(f"database schema cannot be upgraded ({exc}); it may have been "
                         "written by a newer eventwire: upgrade eventwire") from exc
    log.info("database schema migrated to revision %s", head)
