"""The records of channel observations and the helpers both kinds of observation share."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

from eventwire.analysis.catalogue import dyad_key
from eventwire.records import Document

STATUSES = ("held", "active", "planned", "suspended", "resumed", "refused")
STATES = ("active", "suspended", "resumed", "refused")  # what a channel is in, not a contact


@dataclass(slots=True)
class ChannelEvidence:
    """A sentence that shows a channel's state, and the words that name it."""

    doc_id: str
    sentence_index: int
    start: int  # the sentence's offsets in the document text
    end: int
    sentence: str
    span: str  # the words that link the sentence to the channel or state
    span_start: int  # offset of ``span`` in the document text (-1: not located)
    event_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ChannelObservation:
    """One use or state of a channel: a story or a statement, with its evidence."""

    id: str
    channel: str
    dyad: str
    status: str  # one of STATUSES
    date: date | None
    date_end: date | None
    date_precision: str
    level: str | None
    medium: str | None
    source: str  # event | statement
    link: str  # why this channel (which alias, role or fallback)
    evidence: list[ChannelEvidence] = field(default_factory=list)
    story_id: str | None = None

    @property
    def last_day(self) -> date | None:
        return self.date_end or self.date

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["date"] = self.date.isoformat() if self.date else None
        out["date_end"] = self.date_end.isoformat() if self.date_end else None
        return out


def report_anchor(document: Document | None) -> tuple[date | None, date | None]:
    """The report's day, or the range it is known to lie in."""
    if document is None:
        return None, None
    if document.dateline_date:
        return document.dateline_date, document.dateline_date
    start = document.published_earliest or document.published
    return start, document.published_latest or document.published


def known_pairs(codes: Iterable[str], known: set[str]) -> list[str]:
    """The pairs among ``codes`` that the catalogue knows."""
    return [d for d in (dyad_key(a, b) for a, b in combinations(sorted(set(codes)), 2))
            if d in known]


def observation_id(*parts: object) -> str:
    """A stable id from the parts that make an observation what it is."""
    return "o-" + hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:16]
