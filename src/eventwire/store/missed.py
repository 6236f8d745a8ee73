"""Events the coder missed: an analyst marks a sentence as holding one.

A missed event is stored as an event of its own (coder ``analyst``) with a
review status ``missed``: every view, filter and export shows it, re-coding
never replaces it (``Store.replace_events`` keeps reviewed events), and
``eventwire export-training`` turns it into a positive example, so that the
next model learns the recall it lacked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from eventwire.errors import UsageError
from eventwire.plover import score
from eventwire.records import Event, Evidence
from eventwire.store import rows
from eventwire.store.reviews import apply_changes, check_review
from eventwire.store.schema import event_actors, event_pairs, event_reviews, events, review_log

if TYPE_CHECKING:
    from eventwire.store.store import Store

STATUS = "missed"
CODER = "analyst"
#: the fields a missed event may be given besides its category
FIELDS = ("actor", "recipient", "mode", "context", "date", "date_precision", "future", "hypothetical",
          "historical")


def sentence_span(text: str, sentence: str) -> tuple[int, int]:
    """The offsets of ``sentence`` in the document ``text``."""
    wanted = sentence.strip()
    if not wanted:
        raise UsageError("a missed event needs the sentence that holds it")
    start = text.find(wanted)
    if start < 0:
        raise UsageError("the sentence is not in the document: copy it from the article as it stands")
    return start, start + len(wanted)


def _trigger(sentence: str, trigger: str | None) -> str:
    words = (trigger or "").strip()
    if words and words not in sentence:
        raise UsageError(f"the trigger {words!r} is not in the sentence; give the words that name the act")
    return words


def add_missed(store: Store, doc_id: str, sentence: str, category: str, reviewer: str, *,
               fields: Mapping[str, Any] | None = None, trigger: str | None = None,
               note: str | None = None) -> Event:
    """Record that ``sentence`` of document ``doc_id`` holds an event of ``category``
    the coder did not find; returns the stored event."""
    if not reviewer.strip():
        raise UsageError("a review needs the reviewer's name")
    unknown = sorted(set(fields or {}) - set(FIELDS))
    if unknown:
        raise UsageError(f"a missed event cannot be given {', '.join(unknown)}; fields: {', '.join(FIELDS)}")
    changes = {"category": category, **(fields or {})}
    check_review(changes, note)
    document = store.document(doc_id)
    start, end = sentence_span(document.text, sentence)
    words = _trigger(document.text[start:end], trigger)
    blank = Event(category="CONSULT", actor=[], recipient=[], date=document.published,
                  date_precision="day" if document.published else "unknown",
                  evidence=Evidence(doc_id=document.id, sentence_index=-1, start=start, end=end,
                                    sentence=document.text[start:end], trigger=words,
                                    trigger_start=start + document.text[start:end].find(words) if words else -1,
                                    rule="missed event marked by an analyst"),
                  confidence=1.0, coder=CODER)
    event = apply_changes(blank, changes)
    event.intensity = score(event.category)
    return _insert(store, document.id, event, reviewer, note)


def missed_event_id(doc_id: str, event: Event) -> str:
    """A stable id for a missed event: one per sentence, category and trigger."""
    key = f"{doc_id}|missed|{event.evidence.start}|{event.category}|{event.evidence.trigger_start}"
    return "m" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:19]


def _insert(store: Store, doc_id: str, event: Event, reviewer: str, note: str | None) -> Event:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    with store._write() as conn:  # noqa: SLF001 - the store package's own transaction
        seq = conn.execute(sa.select(sa.func.coalesce(sa.func.max(events.c.seq), -1))
                           .where(events.c.doc_id == doc_id)).scalar_one() + 1
        event_id = missed_event_id(doc_id, event)
        if conn.execute(sa.select(events.c.id).where(events.c.id == event_id)).first():
            raise UsageError("this sentence is already marked as holding a missed event of "
                             f"{event.category}; review that event instead")
        event.id = event_id
        actor_rows = rows.event_actor_rows(event, event_id)
        conn.execute(events.insert(), [rows.event_row(event, event_id, doc_id, seq)])
        for table, values in ((event_actors, actor_rows), (event_pairs, rows.pair_rows(actor_rows))):
            if values:
                conn.execute(table.insert(), values)
        # "machine" is what a re-run of the coder must not write again: this category here
        conn.execute(event_reviews.insert(), {
            "event_id": event_id, "status": STATUS, "reviewer": reviewer, "reviewed_at": now,
            "machine": {"category": event.category, "missed": True,
                        "evidence": {"start": event.evidence.start, "sentence_index": None}}})
        conn.execute(review_log.insert(), {
            "event_id": event_id, "action": "missed", "reviewer": reviewer, "at": now,
            "before": {}, "after": event.to_dict(), "note": note or None})
    return event
