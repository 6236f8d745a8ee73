"""Fixtures of the store tests (the record factory is in store_factory.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A brand-new SQLite store in a temporary folder."""
    with open_store(str(tmp_path / "events.db")) as s:
        yield s
