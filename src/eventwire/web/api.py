"""The JSON API under /api: every page's twin, exports, and the writes."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterator
from datetime import date
from typing import Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response, StreamingResponse

from eventwire.errors import UsageError
from eventwire.export.frames import iter_events
from eventwire.export.writers import EXPORT_FORMATS, write_events
from eventwire.store import Store, reviews
from eventwire.web import views
from eventwire.web.auth import require_writer
from eventwire.web.cache import AnswerCache
from eventwire.web.deps import event_query, get_store
from eventwire.web.views import EventQuery, clean, parse_date

router = APIRouter(prefix="/api")

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
               "plover": "application/json", "parquet": "application/vnd.apache.parquet"}
SUFFIXES = {"csv": "csv", "jsonl": "jsonl", "plover": "json", "parquet": "parquet"}
#: exports larger than this spill from memory to a temporary file
SPOOL_BYTES = 16 * 1024 * 1024


class ReadyJSON(JSONResponse):
    """A dict the views made JSON-ready, rendered as it is: FastAPI's encoder
    walked every value of it again, 4.6 ms of the 12 ms a page of 50 events
    took (the rare value json cannot write still goes through that encoder)."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                          default=jsonable_encoder).encode("utf-8")


@router.get("/overview")
def overview(dyad: str = views.DEFAULT_DYAD, interval: str = "month",
             store: Store = Depends(get_store)) -> dict[str, Any]:
    """Counts, review counts, latest events and the dyad's timeline."""
    return views.overview(store, dyad, interval)


@router.get("/events", response_class=ReadyJSON)
def events(request: Request, query: EventQuery = Depends(event_query),
           store: Store = Depends(get_store)) -> Response:
    """A page of events: filters actor, recipient, category, since, until, doc_id;
    order_by (date, -date, confidence, category, actor, recipient...); page, per_page."""
    # the most asked-for answer: kept while the database is unchanged (web.cache)
    answers: AnswerCache = request.app.state.answers
    body = answers.answer(f"events?{request.url.query}",
                          lambda: ReadyJSON(views.events_page(store, query)).body)
    return Response(body, media_type="application/json")


@router.get("/events/{event_id}", response_class=ReadyJSON)
def event(event_id: str, store: Store = Depends(get_store)) -> ReadyJSON:
    """One event with its evidence, review status and history."""
    return ReadyJSON(views.event_detail(store, event_id))


@router.get("/events/{event_id}/explain", response_class=ReadyJSON)
def explain(event_id: str, request: Request, store: Store = Depends(get_store)) -> ReadyJSON:
    """Why the coder made this event: the sentence's model scores, weighing words,
    what the rules found and what was coded or dropped, traced by today's coder."""
    return ReadyJSON(views.event_explanation(store, event_id, request.app.state.explainer))


@router.post("/events/{event_id}/review")
def review(event_id: str, request: Request, body: dict[str, Any] = Body(...),
           store: Store = Depends(get_store)) -> dict[str, Any]:
    """``{"action": "accept" | "correct" | "reject", "changes": {...}, "note": "..."}``."""
    reviewer = require_writer(request)
    changes = body.get("changes") or {}
    if not isinstance(changes, dict):
        raise UsageError("changes must be an object of field: new value")
    action = body.get("action", "")
    if not isinstance(action, str):
        raise UsageError(f"action must be text: one of {', '.join(reviews.ACTIONS)}")
    reviews.review(store, event_id, action, reviewer, changes=changes, note=body.get("note"))
    return views.event_detail(store, event_id)


@router.get("/review/queue", response_class=ReadyJSON)
def review_queue(wanted: views.QueueFilter = Depends(views.queue_filter), limit: int = 50,
                 store: Store = Depends(get_store)) -> ReadyJSON:
    """The events most worth a review first (filters actor, recipient, category, since, until),
    with how many were decided and how many remain."""
    return ReadyJSON(views.review_queue_view(store, wanted, limit))


@router.post("/documents/{doc_id}/missed", status_code=201)
def missed(doc_id: str, request: Request, body: dict[str, Any] = Body(...),
           store: Store = Depends(get_store)) -> dict[str, Any]:
    """A sentence holds an event the coder missed: ``{"sentence": ..., "category": ...,
    "actor"?, "recipient"?, "trigger"?, "note"?}``."""
    from eventwire.store.missed import add_missed
    reviewer = require_writer(request)
    fields = {k: body[k] for k in ("actor", "recipient") if body.get(k)}
    for key in ("sentence", "category", "trigger", "note"):
        if body.get(key) is not None and not isinstance(body[key], str):
            raise UsageError(f"{key} must be text")
    event = add_missed(store, doc_id, body.get("sentence") or "", body.get("category") or "", reviewer,
                       fields=fields, trigger=body.get("trigger"), note=body.get("note"))
    return views.event_detail(store, event.id)


@router.get("/documents")
def documents(q: str | None = None, page: int = 1, per_page: int = 50,
              store: Store = Depends(get_store)) -> dict[str, Any]:
    """A page of documents, the newest first, with their event counts; ``q`` searches
    title, source, agency, place and text."""
    return views.documents_view(store, q=clean(q), page=page, per_page=per_page)


@router.get("/documents/{doc_id}", response_class=ReadyJSON)
def document(doc_id: str, store: Store = Depends(get_store)) -> ReadyJSON:
    """An article with its event sentences marked, its events and quotes."""
    return ReadyJSON(views.document_view(store, doc_id))


@router.post("/documents", status_code=201)
def ingest(request: Request, body: dict[str, Any] = Body(...),
           store: Store = Depends(get_store)) -> dict[str, Any]:
    """Ingest one article: ``{"text": ..., "title"?, "url"?, "source"?, "published"?}``."""
    require_writer(request)
    from eventwire.web.ingest import ingest_article

    return ingest_article(store, body)


@router.get("/actors")
def actors(q: str | None = None, page: int = 1, per_page: int = 50,
           store: Store = Depends(get_store)) -> dict[str, Any]:
    """A page of actor codes with sectors, and named people, with their counts, the most
    events first; ``q`` searches code, sector, name and role."""
    return views.actors_view(store, q=clean(q), page=page, per_page=per_page)


@router.get("/quotes")
def quotes(q: str | None = None, speaker: str | None = None, page: int = 1,
           per_page: int = 50, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Quotes by text (``q``) and speaker (code or part of a name)."""
    return views.quotes_view(store, q=clean(q), speaker=clean(speaker), page=page,
                             per_page=per_page)


@router.get("/timeline")
def timeline(dyad: str = views.DEFAULT_DYAD, interval: str = "month",
             since: str | None = None, until: str | None = None,
             store: Store = Depends(get_store)) -> dict[str, Any]:
    """Events per week or month by quad class for a dyad, with the mean score."""
    return views.timeline(store, dyad, interval, parse_date(since, "since"),
                          parse_date(until, "until"))


@router.get("/channels")
def channels(dyad: str = views.DEFAULT_DYAD, since: str | None = None,
             store: Store = Depends(get_store)) -> dict[str, Any]:
    """A pair's military communication channels: status, last use, next planned, history."""
    return views.channels_view(store, dyad, parse_date(since, "since"))


@router.get("/export")
def export(format: str = "csv", query: EventQuery = Depends(event_query),  # noqa: A002
           store: Store = Depends(get_store)) -> StreamingResponse:
    """Every event matching the filters, as csv, jsonl, plover or parquet."""
    fmt = format.strip().lower()
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {format!r}; choose one of: "
                         f"{', '.join(EXPORT_FORMATS)}")
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
    found = iter_events(store, order_by=query.order_by, **query.filters())
    if fmt == "parquet":
        write_events(found, fmt, spool)  # type: ignore[arg-type]
    else:
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="")  # type: ignore[arg-type]
        write_events(found, fmt, text)
        text.flush()
        text.detach()
    spool.seek(0)
    name = f"eventwire-events-{date.today().isoformat()}.{SUFFIXES[fmt]}"
    return StreamingResponse(_chunks(spool), media_type=MEDIA_TYPES[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _chunks(spool: Any, size: int = 1 << 16) -> Iterator[bytes]:
    try:
        while chunk := spool.read(size):
            yield chunk
    finally:
        spool.close()
