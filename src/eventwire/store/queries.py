"""SELECT statements behind the store's read methods (filters as bound parameters)."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from eventwire.errors import UsageError
from eventwire.store.schema import (documents, event_actors, event_pairs, event_reviews,
                                    events, quotes)


def parse_actor_filter(value: str) -> tuple[str, str | None]:
    """``"CHN"`` -> ("CHN", None); ``"CHN MIL"`` or ``"CHN-MIL"`` -> ("CHN", "MIL")."""
    parts = value.replace("-", " ").replace("/", " ").split()
    if not parts or len(parts) > 2:
        raise UsageError(f"actor filter {value!r} is not a code or 'CODE SECTOR' "
                         "(examples: 'CHN', 'USA MIL')")
    return parts[0].upper(), parts[1].upper() if len(parts) == 2 else None


def _has_actor(side: str, value: str, since: date | None = None,
               until: date | None = None) -> sa.ColumnElement[bool]:
    code, sector = parse_actor_filter(value)
    # IN, not a correlated EXISTS: SQLite then reads the index once, not per event;
    # the date bounds keep that read to the rows of the range
    match = sa.select(event_actors.c.event_id).where(
        event_actors.c.side == side, event_actors.c.code == code)
    if sector is not None:
        match = match.where(event_actors.c.sector == sector)
    if since is not None:
        match = match.where(event_actors.c.event_date >= since)
    if until is not None:
        match = match.where(event_actors.c.event_date <= until)
    return events.c.id.in_(match)


def _has_pair(actor: str, recipient: str, since: date | None,
              until: date | None) -> sa.ColumnElement[bool]:
    """Any actor has the code of ``actor`` and any recipient that of ``recipient``:
    one range of the pairs index, however often each country acts alone."""
    match = sa.select(event_pairs.c.event_id).where(
        event_pairs.c.actor_code == parse_actor_filter(actor)[0],
        event_pairs.c.recipient_code == parse_actor_filter(recipient)[0])
    if since is not None:
        match = match.where(event_pairs.c.event_date >= since)
    if until is not None:
        match = match.where(event_pairs.c.event_date <= until)
    return events.c.id.in_(match)


#: the largest integer a database takes (SQLite's and PostgreSQL's BIGINT)
MAX_INTEGER = 2**63 - 1


def _page(query: sa.Select, limit: int | None, offset: int) -> sa.Select:
    if limit is not None and limit < 0:
        raise UsageError(f"limit {limit} is below zero; give 0 or more")
    if offset < 0:
        raise UsageError(f"offset {offset} is below zero; give 0 or more")
    if limit is not None and limit > MAX_INTEGER or offset > MAX_INTEGER:
        raise UsageError(f"limit and offset must be at most {MAX_INTEGER}")
    if limit is not None:
        query = query.limit(limit)
    return query.offset(offset) if offset else query


def not_rejected() -> sa.ColumnElement[bool]:
    """Events no reviewer has rejected."""
    rejected = sa.select(event_reviews.c.event_id).where(event_reviews.c.status == "rejected")
    return events.c.id.not_in(rejected)


def event_filters(*, actor: str | None = None, recipient: str | None = None,
                  category: str | None = None, since: date | None = None,
                  until: date | None = None, doc_id: str | None = None,
                  include_negated: bool = False,
                  include_rejected: bool = False,
                  min_confidence: float | None = None) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses of an events query (every one must hold)."""
    where: list[sa.ColumnElement[bool]] = []
    if min_confidence is not None:
        # the coder's calibrated probability; an event a reviewer accepted or corrected passes
        reviewed = sa.select(event_reviews.c.event_id).where(event_reviews.c.status.in_(("accepted", "corrected")))
        where.append(sa.or_(events.c.confidence >= min_confidence, events.c.id.in_(reviewed)))
    if actor and recipient:
        where.append(_has_pair(actor, recipient, since, until))
    # with a sector the pair's codes are not enough: check each side too
    if actor and (not recipient or parse_actor_filter(actor)[1]):
        where.append(_has_actor("actor", actor, since, until))
    if recipient and (not actor or parse_actor_filter(recipient)[1]):
        where.append(_has_actor("recipient", recipient, since, until))
    if category:
        where.append(events.c.category == category.strip().upper())
    if since is not None:
        where.append(events.c.event_date >= since)
    if until is not None:
        where.append(events.c.event_date <= until)
    if doc_id:
        where.append(events.c.doc_id == doc_id)
    if not include_negated:
        where.append(events.c.negated == sa.false())
    if not include_rejected:
        where.append(not_rejected())
    return where


#: what ``order_by`` accepts (a leading "-" sorts descending)
ORDER_KEYS: dict[str, sa.ColumnElement[Any]] = {
    "date": events.c.event_date, "category": events.c.category,
    "actor": events.c.actor_code, "recipient": events.c.recipient_code,
    "mode": events.c.mode, "confidence": events.c.confidence,
    "intensity": events.c.intensity,
}


def event_order(order_by: str = "date") -> list[sa.ColumnElement[Any]]:
    """ORDER BY clauses for ``order_by`` ("date", "-confidence"...); empty values last,
    then event date and id so that pages are stable."""
    key = order_by.strip().lower()
    descending = key.startswith("-")
    column = ORDER_KEYS.get(key.lstrip("-"))
    if column is None:
        raise UsageError(f"cannot sort events by {order_by!r}; use one of "
                         f"{', '.join(ORDER_KEYS)} (with a leading '-' for descending)")
    order: list[sa.ColumnElement[Any]] = [column.is_(None),
                                          column.desc() if descending else column]
    if column is not events.c.event_date:
        order += [events.c.event_date.is_(None), events.c.event_date]
    order.append(events.c.id.desc() if descending else events.c.id)
    return order


def select_events(*, actor: str | None = None, recipient: str | None = None,
                  category: str | None = None, since: date | None = None,
                  until: date | None = None, doc_id: str | None = None,
                  include_negated: bool = False, include_rejected: bool = False,
                  min_confidence: float | None = None,
                  order_by: str = "date", limit: int | None = None,
                  offset: int = 0) -> sa.Select:
    """Events matching every given filter, by event date (undated last) then id,
    or as ``order_by`` says."""
    query = sa.select(events).where(*event_filters(
        actor=actor, recipient=recipient, category=category, since=since, until=until,
        doc_id=doc_id, include_negated=include_negated, include_rejected=include_rejected,
        min_confidence=min_confidence))
    return _page(query.order_by(*event_order(order_by)), limit, offset)


def count_events(**filters: Any) -> sa.Select:
    """How many events ``select_events(**filters)`` would return without paging."""
    return (sa.select(sa.func.count().label("n")).select_from(events)
            .where(*event_filters(**filters)))


def document_filters(*, since: date | None = None, until: date | None = None,
                     search: str | None = None) -> list[sa.ColumnElement[bool]]:
    """The WHERE clauses of a documents query: published in the range, and
    ``search`` in the title, source, agency, dateline place or text."""
    where: list[sa.ColumnElement[bool]] = []
    if since is not None:
        where.append(documents.c.published >= since)
    if until is not None:
        where.append(documents.c.published <= until)
    if search and search.strip():
        needle = search.strip()
        where.append(sa.or_(*(column.icontains(needle, autoescape=True) for column in (
            documents.c.title, documents.c.source, documents.c.agency, documents.c.dateline_place,
            documents.c.text))))
    return where


def select_documents(*, since: date | None = None, until: date | None = None,
                     search: str | None = None, newest_first: bool = False,
                     limit: int | None = None, offset: int = 0) -> sa.Select:
    """Documents matching ``document_filters``, by publication date (undated
    last) then id."""
    published = documents.c.published.desc() if newest_first else documents.c.published
    query = (sa.select(documents).where(*document_filters(since=since, until=until, search=search))
             .order_by(documents.c.published.is_(None), published, documents.c.id))
    return _page(query, limit, offset)


def count_documents(**filters: Any) -> sa.Select:
    """How many documents ``select_documents(**filters)`` would return without paging."""
    return (sa.select(sa.func.count().label("n")).select_from(documents)
            .where(*document_filters(**filters)))


def events_per_document(doc_ids: list[str]) -> sa.Select:
    """The events (not negated, not rejected) of each of ``doc_ids``."""
    n = sa.func.count().label("n")
    return (sa.select(events.c.doc_id, n)
            .where(events.c.doc_id.in_(doc_ids), events.c.negated == sa.false(), not_rejected())
            .group_by(events.c.doc_id))


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
