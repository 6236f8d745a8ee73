"""Dyad analyses and the self-contained HTML report."""

from __future__ import annotations

from eventwire.report.dyad import parse_dyad
from eventwire.report.html import ReportSummary, write_report
from eventwire.report.timeline import Timeline, dyad_timeline

__all__ = ["ReportSummary", "Timeline", "dyad_timeline", "parse_dyad", "write_report"]
