"""The simulated analyst of bench/teach.py: its decisions are the gold's, and what it
reviewed becomes training records that agree with the gold."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from eventwire.plover import plover_view

BENCH = Path(__file__).resolve().parents[1] / "bench" / "teach.py"
STORIES = 4


@pytest.fixture(scope="module")
def teach():
    spec = importlib.util.spec_from_file_location("bench_teach", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_analyst_answers_as_the_gold_does(teach, shared: Path, nlp, tmp_path: Path) -> None:
    from eventwire.coder import DocumentCoder
    from eventwire.learn.data import gold_with_stories
    from eventwire.learn.reviewed import review_records
    from eventwire.store import open_store, reviews
    gold, stories = gold_with_stories([teach.GOLD / "train.jsonl"], shared / "corpus" / "voa" / "voa_stories.jsonl")
    chosen = list(dict.fromkeys(g.story for g in gold))[:STORIES]
    gold = [g for g in gold if g.story in chosen]
    db = str(tmp_path / "teach.db")
    assert teach.ingest_stories(db, gold, stories, DocumentCoder(nlp)) > 0
    analyst = teach.Analyst(gold, stories)
    with open_store(db) as store:
        events = teach.order_events(store, "queue", None, 1000, 0)
        assert teach.order_events(store, "random", None, 5, 0) == teach.order_events(store, "random", None, 5, 0)
        taken = {e.id: (e, analyst.decide(store, e)) for e in events}
        missed = sum(analyst.mark_missed(store, doc) for doc in analyst.by_doc)
        status = reviews.statuses(store, taken)
        for event_id, (event, action) in taken.items():
            g = analyst.sentence_of(event)
            if action == "reject":
                assert not g.events and status[event_id] == "rejected"
            elif action == "accept":
                assert plover_view(event.category, event.future) in g.categories
            elif action == "correct":
                after = store.event(event_id)
                assert plover_view(after.category, after.future) == g.categories[0]
        assert {a for _, a in taken.values()} >= {"accept", "reject"}
        records = review_records(store)
    assert missed > 0  # the coder misses some of the gold's events in any four stories
    assert any(r["reason"] == "rejected" for r in records) and any(r["events"] for r in records)
