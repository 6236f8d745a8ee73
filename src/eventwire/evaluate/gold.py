"""Reading gold files: PLOVER sentence records and eventwire document records."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import DataError
from eventwire.plover import normalize_category


@dataclass(frozen=True, slots=True)
class GoldActor:
    code: str
    sector: str


@dataclass(frozen=True, slots=True)
class SentenceGold:
    """One PLOVER gold record: a sentence and its main event (or none)."""

    id: str
    text: str
    report_date: date | None
    category: str | None  # None: no event (also for negated events, which must not be coded)
    mode: str
    context: frozenset[str]
    actor: tuple[GoldActor, ...]
    recipient: tuple[GoldActor, ...]
    event_text: str
    event_date: date | None
    negated: bool


def iter_objects(text: str, where: str) -> list[dict[str, Any]]:
    """JSON objects from JSON Lines, a JSON array, or comma-separated objects."""
    decoder = json.JSONDecoder()
    objects: list[dict[str, Any]] = []
    position = 0
    while True:
        while position < len(text) and text[position] in " \t\r\n,[]":
            position += 1
        if position >= len(text):
            return objects
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as exc:
            line = text.count("\n", 0, exc.pos) + 1
            raise DataError(f"{where}:{line}: not valid JSON ({exc.msg})") from exc
        if not isinstance(value, dict):
            raise DataError(f"{where}: expected JSON objects, found {type(value).__name__}")
        objects.append(value)


def _date(value: Any) -> date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _actors(value: Any) -> tuple[GoldActor, ...]:
    if not value:
        return ()
    if isinstance(value, (dict, str)):
        value = [value]
    out = []
    for item in value:
        if isinstance(item, str):
            out.append(GoldActor(item.strip().upper()[:3], ""))
        elif isinstance(item, dict):
            out.append(GoldActor(str(item.get("code") or "").upper(), str(item.get("sector") or "").upper()))
    return tuple(a for a in out if a.code)


def _context(value: Any) -> frozenset[str]:
    if not value:
        return frozenset()
    if isinstance(value, str):
        value = [v.strip() for v in value.replace(";", ",").split(",")]
    return frozenset(str(v).strip().lower() for v in value if str(v).strip())


def sentence_record(raw: dict[str, Any], where: str) -> SentenceGold:
    """A PLOVER record, older category names mapped to the current ones."""
    if "text" not in raw:
        raise DataError(f"{where}: a sentence record needs `text`")
    name = raw.get("event") or raw.get("category")
    category, implied_mode = (None, None)
    if name and str(name).upper() not in ("NONE", "NULL", ""):
        try:
            category, implied_mode = normalize_category(str(name))
        except KeyError:
            raise DataError(f"{where}: unknown event category {name!r}") from None
    negated = bool(raw.get("negated") or raw.get("negation"))
    return SentenceGold(
        id=str(raw.get("id", where)), text=str(raw["text"]), report_date=_date(raw.get("date")),
        category=None if negated else category,
        mode=str(raw.get("mode") or implied_mode or "").lower(),
        context=_context(raw.get("context")),
        actor=_actors(raw.get("actor", raw.get("source"))),
        recipient=_actors(raw.get("recipient", raw.get("target"))),
        event_text=str(raw.get("eventText") or ""), event_date=_date(raw.get("event_date")),
        negated=negated)


def load_sentences(path: Path) -> list[SentenceGold]:
    """Every sentence record of a file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DataError(f"{path}: cannot read gold file ({exc.strerror})") from exc
    return [sentence_record(o, f"{path}#{i + 1}") for i, o in enumerate(iter_objects(text, str(path)))]


def shape_of(path: Path) -> str:
    """"documents" for an eventwire document gold file, "stories" for the
    real-news gold (sentences anchored in a story corpus), else "sentences"."""
    try:
        with path.open(encoding="utf-8-sig") as handle:
            head = handle.readline()
        first = json.loads(head) if head.strip().startswith("{") and head.strip().endswith("}") else None
        if isinstance(first, dict) and "story" in first and "start" in first and "events" in first:
            return "stories"
        first = iter_objects(path.read_text(encoding="utf-8-sig"), str(path))[:1]
    except (OSError, DataError, ValueError):
        return "sentences"  # the sentence loader reports the problem
    return "documents" if first and "events" in first[0] and "document" in first[0] else "sentences"
