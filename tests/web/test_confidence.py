"""Filtering by the coder's calibrated confidence: store, API, page, command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.store import open_store


def test_the_store_keeps_events_at_or_above_the_floor_and_every_reviewed_one(db_copy: Path) -> None:
    from eventwire.store.reviews import review
    with open_store(str(db_copy)) as store:
        every = store.events()
        low = min(e.confidence for e in every)
        floor = sorted(e.confidence for e in every)[len(every) // 2]
        kept = store.events(min_confidence=floor)
        assert 0 < len(kept) < len(every) and all(e.confidence >= floor for e in kept)
        weakest = min(every, key=lambda e: e.confidence)
        assert weakest.confidence == low < floor
        review(store, weakest.id, "accept", reviewer="alice")
        assert weakest.id in {e.id for e in store.events(min_confidence=floor)}
        assert store.count_events(min_confidence=floor) == len(kept) + 1


def test_the_api_filters_and_refuses_what_is_no_probability(reader: TestClient) -> None:
    every = reader.get("/api/events?per_page=500").json()
    kept = reader.get("/api/events?per_page=500&min_confidence=0.8").json()
    assert kept["total"] < every["total"] and all(e["confidence"] >= 0.8 for e in kept["events"])
    for bad in ("x", "1.5", "-0.1"):
        answer = reader.get(f"/api/events?min_confidence={bad}")
        assert answer.status_code == 400 and "probability" in answer.json()["error"]


def test_the_events_page_keeps_the_floor_in_its_form_and_links(reader: TestClient) -> None:
    page = reader.get("/events?min_confidence=0.8").text
    assert 'name="min_confidence"' in page and 'value="0.8"' in page
    assert "min_confidence=0.8" in page  # the export and JSON links carry it


@pytest.mark.parametrize("command", ["events", "export"])
def test_the_command_line_filters_by_confidence(capsys, examples_db: Path, command: str) -> None:
    from eventwire.cli import main
    args = [command, "--db", str(examples_db), "--format", "jsonl"]
    with pytest.raises(SystemExit):
        main(args)
    every = capsys.readouterr().out.splitlines()
    with pytest.raises(SystemExit):
        main(args + ["--min-confidence", "0.8"])
    kept = capsys.readouterr().out.splitlines()
    assert 0 < len(kept) < len(every)
    with pytest.raises(SystemExit) as done:
        main(args + ["--min-confidence", "2"])
    assert done.value.code == 2 and "not a probability" in capsys.readouterr().err
