"""Events and quotes between two countries (a dyad), in both directions."""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from eventwire.errors import UsageError
from eventwire.records import Event
from eventwire.store import Store
from eventwire.store import queries, rows
from eventwire.store.schema import events

_DYAD = re.compile(r"^\s*([A-Za-z][A-Za-z0-9]{1,7})\s*[-–/,:]\s*([A-Za-z][A-Za-z0-9]{1,7})\s*$")


def parse_dyad(value: str) -> tuple[str, str]:
    """``"CHN-USA"`` -> ("CHN", "USA")."""
    match = _DYAD.match(value or "")
    if match is None:
        raise UsageError(f"dyad {value!r} is not two codes joined by '-' (example: CHN-USA)")
    first, second = (code.upper() for code in match.groups())
    if first == second:
        raise UsageError(f"dyad {value!r} names the same country twice")
    return first, second


def dyad_clause(a: str, b: str, *, since: date | None = None, until: date | None = None,
                include_negated: bool = False) -> sa.ColumnElement[bool]:
    """Events from ``a`` to ``b`` or from ``b`` to ``a`` (each counted once)."""
    ways = [sa.and_(*queries.event_filters(actor=x, recipient=y, since=since, until=until,
                                           include_negated=include_negated))
            for x, y in ((a, b), (b, a))]
    return sa.or_(*ways)


def dyad_events(store: Store, a: str, b: str, *, since: date | None = None,
                until: date | None = None, order_by: str = "date",
                limit: int | None = None) -> list[Event]:
    """The dyad's events (not negated, not rejected), as reviewers left them."""
    query = (sa.select(events).where(dyad_clause(a, b, since=since, until=until))
             .order_by(*queries.event_order(order_by)))
    if limit is not None:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return [rows.event_from_row(r) for r in conn.execute(query).mappings()]


def main_events(store: Store, a: str, b: str, *, since: date | None = None,
                until: date | None = None, limit: int = 25) -> list[Event]:
    """The dyad's weightiest events (largest |PLOVER score|, then confidence), by date."""
    query = (sa.select(events).where(dyad_clause(a, b, since=since, until=until))
             .order_by(sa.func.abs(events.c.intensity).desc(), events.c.confidence.desc(),
                       # the latest first, undated last on PostgreSQL as on SQLite
                       events.c.event_date.is_(None), events.c.event_date.desc(), events.c.id)
             .limit(limit))
    with store.engine.connect() as conn:
        found = [rows.event_from_row(r) for r in conn.execute(query).mappings()]
    return sorted(found, key=lambda e: (e.date is None, e.date or date.min, e.id))


def direction_counts(store: Store, a: str, b: str, *, since: date | None = None,
                     until: date | None = None) -> dict[str, dict[str, int]]:
    """Events per category in each direction: {"CHN→USA": {"ACCUSE": 3, ...}, ...}."""
    out: dict[str, dict[str, int]] = {}
    n = sa.func.count().label("n")
    with store.engine.connect() as conn:
        for x, y in ((a, b), (b, a)):
            query = (sa.select(events.c.category, n)
                     .where(*queries.event_filters(actor=x, recipient=y, since=since,
                                                   until=until))
                     .group_by(events.c.category).order_by(n.desc(), events.c.category))
            out[f"{x}→{y}"] = {r.category: int(r.n) for r in conn.execute(query)}
    return out
