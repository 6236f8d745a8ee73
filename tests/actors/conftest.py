"""Shared fixtures: the packaged dictionary, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.actors import ActorDictionary

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="session")
def actors() -> ActorDictionary:
    return ActorDictionary.load()
