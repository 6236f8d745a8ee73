"""Fixtures of the store tests (the record factory is in store_factory.py).

Every test that uses ``store`` runs twice: on SQLite and on the PostgreSQL
server named by ``EVENTWIRE_TEST_PG`` (``make test`` starts one on loopback
with scripts/test-postgres.sh). Without that variable the PostgreSQL runs
fail with a message saying how to start the server, unless it is set to
``skip``.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from eventwire.store import Store, open_store

PG_ENV = "EVENTWIRE_TEST_PG"


def postgres_admin_url() -> str:
    url = os.environ.get(PG_ENV, "")
    if url == "skip":
        pytest.skip(f"{PG_ENV}=skip")
    if not url:
        pytest.fail(f"{PG_ENV} is not set: start a server with "
                    f"`export {PG_ENV}=$(bash scripts/test-postgres.sh)` (make test does this)")
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A brand-new, empty PostgreSQL database, dropped afterwards."""
    admin = sa.make_url(postgres_admin_url()).set(drivername="postgresql+psycopg")
    name = f"ew_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A brand-new store: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        url = str(tmp_path / "events.db")
    else:
        url = request.getfixturevalue("postgres_url")
    with open_store(url) as s:
        yield s
