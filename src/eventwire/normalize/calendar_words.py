"""Month and weekday names as regular-expression pieces, built from ``calendar``."""

from __future__ import annotations

import calendar
import re

_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9

_WEEKDAYS: dict[str, int] = {calendar.day_name[_i].lower(): _i for _i in range(7)}

#: the full names of the months and the weekdays, lower case ("june", "wednesday")
CALENDAR_NAMES = frozenset([calendar.month_name[i].lower() for i in range(1, 13)] + list(_WEEKDAYS))

#: a capitalised month name, or an abbreviation with an optional dot ("Oct.", "Sept")
MONTH_RE = r"(?:" + "|".join(
    [calendar.month_name[i] + r"\b" for i in range(1, 13)]
    + [a + r"\b\.?" for a in sorted({calendar.month_abbr[i] for i in range(1, 13)} | {"Sept"},
                                      key=len, reverse=True) if a != "May"]) + r")"
#: a capitalised weekday name
WEEKDAY_RE = r"(?:" + "|".join(d.capitalize() for d in _WEEKDAYS) + r")\b"


def month_number(name: str) -> int:
    """The month number of a month name or abbreviation ("Sept." -> 9)."""
    return _MONTHS[name.strip().rstrip(".").lower()]


def weekday_number(name: str) -> int:
    """The ``date.weekday()`` number of a weekday name ("Thursday" -> 3)."""
    return _WEEKDAYS[name.strip().lower()]


def weekday_name(number: int) -> str:
    """The English name of a ``date.weekday()`` number."""
    return calendar.day_name[number]


def last_day(year: int, month: int) -> int:
    """The number of days in a month."""
    return calendar.monthrange(year, month)[1]


YEAR_RE = re.compile(r"(?<![\d,.$€£/-])(19\d\d|20\d\d)(?![\d%]|[.,]\d)")
