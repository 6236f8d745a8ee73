"""Completing the parties of a coded event where the parse named none.

Real news names the other party of an act in many shapes the dependency
rules miss ("retaliated with tariffs on U.S. exports", "the handlers of the
attack are based in Afghanistan"); and it calls armed groups "militants" or
"gunmen" without a country. On the real-news train and dev splits together,
the rules left the recipient empty in two main events of three. Two
fallbacks, each marked on the event's rule so the analyst sees them:

* a recipient from the sentence: the country or organisation named nearest
  the trigger that is not an actor;
* a country for a party the dictionary recognised without one: the country
  the report is about (the one it has named most so far); for violence and
  coercion with no one named, that country as the recipient; and for an act
  in the passive with no agent ("was detained", "were killed", "was accused
  of"), that country as the actor, as the codebook's passives rule reads.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from eventwire.coder.discourse import DocContext
from eventwire.records import Actor, Event

#: categories whose acts are aimed at someone
TARGETED: Final[frozenset[str]] = frozenset({
    "ACCUSE", "REQUEST", "REJECT", "THREATEN", "SANCTION", "COERCE", "ASSAULT", "AID", "SUPPORT",
    "CONCEDE", "RETREAT", "MOBILIZE", "PROTEST"})
#: categories whose victims are the place's people when no one else is named
AT_A_PLACE: Final[frozenset[str]] = frozenset({"ASSAULT", "COERCE"})
#: categories whose unnamed agent is, as a rule, the report's own country's
#: (passives: "was detained", "was accused of", "were killed", "was released")
OWN_AGENT: Final[frozenset[str]] = frozenset({"ASSAULT", "COERCE", "ACCUSE", "RETREAT"})
#: mention kinds that name a party (not a city or a sector word alone)
PARTY_KINDS: Final[frozenset[str]] = frozenset({"country", "capital", "organisation", "igo", "person"})


def main_country(ctx: DocContext) -> str | None:
    """The country the report has named most so far."""
    top = ctx.country_counts.most_common(1)
    return top[0][0] if top else None


def nearest_other(event: Event, ctx: DocContext) -> Actor | None:
    """The party named in the event's sentence nearest its trigger that is not an actor."""
    sentence = event.evidence.sentence
    own = {a.code for a in event.actor}
    trigger = event.evidence.trigger_start - event.evidence.start
    mentions = [m for m in ctx.dictionary.find_mentions(sentence, ctx.on)
                if m.kind in PARTY_KINDS and m.actor.code and m.actor.code not in own]
    if not mentions:
        return None
    best = min(mentions, key=lambda m: abs(m.start - trigger))
    return replace(best.actor, text=best.text)


def complete_parties(event: Event, ctx: DocContext) -> Event:
    """``event`` with the fallbacks of this module applied where the parse named no one."""
    country = main_country(ctx)
    notes = []
    if country and any(not a.code for a in event.actor):
        event.actor = [a if a.code else replace(a, code=country) for a in event.actor]
        notes.append("actor's country: the report's")
    if not event.recipient and event.category in TARGETED:
        other = nearest_other(event, ctx)
        if other is not None:
            event.recipient = [other]
            notes.append("recipient: named nearest the trigger")
        elif event.category in AT_A_PLACE and country:
            # "five people were killed", "security forces arrested dozens": the place's own people
            event.recipient = [Actor(code=country, sector="", text="(the report's country)")]
            notes.append("recipient: the report's country")
    if not event.actor and event.category in OWN_AGENT and country:
        event.actor = [Actor(code=country, sector="", text="(the report's country)")]
        notes.append("actor: the report's country")
    if notes:
        event.evidence.rule += "; " + "; ".join(notes)
    return event
