"""The review queue: the events most worth an analyst's look, first.

An event comes up early when the coder was unsure of it (a low calibrated
confidence), when the model hesitated between two categories (a small margin
between the text model's two likeliest categories for the sentence), and
when the model and the rules disagree (the model coded a category the rules
found nothing of, around the word that weighed most). Only events nobody has
reviewed are queued, filtered to the actors, pair and period the analyst
picks. Reviews and missed events are made with ``store.reviews`` and
``store.missed``, so every decision is in the audit trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import sqlalchemy as sa

from eventwire.records import Event
from eventwire.store import Store, queries, rows
from eventwire.store.schema import event_reviews, events

if TYPE_CHECKING:  # the model (scikit-learn, scipy) loads with the queue's first ranking, not with the workbench
    from eventwire.learn.model import EventModel

#: the unreviewed events read to rank, the least confident first: enough for an afternoon
CANDIDATES: Final = 2000
#: weights of the three signs of doubt in the priority
CONFIDENCE_WEIGHT: Final = 1.0
MARGIN_WEIGHT: Final = 1.0
DISAGREE_WEIGHT: Final = 0.5
#: the rule text of an event the model built where the rules found none of its category
MODEL_ONLY: Final = "model word"


@dataclass
class QueueItem:
    """One queued event and why it is there."""

    event: Event
    priority: float
    margin: float | None  # text model: likeliest category minus the runner-up (None: no model)
    runner_up: str | None
    disagree: bool
    reasons: list[str] = field(default_factory=list)


@dataclass
class ReviewQueue:
    """The queued events, the most worth a look first, and the counts of the filtered set."""

    items: list[QueueItem]
    remaining: int  # unreviewed events matching the filters
    decided: int  # reviewed events (missed ones included) matching the filters


@dataclass(slots=True)
class QueueFilter:
    """Which events the analyst wants to review."""

    actor: str | None = None
    recipient: str | None = None
    category: str | None = None
    since: date | None = None
    until: date | None = None

    def where(self) -> list[sa.ColumnElement[bool]]:
        return queries.event_filters(actor=self.actor, recipient=self.recipient, category=self.category,
                                     since=self.since, until=self.until, include_rejected=True)


def _unreviewed() -> sa.ColumnElement[bool]:
    return events.c.id.not_in(sa.select(event_reviews.c.event_id))


def candidates(store: Store, wanted: QueueFilter, limit: int = CANDIDATES) -> list[Event]:
    """Unreviewed events matching ``wanted``, the least confident first."""
    query = (sa.select(events).where(*wanted.where(), _unreviewed())
             .order_by(events.c.confidence, events.c.id).limit(limit))
    with store.engine.connect() as conn:
        return [rows.event_from_row(r) for r in conn.execute(query).mappings()]


def counts(store: Store, wanted: QueueFilter) -> tuple[int, int]:
    """(unreviewed, reviewed) events matching ``wanted``."""
    base = sa.select(sa.func.count()).select_from(events).where(*wanted.where())
    with store.engine.connect() as conn:
        remaining = conn.execute(base.where(_unreviewed())).scalar_one()
        decided = conn.execute(base.where(events.c.id.in_(sa.select(event_reviews.c.event_id)))).scalar_one()
    return int(remaining), int(decided)


def margins(model: EventModel | None, found: Sequence[Event]) -> list[tuple[float | None, str | None]]:
    """Per event: the text model's margin between its two likeliest categories for the
    sentence, and the likeliest one that is not the event's own."""
    if model is None or not found:
        return [(None, None)] * len(found)
    from eventwire.learn.model import LABELS
    _, category = model.text_scores([e.evidence.sentence for e in found])
    out = []
    for event, row in zip(found, category):
        order = np.argsort(-row)
        top, second = float(row[order[0]]), float(row[order[1]])
        given = top + 1e-9
        other = next(LABELS[int(k)] for k in order if LABELS[int(k)] != event.category)
        out.append((round((top - second) / given, 4), other))
    return out


def disagrees(event: Event) -> bool:
    """Whether the model coded this category where the rules found none of it."""
    return MODEL_ONLY in event.evidence.rule


def rank(found: Sequence[Event], model: EventModel | None) -> list[QueueItem]:
    """The events as queue items, the most worth a look first (ties: by id, for a stable order)."""
    items = []
    for event, (margin, other) in zip(found, margins(model, found)):
        hesitation = 1.0 - margin if margin is not None else 0.0
        disagree = disagrees(event)
        priority = (CONFIDENCE_WEIGHT * (1.0 - event.confidence) + MARGIN_WEIGHT * hesitation
                    + DISAGREE_WEIGHT * disagree)
        reasons = [f"confidence {event.confidence:.2f}"]
        if margin is not None and margin < 0.5:
            reasons.append(f"the model hesitates between {event.category} and {other}")
        if disagree:
            reasons.append(f"the rules found no {event.category} here")
        items.append(QueueItem(event, round(priority, 4), margin, other, disagree, reasons))
    items.sort(key=lambda i: (-i.priority, i.event.id))
    return items


def review_queue(store: Store, wanted: QueueFilter | None = None, *, model: EventModel | None = None,
                 limit: int = 50) -> ReviewQueue:
    """The first ``limit`` events of the queue for ``wanted``, ranked with ``model``'s text scores."""
    wanted = wanted or QueueFilter()
    remaining, decided = counts(store, wanted)
    ranked = rank(candidates(store, wanted), model)
    return ReviewQueue(ranked[:limit], remaining, decided)


def item_json(item: QueueItem) -> dict[str, Any]:
    """What the queue's JSON says of an item, besides the event itself."""
    return {"priority": item.priority, "margin": item.margin, "runner_up": item.runner_up,
            "disagree": item.disagree, "reasons": item.reasons}
