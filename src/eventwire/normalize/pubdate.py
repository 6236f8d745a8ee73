"""The publication date of a report, from the best source it offers."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import dateparser

from eventwire.normalize.calendar_words import last_day
from eventwire.normalize.dateline import Dateline, Header
from eventwire.normalize.infer import infer_publication

logger = logging.getLogger(__name__)

@dataclass(frozen=True, slots=True)
class PublicationDate:
    """A publication date, where it came from, and the dateline's own date."""

    published: date | None
    source: str  # one of eventwire.records.DATE_SOURCES
    earliest: date | None = None
    latest: date | None = None
    note: str | None = None
    dateline_date: date | None = None  # the report's own day, when the dateline fixes it


def parse_metadata_date(value: str | None) -> date | None:
    """A metadata date string ("2020-10-29T08:00:00Z", "Thu, 29 Oct 2020") or None."""
    if not value or not value.strip():
        return None
    try:  # ISO 8601, the common case, without dateparser's cost
        return datetime.fromisoformat(value.strip().replace(" ", "T", 1)).date()
    except ValueError:
        pass
    parsed = dateparser.parse(value.strip(), settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        logger.info("unreadable publication date %r; looking for another", value)
        return None
    return parsed.date()


def _month_day_on_or_before(month: int, day: int, limit: date) -> date | None:
    """The latest date with this month and day on or before ``limit``."""
    for year in (limit.year, limit.year - 1):
        if day <= last_day(year, month) and date(year, month, day) <= limit:
            return date(year, month, day)
    return None


def _dateline_day(dateline: Dateline | None, published: date) -> date | None:
    """The dateline's own day (it may be a day before publication)."""
    if dateline is None or not dateline.month or not dateline.day:
        return None
    if dateline.full_date:
        return dateline.full_date
    # a dateline is the day of the report: the same day or just before publication
    return _month_day_on_or_before(dateline.month, dateline.day, published + timedelta(days=1))


def _day_note(day: date | None) -> str | None:
    return f"dateline date {day}" if day else None


def _join(*parts: str | None) -> str | None:
    kept = [p for p in parts if p]
    return "; ".join(kept) or None


def publication_date(text: str, *, override: date | None, header: Header | None,
                     metadata: str | None, dateline: Dateline | None,
                     today: date | None = None) -> PublicationDate:
    """Pick the publication date: user, header, metadata, dateline, then inference."""
    for source, value in (("user", override), ("header", header.published if header else None),
                          ("metadata", parse_metadata_date(metadata))):
        if value is not None:
            day = _dateline_day(dateline, value)
            return PublicationDate(value, source, note=_join(
                f"publication date from the {source}", _day_note(day)), dateline_date=day)
    if dateline and dateline.full_date:
        return PublicationDate(dateline.full_date, "dateline", note=_day_note(dateline.full_date),
                               dateline_date=dateline.full_date)
    month = dateline.month if dateline else None
    day = dateline.day if dateline else None
    inference = infer_publication(text, month, day, today=today)
    if inference.published is None:
        return PublicationDate(None, "unknown", inference.earliest, inference.latest,
                               inference.note)
    # with an uncertain year the dateline's day is the range itself: no single day
    single = month and day and inference.earliest == inference.latest
    day_found = inference.published if single else None
    return PublicationDate(inference.published, "inferred", inference.earliest,
                           inference.latest, inference.note, dateline_date=day_found)
