"""Fixtures of the store tests (the record factory is in store_factory.py).

Every test that uses ``store`` runs twice: on SQLite and on a brand-new
database of the PostgreSQL server named by ``EVENTWIRE_TEST_PG``
(``postgres_url``, in tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.store import Store, open_store


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A brand-new store: a SQLite file, then a PostgreSQL database (``db_url``)."""
    with open_store(db_url) as s:
        yield s
