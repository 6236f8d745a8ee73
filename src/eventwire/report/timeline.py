"""A dyad's timeline: events per week or month by quad class, with the mean PLOVER score."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from eventwire.errors import UsageError
from eventwire.plover import CATEGORIES, QUAD_CLASSES
from eventwire.report.dyad import dyad_clause
from eventwire.store import Store
from eventwire.store.schema import events

INTERVALS = ("week", "month")


@dataclass(slots=True)
class Timeline:
    """Counts per period and quad class, and the mean intensity per period."""

    dyad: tuple[str, str]
    interval: str
    periods: list[str] = field(default_factory=list)  # period start, ISO date
    counts: dict[str, list[int]] = field(default_factory=dict)  # quad class -> per period
    mean_score: list[float | None] = field(default_factory=list)
    total: int = 0
    undated: int = 0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["dyad"] = "-".join(self.dyad)
        return data


def period_start(day: date, interval: str) -> date:
    """The first day of the week (Monday) or month that holds ``day``."""
    if interval == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _next(start: date, interval: str) -> date:
    if interval == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def dyad_timeline(store: Store, a: str, b: str, *, interval: str = "month",
                  since: date | None = None, until: date | None = None) -> Timeline:
    """The timeline of events between ``a`` and ``b`` (both directions)."""
    if interval not in INTERVALS:
        raise UsageError(f"interval {interval!r} is not one of {', '.join(INTERVALS)}")
    query = sa.select(events.c.event_date, events.c.category, events.c.intensity).where(
        dyad_clause(a, b, since=since, until=until))
    counts: dict[date, Counter[str]] = defaultdict(Counter)
    scores: dict[date, list[float]] = defaultdict(list)
    timeline = Timeline((a, b), interval)
    with store.engine.connect() as conn:
        for day, category, intensity in conn.execute(query):
            timeline.total += 1
            if day is None:
                timeline.undated += 1
                continue
            start = period_start(day, interval)
            quad = CATEGORIES.get(category, ("other", 0.0))[0]
            counts[start][quad] += 1
            scores[start].append(intensity)
    _fill(timeline, counts, scores)
    return timeline


def _fill(timeline: Timeline, counts: dict[date, Counter[str]],
          scores: dict[date, list[float]]) -> None:
    """Every period from the first to the last, empty ones included."""
    timeline.counts = {quad: [] for quad in QUAD_CLASSES}
    if not counts:
        return
    start, last = min(counts), max(counts)
    while start <= last:
        timeline.periods.append(start.isoformat())
        for quad in QUAD_CLASSES:
            timeline.counts[quad].append(counts[start][quad] if start in counts else 0)
        values = scores.get(start)
        timeline.mean_score.append(round(sum(values) / len(values), 3) if values else None)
        start = _next(start, timeline.interval)
