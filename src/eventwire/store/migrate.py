"""Bring a database's schema to the newest Alembic revision shipped in the package.

Every command opens the store, and almost always the database is at the
newest revision already. That case takes one query against Alembic's version
table; Alembic itself, its dialects and the migration scripts (about a
quarter of a query command's start) are loaded only when there is something
to migrate.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from eventwire.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: The newest revision among the migration scripts; tests/store/test_store_open.py
#: fails until it is raised with each new script.
HEAD = "0006"
#: Alembic's table of the revision a database is at
VERSION_TABLE = "alembic_version"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest revision among the packaged migration scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise StoreError(f"no migrations found in {MIGRATIONS}; reinstall eventwire")
    return head


def current_revision(engine: sa.Engine) -> str | None:
    """The revision the database is at (None for a brand-new database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def has_schema(engine: sa.Engine) -> bool:
    """Whether the database holds eventwire's tables, at any revision."""
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        return inspector.has_table(VERSION_TABLE) or inspector.has_table("documents")


def at_head(engine: sa.Engine) -> bool:
    """Whether the database is at ``HEAD`` already, asked without Alembic."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table(VERSION_TABLE):
            return False
        revisions = conn.execute(sa.select(sa.column("version_num")).select_from(sa.table(VERSION_TABLE)))
        return revisions.scalars().all() == [HEAD]


def upgrade(engine: sa.Engine) -> None:
    """Migrate the database to head in one transaction; a no-op when current."""
    if at_head(engine):
        return
    from alembic import command
    from alembic.util.exc import CommandError

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
