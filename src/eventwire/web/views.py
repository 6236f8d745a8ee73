"""The queries behind every page: each returns the JSON-ready dict that the page's
JSON twin answers and its template renders."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from eventwire.analysis import actors
from eventwire.analysis.actors import actor_counts
from eventwire.errors import UsageError
from eventwire.plover import CATEGORIES
from eventwire.labels import actors_label, mode_label
from eventwire.records import Event, Quote
from eventwire.review_queue import QueueFilter, item_json, review_queue
from eventwire.report.channels import channels_data
from eventwire.report.dyad import parse_dyad
from eventwire.report.timeline import dyad_timeline
from eventwire.store import Store, reviews, rows
from eventwire.store.schema import quotes as quotes_table

if TYPE_CHECKING:
    from eventwire.learn.model import EventModel

MAX_PER_PAGE = 500
#: the last page number asked for: far past any store's end, and small enough
#: for its offset to be a database integer (a 20-digit page answered 500)
MAX_PAGE = 10_000_000
#: the actors page lists the people named in this many of the latest events
PEOPLE_WINDOW = actors.PEOPLE_WINDOW
DEFAULT_DYAD = "CHN-USA"


@dataclass(slots=True)
class EventQuery:
    """The filters, order and page of an events list, as the user gave them."""

    actor: str | None = None
    recipient: str | None = None
    category: str | None = None
    since: date | None = None
    until: date | None = None
    doc_id: str | None = None
    include_negated: bool = False
    include_rejected: bool = False
    min_confidence: float | None = None
    order_by: str = "date"
    page: int = 1
    per_page: int = 50

    def filters(self) -> dict[str, Any]:
        """The keyword arguments of ``Store.events`` / ``count_events``."""
        return {"actor": self.actor, "recipient": self.recipient, "category": self.category,
                "since": self.since, "until": self.until, "doc_id": self.doc_id,
                "include_negated": self.include_negated,
                "include_rejected": self.include_rejected, "min_confidence": self.min_confidence}

    def params(self, **overrides: Any) -> dict[str, str]:
        """Query-string parameters reproducing this query (for links)."""
        values: dict[str, Any] = {**self.filters(), "order_by": self.order_by,
                                  "page": self.page, "per_page": self.per_page, **overrides}
        return {k: _param(v) for k, v in values.items()
                if v not in (None, False, "") and not (k == "page" and v == 1)}


def _param(value: Any) -> str:
    if isinstance(value, bool):
        return "true"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def parse_date(value: str | None, name: str) -> date | None:
    """An optional ISO date from a query parameter."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a date; write it as YYYY-MM-DD") from None


def clean(value: str | None) -> str | None:
    """An optional text parameter: blank means not given."""
    return value.strip() if value and value.strip() else None


def check_category(value: str | None) -> str | None:
    if value is None:
        return None
    upper = value.strip().upper()
    if upper not in CATEGORIES:
        raise UsageError(f"category {value!r} is not a PLOVER category; use one of "
                         f"{', '.join(CATEGORIES)}")
    return upper


def check_confidence(value: str | float | None) -> float | None:
    """An optional minimum confidence: a probability from 0 to 1."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except ValueError:
        raise UsageError(f"the minimum confidence {value!r} is not a number; give a probability from 0 to 1") from None
    if not 0 <= number <= 1:
        raise UsageError(f"the minimum confidence {value!r} is not a probability; give a number from 0 to 1")
    return number


def check_paging(page: int, per_page: int) -> None:
    """Refuse a page or page size out of bounds, with the bounds."""
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise UsageError(f"per_page must be between 1 and {MAX_PER_PAGE}")
    if not 1 <= page <= MAX_PAGE:
        raise UsageError(f"page must be between 1 and {MAX_PAGE:,}")


def event_json(event: Event, status: str | None = None) -> dict[str, Any]:
    """An event as JSON: its fields, review status, quad class and display labels."""
    data = event.to_dict()
    data["status"] = status or "unreviewed"
    data["quad"] = CATEGORIES.get(event.category, ("",))[0]
    data["actor_label"] = actors_label(event.actor)
    data["recipient_label"] = actors_label(event.recipient)
    data["mode_label"] = mode_label(event)
    return data


def events_json(store: Store, found: list[Event]) -> list[dict[str, Any]]:
    status = reviews.statuses(store, (e.id for e in found))
    return [event_json(e, status.get(e.id)) for e in found]


def events_page(store: Store, query: EventQuery) -> dict[str, Any]:
    """One page of the filtered, sorted events, with the total for paging."""
    check_paging(query.page, query.per_page)
    found = store.events(**query.filters(), order_by=query.order_by, limit=query.per_page,
                         offset=(query.page - 1) * query.per_page)
    total = store.count_events(**query.filters())
    return {"total": total, "page": query.page, "per_page": query.per_page,
            "pages": max(1, math.ceil(total / query.per_page)), "order_by": query.order_by,
            "filters": {k: _param(v) if v is not None else None
                        for k, v in query.filters().items()},
            "events": events_json(store, found)}


def overview(store: Store, dyad: str = DEFAULT_DYAD, interval: str = "month") -> dict[str, Any]:
    """Counts, the latest events and the dyad's timeline."""
    a, b = parse_dyad(dyad)
    latest = store.events(order_by="-date", limit=10)
    return {"counts": store.counts(), "reviews": reviews.review_counts(store),
            "categories": store.category_counts(), "latest": events_json(store, latest),
            "dyad": f"{a}-{b}", "timeline": dyad_timeline(store, a, b, interval=interval).to_dict()}


def timeline(store: Store, dyad: str, interval: str, since: date | None,
             until: date | None) -> dict[str, Any]:
    a, b = parse_dyad(dyad)
    return dyad_timeline(store, a, b, interval=interval, since=since, until=until).to_dict()


def channels_view(store: Store, dyad: str, since: date | None) -> dict[str, Any]:
    """The pair's channels: last used, status, next planned, history with evidence."""
    return channels_data(store, dyad, since)


def event_explanation(store: Store, event_id: str, explainer: Any) -> dict[str, Any]:
    """Why the coder made this event: its sentence traced again by ``explainer``
    (a ``coder.explain.Explainer``), with both coders named, as they may differ."""
    event = store.event(event_id)
    document = store.document(event.evidence.doc_id)
    trace = explainer.sentence(document, event.evidence.sentence_index)
    if trace is not None and trace.text.strip() != event.evidence.sentence.strip():
        trace = None  # the coder now splits the text elsewhere: not this event's sentence
    return {"event": event_json(event, reviews.statuses(store, [event.id]).get(event.id)),
            "sentence": event.evidence.sentence, "sentence_index": event.evidence.sentence_index,
            "coded_by": event.coder, "explained_by": explainer.label,
            "same_coder": event.coder == explainer.label,
            "rule": event.evidence.rule, "trigger": event.evidence.trigger,
            "trace": trace.to_dict() if trace is not None else None}


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """One event with its evidence, document, review status, history and machine version."""
    event = store.event(event_id)
    document = store.document(event.evidence.doc_id)
    status = reviews.statuses(store, [event.id]).get(event.id)
    return {"event": event_json(event, status), "evidence": evidence_parts(event),
            "document": {"id": document.id, "title": document.title or document.source,
                         "published": document.published.isoformat()
                         if document.published else None, "agency": document.agency,
                         "url": document.url},
            "history": [h.to_dict() for h in reviews.history(store, event.id)],
            "machine": reviews.machine_version(store, event.id)}


def evidence_parts(event: Event) -> dict[str, str]:
    """The evidence sentence split around its trigger, for highlighting."""
    ev = event.evidence
    at = ev.trigger_start - ev.start
    sentence = ev.sentence
    if ev.trigger and 0 <= at <= len(sentence) and sentence[at:at + len(ev.trigger)] == ev.trigger:
        return {"before": sentence[:at], "trigger": ev.trigger,
                "after": sentence[at + len(ev.trigger):]}
    where = sentence.find(ev.trigger) if ev.trigger else -1
    if where < 0:
        return {"before": sentence, "trigger": "", "after": ""}
    return {"before": sentence[:where], "trigger": ev.trigger,
            "after": sentence[where + len(ev.trigger):]}


def document_view(store: Store, doc_id: str) -> dict[str, Any]:
    """An article split into plain and event-sentence segments, its events and quotes."""
    document = store.document(doc_id)
    found = store.events(doc_id=document.id, include_negated=True, include_rejected=True)
    said = store.quotes(doc_id=document.id)
    return {"document": document.to_dict(),
            "segments": segments(document.text, found),
            "events": events_json(store, found),
            "quotes": [quote_json(q) for q in said]}


def segments(text: str, found: list[Event]) -> list[dict[str, Any]]:
    """``text`` cut at event sentences: [{"text", "events": [ids]}], in order."""
    spans: list[tuple[int, int, set[str]]] = []
    for e in sorted(found, key=lambda e: (e.evidence.start, e.evidence.end)):
        start, end = max(0, e.evidence.start), min(len(text), e.evidence.end)
        if start >= end:
            continue
        if spans and start < spans[-1][1]:
            last = spans[-1]
            spans[-1] = (last[0], max(last[1], end), last[2] | {e.id})
        else:
            spans.append((start, end, {e.id}))
    out: list[dict[str, Any]] = []
    at = 0
    for start, end, ids in spans:
        if start > at:
            out.append({"text": text[at:start], "events": []})
        out.append({"text": text[start:end], "events": sorted(ids)})
        at = end
    if at < len(text):
        out.append({"text": text[at:], "events": []})
    return out


def quote_json(quote: Quote) -> dict[str, Any]:
    data = quote.to_dict()
    data["speaker_label"] = actors_label([quote.speaker]) if quote.speaker else ""
    return data


def page_numbers(page: int, per_page: int) -> None:
    """Refuse a page before the first, or pages too small or too large to serve."""
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise UsageError(f"per_page {per_page} is not between 1 and {MAX_PER_PAGE}")
    if page < 1:
        raise UsageError(f"page {page}: page numbers start at 1")


def _paged(total: int, page: int, per_page: int) -> dict[str, int]:
    return {"total": total, "page": page, "per_page": per_page,
            "pages": max(1, math.ceil(total / per_page))}


def actors_view(store: Store, *, q: str | None = None, page: int = 1,
                per_page: int = 50) -> dict[str, Any]:
    """One page of the actors in the (non-negated, non-rejected) events: codes with
    their sectors, and the people named in the latest ``PEOPLE_WINDOW`` events,
    those matching ``q`` when given, the most events first."""
    page_numbers(page, per_page)
    found = actor_counts(store, search=q, window=PEOPLE_WINDOW)
    shown = found[(page - 1) * per_page:page * per_page]
    return {**_paged(len(found), page, per_page), "q": q,
            "actors": [a.to_dict() for a in shown], "people_window": PEOPLE_WINDOW}


def documents_view(store: Store, *, q: str | None = None, page: int = 1,
                   per_page: int = 50) -> dict[str, Any]:
    """One page of the documents whose title, source, agency, place or text contain
    ``q``, the newest first, with how many events each has."""
    page_numbers(page, per_page)
    found = store.documents(search=q, newest_first=True, limit=per_page,
                            offset=(page - 1) * per_page)
    counts = store.event_counts([d.id for d in found])
    return {**_paged(store.count_documents(search=q), page, per_page), "q": q,
            "documents": [{"id": d.id, "title": d.title, "source": d.source, "url": d.url,
                           "published": d.published.isoformat() if d.published else None,
                           "agency": d.agency, "place": d.dateline_place,
                           "duplicate_of": d.duplicate_of, "events": counts[d.id]}
                          for d in found]}


def quotes_view(store: Store, *, q: str | None = None, speaker: str | None = None,
                page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Quotes whose text contains ``q`` and whose speaker matches, with the speakers."""
    check_paging(page, per_page)
    where: list[sa.ColumnElement[bool]] = []
    if q:
        where.append(quotes_table.c.text.icontains(q, autoescape=True))
    if speaker:
        where.append(sa.or_(quotes_table.c.speaker_code == speaker.upper(),
                            quotes_table.c.speaker_name.icontains(speaker, autoescape=True),
                            quotes_table.c.speaker_text.icontains(speaker, autoescape=True)))
    select = (sa.select(quotes_table).where(*where).order_by(quotes_table.c.id)
              .limit(per_page).offset((page - 1) * per_page))
    count = sa.select(sa.func.count().label("n")).select_from(quotes_table).where(*where)
    n = sa.func.count().label("n")
    speakers = (sa.select(quotes_table.c.speaker_code, quotes_table.c.speaker_name, n)
                .group_by(quotes_table.c.speaker_code, quotes_table.c.speaker_name)
                .order_by(n.desc(), quotes_table.c.speaker_name.is_(None),  # named people first
                          quotes_table.c.speaker_name, quotes_table.c.speaker_code).limit(100))
    with store.engine.connect() as conn:
        found = [rows.quote_from_row(r) for r in conn.execute(select).mappings()]
        total = int(conn.execute(count).scalar_one())
        by_speaker = [{"code": r.speaker_code, "name": r.speaker_name, "quotes": int(r.n)}
                      for r in conn.execute(speakers)]
    return {"total": total, "page": page, "per_page": per_page,
            "pages": max(1, math.ceil(total / per_page)), "q": q, "speaker": speaker,
            "quotes": [quote_json(x) for x in found], "speakers": by_speaker}


def form_changes(event: Event, form: dict[str, str]) -> dict[str, Any]:
    """The fields of a correction form whose value differs from the event's."""
    shown = form_values(event)
    changes: dict[str, Any] = {}
    for name, current in shown.items():
        if name in reviews.FLAGS:
            submitted = "true" if form.get(name) else "false"
        elif name in form:
            submitted = form[name].strip()
        else:
            continue
        if submitted != current:
            changes[name] = submitted
    return changes


def form_values(event: Event) -> dict[str, str]:
    """The correction form's fields as the event fills them."""
    values: dict[str, str] = {
        "category": event.category, "mode": event.mode or "", "medium": event.medium or "",
        "context": ", ".join(event.context), "actor": actors_label(event.actor),
        "recipient": actors_label(event.recipient),
        "date": event.date.isoformat() if event.date else "",
        "date_end": event.date_end.isoformat() if event.date_end else "",
        "date_precision": event.date_precision, "location": event.location or "",
        "intensity": f"{event.intensity:g}", "confidence": f"{event.confidence:g}",
    }
    for flag in reviews.FLAGS:
        values[flag] = "true" if getattr(event, flag) else "false"
    return values


def queue_filter(actor: str | None = None, recipient: str | None = None, category: str | None = None,
                 since: str | None = None, until: str | None = None) -> QueueFilter:
    """The review queue's filters from a query string (blank fields mean "any")."""
    return QueueFilter(actor=clean(actor), recipient=clean(recipient), category=check_category(clean(category)),
                       since=parse_date(since, "since"), until=parse_date(until, "until"))


def queue_model() -> EventModel | None:
    """The model whose hesitations rank the queue: the one coding (``--model``), if any."""
    from eventwire.errors import ModelError
    from eventwire.learn.registry import load_model
    try:
        return load_model()
    except ModelError:
        return None


def review_queue_view(store: Store, wanted: QueueFilter, limit: int = 50) -> dict[str, Any]:
    """The review queue: the events most worth a look first, with the counts made and left."""
    if not 1 <= limit <= MAX_PER_PAGE:
        raise UsageError(f"limit must be between 1 and {MAX_PER_PAGE}")
    queue = review_queue(store, wanted, model=queue_model(), limit=limit)
    return {"filters": {k: _param(v) for k, v in asdict(wanted).items() if v is not None},
            "decided": queue.decided, "remaining": queue.remaining,
            "items": [event_json(i.event) | {"evidence_parts": evidence_parts(i.event)} | item_json(i)
                      for i in queue.items]}
