"""Fixtures of the analysis tests: stores filled through the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.pipeline import ingest
from eventwire.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
EXAMPLES = REPO / "examples"
#: the repository's own invented reports about military channels
CHANNEL_EXAMPLES = ("01_japan_china_hotline.txt", "02_us_russia_deconfliction_call.txt",
                    "03_india_china_corps_commander_talks.txt",
                    "13_china_us_defense_video_call.txt", "14_china_us_maritime_talks.txt",
                    "15_us_china_balloon_call_declined.txt",
                    "16_china_suspends_military_talks.txt")


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The five seed reports ingested into a fresh SQLite file."""
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared is not beside the repository")
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(str(path)) as store:
        report = ingest([str(seeds)], store)
        assert report.problems == [] and report.stored == 5
        yield store


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The example reports about channels ingested into a fresh SQLite file."""
    path = tmp_path_factory.mktemp("examples") / "examples.db"
    with open_store(str(path)) as store:
        report = ingest([str(EXAMPLES / name) for name in CHANNEL_EXAMPLES], store)
        assert report.problems == []
        yield store
