"""Shared fixtures: the spaCy pipeline (loaded once) and the ../shared folder."""

from __future__ import annotations

import gc
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def free_port() -> Callable[[], int]:
    """Gives a port on loopback that nothing listens on (for a test's own server)."""
    return _free_port


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, timeout=120, check=True)
    return set(out.stdout.split())


@pytest.fixture(scope="session")
def modules_after() -> Callable[[str], set[str]]:
    """Gives the modules a fresh interpreter has loaded once it has run some code."""
    return _modules_after


@pytest.fixture()
def gc_collector() -> Iterator[tuple[int, int, int]]:
    """The garbage collector's thresholds before the test; the collector is
    put back as it was after it (resumed, thresholds restored, unfrozen)."""
    from eventwire import gcpause
    before = gc.get_threshold()
    yield before
    gcpause.resume()
    gc.unfreeze()
    gc.set_threshold(*before)
