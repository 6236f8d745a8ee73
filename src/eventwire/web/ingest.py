"""Ingest one article sent to the API, through the same steps as ``eventwire ingest``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from eventwire.errors import UsageError
from eventwire.normalize import normalize
from eventwire.coder import code_document
from eventwire.records import RawArticle
from eventwire.store import Store
from eventwire.timebound import DOC_TIMEOUT_S, TimedOut, time_bound
from eventwire.web.views import parse_date

T = TypeVar("T")
#: the largest article text the API accepts, in characters
MAX_CHARS = 1_000_000


def ingest_article(store: Store, body: Mapping[str, Any]) -> dict[str, Any]:
    """Normalise, code and store one article; say what was stored."""
    text = body.get("text")
    if not isinstance(text, str) or not text.strip():
        raise UsageError("send the article as {\"text\": \"...\"} (title, url, source and "
                         "published YYYY-MM-DD are optional)")
    if len(text) > MAX_CHARS:
        raise UsageError(f"article is longer than {MAX_CHARS} characters; split it")
    raw = RawArticle(source=str(body.get("source") or body.get("url") or "<api>"), text=text,
                     title=_optional(body, "title"), url=_optional(body, "url"),
                     published_override=parse_date(_optional(body, "published"), "published"))
    document = _bounded(lambda: normalize(raw), "normalise")
    if store.has_document(document.id):
        return {"doc_id": document.id, "status": "exists", "events": 0}
    result = store.save(_bounded(lambda: code_document(document), "code"))
    return {"doc_id": result.doc_id, "status": result.status, "events": result.events,
            "duplicate_of": result.duplicate_of}


def _bounded(work: Callable[[], T], stage: str) -> T:
    """``work()`` within an ingest's time bound: one request must not hold a
    server thread for ever (the database is never touched inside the bound)."""
    try:
        with time_bound(DOC_TIMEOUT_S):
            return work()
    except TimedOut:
        raise UsageError(f"the article took longer than {DOC_TIMEOUT_S:g} s to {stage}; "
                         "split it") from None


def _optional(body: Mapping[str, Any], key: str) -> str | None:
    value = body.get(key)
    return str(value) if value not in (None, "") else None
