"""Year inference: when was a report without a full date written?

Candidates are the dateline's month/day in every year from 2000 to today, or
every day in that span when there is no dateline; each clue from
:mod:`eventwire.normalize.clues` narrows them, most reliable first. A clue that
would leave no candidate is set aside (and said so in the note).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.normalize.calendar_words import last_day
from eventwire.normalize.clues import Constraint, all_constraints

EARLIEST_YEAR = 2000
# Without a dateline a range wider than this is no publication date, only bounds.
MAX_UNDATED_SPAN_DAYS = 92


@dataclass(frozen=True, slots=True)
class Inference:
    """The dates a report is consistent with, and why."""

    published: date | None
    earliest: date | None
    latest: date | None
    note: str
    clues_used: int


def _candidates(month: int | None, day: int | None, today: date) -> list[date]:
    if month and day:
        out = []
        for year in range(EARLIEST_YEAR, today.year + 1):
            if day <= last_day(year, month) and date(year, month, day) <= today:
                out.append(date(year, month, day))
        return out
    first = date(EARLIEST_YEAR, 1, 1)
    return [first + timedelta(days=i) for i in range((today - first).days + 1)]


def _apply(candidates: list[date], constraint: Constraint) -> tuple[list[date], str | None]:
    """Apply a constraint or, on conflict, its looser fallback; say which."""
    current: Constraint | None = constraint
    while current is not None:
        kept = [d for d in candidates if current.test(d)]
        if kept:
            return kept, current.label
        current = current.fallback
    return candidates, None


def _describe(dates: list[date]) -> str:
    if len(dates) == 1:
        return str(dates[0])
    if len(dates) <= 4:
        return " or ".join(str(d) for d in dates)
    return f"{len(dates)} dates {dates[0]}..{dates[-1]}"


def infer_publication(text: str, month: int | None = None, day: int | None = None,
                      *, today: date | None = None) -> Inference:
    """Narrow the publication date of ``text`` (dateline ``month``/``day`` if known)."""
    today = today or date.today()
    candidates = _candidates(month, day, today)
    if not candidates:
        return Inference(None, None, None, "the dateline's day does not exist in any year", 0)
    used, consistent, ignored = [], [], []
    for constraint in all_constraints(text, today):
        narrowed, label = _apply(candidates, constraint)
        if label is None:
            ignored.append(constraint.label)
            continue
        (used if len(narrowed) < len(candidates) else consistent).append(label)
        candidates = narrowed
    return _result(candidates, used, consistent, ignored, dated=bool(month and day))


def _result(candidates: list[date], used: list[str], consistent: list[str], ignored: list[str],
            dated: bool) -> Inference:
    start = "dateline without a year" if dated else "no date in the report"
    parts = [start] + used
    if consistent:
        parts.append("also consistent: " + "; ".join(consistent))
    if ignored:
        parts.append("set aside as conflicting: " + "; ".join(ignored))
    earliest, latest = candidates[0], candidates[-1]
    if dated:
        parts.append(f"-> {_describe(candidates)}" + ("" if len(candidates) == 1 else
                                                      "; the latest taken"))
        return Inference(latest, earliest, latest, "; ".join(parts), len(used))
    if not used or (latest - earliest).days > MAX_UNDATED_SPAN_DAYS:
        parts.append(f"-> only bounds {earliest}..{latest}")
        return Inference(None, earliest if used else None, latest if used else None,
                         "; ".join(parts), len(used))
    parts.append(f"-> {_describe(candidates)}" + ("" if len(candidates) == 1 else
                                                  "; the latest taken"))
    return Inference(latest, earliest, latest, "; ".join(parts), len(used))
