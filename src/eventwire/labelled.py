"""Labelled sentences: the record shape shared by the real-news gold, the
training corpus and the reviews a user exports (docs/codebook.md, section 6).

A record is a sentence (its ``text``, or for the real-news gold an anchor into
the corpus) with every event it holds, the main one first, or none and a
``reason``.  ``validate_record`` lists what is wrong with one, so that a file
written by hand is checked before it is used.
"""

from __future__ import annotations

import re
from typing import Any, Final

from eventwire.actors.sectors import SECTORS
from eventwire.plover import CATEGORIES

#: why a sentence holds no event (docs/codebook.md, section 1)
REASONS: Final[frozenset[str]] = frozenset({
    "background", "statement", "negated", "hypothetical", "disaster", "accident", "crime",
    "other_sense", "no_actor", "rejected"})

PRECISIONS: Final[frozenset[str]] = frozenset({"day", "month", "year", "range", "unknown"})
FLAGS: Final[tuple[str, ...]] = ("future", "hypothetical", "historical")
CODE: Final = re.compile(r"^(?:[A-Z]{3}|[A-Z][A-Z0-9]{1,7})$")
DATE: Final = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
EVENT_KEYS: Final[frozenset[str]] = frozenset({
    "event", "mode", "context", "actor", "recipient", "trigger", "date", "date_end",
    "date_precision", "negated", "note", *FLAGS})


def _actor_problems(actors: Any, field: str) -> list[str]:
    if not isinstance(actors, list):
        return [f"{field} is not a list"]
    problems = []
    for actor in actors:
        if not isinstance(actor, dict):
            problems.append(f"{field} entry {actor!r} is not an object")
            continue
        code, sector = actor.get("code"), actor.get("sector", "")
        if not isinstance(code, str) or not CODE.match(code):
            problems.append(f"{field} code {code!r} is not a country or organisation code")
        if sector not in ("", None) and sector not in SECTORS:
            problems.append(f"{field} sector {sector!r} is not one of {sorted(SECTORS)}")
    return problems


def validate_event(event: Any, sentence: str | None) -> list[str]:
    """What is wrong with one event of a record (empty when nothing)."""
    if not isinstance(event, dict):
        return [f"event {event!r} is not an object"]
    problems = [f"unknown field {key!r}" for key in event if key not in EVENT_KEYS]
    if event.get("event") not in CATEGORIES:
        problems.append(f"category {event.get('event')!r} is not a PLOVER category")
    problems += _actor_problems(event.get("actor", []), "actor")
    problems += _actor_problems(event.get("recipient", []), "recipient")
    if not isinstance(event.get("context", []), list):
        problems.append("context is not a list")
    trigger = event.get("trigger")
    if not isinstance(trigger, str) or not trigger.strip():
        problems.append("trigger is missing")
    elif sentence is not None and trigger not in sentence:
        problems.append(f"trigger {trigger!r} is not in the sentence")
    when = event.get("date")
    if when is not None and (not isinstance(when, str) or not DATE.match(when)):
        problems.append(f"date {when!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if event.get("date_precision", "unknown") not in PRECISIONS:
        problems.append(f"date_precision {event.get('date_precision')!r} is not one of {sorted(PRECISIONS)}")
    for flag in FLAGS:
        if not isinstance(event.get(flag, False), bool):
            problems.append(f"{flag} is not true or false")
    if event.get("negated"):
        problems.append("a negated act is no event: give the sentence reason 'negated' instead")
    return problems


def validate_record(record: Any, sentence: str | None = None) -> list[str]:
    """What is wrong with a labelled sentence (empty when nothing).

    ``sentence`` is the text the triggers must occur in (the record's own
    ``text`` when it has one).
    """
    if not isinstance(record, dict):
        return ["the record is not an object"]
    sentence = sentence if sentence is not None else record.get("text")
    events = record.get("events")
    if not isinstance(events, list):
        return ["events is not a list"]
    problems = [p for event in events for p in validate_event(event, sentence)]
    reason = record.get("reason")
    if not events and reason not in REASONS:
        problems.append(f"a sentence with no event needs a reason, one of {sorted(REASONS)}")
    if events and reason not in (None, ""):
        problems.append("a sentence with events has no reason")
    return problems


def categories(record: dict[str, Any]) -> list[str]:
    """The record's categories in order, each once (the main one first)."""
    out: list[str] = []
    for event in record.get("events", []):
        if event["event"] not in out:
            out.append(event["event"])
    return out
