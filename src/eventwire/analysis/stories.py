"""Stories: the events of several reports (or later re-mentions) about one real event.

Two events are told about the same real-world event when they have the same
category and tense (held or planned), their actor countries overlap, their
dates agree within a tolerance, their medium and place do not contradict each
other and, across reports, the evidence is similar enough.  A story keeps all
its events, so counts can be taken per story (the default) or per mention.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from eventwire import plover
from eventwire.records import Event

TOLERANCE_DAYS = 1  # reports in different time zones can disagree by a day
WEAK_DAYS = 14  # an event dated only by its report happened on or shortly before it
THRESHOLD = 0.6  # least score for reports of different documents to be one story
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
_STOP = frozenset("""about after also among been being between both from have their there these
they this that were which while with will would said says spokesperson ministry according
could should other than them into over more said""".split())


@dataclass(slots=True)
class Story:
    """One real-world event and every event record that tells it."""

    id: str
    category: str
    codes: frozenset[str]  # every actor and recipient country or organisation
    date: date | None
    date_end: date | None
    date_precision: str
    mode: str | None
    medium: str | None
    location: str | None
    future: bool
    events: list[Event] = field(default_factory=list)

    @property
    def quad(self) -> str:
        return plover.quad_class(self.category)

    @property
    def mentions(self) -> int:
        return len(self.events)

    @property
    def doc_ids(self) -> list[str]:
        return sorted({e.evidence.doc_id for e in self.events})

    @property
    def sources(self) -> int:
        return len(self.doc_ids)

    @property
    def intensity(self) -> float:
        """The mean of the events' scores (the category's PLOVER score when unset)."""
        values = [e.intensity or plover.score(self.category) for e in self.events]
        return sum(values) / len(values) if values else plover.score(self.category)

    def has_dyad(self, first: str, second: str) -> bool:
        return first in self.codes and second in self.codes


def event_codes(event: Event) -> frozenset[str]:
    """The countries and organisations on either side of an event."""
    return frozenset(a.code for a in (*event.actor, *event.recipient) if a.code)


def weakly_dated(event: Event) -> bool:
    """Dated only by its report (the sentence names no time)."""
    return event.date_resolution.startswith("no date in the sentence")


def interval(event: Event) -> tuple[date, date] | None:
    """The days the event may have happened on, as far as its record tells."""
    if event.date is None:
        return None
    start, end = event.date, event.date_end or event.date
    if weakly_dated(event) and not event.future:
        start -= timedelta(days=WEAK_DAYS)
    return start, end


def words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def text_similarity(a: Event, b: Event) -> float:
    """Jaccard similarity of the content words of the two evidence sentences."""
    left, right = words(a.evidence.sentence), words(b.evidence.sentence)
    return len(left & right) / len(left | right) if left and right else 0.0


def _dates_score(a: Event, b: Event) -> float | None:
    """1 for the same day, less for overlapping ranges, None when they cannot agree."""
    left, right = interval(a), interval(b)
    if left is None or right is None:
        return 0.5 if a.evidence.doc_id == b.evidence.doc_id else None
    slack = timedelta(days=TOLERANCE_DAYS)
    if left[0] > right[1] + slack or right[0] > left[1] + slack:
        return None
    if left[0] == left[1] == right[0] == right[1]:
        return 1.0
    if weakly_dated(a) or weakly_dated(b):
        return 0.5  # "on or shortly before the report": weak support across reports
    if left[0] <= right[1] and right[0] <= left[1]:
        return 0.6
    return 0.5


def _conflict(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().lower() != b.strip().lower())


def compatible(a: Event, b: Event) -> bool:
    """Nothing in the two records says they are different real-world events."""
    if a.category != b.category or a.future != b.future:
        return False
    left, right = event_codes(a), event_codes(b)
    if not left or not right or not (left <= right or right <= left
                                     or len(left & right) * 2 >= len(left | right)):
        return False
    if _conflict(a.medium, b.medium) or _conflict(a.location, b.location):
        return False
    return _dates_score(a, b) is not None


def similarity(a: Event, b: Event) -> float:
    """How likely two compatible events tell one real-world event (0..1)."""
    dates = _dates_score(a, b)
    if dates is None or not compatible(a, b):
        return 0.0
    left, right = event_codes(a), event_codes(b)
    actors = len(left & right) / len(left | right)
    return 0.3 * actors + 0.4 * dates + 0.3 * text_similarity(a, b)


def same_story(a: Event, b: Event) -> bool:
    """Whether two events are told about the same real-world event.

    Within one report, compatible events are restatements (the lead and the
    body, a quote and its paraphrase); across reports the score must reach
    ``THRESHOLD`` as well.
    """
    if not compatible(a, b):
        return False
    return a.evidence.doc_id == b.evidence.doc_id or similarity(a, b) >= THRESHOLD


def build_stories(events: Iterable[Event]) -> list[Story]:
    """Group events into stories (negated and hypothetical events are left out)."""
    blocks: dict[tuple[str, bool], list[Event]] = defaultdict(list)
    for event in events:
        if not (event.negated or event.hypothetical):
            blocks[(event.category, event.future)].append(event)
    stories: list[Story] = []
    for block in blocks.values():
        stories.extend(_cluster(sorted(block, key=_order)))
    return sorted(stories, key=lambda s: (s.date is None, s.date or date.min, s.id))


def _order(event: Event) -> tuple[bool, date, str]:
    return (event.date is None, event.date or date.min, event.id)


@dataclass(slots=True)
class _Group:
    members: list[Event]
    end: date  # the latest day any member may have happened on


def _pick(event: Event, groups: Iterable[_Group]) -> _Group | None:
    """The group the event fits best (it must fit every member), or None."""
    best, best_score = None, -1.0
    for group in groups:
        if not all(same_story(event, member) for member in group.members):
            continue
        score = max(similarity(event, member) for member in group.members)
        if score > best_score:
            best, best_score = group, score
    return best


def _cluster(events: Sequence[Event]) -> list[Story]:
    """Greedy clustering in date order; groups that ended too long ago are not revisited."""
    slack = timedelta(days=TOLERANCE_DAYS)
    dated = sorted((e for e in events if e.date is not None),
                   key=lambda e: (interval(e) or (date.min, date.min))[0])
    groups: list[_Group] = []
    active: list[_Group] = []
    by_doc: dict[str, list[_Group]] = defaultdict(list)
    for event in dated:
        start, end = interval(event) or (date.min, date.min)
        active = [g for g in active if g.end + slack >= start]
        group = _pick(event, active)
        if group is None:
            group = _Group([], end)
            groups.append(group)
            active.append(group)
        group.members.append(event)
        group.end = max(group.end, end)
        by_doc[event.evidence.doc_id].append(group)
    for event in sorted((e for e in events if e.date is None), key=lambda e: e.id):
        group = _pick(event, by_doc[event.evidence.doc_id])  # undated: only within its report
        if group is None:
            group = _Group([], date.min)
            groups.append(group)
        group.members.append(event)
        by_doc[event.evidence.doc_id].append(group)
    return [make_story(g.members) for g in groups]


def _best_dated(events: Sequence[Event]) -> Event:
    """The member that dates the story best: a date the sentence gives, the narrowest."""
    def key(event: Event) -> tuple[int, int, str]:
        span = interval(event)
        width = (span[1] - span[0]).days if span else 10**6
        return (1 if weakly_dated(event) or event.date is None else 0, width, event.id)
    return min(events, key=key)


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)


def make_story(events: Sequence[Event]) -> Story:
    """A story from its member events."""
    ordered = sorted(events, key=_order)
    dated = _best_dated(ordered)
    story_id = "s-" + hashlib.sha1("|".join(sorted(e.id for e in ordered)).encode()).hexdigest()[:16]
    end = dated.date_end if dated.date_end and dated.date_end != dated.date else None
    precision = dated.date_precision if end else ("day" if dated.date else "unknown")
    if end is None and dated.date_precision in ("month", "year"):
        precision = dated.date_precision
    return Story(
        id=story_id, category=dated.category,
        codes=frozenset().union(*(event_codes(e) for e in ordered)),
        date=dated.date, date_end=end, date_precision=precision,
        mode=_first(e.mode for e in ordered), medium=_first(e.medium for e in ordered),
        location=_first(e.location for e in ordered), future=dated.future, events=list(ordered))
