"""The ``date YYYY-MM-DD`` header line and the dateline that opens a report."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from eventwire.normalize.agencies import canonical_agency
from eventwire.normalize.calendar_words import MONTH_RE, month_number

_HEADER = re.compile(r"date\s+(\d{4})-(\d{2})-(\d{2})\b[ \t]*(.*)")

# "BEIJING, Dec. 26 (Xinhua) --", "Beijing, Sep 28 (EFE).-", "BEIJING, Dec.29 --",
# "WASHINGTON (AP) —", "ATHENS, Greece (AP) —", "MOSCOW, March 3 (Reuters) -", "TOKYO, Jan 5, 2024 (Kyodo) --"
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z'’.]*(?:[ -][A-Z][A-Za-z'’.]*){0,3})"
    # AP style names the state or country: "SEOUL, South Korea (AP) —"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})(?=\s*\())?"
    rf"(?:,\s*(?P<month>{MONTH_RE})\s*(?P<day>\d{{1,2}})(?:,?\s*(?P<year>(?:19|20)\d\d))?)?"
    r"\s*(?:\((?P<agency>[^()\n]{2,40})\))?"
    r"\s*(?:\.-|\.?\s*(?:--|—|–|-|:))\s*"
)
# headings before the dateline: short, no closing full stop
_MAX_HEADING = 200


@dataclass(frozen=True, slots=True)
class Header:
    """The ``date YYYY-MM-DD rest`` first line some archives add."""

    published: date
    rest: str  # the words after the date: a title, or the body's first paragraph


@dataclass(frozen=True, slots=True)
class Dateline:
    """A parsed dateline."""

    place: str
    agency: str | None
    month: int | None
    day: int | None
    year: int | None
    raw: str

    @property
    def full_date(self) -> date | None:
        """The dateline's date when it gives a year."""
        if self.year and self.month and self.day:
            return _safe_date(self.year, self.month, self.day)
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def split_header(text: str) -> tuple[Header | None, str]:
    """Parse and remove a leading ``date YYYY-MM-DD`` line; return it and the rest."""
    first, _, remainder = text.partition("\n")
    match = _HEADER.fullmatch(first.strip())
    if not match:
        return None, text
    published = _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if published is None:
        return None, text
    return Header(published, match[4].strip()), remainder.lstrip("\n")


def parse_dateline(paragraph: str) -> Dateline | None:
    """The dateline at the start of a paragraph, or None."""
    match = _DATELINE.match(paragraph)
    if not match or not (match["month"] or match["agency"]):
        return None
    if match.end() >= len(paragraph):
        return None
    day = int(match["day"]) if match["day"] else None
    if day is not None and not 1 <= day <= 31:
        return None
    agency_text = match["agency"]
    agency = canonical_agency(agency_text, strict=False) if agency_text else None
    if agency_text and not agency:
        if not match["month"]:  # "Taiwan (a self-ruling island) -" is not a dateline
            return None
        agency = agency_text.strip()
    place = match["place"].strip()
    if place.isupper() or place.islower():
        place = place.title()
    return Dateline(place=place, agency=agency,
                    month=month_number(match["month"]) if match["month"] else None,
                    day=day, year=int(match["year"]) if match["year"] else None,
                    raw=match.group(0).strip())


def _is_heading(paragraph: str) -> bool:
    return len(paragraph) <= _MAX_HEADING and not paragraph.rstrip().endswith((".", "”", '"'))


def split_dateline(text: str) -> tuple[Dateline | None, list[str], str]:
    """Find a dateline in the first paragraphs; return it, headings above it, and the text.

    The dateline and any short heading lines above it are removed so that the
    body starts with its first sentence.
    """
    paragraphs = text.split("\n")
    seen = [i for i, p in enumerate(paragraphs) if p][:3]
    for position, index in enumerate(seen):
        dateline = parse_dateline(paragraphs[index])
        if dateline is None:
            continue
        headings = [paragraphs[i] for i in seen[:position]]
        if not all(_is_heading(h) for h in headings):
            return None, [], text
        body_first = paragraphs[index][len(dateline.raw):].lstrip()
        rest = [body_first] + paragraphs[index + 1:]
        return dateline, headings, "\n".join(rest).strip()
    return None, [], text
