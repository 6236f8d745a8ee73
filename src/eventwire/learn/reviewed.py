"""Reviewed events as labelled sentences: what an analyst taught the coder.

Every sentence holding a reviewed event becomes one record of the training
corpus's shape (docs/codebook.md, section 6): its accepted and corrected
events and the missed events an analyst added, the main one first; a
sentence whose every reviewed event was rejected holds no event (reason
``rejected``). ``eventwire export-training`` writes these records and
``eventwire train --with-reviews`` learns from them.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import sqlalchemy as sa

from eventwire.actors.sectors import SECTORS
from eventwire.labelled import CODE, validate_record
from eventwire.records import Actor, Event
from eventwire.store import Store, rows
from eventwire.store.schema import documents, event_reviews, events

log = logging.getLogger(__name__)

#: review statuses whose event the sentence holds
POSITIVE: Final = ("accepted", "corrected", "missed")
#: the share of reviewed documents held out to measure a retrained model on
HELD_SHARE: Final = 0.2


def reviewed_rows(store: Store) -> list[tuple[Event, str, Any]]:
    """Every reviewed event with its status and its document's day, in document order."""
    query = (sa.select(events, event_reviews.c.status, documents.c.published)
             .join(event_reviews, event_reviews.c.event_id == events.c.id)
             .join(documents, documents.c.id == events.c.doc_id)
             .order_by(events.c.doc_id, events.c.sentence_start, events.c.seq))
    with store.engine.connect() as conn:
        found = conn.execute(query).mappings().all()
    return [(rows.event_from_row(r), r["status"], r["published"]) for r in found]


def event_record(event: Event, sentence: str) -> dict[str, Any]:
    """One event in the record shape."""
    trigger = event.evidence.trigger if event.evidence.trigger and event.evidence.trigger in sentence else ""
    return {
        "event": event.category, "mode": event.mode or "", "context": list(event.context),
        "actor": _actors(event.actor), "recipient": _actors(event.recipient),
        # an analyst may name the event without its words: the sentence stands for them
        "trigger": trigger or sentence,
        "date": event.date.isoformat() if event.date else None, "date_precision": event.date_precision,
        "future": event.future, "hypothetical": event.hypothetical, "historical": event.historical}


def _actors(actors: Sequence[Actor]) -> list[dict[str, str]]:
    """Actors as codes and sectors; a code or sector the codebook does not know is left out."""
    return [{"code": a.code, "sector": a.sector if a.sector in SECTORS else ""}
            for a in actors if CODE.match(a.code or "")]


def sentence_records(found: Iterable[tuple[Event, str, Any]]) -> list[dict[str, Any]]:
    """One record per reviewed sentence (see the module's docstring)."""
    grouped: dict[tuple[str, int], list[tuple[Event, str, Any]]] = {}
    for item in found:
        grouped.setdefault((item[0].evidence.doc_id, item[0].evidence.start), []).append(item)
    out = []
    for (doc_id, start), items in grouped.items():
        sentence = items[0][0].evidence.sentence
        kept = [e for e, status, _ in items if status in POSITIVE and not e.negated]
        # the main event: the one the coder (or analyst) was surest of
        kept.sort(key=lambda e: -e.confidence)
        day = items[0][2]
        out.append({"id": f"RV-{doc_id[:12]}-{start}", "doc": doc_id, "start": start,
                    "end": items[0][0].evidence.end, "date": day.isoformat() if day else None,
                    "text": sentence, "events": [event_record(e, sentence) for e in _distinct(kept)],
                    "reason": None if kept else "rejected"})
    return out


def _distinct(found: Sequence[Event]) -> list[Event]:
    seen: set[str] = set()
    out = []
    for event in found:
        if event.category not in seen:
            seen.add(event.category)
            out.append(event)
    return out


def review_records(store: Store) -> list[dict[str, Any]]:
    """The store's reviewed sentences as labelled records, each one checked."""
    records = sentence_records(reviewed_rows(store))
    valid = [r for r in records if not validate_record(r)]
    if len(valid) < len(records):  # a field the codebook does not know: the sentence is left out, said once
        log.warning("%d reviewed sentences left out of the training data: %s", len(records) - len(valid),
                    "; ".join(f"{r['id']}: {validate_record(r)[0]}" for r in records if validate_record(r))[:500])
    return valid


def write_records(records: Sequence[dict[str, Any]], path: Path) -> None:
    """Write records as JSON Lines (the training corpus's format)."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def held_out(doc_id: str, share: float = HELD_SHARE) -> bool:
    """Whether a document's reviews are held out: the same answer on every run."""
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) / 0xFFFFFFFF < share


def split_records(records: Sequence[dict[str, Any]],
                  share: float = HELD_SHARE) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Records to train on and records held out, by document."""
    train, held = [], []
    for record in records:
        (held if held_out(str(record.get("doc") or record["id"]), share) else train).append(record)
    return train, held
