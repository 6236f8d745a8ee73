"""Resolve the date an event sentence refers to, relative to the report's date.

Weekdays and relative expressions ("on Thursday", "two days ago", "earlier this
month") are resolved by hand rules rather than dateparser: news style needs
"the Thursday on or before the report date" (dateparser picks by its own
preference and cannot return the two-day range of "on Wednesday and Thursday"
or the month part of "in mid-November"). Explicit dates are read with the same
month names as the dateline rules.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.normalize.calendar_words import (
    MONTH_RE, WEEKDAY_RE, last_day, month_number, weekday_name, weekday_number)
from eventwire.normalize.tense import is_future_at

__all__ = ["DateResolution", "resolve_event_date"]

PRECISIONS = ("day", "month", "year", "range", "unknown")
RECENTLY_DAYS = 30  # "recently" / "not long ago": a month back, said so in the note


@dataclass(frozen=True, slots=True)
class DateResolution:
    """An event date (or range), its precision and how it was resolved."""

    date: date | None
    date_end: date | None
    precision: str  # one of PRECISIONS
    note: str


Resolver = Callable[[re.Match[str], date | None, bool], DateResolution]

_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|added|stated|noted|stressed|remarked|"
                            r"reported|according to)\s+(?:[\w’']+\s+){0,2}(?:on\s+)?$",
                            re.IGNORECASE)
_SPEECH_AFTER = re.compile(r"^\s*(?:said|says|told|added|stated|noted|announced)\b")
_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NUMBER_RE = r"(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r"|a|an)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_ORD = r"(?:st|nd|rd|th)?"


# --- helpers ------------------------------------------------------------------

def _day(d: date, note: str) -> DateResolution:
    return DateResolution(d, None, "day", note)


def _span(start: date, end: date, precision: str, note: str) -> DateResolution:
    return DateResolution(start, end, precision, note)


def _month_span(year: int, month: int, note: str) -> DateResolution:
    return _span(date(year, month, 1), date(year, month, last_day(year, month)), "month", note)


def _year_span(year: int, note: str) -> DateResolution:
    return _span(date(year, 1, 1), date(year, 12, 31), "year", note)


def _unknown(text: str) -> DateResolution:
    return DateResolution(None, None, "unknown", f"'{text}' needs a report date, none given")


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _safe(year: int, month: int, day: int) -> date | None:
    return date(year, month, day) if day <= last_day(year, month) else None


def _number(text: str) -> int:
    text = text.lower()
    return 1 if text in ("a", "an") else _NUMBERS.get(text, None) or int(text)


# --- resolvers: (match, anchor, future) -> DateResolution ----------------------

def _full_date(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    g = m.groupdict()
    if g.get("iso_y"):
        year, month, day = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
    else:
        year, month, day = int(g["year"]), month_number(g["month"]), int(g["day"])
    found = _safe(year, month, day) if 1 <= month <= 12 and day >= 1 else None
    if found is None:
        return DateResolution(None, None, "unknown", f"'{m.group(0)}' is not a real date")
    return _day(found, f"'{m.group(0).strip()}' -> {found}")


def _month_day(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    month, day = month_number(m["month"]), int(m["day"])
    if anchor is None:
        return _unknown(m.group(0))
    if not 1 <= day <= 31:
        return DateResolution(None, None, "unknown", f"'{m.group(0)}' is not a real date")
    years = (anchor.year, anchor.year + 1, anchor.year + 2) if future else \
        (anchor.year, anchor.year - 1, anchor.year - 2)
    for year in years:
        found = _safe(year, month, day)
        if found and (found >= anchor if future else found <= anchor):
            side = "on or after" if future else "on or before"
            return _day(found, f"'{m.group(0).strip()}' -> the latest such date {side} {anchor}"
                        if not future else f"'{m.group(0).strip()}' -> the first such date {side} {anchor}")
    return DateResolution(None, None, "unknown", f"'{m.group(0)}' is not a real date")


def _month_year(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    year, month = int(m["year"]), month_number(m["month"])
    return _month_span(year, month, f"'{m.group(0).strip()}' -> {year}-{month:02d}")


def _month_year_for(month: int, anchor: date, future: bool) -> int:
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _month_only(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    if anchor is None:
        return _unknown(m.group(0))
    month = month_number(m["month"])
    year = _month_year_for(month, anchor, future)
    which = "next" if future else "most recent"
    return _month_span(year, month, f"'{m.group(0).strip()}' -> the {which} {calendar.month_name[month]} "
                                    f"{'from' if future else 'not after'} {anchor}: {year}-{month:02d}")


_PARTS = {"early": (1, 10), "beginning": (1, 10), "mid": (11, 20), "middle": (11, 20),
          "late": (21, 31), "end": (21, 31)}


def _month_part(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    month = month_number(m["month"])
    if m["year"]:
        year = int(m["year"])
    elif anchor is None:
        return _unknown(m.group(0))
    else:
        year = _month_year_for(month, anchor, future)
    first, last = _PARTS[(m["part"] or m["part2"]).lower()]
    start, end = date(year, month, first), date(year, month, min(last, last_day(year, month)))
    return _span(start, end, "range", f"'{m.group(0).strip()}' -> {start}..{end}")


def _year_only(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    return _year_span(int(m["year"]), f"'{m.group(0).strip()}' -> the year {m['year']}")


def _weekday_of(anchor: date, weekday: int, direction: str) -> date:
    """The weekday on/before ("past"), on/after ("future"), strictly before ("last")
    or strictly after ("next") the anchor."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    return {"past": anchor - timedelta(days=back),
            "last": anchor - timedelta(days=back or 7),
            "future": anchor + timedelta(days=ahead),
            "next": anchor + timedelta(days=ahead or 7)}[direction]


def _weekday(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    if anchor is None:
        return _unknown(m.group(0))
    modifier = (m["mod"] or "").lower()
    direction = {"last": "last", "past": "last", "previous": "last", "next": "next",
                 "coming": "future"}.get(modifier, "future" if future else "past")
    found = _weekday_of(anchor, weekday_number(m["wd"]), direction)
    words = {"past": "on or before", "last": "before", "future": "on or after", "next": "after"}
    return _day(found, f"'{m.group(0).strip()}' -> the {m['wd']} {words[direction]} {anchor}: {found}")


def _weekday_pair(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    if anchor is None:
        return _unknown(m.group(0))
    first, second = weekday_number(m["wd1"]), weekday_number(m["wd2"])
    length = (second - first) % 7
    if future:
        start = _weekday_of(anchor, first, "future")
        end = start + timedelta(days=length)
    else:
        end = _weekday_of(anchor, second, "past")
        start = end - timedelta(days=length)
    return _span(start, end, "range", f"'{m.group(0).strip()}' -> {weekday_name(first)} "
                                      f"{start} to {weekday_name(second)} {end}")


_DAY_OFFSETS = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
                "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0,
                "earlier in the day": 0, "on the same day": 0, "the same day": 0,
                "tomorrow": 1, "the day after tomorrow": 2}


def _day_word(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    if anchor is None:
        return _unknown(m.group(0))
    offset = _DAY_OFFSETS[m.group(0).lower()]
    found = anchor + timedelta(days=offset)
    return _day(found, f"'{m.group(0)}' -> {offset:+d} day(s) from {anchor}: {found}")


def _ago(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    if anchor is None:
        return _unknown(m.group(0))
    n, unit = _number(m["n"]), m["unit"].lower().rstrip("s")
    note = f"'{m.group(0)}' from {anchor}"
    if unit == "day":
        return _day(anchor - timedelta(days=n), note)
    if unit == "week":
        start = anchor - timedelta(days=7 * n)
        return _span(start - timedelta(days=3), start + timedelta(days=3), "range",
                     note + " (about, ±3 days)")
    if unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, -n)
        return _month_span(year, month, note)
    return _year_span(anchor.year - n, note)


def _relative_period(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    if anchor is None:
        return _unknown(m.group(0))
    which, unit = m["which"].lower(), m["unit"].lower()
    text = m.group(0).strip()
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        monday += timedelta(days={"last": -7, "this": 0, "next": 7}[which])
        return _span(monday, monday + timedelta(days=6), "range",
                     f"'{text}' -> the week {monday}..{monday + timedelta(days=6)}")
    if unit == "month":
        year, month = _shift_month(anchor.year, anchor.month,
                                   {"last": -1, "this": 0, "next": 1}[which])
        return _month_span(year, month, f"'{text}' -> {year}-{month:02d}")
    year = anchor.year + {"last": -1, "this": 0, "next": 1}[which]
    return _year_span(year, f"'{text}' -> {year}")


def _part_of_period(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    if anchor is None:
        return _unknown(m.group(0))
    side, unit = m["side"].lower(), m["unit"].lower()
    first = date(anchor.year, anchor.month, 1) if unit == "month" else date(anchor.year, 1, 1)
    last = date(anchor.year, anchor.month, last_day(anchor.year, anchor.month)) \
        if unit == "month" else date(anchor.year, 12, 31)
    start, end = (first, anchor) if side == "earlier" else (anchor, last)
    return _span(start, end, "range", f"'{m.group(0).strip()}' -> {start}..{end}")


def _year_end(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    if anchor is None:
        return _unknown(m.group(0))
    end = date(int(m["year"]) if m["year"] else anchor.year, 12, 31)
    return _span(anchor, end, "range", f"'{m.group(0).strip()}' -> from {anchor} to {end} (future)")


def _recently(m: re.Match[str], anchor: date | None, future: bool) -> DateResolution:
    if anchor is None:
        return _unknown(m.group(0))
    start = anchor - timedelta(days=RECENTLY_DAYS)
    return _span(start, anchor, "range",
                 f"'{m.group(0)}' -> some day in the {RECENTLY_DAYS} days before {anchor} (a guess)")


# --- the rules, most specific first; an overlapping later match is ignored ----

def _c(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


_I = re.IGNORECASE
RULES: tuple[tuple[str, re.Pattern[str], Resolver], ...] = (
    ("iso date", _c(r"\b(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)\b"), _full_date),
    ("full date", _c(rf"\b(?P<month>{MONTH_RE})\s*(?P<day>\d{{1,2}}){_ORD},?\s+{_YEAR}\b"), _full_date),
    ("full date", _c(rf"\b(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<month>{MONTH_RE}),?\s+{_YEAR}\b"),
     _full_date),
    ("weekday pair", _c(rf"\b(?:on\s+|from\s+|between\s+)?(?P<wd1>{WEEKDAY_RE})\s*"
                        rf"(?:and|to|through|-|–)\s*(?P<wd2>{WEEKDAY_RE})"), _weekday_pair),
    ("month part", _c(rf"\b(?:in\s+)?(?:(?P<part>early|mid|late)[- ]|the\s+(?P<part2>beginning|"
                      rf"middle|end)\s+of\s+)(?P<month>{MONTH_RE})(?:\s+{_YEAR})?", _I), _month_part),
    ("year end", _c(r"\b(?:by|before|until|till|towards?)\s+(?:the\s+)?(?:end\s+of\s+(?:the|this)"
                    rf"\s+year|(?:the\s+)?year[- ]?end|end\s+of\s+{_YEAR})", _I), _year_end),
    ("month day", _c(rf"\b(?P<month>{MONTH_RE})\s*(?P<day>\d{{1,2}}){_ORD}\b(?!,?\s*\d)"), _month_day),
    ("month day", _c(rf"\b(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<month>{MONTH_RE})"), _month_day),
    ("month year", _c(rf"\b(?:in\s+|since\s+|during\s+)?(?P<month>{MONTH_RE}),?\s+{_YEAR}\b"),
     _month_year),
    ("day word", _c(r"\b(?:the day before yesterday|the day after tomorrow|yesterday|today|"
                    r"tonight|tomorrow|this (?:morning|afternoon|evening)|earlier today|"
                    r"earlier in the day|(?:on )?the same day)\b", _I), _day_word),
    ("ago", _c(rf"\b{_NUMBER_RE}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", _I), _ago),
    ("part of period", _c(r"\b(?P<side>earlier|later)\s+this\s+(?P<unit>month|year)\b", _I),
     _part_of_period),
    ("relative period", _c(r"\b(?P<which>last|this|next)\s+(?P<unit>week|month|year)\b", _I),
     _relative_period),
    ("recently", _c(r"\b(?:recently|not long ago|lately)\b", _I), _recently),
    ("weekday", _c(rf"\b(?:(?P<mod>last|past|previous|next|coming|this)\s+)?(?P<wd>{WEEKDAY_RE})"),
     _weekday),
    ("month", _c(rf"\b(?:in|In|since|Since|during|During|of|by|until)\s+(?P<month>{MONTH_RE})"
                 r"(?!\s*\d)"), _month_only),
    ("year", _c(rf"\b(?:in|In|since|Since|during|During|by|until|of)\s+{_YEAR}\b(?!-)"), _year_only),
)


@dataclass(frozen=True, slots=True)
class _Mention:
    rule: str
    match: re.Match[str]
    resolver: Resolver


def _mentions(sentence: str) -> list[_Mention]:
    taken: list[tuple[int, int]] = []
    found = []
    for name, pattern, resolver in RULES:
        for match in pattern.finditer(sentence):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append(_Mention(name, match, resolver))
    return sorted(found, key=lambda m: m.match.start())


def _speech_date(mention: _Mention, sentence: str) -> bool:
    """A date that only says when something was said ("said on Thursday")."""
    before, after = sentence[:mention.match.start()], sentence[mention.match.end():]
    return bool(_SPEECH_BEFORE.search(before) or _SPEECH_AFTER.search(after))


def _with_context_year(primary: _Mention, mentions: list[_Mention]) -> DateResolution | None:
    """"In 2019, ... on October 20": a year elsewhere in the sentence fixes the month/day."""
    years = [m for m in mentions if m.rule == "year"]
    if not years or primary.rule not in ("month day", "month", "month part"):
        return None
    year = int(years[0].match["year"])
    month = month_number(primary.match["month"])
    if primary.rule == "month day":
        found = _safe(year, month, int(primary.match["day"]))
        return _day(found, f"'{primary.match.group(0).strip()}' in "
                           f"'{years[0].match.group(0).strip()}' -> {found}") if found else None
    if primary.rule == "month":
        return _month_span(year, month, f"'{primary.match.group(0).strip()}' in {year}")
    return None


def _resolve_at(sentence: str, anchor: date | None, future: bool) -> DateResolution:
    mentions = _mentions(sentence)
    if not mentions:
        if anchor is None:
            return DateResolution(None, None, "unknown", "no date in the sentence and no report date")
        return _day(anchor, "no date in the sentence; report date")
    content = [m for m in mentions if not _speech_date(m, sentence)]
    primary = (content or mentions)[0]
    if primary.rule == "year" and len(content or mentions) > 1:
        primary = (content or mentions)[1]
    future = future or is_future_at(sentence, primary.match.start())
    resolved = _with_context_year(primary, mentions) or primary.resolver(primary.match, anchor, future)
    others = [m.match.group(0).strip() for m in mentions if m is not primary]
    if others:
        resolved = DateResolution(resolved.date, resolved.date_end, resolved.precision,
                                  resolved.note + f" (also in the sentence: {', '.join(others)})")
    return resolved


def _merge(early: DateResolution, late: DateResolution, anchor: date, anchor_end: date) -> DateResolution:
    """Resolutions at both ends of an uncertain report date, as one range."""
    if (early.date, early.date_end, early.precision) == (late.date, late.date_end, late.precision):
        return early
    if early.date is None or late.date is None:
        return DateResolution(None, None, "unknown", early.note)
    start = min(early.date, late.date)
    end = max(early.date_end or early.date, late.date_end or late.date)
    return DateResolution(start, end, "range",
                          f"{early.note}; report date only known as {anchor}..{anchor_end}, "
                          f"so {start}..{end}")


def resolve_event_date(sentence: str, anchor: date | None, anchor_end: date | None = None,
                       *, future: bool = False) -> DateResolution:
    """The date ``sentence`` gives its event, relative to the report date ``anchor``.

    ``anchor_end`` is the end of the report date's range when only a range is
    known; ``future`` resolves bare dates forward (the sentence's own "will",
    "agreed to" do too). Without a temporal expression the anchor is returned.
    """
    if anchor is not None and anchor_end is not None and anchor_end != anchor:
        early = _resolve_at(sentence, anchor, future)
        late = _resolve_at(sentence, anchor_end, future)
        return _merge(early, late, anchor, anchor_end)
    return _resolve_at(sentence, anchor, future)
