"""Exports of events: CSV (flat columns), JSON Lines, PLOVER JSON, Parquet, DataFrames."""

from __future__ import annotations

from eventwire.export.columns import COLUMNS
from eventwire.export.writers import EXPORT_FORMATS, FORMATS, write_events

__all__ = ["COLUMNS", "EXPORT_FORMATS", "FORMATS", "write_events"]
