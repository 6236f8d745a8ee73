"""Exports of events: CSV (flat columns), JSON Lines, PLOVER JSON."""

from __future__ import annotations

from eventwire.export.columns import COLUMNS
from eventwire.export.writers import FORMATS, write_events

__all__ = ["COLUMNS", "FORMATS", "write_events"]
