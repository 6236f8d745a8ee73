"""The HTML pages; each renders the dict its /api twin answers."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from eventwire.errors import UsageError
from eventwire.plover import CATEGORIES
from eventwire.store import Store, reviews
from eventwire.web import views
from eventwire.web.auth import COOKIE, AuthError, require_writer, safe_next, signed_in
from eventwire.web.deps import event_query, get_store
from eventwire.web.views import EventQuery, clean, parse_date

router = APIRouter(include_in_schema=False)

SORTABLE = (("date", "date"), ("actor", "actor"), ("category", "event"), ("mode", "mode"),
            ("recipient", "recipient"), ("confidence", "confidence"))


def base_context(request: Request) -> dict[str, Any]:
    """What every template needs: who is signed in and whether writes are possible."""
    return {"user": signed_in(request), "writable": request.app.state.token is not None,
            "path": request.url.path}


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, base_context(request) | context,
                                      status_code=status)


@router.get("/")
def overview(request: Request, dyad: str = views.DEFAULT_DYAD, interval: str = "month",
             store: Store = Depends(get_store)) -> Response:
    return render(request, "overview.html", {"data": views.overview(store, dyad, interval),
                                             "interval": interval})


@router.get("/events")
def events(request: Request, query: EventQuery = Depends(event_query),
           store: Store = Depends(get_store)) -> Response:
    return render(request, "events.html", {"data": views.events_page(store, query),
                                           "query": query, "categories": list(CATEGORIES),
                                           "sortable": SORTABLE})


@router.get("/events/{event_id}")
def event(request: Request, event_id: str, store: Store = Depends(get_store)) -> Response:
    detail = views.event_detail(store, event_id)
    current = store.event(event_id)
    return render(request, "event.html", {
        "data": detail, "form": views.form_values(current), "categories": list(CATEGORIES),
        "precisions": reviews.PRECISIONS, "flags": reviews.FLAGS})


@router.get("/events/{event_id}/explain")
def explain(request: Request, event_id: str, store: Store = Depends(get_store)) -> Response:
    data = views.event_explanation(store, event_id, request.app.state.explainer)
    return render(request, "explain.html", {"data": data})


@router.post("/events/{event_id}/review")
async def review(request: Request, event_id: str,
                 store: Store = Depends(get_store)) -> Response:
    reviewer = require_writer(request)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    action = form.get("action", "")
    changes: dict[str, Any] | None = None
    if action == "correct":
        changes = views.form_changes(store.event(event_id), form)
        if not changes:
            raise UsageError("nothing was changed in the correction form")
    reviews.review(store, event_id, action, reviewer, changes=changes,
                   note=clean(form.get("note")))
    return RedirectResponse(f"/events/{event_id}", status_code=303)


@router.get("/review")
def review_queue(request: Request, wanted: views.QueueFilter = Depends(views.queue_filter), limit: int = 50,
                 store: Store = Depends(get_store)) -> Response:
    return render(request, "review.html", {"data": views.review_queue_view(store, wanted, limit),
                                           "categories": list(CATEGORIES)})


@router.get("/documents")
def documents(request: Request, q: str | None = None, page: int = 1, per_page: int = 50,
              store: Store = Depends(get_store)) -> Response:
    data = views.documents_view(store, q=clean(q), page=page, per_page=per_page)
    return render(request, "documents.html", {"data": data})


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: str, store: Store = Depends(get_store)) -> Response:
    return render(request, "document.html", {"data": views.document_view(store, doc_id),
                                             "categories": list(CATEGORIES)})


@router.post("/documents/{doc_id}/missed")
async def missed(request: Request, doc_id: str, store: Store = Depends(get_store)) -> Response:
    """A sentence of the article holds an event the coder missed (the form on its page)."""
    from eventwire.store.missed import add_missed
    reviewer = require_writer(request)
    form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
    fields = {k: form[k].strip() for k in ("actor", "recipient") if form.get(k, "").strip()}
    add_missed(store, doc_id, form.get("sentence", ""), form.get("category", ""), reviewer, fields=fields,
               trigger=clean(form.get("trigger")), note=clean(form.get("note")))
    return RedirectResponse(f"/documents/{quote(doc_id, safe='')}#events", status_code=303)


@router.get("/actors")
def actors(request: Request, q: str | None = None, page: int = 1, per_page: int = 50,
           store: Store = Depends(get_store)) -> Response:
    data = views.actors_view(store, q=clean(q), page=page, per_page=per_page)
    return render(request, "actors.html", {"data": data})


@router.get("/quotes")
def quotes(request: Request, q: str | None = None, speaker: str | None = None,
           page: int = 1, per_page: int = 50, store: Store = Depends(get_store)) -> Response:
    data = views.quotes_view(store, q=clean(q), speaker=clean(speaker), page=page,
                             per_page=per_page)
    return render(request, "quotes.html", {"data": data})


@router.get("/channels")
def channels(request: Request, dyad: str = views.DEFAULT_DYAD, since: str | None = None,
             store: Store = Depends(get_store)) -> Response:
    data = views.channels_view(store, dyad, parse_date(since, "since"))
    return render(request, "channels.html", {"data": data})


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:  # noqa: A002
    return render(request, "login.html", {"next": safe_next(next), "failed": False})


@router.post("/login")
async def login(request: Request) -> Response:
    token = request.app.state.token
    if token is None:
        raise AuthError("this server is read-only: restart it with EVENTWIRE_TOKEN set "
                        "to enable reviews", 403)
    form = await request.form()
    target = safe_next(str(form.get("next") or "/"))
    if not token.matches(str(form.get("token") or "")):
        return render(request, "login.html", {"next": target, "failed": True}, status=401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, token.session(), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", max_age=12 * 3600)
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response
