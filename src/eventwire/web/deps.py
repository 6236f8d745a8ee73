"""Request parameters and objects shared by the pages and their JSON twins."""

from __future__ import annotations

from fastapi import Request

from eventwire.store import Store
from eventwire.web.views import EventQuery, check_category, check_confidence, check_paging, clean, parse_date


def get_store(request: Request) -> Store:
    """The store the app was created on."""
    return request.app.state.store  # type: ignore[no-any-return]


def event_query(actor: str | None = None, recipient: str | None = None,
                category: str | None = None, since: str | None = None,
                until: str | None = None, doc_id: str | None = None,
                include_negated: bool = False, include_rejected: bool = False,
                min_confidence: str | None = None,
                order_by: str = "date", page: int = 1, per_page: int = 50) -> EventQuery:
    """The events filters of a query string (blank fields mean "any")."""
    check_paging(page, per_page)  # here too: every route taking them answers 400, not 500
    return EventQuery(actor=clean(actor), recipient=clean(recipient),
                      category=check_category(clean(category)),
                      since=parse_date(since, "since"), until=parse_date(until, "until"),
                      doc_id=clean(doc_id), include_negated=include_negated,
                      include_rejected=include_rejected, min_confidence=check_confidence(min_confidence),
                      order_by=clean(order_by) or "date", page=page, per_page=per_page)
