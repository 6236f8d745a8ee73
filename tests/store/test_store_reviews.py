"""Reviews and re-coding at the store, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import dataclasses

import pytest
from store_factory import make_actor, make_coded, make_quote

from eventwire.errors import NotFoundError, UsageError
from eventwire.store import Store, reviews


def _saved(store: Store, i: int = 5) -> list:
    """The events of a new document ``i`` (three of them), as stored."""
    coded = make_coded(i)
    store.save(coded)
    found = store.events(doc_id=coded.document.id, include_negated=True)
    assert len(found) == 3
    return sorted(found, key=lambda e: e.evidence.sentence_index)


def test_a_correction_rewrites_the_event_its_actors_and_its_pair(store: Store) -> None:
    event = _saved(store)[0]
    after = reviews.correct(store, event.id, "alice", {"actor": "PRK GOV (Pyongyang)",
                                                      "category": "threaten", "date": "2021-06-30"},
                            note="wrong side")
    assert store.event(event.id) == after
    assert (after.category, after.date.isoformat()) == ("THREATEN", "2021-06-30")
    assert [(a.code, a.sector, a.name) for a in after.actor] == [("PRK", "GOV", "Pyongyang")]
    # the actor and pair tables the filters use follow the correction
    assert [e.id for e in store.events(actor="PRK", include_negated=True)] == [event.id]
    old_actor = event.actor[0].code
    assert event.id not in {e.id for e in store.events(actor=old_actor, include_negated=True)}
    recipient = event.recipient[0].code
    assert [e.id for e in store.events(actor="PRK", recipient=recipient, include_negated=True)] == [event.id]
    [entry] = reviews.history(store, event.id)
    assert (entry.action, entry.reviewer, entry.note) == ("correct", "alice", "wrong side")
    assert set(entry.changed()) == {"category", "actor", "date", "intensity"}
    assert entry.before == event.to_dict()
    assert reviews.machine_version(store, event.id) == event.to_dict()


def test_reviews_keep_the_machine_version_and_every_step(store: Store) -> None:
    first, second, third = _saved(store)
    reviews.accept(store, first.id, "alice")
    reviews.correct(store, first.id, "bob", {"location": "Busan"})
    reviews.reject(store, second.id, "carol")
    assert [e.action for e in reviews.history(store, first.id)] == ["accept", "correct"]
    assert reviews.machine_version(store, first.id) == first.to_dict()  # not the accepted copy
    assert reviews.machine_version(store, third.id) is None
    assert reviews.statuses(store, [first.id, second.id, third.id]) == {
        first.id: "corrected", second.id: "rejected"}
    assert reviews.review_counts(store) == {"accepted": 0, "corrected": 1, "rejected": 1, "missed": 0}
    visible = {e.id for e in store.events(include_negated=True)}
    assert second.id not in visible and {first.id, third.id} <= visible
    assert second.id in {e.id for e in store.events(include_negated=True, include_rejected=True)}


def test_a_review_that_cannot_apply_changes_nothing(store: Store) -> None:
    event = _saved(store)[0]
    with pytest.raises(NotFoundError, match="eventwire events"):
        reviews.accept(store, "no-such-event", "alice")
    with pytest.raises(UsageError, match="category"):
        reviews.correct(store, event.id, "alice", {"category": "NOT_A_CATEGORY"})
    with pytest.raises(UsageError, match="reviewer"):
        reviews.reject(store, event.id, "  ")
    assert store.event(event.id) == event
    assert reviews.history(store, event.id) == []
    assert reviews.review_counts(store) == {"accepted": 0, "corrected": 0, "rejected": 0, "missed": 0}


def test_recoding_replaces_machine_events_and_keeps_reviewed_ones(store: Store) -> None:
    first, second, third = _saved(store)
    doc_id = first.evidence.doc_id
    reviews.correct(store, first.id, "alice", {"category": "ACCUSE"})
    reviews.reject(store, second.id, "bob")
    # the new coder finds the same three events (two of them reviewed) and a new one
    moved = dataclasses.replace(third, id="", location="Seoul")
    new = [dataclasses.replace(first, id=""), dataclasses.replace(second, id=""), moved]
    quote = dataclasses.replace(make_quote(store.document(doc_id)),
                                speaker=make_actor("KOR", "GOV", name="A spokesperson"))
    assert store.replace_events(doc_id, new, new_quotes=[quote], coder="hand-made 2") == 1
    after = {e.id: e for e in store.events(doc_id=doc_id, include_negated=True, include_rejected=True)}
    assert after[first.id].category == "ACCUSE"  # the reviewer's version, not the coder's
    assert second.id in after
    assert [e.location for e in after.values() if e.id not in (first.id, second.id)] == ["Seoul"]
    assert len(after) == 3
    assert store.quotes(doc_id=doc_id) == [quote]
    with pytest.raises(NotFoundError, match="ingest it"):
        store.replace_events("no-such-document", [])
