"""Shared fixtures: the spaCy pipeline (loaded once) and the ../shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
GOLD = REPO / "tests" / "gold"


@pytest.fixture(scope="session")
def nlp():
    from eventwire.nlp import load_nlp
    return load_nlp()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The third-party reports beside the repository (present in CI)."""
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED
