"""Convert between the pipeline's records and table rows, both ways."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date, datetime, timezone
from typing import Any

from eventwire.records import Actor, Document, Event, Evidence, Quote


def document_row(doc: Document, duplicate_of: str | None) -> dict[str, Any]:
    """The ``documents`` row of a document."""
    signature = list(doc.near_dup_signature) if doc.near_dup_signature is not None else None
    return {
        "id": doc.id, "source": doc.source, "text": doc.text, "title": doc.title,
        "url": doc.url, "published": doc.published, "date_source": doc.date_source,
        "published_earliest": doc.published_earliest,
        "published_latest": doc.published_latest, "date_note": doc.date_note,
        "dateline_place": doc.dateline_place, "dateline_date": doc.dateline_date,
        "agency": doc.agency,
        "language": doc.language, "near_dup_signature": signature,
        "duplicate_of": duplicate_of,
        "stored_at": datetime.now(timezone.utc).replace(tzinfo=None),
    }


def document_from_row(row: Mapping[str, Any]) -> Document:
    """A ``Document`` from its row."""
    signature = row["near_dup_signature"]
    return Document(
        id=row["id"], source=row["source"], text=row["text"], title=row["title"],
        url=row["url"], published=row["published"], date_source=row["date_source"],
        published_earliest=row["published_earliest"],
        published_latest=row["published_latest"], date_note=row["date_note"],
        dateline_place=row["dateline_place"], dateline_date=row["dateline_date"],
        agency=row["agency"],
        language=row["language"],
        near_dup_signature=tuple(signature) if signature is not None else None,
        duplicate_of=row["duplicate_of"],
    )


def derive_event_id(doc_id: str, event: Event) -> str:
    """A stable id for an event the coder left without one."""
    ev = event.evidence
    key = f"{doc_id}|{ev.sentence_index}|{event.category}|{ev.trigger_start}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def actor_json(actor: Actor) -> dict[str, Any]:
    """An actor as a JSON object (dates as ISO strings)."""
    return {
        "code": actor.code, "sector": actor.sector, "name": actor.name,
        "role": actor.role, "text": actor.text,
        "role_start": actor.role_start.isoformat() if actor.role_start else None,
        "role_end": actor.role_end.isoformat() if actor.role_end else None,
    }


def actor_from_json(data: Mapping[str, Any]) -> Actor:
    """An ``Actor`` from its JSON object."""
    return Actor(
        code=data["code"], sector=data.get("sector"), name=data.get("name"),
        role=data.get("role"), text=data.get("text"),
        role_start=_date(data.get("role_start")), role_end=_date(data.get("role_end")),
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def evidence_columns(ev: Evidence) -> dict[str, Any]:
    """The evidence columns shared by events and quotes."""
    return {
        "sentence_index": ev.sentence_index, "sentence_start": ev.start,
        "sentence_end": ev.end, "sentence": ev.sentence, "trigger": ev.trigger,
        "trigger_start": ev.trigger_start, "rule": ev.rule,
    }


def evidence_from_row(row: Mapping[str, Any]) -> Evidence:
    """The ``Evidence`` stored in an event or quote row."""
    return Evidence(
        doc_id=row["doc_id"], sentence_index=row["sentence_index"],
        start=row["sentence_start"], end=row["sentence_end"], sentence=row["sentence"],
        trigger=row["trigger"], trigger_start=row["trigger_start"], rule=row["rule"],
    )


def event_row(event: Event, event_id: str, doc_id: str, seq: int) -> dict[str, Any]:
    """The ``events`` row of an event."""
    return {
        "id": event_id, "doc_id": doc_id, "seq": seq, "category": event.category,
        "mode": event.mode, "medium": event.medium, "context": list(event.context),
        "actor": [actor_json(a) for a in event.actor],
        "recipient": [actor_json(a) for a in event.recipient],
        "actor_code": event.actor[0].code if event.actor else None,
        "recipient_code": event.recipient[0].code if event.recipient else None,
        "event_date": event.date, "date_end": event.date_end,
        "date_precision": event.date_precision, "date_resolution": event.date_resolution,
        "location": event.location, "negated": event.negated,
        "hypothetical": event.hypothetical, "future": event.future,
        "historical": event.historical, "intensity": event.intensity,
        "confidence": event.confidence, "coder": event.coder,
        **evidence_columns(event.evidence),
    }


def event_actor_rows(event: Event, event_id: str) -> list[dict[str, Any]]:
    """One ``event_actors`` row per actor and recipient of an event."""
    return [
        {"event_id": event_id, "side": side, "position": i, "code": a.code,
         "sector": a.sector, "event_date": event.date}
        for side, actors in (("actor", event.actor), ("recipient", event.recipient))
        for i, a in enumerate(actors)
    ]


def pair_rows(actor_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ``event_pairs`` rows of events given by their ``event_actors`` rows: one per
    distinct (actor code, recipient code) of each event."""
    sides: dict[str, tuple[dict[str, None], dict[str, None], Any]] = {}
    for row in actor_rows:
        actors, recipients, _ = sides.setdefault(row["event_id"], ({}, {}, row["event_date"]))
        (actors if row["side"] == "actor" else recipients)[row["code"]] = None
    return [{"event_id": event_id, "actor_code": a, "recipient_code": r, "event_date": day}
            for event_id, (actors, recipients, day) in sides.items()
            for a in actors for r in recipients]


def event_from_row(row: Mapping[str, Any]) -> Event:
    """An ``Event`` from its row."""
    return Event(
        category=row["category"],
        actor=[actor_from_json(a) for a in row["actor"]],
        recipient=[actor_from_json(a) for a in row["recipient"]],
        evidence=evidence_from_row(row), mode=row["mode"], medium=row["medium"],
        context=list(row["context"]), date=row["event_date"], date_end=row["date_end"],
        date_precision=row["date_precision"], date_resolution=row["date_resolution"],
        location=row["location"], negated=bool(row["negated"]),
        hypothetical=bool(row["hypothetical"]), future=bool(row["future"]),
        historical=bool(row["historical"]), intensity=row["intensity"],
        confidence=row["confidence"], coder=row["coder"], id=row["id"],
    )


def quote_row(quote: Quote, doc_id: str, seq: int) -> dict[str, Any]:
    """The ``quotes`` row of a quote."""
    return {
        "doc_id": doc_id, "seq": seq, "text": quote.text,
        "speaker": actor_json(quote.speaker) if quote.speaker else None,
        "speaker_code": quote.speaker.code if quote.speaker else None,
        "speaker_name": quote.speaker.name if quote.speaker else None,
        "speaker_text": quote.speaker_text, "kind": quote.kind,
        **evidence_columns(quote.evidence),
    }


def quote_from_row(row: Mapping[str, Any]) -> Quote:
    """A ``Quote`` from its row."""
    speaker = row["speaker"]
    return Quote(text=row["text"], speaker=actor_from_json(speaker) if speaker else None,
                 speaker_text=row["speaker_text"], evidence=evidence_from_row(row),
                 kind=row["kind"])
