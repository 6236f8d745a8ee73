"""Channel observations from what a report says about the state of channels.

Sentences that may hold a statement are found with cheap patterns and parsed
in one batch; each statement is dated (a state holds on the report's day, a
change by its own clause), given the pair it is about (countries in the
sentence, else the report's main parties) and linked to the channels named in
its clause, else to the pair's general channel.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventwire.analysis import statements
from eventwire.analysis.catalogue import Catalogue, Channel
from eventwire.analysis.linking import military_text, outermost
from eventwire.analysis.observations import (ChannelEvidence, ChannelObservation, known_pairs,
                                             observation_id, report_anchor)
from eventwire.analysis.stories import event_codes
from eventwire.records import Document, Event


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document, with its offsets and index."""

    index: int
    start: int
    end: int
    text: str


def _prefilter(text: str) -> bool:
    return bool(statements.MILITARY.search(text)) and any(
        rule.search(text) for rule in (statements._NOT_INTERRUPTED, statements._OPEN,
                                       statements._MAINTAIN, statements._SUSPEND,
                                       statements._SUSPENDED_PASSIVE, statements._RESUME,
                                       statements._REFUSE))


def sentences_of(documents: Sequence[Document]) -> dict[str, list[Sentence]]:
    """Sentences of the documents that may hold a statement (parsed in one batch)."""
    from eventwire.nlp import load_nlp

    wanted = [d for d in documents if _prefilter(d.text)]
    out: dict[str, list[Sentence]] = {}
    nlp = load_nlp()
    for document, doc in zip(wanted, nlp.pipe(d.text for d in wanted), strict=True):
        out[document.id] = [Sentence(i, s.start_char, s.end_char, s.text)
                            for i, s in enumerate(doc.sents)]
    return out


def _codes_in(text: str, on: date | None) -> list[str]:
    from eventwire.actors import default_dictionary

    codes = []
    for mention in default_dictionary().find_mentions(text, on):
        if mention.actor.code and mention.actor.code not in codes:
            codes.append(mention.actor.code)
    return codes


def _doc_codes(document: Document, events: Sequence[Event], on: date | None) -> list[str]:
    """The report's two main parties: from its events, else from the actors it names."""
    from eventwire.actors import default_dictionary

    counts: Counter[str] = Counter()
    for event in events:
        counts.update(event_codes(event))
    if not counts:
        counts.update(m.actor.code for m in default_dictionary().find_mentions(document.text, on)
                      if m.actor.code)
    return [code for code, _ in counts.most_common(2)]


def statement_observations(document: Document, sentences: Sequence[Sentence],
                           events: Sequence[Event],
                           catalogue: Catalogue) -> list[ChannelObservation]:
    """Observations from what the document says about the state of channels."""
    anchor, anchor_end = report_anchor(document)
    grouped: dict[tuple[str, str, str, date | None, date | None], ChannelObservation] = {}
    for sentence in sentences:
        said = statements.find_statements(sentence.text)
        if not said:
            continue
        codes = _codes_in(sentence.text, anchor)
        if len(codes) < 2:
            codes += [c for c in _doc_codes(document, events, anchor) if c not in codes]
        for dyad in known_pairs(codes, catalogue.dyads()):
            for statement in said:
                when = _statement_date(sentence.text, statement, anchor, anchor_end)
                for channel, span, at in _statement_channels(sentence, statement, dyad, catalogue,
                                                             military_text(document)):
                    key = (dyad, channel.id, statement.status, when.date, when.date_end)
                    obs = grouped.get(key)
                    if obs is None:
                        obs = grouped[key] = ChannelObservation(
                            id=observation_id(channel.id, document.id, statement.status,
                                               sentence.start),
                            channel=channel.id, dyad=dyad, status=statement.status,
                            date=when.date, date_end=when.date_end if when.date_end != when.date
                            else None, date_precision=("report" if _report_dated(when)
                                                       else when.precision),
                            level=channel.level,
                            medium=channel.medium, source="statement",
                            link=f"statement ({statement.rule}): '{statement.text(sentence.text)}'")
                    if any(e.start == sentence.start for e in obs.evidence):
                        continue
                    obs.evidence.append(ChannelEvidence(
                        document.id, sentence.index, sentence.start, sentence.end, sentence.text,
                        span, sentence.start + at))
    return _merge_weak(grouped)


def _merge_weak(grouped: Mapping[tuple[str, str, str, date | None, date | None],
                                  ChannelObservation]) -> list[ChannelObservation]:
    """A statement dated only by its report joins the same one dated by its own words
    ("declined a call" in the headline and "declined a call on Saturday" below)."""
    kept = list(grouped.values())
    by_state: dict[tuple[str, str, str], list[ChannelObservation]] = defaultdict(list)
    for obs in kept:
        by_state[(obs.dyad, obs.channel, obs.status)].append(obs)
    for same in by_state.values():
        dated = [o for o in same if o.date_precision != "report"]
        for weak in (o for o in same if o.date_precision == "report"):
            if dated:
                dated[0].evidence.extend(weak.evidence)
                kept.remove(weak)
            else:
                weak.date_precision = "day" if weak.date_end is None else "range"
    return kept


_CLAUSE_END = re.compile(r";|,\s+(?:and|but|while|though|although|which|whereas)\b|\s+but\s+")


def _clause_end(text: str, start: int) -> int:
    found = _CLAUSE_END.search(text, start)
    return found.start() if found else len(text)


def _report_dated(when: Any) -> bool:
    return bool(when.note.startswith("no date in the sentence"))


def _statement_date(text: str, statement: statements.Statement, anchor: date | None,
                    anchor_end: date | None) -> Any:
    """A state ("remains open") holds on the report's day; a change is dated by its clause."""
    from eventwire.coder.timex import resolve_event_date

    if statement.status == "active":
        return resolve_event_date("", anchor, anchor_end)
    found = resolve_event_date(text[:_clause_end(text, statement.end)], anchor, anchor_end)
    if found.date and anchor and found.date <= anchor <= (found.date_end or found.date) \
            and found.date != (found.date_end or found.date):
        return resolve_event_date("", anchor, anchor_end)  # "this year's": the report's day says more
    return found


def _statement_channels(sentence: Sentence, statement: statements.Statement, dyad: str,
                        catalogue: Catalogue, in_military_report: bool,
                        ) -> list[tuple[Channel, str, int]]:
    """Every channel the statement names, else the pair's general channel."""
    hits = outermost(catalogue.find(sentence.text, dyad, roles=True))
    end = _clause_end(sentence.text, statement.end)
    named = [h for h in hits if h.start >= statement.start - 60 and h.end <= end]
    if named:
        seen: dict[str, tuple[Channel, str, int]] = {}
        for hit in named:
            seen.setdefault(hit.channel.id, (hit.channel, hit.text, hit.start))
        return list(seen.values())
    general = catalogue.general(dyad)
    if general is None or not (statements.MILITARY.search(sentence.text) or in_military_report):
        return []
    return [(general, statement.text(sentence.text), statement.start)]
