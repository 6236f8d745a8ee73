"""Analyst review of events: accept, correct (any field) or reject, with a full history.

A correction is written into the event's own row, so every view, filter and
export shows the corrected event; ``event_reviews.machine`` keeps the event as
the coder made it and ``review_log`` keeps every change (who, when, before,
after).  ``Store.replace_events`` never replaces a reviewed event.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from eventwire.errors import NotFoundError, UsageError
from eventwire.plover import CATEGORIES, normalize_category, score
from eventwire.records import Actor, Event
from eventwire.store import rows
from eventwire.store.schema import (event_actors, event_pairs, event_reviews, events,
                                    review_log)

if TYPE_CHECKING:
    from eventwire.store.store import Store

#: action -> the status it leaves the event in
ACTIONS: dict[str, str] = {"accept": "accepted", "correct": "corrected", "reject": "rejected"}
EDITABLE: tuple[str, ...] = (
    "category", "mode", "medium", "context", "actor", "recipient", "date", "date_end",
    "date_precision", "location", "negated", "hypothetical", "future", "historical",
    "intensity", "confidence",
)
PRECISIONS = ("day", "month", "year", "range", "unknown")
FLAGS: tuple[str, ...] = ("negated", "hypothetical", "future", "historical")
#: the longest review note kept, and the longest value of a corrected field,
#: in characters: a note is a sentence or two, a field a code or a phrase
MAX_NOTE = 5_000
MAX_VALUE = 1_000
#: the most items a list value (actors, contexts) may hold
MAX_ITEMS = 50
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
_ACTOR = re.compile(r"^\s*(?P<code>\S+)(?:\s+(?P<sector>[A-Za-z]{2,4}))?"
                    r"\s*(?:\((?P<name>[^)]*)\))?\s*$")


@dataclass(slots=True)
class ReviewEntry:
    """One review action, as kept in the log."""

    event_id: str
    action: str
    reviewer: str
    at: datetime
    before: dict[str, Any]
    after: dict[str, Any]
    note: str | None = None

    def changed(self) -> list[str]:
        """The fields whose value the action changed."""
        return [k for k in self.after if self.before.get(k) != self.after.get(k)]

    def to_dict(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "action": self.action, "reviewer": self.reviewer,
                "at": self.at.isoformat(), "before": self.before, "after": self.after,
                "changed": self.changed(), "note": self.note}


def accept(store: Store, event_id: str, reviewer: str, note: str | None = None) -> Event:
    """Mark an event as checked and right."""
    return review(store, event_id, "accept", reviewer, note=note)


def reject(store: Store, event_id: str, reviewer: str, note: str | None = None) -> Event:
    """Mark an event as wrong: views and exports leave it out from now on."""
    return review(store, event_id, "reject", reviewer, note=note)


def correct(store: Store, event_id: str, reviewer: str, changes: Mapping[str, Any],
            note: str | None = None) -> Event:
    """Change any of the ``EDITABLE`` fields of an event; returns the corrected event."""
    return review(store, event_id, "correct", reviewer, changes=changes, note=note)


def review(store: Store, event_id: str, action: str, reviewer: str,
           changes: Mapping[str, Any] | None = None, note: str | None = None) -> Event:
    """Apply one review action in one transaction and log it; returns the event after."""
    if not isinstance(action, str) or action not in ACTIONS:
        raise UsageError(f"unknown review action {_shown(action)}; use one of {', '.join(ACTIONS)}")
    if not reviewer.strip():
        raise UsageError("a review needs the reviewer's name")
    if action == "correct" and not changes:
        raise UsageError("a correction needs at least one changed field; fields: "
                         + ", ".join(EDITABLE))
    check_review(changes, note)
    with store._write() as conn:  # noqa: SLF001 - the store package's own transaction
        found = conn.execute(sa.select(events).where(events.c.id == event_id)).mappings().first()
        if found is None:
            raise NotFoundError(f"no event {event_id} in the database; list them with "
                                "`eventwire events`")
        event = rows.event_from_row(found)
        after = apply_changes(event, changes or {}) if action == "correct" else event
        if action == "correct":
            _rewrite(conn, after, found)
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        _set_status(conn, event, ACTIONS[action], reviewer, now)
        conn.execute(review_log.insert(), {
            "event_id": event_id, "action": action, "reviewer": reviewer, "at": now,
            "before": event.to_dict(), "after": after.to_dict(), "note": note or None})
    return after


def check_review(changes: Mapping[str, Any] | None, note: Any) -> None:
    """Refuse a review whose note or changed values are not of a type and size
    a review holds (an object for a note, a note of megabytes), with the
    reason: they would reach the database, or the log, as they came."""
    if note is not None and not isinstance(note, str):
        raise UsageError(f"the note must be text, not {_kind(note)}")
    if note is not None and len(note) > MAX_NOTE:
        raise UsageError(f"the note is {len(note):,} characters; keep it under {MAX_NOTE:,}")
    if changes is None:
        return
    if not isinstance(changes, Mapping):
        raise UsageError("changes must be an object of field: new value")
    for name, value in changes.items():
        if not isinstance(name, str):
            raise UsageError(f"a changed field's name must be text, not {_kind(name)}")
        _check_value(name, value, top=True)


def _check_value(name: str, value: Any, *, top: bool) -> None:
    if value is None or isinstance(value, (bool, int, float)):
        return
    if isinstance(value, str):
        if len(value) > MAX_VALUE:
            raise UsageError(f"the new {name} is {len(value):,} characters; at most {MAX_VALUE:,}")
        return
    if top and isinstance(value, (list, tuple)):
        if len(value) > MAX_ITEMS:
            raise UsageError(f"the new {name} has {len(value):,} items; at most {MAX_ITEMS}")
        for item in value:
            _check_value(name, item, top=False)
        return
    if not top and isinstance(value, Mapping) and name in ("actor", "recipient"):
        for key, item in value.items():  # an actor as an object: code, sector, name, role, text
            if not isinstance(key, str) or isinstance(item, (Mapping, list, tuple)):
                raise UsageError(f"an actor in {name} holds {_kind(item)} under {_shown(key)}; "
                                 "give code, sector, name, role and text as text")
            _check_value(name, item, top=False)
        return
    raise UsageError(f"the new {name} cannot be {_kind(value)}; give text, a number, "
                     "true or false" + (", or a list" if top else ""))


def _kind(value: Any) -> str:
    """What a JSON value is, in words."""
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "a list"
    return f"a {type(value).__name__}"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _rewrite(conn: sa.Connection, event: Event, old: Mapping[str, Any]) -> None:
    row = rows.event_row(event, old["id"], old["doc_id"], old["seq"])
    values = {k: v for k, v in row.items() if k not in ("id", "doc_id", "seq")}
    conn.execute(events.update().where(events.c.id == old["id"]).values(values))
    actor_rows = rows.event_actor_rows(event, old["id"])
    pairs = rows.pair_rows(actor_rows)
    for table, values in ((event_actors, actor_rows), (event_pairs, pairs)):
        conn.execute(table.delete().where(table.c.event_id == old["id"]))
        if values:
            conn.execute(table.insert(), values)


def _set_status(conn: sa.Connection, event: Event, status: str, reviewer: str,
                now: datetime) -> None:
    exists = conn.execute(sa.select(event_reviews.c.event_id)
                          .where(event_reviews.c.event_id == event.id)).first()
    if exists:
        conn.execute(event_reviews.update().where(event_reviews.c.event_id == event.id)
                     .values(status=status, reviewer=reviewer, reviewed_at=now))
    else:  # the first review keeps the machine's version for good
        conn.execute(event_reviews.insert(), {
            "event_id": event.id, "status": status, "reviewer": reviewer,
            "reviewed_at": now, "machine": event.to_dict()})


def apply_changes(event: Event, changes: Mapping[str, Any]) -> Event:
    """``event`` with ``changes`` validated and applied (a new object)."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise UsageError(f"cannot change {', '.join(unknown)}; editable fields: "
                         f"{', '.join(EDITABLE)}")
    values: dict[str, Any] = {}
    for name, raw in changes.items():
        values[name] = _PARSERS[name](raw, getattr(event, name))
    if "category" in values:
        category, implied_mode = values["category"]
        values["category"] = category
        if category != event.category and "intensity" not in values:
            values["intensity"] = score(category)
        if implied_mode and "mode" not in values:
            values["mode"] = implied_mode
    return dataclasses.replace(event, **values)


def _category(raw: Any, _old: Any) -> tuple[str, str | None]:
    try:
        category, mode = normalize_category(str(raw))
    except KeyError:
        category, mode = None, None
    if category is None:
        raise UsageError(f"{raw!r} is not a PLOVER category; use one of "
                         f"{', '.join(CATEGORIES)}")
    return category, mode


def _text(raw: Any, _old: Any) -> str | None:
    text = "" if raw is None else str(raw).strip()
    return text or None


def _context(raw: Any, _old: Any) -> list[str]:
    items = re.split(r"[,;]", raw) if isinstance(raw, str) else list(raw or [])
    return [str(i).strip().lower() for i in items if str(i).strip()]


def _date(raw: Any, _old: Any) -> date | None:
    if raw is None or isinstance(raw, date):
        return raw
    text = str(raw).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"date {text!r} is not a date; write it as YYYY-MM-DD") from None


def _precision(raw: Any, _old: Any) -> str:
    value = str(raw).strip().lower()
    if value not in PRECISIONS:
        raise UsageError(f"date precision {raw!r} is not one of {', '.join(PRECISIONS)}")
    return value


def _flag(raw: Any, _old: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    value = str(raw).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise UsageError(f"{raw!r} is not true or false")


def _number(raw: Any, _old: Any) -> float:
    try:
        return float(raw)
    except (TypeError, ValueError):
        raise UsageError(f"{raw!r} is not a number") from None


def _confidence(raw: Any, old: Any) -> float:
    value = _number(raw, old)
    if not 0.0 <= value <= 1.0:
        raise UsageError(f"confidence {value} must be between 0 and 1")
    return value


def _actors(raw: Any, old: list[Actor]) -> list[Actor]:
    """Actors from "CHN MIL; USA (Name)", a list of such strings or of dicts; an actor
    with the same code and sector as before keeps its name, role and words."""
    items = [p for p in raw.split(";")] if isinstance(raw, str) else list(raw or [])
    out: list[Actor] = []
    for item in items:
        actor = _actor(item)
        if actor is None:
            continue
        same = next((a for a in old if (a.code, a.sector) == (actor.code, actor.sector)), None)
        if same is not None and actor.name in (None, same.name):
            actor = dataclasses.replace(same)
        out.append(actor)
    return out


def _actor(item: Any) -> Actor | None:
    if isinstance(item, Mapping):
        data = {k: item.get(k) for k in ("code", "sector", "name", "role", "text")}
    else:
        if not str(item).strip():
            return None
        match = _ACTOR.match(str(item))
        if match is None:
            raise UsageError(f"actor {item!r} is not 'CODE', 'CODE SECTOR' or "
                             "'CODE SECTOR (Name)' (example: 'USA MIL (Lloyd Austin)')")
        data = match.groupdict()
    code = str(data.get("code") or "").strip().upper()
    if not _CODE.match(code):
        raise UsageError(f"actor code {code!r} is not a country or organisation code "
                         "(examples: CHN, USA, NATO)")
    sector = (data.get("sector") or "").strip().upper() or None
    name = (data.get("name") or "").strip() or None
    return Actor(code=code, sector=sector, name=name, role=data.get("role"),
                 text=data.get("text"))


_PARSERS: dict[str, Any] = {
    "category": _category, "mode": _text, "medium": _text, "context": _context,
    "actor": _actors, "recipient": _actors, "date": _date, "date_end": _date,
    "date_precision": _precision, "location": _text, "negated": _flag,
    "hypothetical": _flag, "future": _flag, "historical": _flag, "intensity": _number,
    "confidence": _confidence,
}


def history(store: Store, event_id: str) -> list[ReviewEntry]:
    """Every review action on an event, oldest first."""
    query = (sa.select(review_log).where(review_log.c.event_id == event_id)
             .order_by(review_log.c.id))
    with store.engine.connect() as conn:
        found = conn.execute(query).mappings().all()
    return [ReviewEntry(event_id=r["event_id"], action=r["action"], reviewer=r["reviewer"],
                        at=r["at"], before=r["before"], after=r["after"], note=r["note"])
            for r in found]


def statuses(store: Store, event_ids: Iterable[str]) -> dict[str, str]:
    """The review status of those of ``event_ids`` that were reviewed."""
    ids = list(dict.fromkeys(event_ids))
    if not ids:
        return {}
    query = sa.select(event_reviews.c.event_id, event_reviews.c.status).where(
        event_reviews.c.event_id.in_(ids))
    with store.engine.connect() as conn:
        return {r.event_id: r.status for r in conn.execute(query)}


def machine_version(store: Store, event_id: str) -> dict[str, Any] | None:
    """The event as the coder made it, when it was reviewed since."""
    query = sa.select(event_reviews.c.machine).where(event_reviews.c.event_id == event_id)
    with store.engine.connect() as conn:
        return conn.execute(query).scalar_one_or_none()


def review_counts(store: Store) -> dict[str, int]:
    """How many events are accepted, corrected and rejected, and how many missed
    events analysts added."""
    query = sa.select(event_reviews.c.status, sa.func.count().label("n")).group_by(
        event_reviews.c.status)
    with store.engine.connect() as conn:
        found = {r.status: int(r.n) for r in conn.execute(query)}
    return {status: found.get(status, 0) for status in (*ACTIONS.values(), "missed")}


# -- used by Store.replace_events -------------------------------------------------

@dataclass(slots=True)
class ReviewedKeys:
    """What identifies the reviewed events of a document in a re-run of the coder."""

    ids: set[str]
    sentences: set[tuple[int, str, int]]  # (sentence index, machine category, trigger start)
    missed: set[tuple[int, str]] = dataclasses.field(default_factory=set)  # (sentence start, category)


def reviewed_keys(conn: sa.Connection, doc_id: str) -> ReviewedKeys:
    """The ids and machine-made keys of a document's reviewed events."""
    query = (sa.select(event_reviews.c.event_id, event_reviews.c.machine)
             .join(events, events.c.id == event_reviews.c.event_id)
             .where(events.c.doc_id == doc_id))
    keys = ReviewedKeys(set(), set())
    for event_id, machine in conn.execute(query):
        keys.ids.add(event_id)
        evidence = machine.get("evidence", {})
        if machine.get("missed"):  # an analyst's event: the coder may find it now
            keys.missed.add((evidence.get("start"), machine.get("category")))
            continue
        keys.sentences.add((evidence.get("sentence_index"), machine.get("category"),
                            evidence.get("trigger_start")))
    return keys


def recodes(row: Mapping[str, Any], kept: ReviewedKeys) -> bool:
    """Whether a new event row is the coder's version of a reviewed event."""
    key = (row["sentence_index"], row["category"], row["trigger_start"])
    if row["id"] in kept.ids or key in kept.sentences:
        return True
    return any(category == row["category"] and row["sentence_start"] <= start < row["sentence_end"]
               for start, category in kept.missed)
