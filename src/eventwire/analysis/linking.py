"""Which channel of a pair a sentence is about: aliases in the parse, roles, fallback."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.analysis import statements
from eventwire.analysis.catalogue import AliasHit, Catalogue, Channel
from eventwire.records import Document, Event


@dataclass(frozen=True, slots=True)
class Link:
    """Why an event belongs to a channel; a higher rank is a stronger reason."""

    channel: Channel
    rank: float
    how: str
    span: str = ""
    span_start: int = -1  # in the sentence


@lru_cache(maxsize=4096)
def _phrase_spans(sentence: str, trigger_at: int, trigger: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the trigger words' phrases (parse subtrees), smallest first."""
    from eventwire.nlp import load_nlp

    doc = load_nlp()(sentence)
    wanted = {w.lower() for w in trigger.split()}
    spans = []
    for token in doc:
        if token.idx >= trigger_at and token.idx - trigger_at < 80 and token.lower_ in wanted:
            wanted.discard(token.lower_)
            left = min(t.idx for t in token.subtree)
            right = max(t.idx + len(t) for t in token.subtree)
            spans.append((left, right))
    return tuple(sorted(spans, key=lambda s: s[1] - s[0]))


def outermost(hits: list[AliasHit]) -> list[AliasHit]:
    """Hits not inside a longer hit ("Secretary of Defense" in "Deputy Assistant ...")."""
    return [h for h in hits if not any(o is not h and o.start <= h.start and h.end <= o.end
                                       and (o.end - o.start) > (h.end - h.start) for o in hits)]


def _distance(hit: AliasHit, at: int) -> int:
    return 0 if hit.start <= at < hit.end else min(abs(hit.start - at), abs(hit.end - at))


def alias_link(sentence: str, trigger_at: int, trigger: str, hits: list[AliasHit]) -> Link | None:
    """The alias that names the trigger's channel: inside its phrase first, else nearest."""
    hits = outermost(hits)
    if not hits:
        return None
    inside: list[AliasHit] = []
    if trigger_at >= 0 and trigger:
        for left, right in _phrase_spans(sentence, trigger_at, trigger):
            inside = [h for h in hits if left <= h.start and h.end <= right]
            if inside:
                break
    pool = inside or hits
    best = min(pool, key=lambda h: (_distance(h, max(trigger_at, 0)), h.kind != "alias",
                                    -(h.end - h.start)))
    rank = 3.0 + (1.0 if inside else 0.0) + (0.5 if best.kind == "alias" else 0.0)
    where = "in the trigger's phrase" if inside else "nearest the trigger"
    return Link(best.channel, rank, f"{best.kind} '{best.text}' {where}", best.text, best.start)


def military(event: Event) -> bool:
    """A contact of militaries or about military matters."""
    sectors = {a.sector for a in (*event.actor, *event.recipient)}
    return "MIL" in sectors or "military" in event.context


def military_text(document: Document | None) -> bool:
    """A report about militaries (it names them more than once)."""
    return document is not None and len(statements.MILITARY.findall(document.text)) >= 2


def link_event(event: Event, dyad: str, catalogue: Catalogue) -> Link | None:
    """The channel of the pair that an event used, with the reason."""
    sentence = event.evidence.sentence
    trigger_at = (event.evidence.trigger_start - event.evidence.start
                  if event.evidence.trigger_start >= 0 else -1)
    hits = catalogue.find(sentence, dyad, roles=True)
    found = alias_link(sentence, trigger_at, event.evidence.trigger, hits)
    if found is not None:
        return found
    by_role = catalogue.for_roles(dyad, [a.role or "" for a in (*event.actor, *event.recipient)])
    if by_role is not None:
        return Link(by_role, 2.0, "an actor's role")
    fallback = catalogue.fallback(dyad)
    if fallback is not None and military(event):
        return Link(fallback, 1.0, "military contact named by no alias: the pair's fallback channel")
    return None
