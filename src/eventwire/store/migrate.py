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


#: the PostgreSQL advisory lock migrations take (any number, the same in every
#: eventwire: "ew" "mi" "gr" in ASCII)
MIGRATION_LOCK = 0x65776D696772


def _one_at_a_time(conn: sa.Connection) -> None:
    """Hold other migrations of the database off until this transaction ends.

    Two ingests started together on a new PostgreSQL database both found it
    empty and both created the tables: the second failed on a duplicate key of
    the server's catalogue. Under this lock, the second waits, then finds the
    database at head and migrates nothing. (SQLite's migrations begin
    IMMEDIATE, which takes the database's one write lock already.)
    """
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")


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
                _one_at_a_time(conn)
                config.attributes["connection"] = conn
                command.upgrade(config, "head")  # from the revision it finds now: none, if another got there
    except CommandError as exc:
        raise StoreError(f"database schema cannot be upgraded ({exc}); it may have been "
                         "written by a newer eventwire: upgrade eventwire") from exc
    log.info("database schema migrated to revision %s", head)
