"""Where an event happened, and what that says of its parties: unnamed
actors take the place's country ("gunmen … in Nigeria"), a show of force or
an attack with no named target is aimed at the place it went ("drills
around Taiwan"), protests held in a place are its civilians'."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventwire.coder.discourse import DocContext
from eventwire.coder.triggers import TriggerMatch
from eventwire.records import Actor

#: the prepositions that say where an event happened
WHERE = ("in", "at", "across", "near")
#: ... and those that say where a show of force or an attack went
WHERE_TO = WHERE + ("around", "into", "through", "on", "to", "toward", "towards", "along")


def place_of(match: TriggerMatch, ctx: DocContext, preps: tuple[str, ...] = WHERE,
             places_only: bool = False) -> tuple[str, str] | None:
    """The country where the event happened and the words that say so
    ("at least 15 Iranian cities"), from a phrase of the trigger, or of its
    object ("killed villagers in Nigeria"), opened by one of ``preps``; None
    where no such phrase names a country. With ``places_only``, the phrase
    must name a place ("around Taiwan"), not an occasion there ("at a
    hearing in Harare", which places an event but is no one's target)."""
    objects = [c for c in match.verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
    for head in (match.verb, match.anchor, *objects):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps and \
                    (not places_only or any(_a_place(c) for c in child.children)):
                text = "".join(t.text_with_ws for t in child.subtree if t != child).strip()
                codes = [m.actor.code for m in ctx.dictionary.find_mentions(text, ctx.on) if m.actor.code]
                if codes:
                    return codes[0], text
    return None


#: nouns that name a place ("cities across Ukraine", "waters around Taiwan")
PLACE_NOUNS = frozenset({
    "city", "cities", "town", "towns", "village", "villages", "area", "areas", "region", "regions",
    "province", "provinces", "state", "district", "districts", "capital", "border", "borders",
    "frontier", "coast", "waters", "sea", "seas", "strait", "island", "islands", "territory",
    "airspace", "country", "countries", "north", "south", "east", "west", "northeast", "northwest",
    "southeast", "southwest", "port", "ports", "base", "bases", "parts",
})


def _a_place(token: Token) -> bool:
    """Whether the object of a preposition names a place: a place's name or a
    place noun; not "in what officials describe as ...", "in an attempt"."""
    return token.dep_ == "pobj" and (token.ent_type_ in ("GPE", "LOC", "FAC") or token.pos_ == "PROPN"
                                     or token.lower_ in PLACE_NOUNS)


#: categories aimed at a place where no party is named: "drills around
#: Taiwan", "attacked hotels in Mumbai"
PLACE_TARGETED = frozenset({"MOBILIZE", "ASSAULT"})


def place_target(match: TriggerMatch, ctx: DocContext, actors: list[Actor]) -> list[Actor]:
    """The country a show of force or an attack went to, as its target: for
    a show of force, only another country than its actors' (drills at home
    are aimed at no one); an attack is on whoever is there."""
    place = place_of(match, ctx, WHERE_TO, places_only=True)
    if place is None or not actors:  # a place alone, no one acting, is no event
        return []
    code, text = place
    if match.category == "MOBILIZE" and code in {a.code for a in actors}:
        return []
    return [Actor(code=code, text=text)]


def located(actors: list[Actor], match: TriggerMatch, ctx: DocContext) -> list[Actor]:
    """Give a country to actors without one from where the event happened ("gunmen … in Nigeria")."""
    if not actors or all(a.code for a in actors):
        return actors
    place = place_of(match, ctx)
    if place is None:
        return actors
    return [a if a.code else replace(a, code=place[0]) for a in actors]


def protesters_of_the_place(match: TriggerMatch, ctx: DocContext) -> list[Actor]:
    """"Protests were held in Iranian cities": with no one named, the
    protesters are the civilians of the place."""
    place = place_of(match, ctx)
    return [Actor(code=place[0], sector="CVL", text=place[1])] if place else []
