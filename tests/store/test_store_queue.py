"""The review queue's order and counts at the store, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import dataclasses
from datetime import date

from store_factory import make_coded

from eventwire.learn.registry import load_model
from eventwire.review_queue import QueueFilter, rank, review_queue
from eventwire.store import Store, reviews


def _store_with_confidences(store: Store) -> list[str]:
    """Four documents whose events have distinct confidences; their ids, the least sure first."""
    for i in range(4):
        coded = make_coded(i * 3 + 2)
        coded.events = [dataclasses.replace(e, confidence=0.9 - 0.2 * i - 0.05 * k)
                        for k, e in enumerate(coded.events)]
        store.save(coded)
    found = store.events(include_negated=True)
    return [e.id for e in sorted(found, key=lambda e: e.confidence) if not e.negated]


def test_without_a_model_the_least_confident_come_first(store: Store) -> None:
    order = _store_with_confidences(store)
    queue = review_queue(store, model=None, limit=100)
    assert [i.event.id for i in queue.items] == order
    assert (queue.remaining, queue.decided) == (len(order), 0)
    reviews.accept(store, order[0], "alice")
    reviews.reject(store, order[1], "alice")
    after = review_queue(store, model=None, limit=2)
    assert [i.event.id for i in after.items] == order[2:4]
    assert (after.remaining, after.decided) == (len(order) - 2, 2)


def test_the_queue_filters_to_a_pair_and_a_period(store: Store) -> None:
    _store_with_confidences(store)
    everything = review_queue(store, model=None, limit=100).items
    pair = review_queue(store, QueueFilter(actor="CHN", recipient="USA"), model=None, limit=100).items
    assert pair and len(pair) < len(everything)
    assert all(any(a.code == "CHN" for a in i.event.actor) and any(r.code == "USA" for r in i.event.recipient)
               for i in pair)
    later = review_queue(store, QueueFilter(since=date(2023, 3, 9)), model=None, limit=100).items
    assert later and all(i.event.date >= date(2023, 3, 9) for i in later)


def test_hesitation_and_disagreement_move_an_event_up(store: Store) -> None:
    _store_with_confidences(store)
    found = [i.event for i in review_queue(store, model=None, limit=100).items]
    surest = max(found, key=lambda e: e.confidence)
    assert rank(found, None)[-1].event.id == surest.id
    surest.evidence.rule = "model CONSULT 0.90; model word 'spoke'"
    moved = [i.event.id for i in rank(found, None)]
    assert moved.index(surest.id) < len(found) - 1
    assert "the rules found no" in rank([surest], None)[0].reasons[-1]
    ranked = rank(found, load_model("default"))  # the text model's hesitation counts too
    assert all(i.margin is not None and 0 <= i.margin <= 1 and i.runner_up for i in ranked)
    priorities = [i.priority for i in ranked]
    assert priorities == sorted(priorities, reverse=True)
