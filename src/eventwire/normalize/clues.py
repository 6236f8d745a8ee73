"""Clues in a report's text that narrow when it was written.

Each clue becomes a :class:`Constraint`: a test on a candidate publication date
and a few words saying why, so that the year inference can explain itself.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventwire.errors import DataError
from eventwire.normalize.calendar_words import (
    MONTH_RE, WEEKDAY_RE, YEAR_RE, last_day, month_number, weekday_name, weekday_number)
from eventwire.normalize.eras import find_eras
from eventwire.normalize.tense import FUTURE, is_future_at

logger = logging.getLogger(__name__)

# How far back a past "on October 20" may reach into the previous year, and how
# far ahead a future one into the next: reporters add the year beyond that.
WRAP_DAYS = 183

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z])|\n+")
# a year that is a deadline or a target, not the past
_NOT_PAST_YEAR = re.compile(r"\b(?:by|until|till|through|before|ahead of|towards?|to)\s+(?:the\s+end\s+of\s+)?$",
                            re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"({MONTH_RE})\s*(?:\d{{1,2}},?\s*)?$")
_CURRENT_YEAR = re.compile(r"\b(?:a|this\s+year[’']s)\s+(?:(?:\w+\s+)?)$", re.IGNORECASE)
_WEEKDAY = re.compile(WEEKDAY_RE)
_WEEKDAY_PAIR = re.compile(rf"{WEEKDAY_RE}\s*(?:and|to|through|or|-|–)\s*$|^\s*(?:and|to|through|or|-|–)\s*{WEEKDAY_RE}")
_WEEKDAY_SHIFTED = re.compile(r"\b(?:last|next|this|since|until|by|following|previous|coming|every|on or after)\s+$",
                              re.IGNORECASE)
_NO_YEAR = r"(?!\s*,?\s*(?:19|20)\d\d)"
_MONTH_DAY = re.compile(rf"\b(?:on|since|from)\s+(?P<month>{MONTH_RE})\s*(?P<day>\d{{1,2}})\b{_NO_YEAR}"
                        rf"|\bon\s+(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTH_RE}){_NO_YEAR}")
_MONTH_ONLY = re.compile(rf"\b(?:in|since)\s+(?:(?P<part>early|mid|late)[- ])?(?P<month>{MONTH_RE})"
                         rf"(?!\s*\d){_NO_YEAR}", re.IGNORECASE)
_LEAD_PARAGRAPHS = 4
#: the lead is the first sentences of those paragraphs: a report gives its day
#: there, and a text of one endless paragraph must not make the lead all of it
_LEAD_SENTENCES = 10
_LEAD_CHARS = 5000
#: how far back (characters) the words before a date or a weekday are read:
#: every pattern matched there is anchored at its end and needs far less.
#: Reading from the start of the sentence instead made a long sentence cost
#: the square of its length (issue 26: a 990 kB paragraph did not finish).
_BEFORE = 200
#: at most this many clues of one kind are kept (the first ones, duplicates
#: dropped): each is tested against thousands of candidate dates, and a long
#: text naming dates thousands of times narrows nothing more with them all
MAX_CLUES = 40


@dataclass(frozen=True, slots=True)
class Constraint:
    """A test on a candidate publication date, with the reason in words."""

    label: str
    test: Callable[[date], bool]
    fallback: "Constraint | None" = None  # a looser reading, tried when this one conflicts


def sentences(text: str) -> list[str]:
    """A cheap sentence split, good enough for locating clues."""
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def _in_periods(periods: list[tuple[date, date | None]]) -> Callable[[date], bool]:
    return lambda d: any(start <= d and (end is None or d <= end) for start, end in periods)


def year_constraints(text: str, today: date) -> tuple[list[Constraint], list[Constraint]]:
    """Years named as past (a floor) and a year named as the current one (a hint)."""
    floor: tuple[date, str] | None = None
    current: int | None = None
    for sentence in sentences(text):
        future: bool | None = None  # whether the sentence speaks of the future, looked up once
        for match in YEAR_RE.finditer(sentence):
            year = int(match.group(1))
            before = _before(sentence, match.start())
            if year > today.year or _NOT_PAST_YEAR.search(before):
                continue
            if re.search(r"\bin\s+$", before):
                future = bool(FUTURE.search(sentence)) if future is None else future
                if future:
                    continue
            month = _MONTH_BEFORE.search(before)
            start = date(year, month_number(month.group(1)), 1) if month else date(year, 1, 1)
            phrase = (month.group(0) if month else "") + match.group(1)
            if floor is None or start > floor[0]:
                floor = (start, phrase.strip())
            if _CURRENT_YEAR.search(before[-30:]):
                current = year
    floors, hints = [], []
    if floor:
        start, phrase = floor
        floors.append(Constraint(f"'{phrase}' named as past -> not before {start}",
                                 lambda d, s=start: d >= s))
    if current:
        hints.append(Constraint(f"'a {current} ...' named as this year's -> {current}",
                                lambda d, y=current: d.year == y))
    return floors, hints


def _before(sentence: str, position: int) -> str:
    """The words just before ``position``, as far back as any clue pattern looks."""
    return sentence[max(0, position - _BEFORE):position]


def lead(text: str) -> list[str]:
    """The lead: the first sentences of the first paragraphs, read from the
    start of the text only (linear however long the text)."""
    paragraphs: list[str] = []
    for paragraph in _paragraphs(text[:_LEAD_CHARS]):
        paragraphs.append(paragraph)
        if len(paragraphs) == _LEAD_PARAGRAPHS:
            break
    return sentences("\n".join(paragraphs))[:_LEAD_SENTENCES]


def _paragraphs(text: str) -> Iterator[str]:
    """The non-blank lines of ``text``, lazily."""
    return (line for line in text.split("\n") if line.strip())


def _lead_weekday(text: str) -> str | None:
    """The first single weekday the lead gives (the day of the report)."""
    for sentence in lead(text):
        if re.search(r"\bago\b", sentence):
            continue
        for match in _WEEKDAY.finditer(sentence):
            before = _before(sentence, match.start())
            after = sentence[match.end():match.end() + _BEFORE]
            if _WEEKDAY_SHIFTED.search(before) or _WEEKDAY_PAIR.search(before) \
                    or _WEEKDAY_PAIR.search(after):
                continue
            return match.group(0)
    return None


def weekday_constraint(text: str) -> list[Constraint]:
    """The weekday the lead gives for the day of the report."""
    name = _lead_weekday(text)
    if name is None:
        return []
    number = weekday_number(name)
    return [Constraint(f"the lead says '{name}' -> a {weekday_name(number)}",
                       lambda d: d.weekday() == number)]


# the first and last day of a month part ("mid-November": 11th to 20th)
_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


def _past_mention(month: int, day: int | None, label: str) -> Constraint:
    def same_year(d: date) -> bool:
        return date(d.year, month, min(day or 1, last_day(d.year, month))) <= d

    def wrapped(d: date) -> bool:
        prev = date(d.year - 1, month, min(day or 1, last_day(d.year - 1, month)))
        return same_year(d) or (d - prev).days <= WRAP_DAYS

    return Constraint(f"{label} (past) -> after it in the same year",
                      same_year, Constraint(f"{label} (past) -> after it, within {WRAP_DAYS} days", wrapped))


def _future_mention(month: int, day: int | None, label: str) -> Constraint:
    def same_year(d: date) -> bool:
        return date(d.year, month, min(day or 31, last_day(d.year, month))) >= d

    def wrapped(d: date) -> bool:
        nxt = date(d.year + 1, month, min(day or 1, last_day(d.year + 1, month)))
        return same_year(d) or (nxt - d).days <= WRAP_DAYS

    return Constraint(f"{label} (future) -> before it in the same year",
                      same_year, Constraint(f"{label} (future) -> before it, within {WRAP_DAYS} days", wrapped))


def month_constraints(text: str) -> list[Constraint]:
    """Dates without a year ("on October 20", "In August") told as past or future."""
    out = []
    for sentence in sentences(text):
        found: list[tuple[int, int | None, str, int]] = []
        for m in _MONTH_DAY.finditer(sentence):
            month_name, day = (m["month"], m["day"]) if m["month"] else (m["month2"], m["day2"])
            if 1 <= int(day) <= 31:
                found.append((month_number(month_name), int(day), m.group(0), m.start()))
        for m in _MONTH_ONLY.finditer(sentence):
            if m.group("month")[0].isupper():
                future = is_future_at(sentence, m.start())
                part = _PART_DAYS.get((m["part"] or "").lower())
                day = (part[1] if future else part[0]) if part else None
                found.append((month_number(m["month"]), day, m.group(0), m.start()))
        for month, day, phrase, position in found:
            make = _future_mention if is_future_at(sentence, position) else _past_mention
            out.append(make(month, day, f"'{phrase}'"))
    return out


def era_constraints(text: str) -> list[Constraint]:
    """Administrations and periods the text names (``data/eras.yaml``)."""
    out = []
    for clue in find_eras(text):
        era = clue.era
        if era.relation == "during" and not clue.past_reference:
            periods = list(era.periods)
            span = ", ".join(f"{s}..{e or 'now'}" for s, e in periods)
            out.append(Constraint(f"'{clue.phrase}' -> within {span}", _in_periods(periods)))
        else:
            out.append(Constraint(f"'{clue.phrase}' -> not before {era.start}",
                                  lambda d, s=era.start: d >= s))
    return out


def _tenure_clues(text: str) -> list[Any]:
    """Dated roles of persons named in the text, from the actor dictionary."""
    try:
        from eventwire.actors import default_dictionary  # lazy: actors is a later stage
    except ImportError:
        logger.debug("eventwire.actors has no default_dictionary; tenure clues skipped")
        return []
    try:
        dictionary = default_dictionary()
    except DataError as exc:
        # A broken actor file must not stop normalisation: the coder reports it.
        logger.warning("tenure clues skipped, the actor dictionary did not load: %s", exc)
        return []
    if not hasattr(dictionary, "tenure_clues"):
        logger.debug("actor dictionary has no tenure_clues; tenure clues skipped")
        return []
    return list(dictionary.tenure_clues(text))


def tenure_constraints(text: str, today: date) -> list[Constraint]:
    """Persons named in a dated role: the report falls in the tenure (unless "the then")."""
    groups: dict[tuple[str, str], list[Any]] = {}
    for clue in _tenure_clues(text):
        groups.setdefault((clue.name, clue.role), []).append(clue)
    out = []
    for (name, role), clues in groups.items():
        current = [c for c in clues if not c.past_reference]
        if current:
            periods = [(c.start, c.end) for c in current]
            span = ", ".join(f"{s}..{e or 'now'}" for s, e in periods)
            out.append(Constraint(f"{name} as {role} -> within {span}", _in_periods(periods)))
        else:
            start = min(c.start for c in clues)
            out.append(Constraint(f"the then {role} {name} -> not before {start}",
                                  lambda d, s=start: d >= s))
    return out


def all_constraints(text: str, today: date) -> list[Constraint]:
    """Every clue, most reliable first (later ones give way when they conflict)."""
    floors, hints = year_constraints(text, today)
    return (floors + _first(tenure_constraints(text, today)) + _first(era_constraints(text))
            + _first(month_constraints(text)) + hints + weekday_constraint(text))


def _first(constraints: list[Constraint]) -> list[Constraint]:
    """The first ``MAX_CLUES`` constraints of one kind, each label once."""
    kept: dict[str, Constraint] = {}
    for constraint in constraints:
        kept.setdefault(constraint.label, constraint)
        if len(kept) == MAX_CLUES:
            break
    return list(kept.values())


