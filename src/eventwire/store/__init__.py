"""The event store: SQLite by default, PostgreSQL by URL; schema managed by Alembic.

>>> from eventwire.store import open_store
>>> with open_store("events.db") as store:  # doctest: +SKIP
...     store.save(coded)
"""

from __future__ import annotations

from eventwire.store import inputs  # noqa: F401 - registers the inputs table
from eventwire.store.store import STATUSES, SaveResult, Store, open_store

__all__ = ["STATUSES", "SaveResult", "Store", "open_store"]
