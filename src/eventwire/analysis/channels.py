"""Channel observations: which mechanism two militaries used, when, and in what state.

Two sources: stories (a held or planned CONSULT, an AGREE to meet or to
resume, a SANCTION that suspends talks, a REJECT of a call) and statements in
the text that are not events ("channels remained open", "exchanges have not
been interrupted").  A story or statement is linked to the channel whose alias
is nearest its trigger in the parse (inside the trigger's phrase first), else
to a channel whose roles its actors hold, else to the pair's fallback channel
(military contacts) or general channel (statements).
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from eventwire.analysis import statements
from eventwire.analysis.catalogue import Catalogue
from eventwire.analysis.linking import Link, link_event, military_text
from eventwire.analysis.observations import (STATES, ChannelEvidence, ChannelObservation,
                                             known_pairs, observation_id, report_anchor)
from eventwire.analysis.stated import sentences_of, statement_observations
from eventwire.analysis.stories import Story
from eventwire.records import Document, Event

log = logging.getLogger(__name__)

_RESUME = re.compile(r"\b(?:resum|restor|reopen|re-open|reviv)\w*", re.IGNORECASE)
_KEEP = re.compile(r"\b(?:maintain|keep|kept|continue)\w*\s+(?:[\w-]+\s+){0,4}?"
                   r"(?:communications?|contacts?|channels?|dialogues?|exchanges)", re.IGNORECASE)
_CHANNEL_NOUN = re.compile(rf"\b{statements.NOUN}\b", re.IGNORECASE)
_CALL_NOUN = re.compile(r"\b(?:calls?|meetings?|talks|dialogue|visit|conference)\b", re.IGNORECASE)


# --- the status a story gives its channel -------------------------------------------------

def _after_trigger(event: Event, width: int = 100) -> str:
    sentence = event.evidence.sentence
    at = max(event.evidence.trigger_start - event.evidence.start, 0)
    return sentence[at:at + width]


def event_status(event: Event) -> str | None:
    """held / planned / active / resumed / suspended / refused, or None: no channel state."""
    near = _after_trigger(event)
    if event.negated:
        return "active" if event.category == "SANCTION" and _CHANNEL_NOUN.search(near) else None
    if event.hypothetical:
        return None
    if event.category == "CONSULT":
        return "planned" if event.future else "held"
    if event.category == "AGREE":
        if _RESUME.search(near):
            return "resumed"
        return "active" if _KEEP.search(near) else "planned"
    if event.category == "SANCTION" and _CHANNEL_NOUN.search(near):
        return "suspended"
    if event.category == "REJECT" and (event.mode == "meet" or _CALL_NOUN.search(near)):
        return "refused"
    if event.category == "SUPPORT" and _RESUME.search(event.evidence.trigger) \
            and _CHANNEL_NOUN.search(near):
        return "resumed"
    return None


def planned_date(event: Event, document: Document | None) -> tuple[date | None, date | None, str]:
    """When an agreed contact is to happen ("agreed to hold ... in mid-November")."""
    from eventwire.coder.timex import resolve_event_date

    start, end = report_anchor(document)
    if start is not None:
        found = resolve_event_date(event.evidence.sentence, start, end, future=True)
        if (found.date is not None and not found.note.startswith("no date in the sentence")
                and found.date >= start):  # an agreement about the past is dated by itself
            return found.date, found.date_end, found.precision
    return event.date, event.date_end, event.date_precision


# --- observations from stories -------------------------------------------------------------

def _evidence(event: Event, link: Link | None) -> ChannelEvidence:
    ev = event.evidence
    if link is not None and link.span_start >= 0:
        span, at = link.span, ev.start + link.span_start
    else:
        span, at = ev.trigger, ev.trigger_start
    return ChannelEvidence(ev.doc_id, ev.sentence_index, ev.start, ev.end, ev.sentence, span,
                           at, event.id or None)


_MEDIA = (("video", re.compile(r"\b(?:video|virtual(?:ly)?|online)\b", re.IGNORECASE)),
          ("phone", re.compile(r"\b(?:phone|telephone|called)\b", re.IGNORECASE)))


def _medium_in(story: Story) -> str | None:
    """The medium the story's sentences name when the coder gave none."""
    for event in story.events:
        for medium, pattern in _MEDIA:
            if pattern.search(event.evidence.sentence):
                return medium
    return None


def _links(story: Story, dyad: str, catalogue: Catalogue, statuses: list[str],
           documents: Mapping[str, Document]) -> dict[str, Link]:
    """Each member event's link to a channel of the pair (event id -> link)."""
    links = {}
    for event in story.events:
        link = link_event(event, dyad, catalogue)
        if link is not None:
            links[event.id] = link
    general = catalogue.general(dyad)
    if not links and general is not None and set(statuses) & set(STATES) \
            and any(military_text(documents.get(d)) for d in story.doc_ids):
        links = {story.events[0].id: Link(general, 0.5, "a state of communication in a "
                                                        "military report: the general channel")}
    return links


def _choose(links: Mapping[str, Link]) -> Link:
    """The strongest link; among equally strong ones, the channel most members name."""
    best = max(link.rank for link in links.values())
    votes = Counter(link.channel.id for link in links.values() if link.rank == best)
    winner = votes.most_common(1)[0][0]
    return next(link for link in links.values() if link.channel.id == winner and link.rank == best)


def story_observations(story: Story, catalogue: Catalogue,
                       documents: Mapping[str, Document]) -> list[ChannelObservation]:
    """The channel observations one story makes, one per pair the catalogue knows."""
    found = []
    statuses = [s for s in (event_status(e) for e in story.events) if s]
    for dyad in known_pairs(story.codes, catalogue.dyads()) if statuses else []:
        links = _links(story, dyad, catalogue, statuses, documents)
        if not links:
            continue
        chosen = _choose(links)
        own = [event_status(e) for e in story.events
               if e.id in links and links[e.id].channel.id == chosen.channel.id]
        status = Counter([s for s in own if s] or statuses).most_common(1)[0][0]
        general = catalogue.general(dyad)
        if chosen.rank <= 1.0 and status in STATES and general is not None:
            chosen = Link(general, 1.0, "a state of communication named by no alias: the "
                                        "pair's general channel")
        found.append(_story_observation(story, dyad, chosen, status, links, documents))
    return found


def _story_observation(story: Story, dyad: str, chosen: Link, status: str,
                       links: Mapping[str, Link],
                       documents: Mapping[str, Document]) -> ChannelObservation:
    channel = chosen.channel
    start, end, precision = story.date, story.date_end, story.date_precision
    if status == "planned" and not story.future:  # an AGREE: when the contact is due
        first = story.events[0]
        start, end, precision = planned_date(first, documents.get(first.evidence.doc_id))
    members = sorted(story.events, key=lambda e: (e.evidence.doc_id, e.evidence.sentence_index))
    own = {i: link for i, link in links.items() if link.channel.id == channel.id}
    return ChannelObservation(
        id=observation_id(channel.id, story.id), channel=channel.id, dyad=dyad, status=status,
        date=start, date_end=end if end != start else None, date_precision=precision,
        level=channel.level, medium=story.medium or _medium_in(story) or channel.medium,
        source="event", link=chosen.how,
        evidence=[_evidence(e, own.get(e.id)) for e in members], story_id=story.id)


# --- everything ------------------------------------------------------------------------------

def _covered(obs: ChannelObservation, catalogue: Catalogue,
             taken: Mapping[tuple[str, str], list[tuple[int, int]]]) -> bool:
    """A statement whose sentences an event observation of the same state already tells
    (for its channel, or for a named channel when the statement names none)."""
    if not catalogue.get(obs.channel).general:
        taken = {k: v for k, v in taken.items() if k[1] != "*"}
    spans = taken.get((obs.status, obs.channel), []) + taken.get((obs.status, "*"), [])
    return all(any(e.start < end and start < e.end for start, end in spans) for e in obs.evidence)


def observe(stories: Sequence[Story], documents: Sequence[Document],
            catalogue: Catalogue) -> list[ChannelObservation]:
    """Every channel observation in the stories and the documents' text, by date."""
    by_id = {d.id: d for d in documents}
    found: list[ChannelObservation] = []
    for story in stories:
        found.extend(story_observations(story, catalogue, by_id))
    taken: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for obs in found:
        if obs.status != "held":  # "held talks ... maintained communication" says two things
            spans = [(e.start, e.end) for e in obs.evidence]
            taken[(obs.status, obs.channel)].extend(spans)
            if not catalogue.get(obs.channel).general:
                taken[(obs.status, "*")].extend(spans)  # covers the general channel too
    events_by_doc: dict[str, list[Event]] = defaultdict(list)
    for story in stories:
        for event in story.events:
            events_by_doc[event.evidence.doc_id].append(event)
    for doc_id, sentences in sentences_of(documents).items():
        for obs in statement_observations(by_id[doc_id], sentences, events_by_doc[doc_id],
                                          catalogue):
            if not _covered(obs, catalogue, taken):
                found.append(obs)
    log.debug("%d channel observations", len(found))
    return sorted(found, key=lambda o: (o.date is None, o.date or date.min, o.channel, o.id))
