"""Missed events an analyst marks, and re-coding around them, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses

import pytest
from store_factory import make_coded

from eventwire.errors import UsageError
from eventwire.store import Store, reviews
from eventwire.store.missed import add_missed


def _document(store: Store) -> tuple[str, str]:
    coded = make_coded(4)
    store.save(coded)
    doc = coded.document
    return doc.id, doc.text.split(". ")[3]  # "Officials also urged calm near buoy 52."


def test_a_missed_event_is_stored_reviewed_and_logged(store: Store) -> None:
    doc_id, sentence = _document(store)
    event = add_missed(store, doc_id, sentence, "request", "alice",
                       fields={"actor": "NOR GOV", "recipient": "CHL"}, trigger="urged")
    stored = store.event(event.id)
    assert (stored.category, stored.coder, stored.evidence.trigger) == ("REQUEST", "analyst", "urged")
    assert [(a.code, a.sector) for a in stored.actor] == [("NOR", "GOV")]
    assert stored.evidence.sentence == sentence
    assert reviews.statuses(store, [event.id]) == {event.id: "missed"}
    assert reviews.review_counts(store)["missed"] == 1
    assert [e.action for e in reviews.history(store, event.id)] == ["missed"]
    assert event.id in {e.id for e in store.events(actor="NOR", recipient="CHL")}


def test_a_missed_event_must_be_in_the_document_and_marked_once(store: Store) -> None:
    doc_id, sentence = _document(store)
    with pytest.raises(UsageError, match="not in the document"):
        add_missed(store, doc_id, "A sentence nobody wrote.", "REQUEST", "alice")
    with pytest.raises(UsageError, match="trigger"):
        add_missed(store, doc_id, sentence, "REQUEST", "alice", trigger="demanded")
    with pytest.raises(UsageError, match="PLOVER category"):
        add_missed(store, doc_id, sentence, "GOSSIP", "alice")
    add_missed(store, doc_id, sentence, "REQUEST", "alice")
    with pytest.raises(UsageError, match="already marked"):
        add_missed(store, doc_id, sentence, "REQUEST", "bob")


def test_recoding_keeps_a_missed_event_and_does_not_code_it_twice(store: Store) -> None:
    doc_id, sentence = _document(store)
    missed = add_missed(store, doc_id, sentence, "REQUEST", "alice", trigger="urged")
    machine = [e for e in store.events(doc_id=doc_id, include_negated=True) if e.id != missed.id]
    # the new coder finds the missed event itself, at another trigger offset
    found = dataclasses.replace(machine[0], id="", category="REQUEST",
                                evidence=dataclasses.replace(missed.evidence, trigger_start=-1, sentence_index=3))
    store.replace_events(doc_id, [found], coder="hand-made 2")
    after = store.events(doc_id=doc_id, include_negated=True)
    assert [e.id for e in after] == [missed.id]
