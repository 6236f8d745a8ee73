"""The plain records that flow through the pipeline.

``RawArticle`` (ingest) -> ``Document`` (normalise) -> ``CodedDocument``
(code: ``Event``, ``Quote``) -> store.  Records are dataclasses so they pickle
cheaply to worker processes; ``to_dict`` gives JSON-ready dictionaries with
PLOVER field names where PLOVER has one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: how a document's publication date was found
DATE_SOURCES = ("user", "header", "metadata", "dateline", "inferred", "unknown")


@dataclass(slots=True)
class RawArticle:
    """One article as read from an input, before any cleaning."""

    source: str  # file path, URL, "<stdin>", with "#N" for a line or entry
    text: str
    format: str = "text"  # text | html | jsonl | feed
    title: str | None = None
    url: str | None = None
    published: str | None = None  # raw metadata string, parsed in normalise
    outlet: str | None = None  # "source" field of JSONL, feed title, site name
    published_override: date | None = None  # from --published or a sidecar


@dataclass(slots=True)
class InputProblem:
    """An input that could not be read: reported, counted, skipped."""

    source: str
    reason: str
    #: the run failed, not the input (a worker died, the database refused a
    #: write): reading the same input again may go through
    retry: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class Document:
    """A cleaned article with its publication date and provenance."""

    id: str  # hash of the normalised text
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    date_source: str = "unknown"  # one of DATE_SOURCES
    # for inferred dates: the range of dates the text is consistent with
    published_earliest: date | None = None
    published_latest: date | None = None
    date_note: str | None = None  # why this date (e.g. which clues fixed the year)
    dateline_place: str | None = None
    dateline_date: date | None = None  # the report's own day, when a dateline gives it
    agency: str | None = None
    language: str = "en"
    near_dup_signature: tuple[int, ...] | None = None  # MinHash values
    duplicate_of: str | None = None  # set by the store

    def to_dict(self) -> dict[str, Any]:
        d = _plain(self)
        d.pop("near_dup_signature", None)
        return d


@dataclass(slots=True)
class Actor:
    """Who acts or is acted upon: a country/organisation code and a sector."""

    code: str  # ISO 3166 alpha-3, or an IGO code (UNO, NATO, ASEAN, EU...)
    sector: str | None = None  # GOV, MIL, LEG, JUD, COP, SPY, MED, BUS, CVL, IGO
    name: str | None = None  # a person or a named organisation
    role: str | None = None  # "spokesperson", "defense secretary"
    text: str | None = None  # the words in the sentence (PLOVER actorText)
    role_start: date | None = None
    role_end: date | None = None

    def to_plover(self) -> dict[str, Any]:
        out: dict[str, Any] = {"actorText": self.text or self.name or self.code,
                               "code": self.code, "sector": self.sector or ""}
        if self.name:
            out["name"] = self.name
        if self.role:
            out["role"] = self.role
        return out


@dataclass(slots=True)
class Evidence:
    """Where an event or quote was found: the sentence and the trigger."""

    doc_id: str
    sentence_index: int
    start: int  # character offsets of the sentence in Document.text
    end: int
    sentence: str
    trigger: str = ""  # the words that triggered the event
    trigger_start: int = -1  # offset of the trigger in Document.text
    rule: str = ""  # which rule fired: lets users ask "why this event"


@dataclass(slots=True)
class Event:
    """One PLOVER event with its actors, date, flags and evidence."""

    category: str
    actor: list[Actor]
    recipient: list[Actor]
    evidence: Evidence
    mode: str | None = None
    medium: str | None = None  # phone | video | in_person | written
    context: list[str] = field(default_factory=list)
    date: date | None = None
    date_end: date | None = None  # when only a range is known
    date_precision: str = "unknown"  # day | month | year | range | unknown
    date_resolution: str = ""  # how the date was resolved, for the user
    location: str | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    intensity: float = 0.0
    confidence: float = 0.5
    coder: str = ""
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    def to_plover(self) -> dict[str, Any]:
        """The event in PLOVER JSON field names and PLOVER's terms: an
        announced cooperative act is AGREE (``eventwireCategory`` keeps ours)."""
        from eventwire.plover import plover_view
        return {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "event": plover_view(self.category, self.future),
            "eventwireCategory": self.category,
            "mode": self.mode or "",
            "context": list(self.context),
            "actor": [a.to_plover() for a in self.actor],
            "recipient": [a.to_plover() for a in self.recipient],
            "text": self.evidence.sentence,
            "eventText": self.evidence.trigger,
            "location": self.location,
            "medium": self.medium,
            "intensity": self.intensity,
            "confidence": self.confidence,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "future": self.future,
            "historical": self.historical,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "date_precision": self.date_precision,
            "doc_id": self.evidence.doc_id,
            "coder": self.coder,
        }


@dataclass(slots=True)
class Quote:
    """Words attributed to a speaker."""

    text: str
    speaker: Actor | None
    speaker_text: str
    evidence: Evidence
    kind: str = "direct"  # direct (in quotation marks) | reported ("he said the ...")

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass(slots=True)
class CodedDocument:
    """A document with what the coder found in it."""

    document: Document
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    coder: str = ""  # the coder (name, version, model) that produced it


def _plain(obj: Any) -> dict[str, Any]:
    """A dataclass as a JSON-ready dict (dates as ISO strings): what
    ``dataclasses.asdict`` gives, without its deep copy of every value, which
    took half the time of a page of 50 events in the API."""
    return _jsonable(obj)  # type: ignore[no-any-return]


#: the field names of each record class, in order
_FIELDS: dict[type, tuple[str, ...]] = {}
_PLAIN = (str, int, float, bool, type(None))


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _jsonable(value: Any) -> Any:
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _jsonable(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
