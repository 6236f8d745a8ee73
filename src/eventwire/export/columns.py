"""The flat CSV columns of an event (lists joined with ';')."""

from __future__ import annotations

from typing import Any

from eventwire.records import Actor, Event

SEP = ";"

COLUMNS: tuple[str, ...] = (
    "id", "date", "date_end", "date_precision", "category", "mode", "medium", "context",
    "actor_codes", "actor_sectors", "actor_names", "recipient_codes",
    "recipient_sectors", "recipient_names", "location", "negated", "hypothetical",
    "future", "historical", "intensity", "confidence", "doc_id", "sentence_index",
    "sentence", "trigger", "rule", "coder",
)


#: what makes a spreadsheet take a cell for a formula (OWASP's list): =, +, -, @,
#: a tab or a carriage return at its start
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """``value`` as a spreadsheet shows it as text: a string that would start
    a formula gets a leading ``'`` (OWASP's advice on CSV injection). Numbers
    are left alone: -2.5 is a number, not a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict[str, Any]) -> dict[str, Any]:
    """A CSV row with every text cell made ``spreadsheet_safe``."""
    return {key: spreadsheet_safe(value) for key, value in row.items()}


def _join(values: list[str]) -> str:
    return SEP.join(values)


def _actor_columns(prefix: str, actors: list[Actor]) -> dict[str, str]:
    # sectors and names stay aligned with codes: a missing one is an empty slot
    return {
        f"{prefix}_codes": _join([a.code for a in actors]),
        f"{prefix}_sectors": _join([a.sector or "" for a in actors]),
        f"{prefix}_names": _join([a.name or a.text or "" for a in actors]),
    }


def flat_row(event: Event) -> dict[str, Any]:
    """One CSV row of an event, keyed by ``COLUMNS``."""
    ev = event.evidence
    return {
        "id": event.id, "date": event.date.isoformat() if event.date else "",
        "date_end": event.date_end.isoformat() if event.date_end else "",
        "date_precision": event.date_precision, "category": event.category,
        "mode": event.mode or "", "medium": event.medium or "",
        "context": _join(event.context),
        **_actor_columns("actor", event.actor),
        **_actor_columns("recipient", event.recipient),
        "location": event.location or "", "negated": event.negated,
        "hypothetical": event.hypothetical, "future": event.future,
        "historical": event.historical, "intensity": event.intensity,
        "confidence": event.confidence, "doc_id": ev.doc_id,
        "sentence_index": ev.sentence_index, "sentence": ev.sentence,
        "trigger": ev.trigger, "rule": ev.rule, "coder": event.coder,
    }
