"""Per-channel summaries of a pair: last used, current status, next planned, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from eventwire.analysis.cache import load_observations, refresh
from eventwire.analysis.catalogue import Catalogue, Channel, load_catalogue, parse_dyad
from eventwire.analysis.observations import ChannelObservation
from eventwire.errors import UsageError
from eventwire.store import Store

#: how a channel stands after each kind of observation
CURRENT = {"held": "active", "active": "active", "resumed": "resumed",
           "suspended": "suspended", "refused": "refused"}


@dataclass(slots=True)
class ChannelSummary:
    """One channel of a pair and what the store knows about it."""

    channel: Channel
    last_used: date | None = None  # the latest day it was held
    status: str = "unknown"  # active | resumed | suspended | refused | planned | unknown
    status_date: date | None = None
    next_planned: ChannelObservation | None = None
    history: list[ChannelObservation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        c = self.channel
        return {
            "channel": {"id": c.id, "name": c.name, "dyad": c.dyad, "level": c.level,
                        "medium": c.medium, "general": c.general},
            "last_used": self.last_used.isoformat() if self.last_used else None,
            "status": self.status,
            "status_date": self.status_date.isoformat() if self.status_date else None,
            "next_planned": self.next_planned.to_dict() if self.next_planned else None,
            "history": [o.to_dict() for o in self.history],
        }


def _day(obs: ChannelObservation) -> date:
    return obs.last_day or date.min


def summarize(channel: Channel, history: list[ChannelObservation]) -> ChannelSummary:
    """Last use and current status from a channel's observations (in date order)."""
    summary = ChannelSummary(channel, history=sorted(history, key=lambda o: (_day(o), o.id)))
    held = [o for o in summary.history if o.status == "held" and o.date]
    if held:
        summary.last_used = max(o.date_end or o.date for o in held if o.date)
    states = [o for o in summary.history if o.status in CURRENT and o.date]
    planned = [o for o in summary.history if o.status == "planned"]
    if states:
        latest = states[-1]
        summary.status, summary.status_date = CURRENT[latest.status], latest.last_day
    if planned and (not states or _day(planned[-1]) >= _day(states[-1])):
        summary.next_planned = planned[-1]
        if not states:
            summary.status, summary.status_date = "planned", planned[-1].date
    return summary


def channel_summary(store: Store, dyad: str, since: date | None = None, *,
                    catalogue: Catalogue | None = None,
                    update: bool = True) -> list[ChannelSummary]:
    """Every catalogued channel of ``dyad`` ("CHN-USA"), most recently seen first.

    ``update`` rebuilds the stored analysis first when the store has changed.
    Channels with no observation come last, with status "unknown".
    """
    first, second = parse_dyad(dyad)
    key = f"{first}-{second}"
    catalogue = catalogue or load_catalogue()
    channels = catalogue.for_dyad(key)
    if not channels:
        known = ", ".join(sorted(catalogue.dyads()))
        raise UsageError(f"no channels are catalogued for {key}; known pairs: {known}. Add "
                         "the pair to a channel file (see eventwire/data/channels.yaml)")
    if update:
        refresh(store, catalogue=catalogue)
    observations = load_observations(store, key, since)
    summaries = [summarize(c, [o for o in observations if o.channel == c.id]) for c in channels]
    seen = [s for s in summaries if s.history]
    seen.sort(key=lambda s: max(_day(o) for o in s.history), reverse=True)
    return seen + [s for s in summaries if not s.history]
