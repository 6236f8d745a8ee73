"""SELECT statements behind the store's read methods (filters as bound parameters)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from eventwire.errors import UsageError
from eventwire.store.schema import documents, event_actors, events, quotes


def parse_actor_filter(value: str) -> tuple[str, str | None]:
    """``"CHN"`` -> ("CHN", None); ``"CHN MIL"`` or ``"CHN-MIL"`` -> ("CHN", "MIL")."""
    parts = value.replace("-", " ").replace("/", " ").split()
    if not parts or len(parts) > 2:
        raise UsageError(f"actor filter {value!r} is not a code or 'CODE SECTOR' "
                         "(examples: 'CHN', 'USA MIL')")
    return parts[0].upper(), parts[1].upper() if len(parts) == 2 else None


def _has_actor(side: str, value: str) -> sa.ColumnElement[bool]:
    code, sector = parse_actor_filter(value)
    # IN, not a correlated EXISTS: SQLite then reads the index once, not per event
    match = sa.select(event_actors.c.event_id).where(
        event_actors.c.side == side, event_actors.c.code == code)
    if sector is not None:
        match = match.where(event_actors.c.sector == sector)
    return events.c.id.in_(match)


def _page(query: sa.Select, limit: int | None, offset: int) -> sa.Select:
    if limit is not None and limit < 0 or offset < 0:
        raise UsageError("limit and offset must be zero or more")
    if limit is not None:
        query = query.limit(limit)
    return query.offset(offset) if offset else query


def select_events(*, actor: str | None = None, recipient: str | None = None,
                  category: str | None = None, since: date | None = None,
                  until: date | None = None, doc_id: str | None = None,
                  include_negated: bool = False, limit: int | None = None,
                  offset: int = 0) -> sa.Select:
    """Events matching every given filter, by event date (undated last) then id."""
    query = sa.select(events)
    if actor:
        query = query.where(_has_actor("actor", actor))
    if recipient:
        query = query.where(_has_actor("recipient", recipient))
    if category:
        query = query.where(events.c.category == category.strip().upper())
    if since is not None:
        query = query.where(events.c.event_date >= since)
    if until is not None:
        query = query.where(events.c.event_date <= until)
    if doc_id:
        query = query.where(events.c.doc_id == doc_id)
    if not include_negated:
        query = query.where(events.c.negated == sa.false())
    query = query.order_by(events.c.event_date.is_(None), events.c.event_date, events.c.id)
    return _page(query, limit, offset)


def select_documents(*, since: date | None = None, until: date | None = None,
                     limit: int | None = None, offset: int = 0) -> sa.Select:
    """Documents published in the range, by publication date (undated last) then id."""
    query = sa.select(documents)
    if since is not None:
        query = query.where(documents.c.published >= since)
    if until is not None:
        query = query.where(documents.c.published <= until)
    query = query.order_by(documents.c.published.is_(None), documents.c.published,
                           documents.c.id)
    return _page(query, limit, offset)


def select_quotes(*, doc_id: str | None = None, speaker: str | None = None) -> sa.Select:
    """Quotes of a document and/or a speaker (a code, or part of a name), in saved order."""
    query = sa.select(quotes)
    if doc_id:
        query = query.where(quotes.c.doc_id == doc_id)
    if speaker:
        needle = speaker.strip()
        query = query.where(sa.or_(
            quotes.c.speaker_code == needle.upper(),
            quotes.c.speaker_text.icontains(needle, autoescape=True),
            quotes.c.speaker_name.icontains(needle, autoescape=True),
        ))
    return query.order_by(quotes.c.id)
