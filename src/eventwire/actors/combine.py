"""Turn the terms found in a noun phrase into the actors it names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from eventwire.actors.entries import Person, Role, Term
from eventwire.actors.matcher import Match
from eventwire.records import Actor

#: "the then", "former", "late": the phrase speaks of a past role
PAST = re.compile(r"\b(?:the\s+then|then[-\s]|former|late|ex-|erstwhile)", re.IGNORECASE)
# a role followed by "for China" names the role's portfolio, not another actor
_PORTFOLIO = re.compile(r"^\s+(?:for|on)\s+(?:the\s+)?$")
_GEO = ("country", "capital", "igo")
_NAME_RUN = re.compile(r"[A-Z][\w'\u2019-]*\.?(?:[ \t]+[A-Z][\w'\u2019-]*\.?)*")
# capitalised words of titles and headlines that are never part of a name
_NOT_NAME = {"The", "A", "An", "And", "Of", "For", "On", "In", "At", "With", "Said", "Senior",
             "Foreign", "Defense", "Defence", "Deputy", "Assistant", "Secretary", "Minister",
             "Ministry", "Department", "Director", "Chief", "Head", "Vice", "Acting",
             "Spokesperson", "Spokesman", "Spokeswoman", "President", "Premier", "Prime",
             "Affairs", "Security", "National", "State", "Office", "Press", "Former", "Then"}


@dataclass(frozen=True, slots=True)
class Part:
    """A matched term with its portfolio complement ("for China") if any."""

    match: Match
    complement: str = ""

    @property
    def term(self) -> Term:
        return self.match.term

    @property
    def role(self) -> str | None:
        role = self.term.role
        return f"{role} for {self.complement}" if role and self.complement else role


def parts_of(text: str, matches: Sequence[Match]) -> list[Part]:
    """Matches as parts, folding "<role> for <country>" after an earlier country."""
    parts: list[Part] = []
    seen_geo = False
    for match in matches:
        if match.term.kind == "ignore":
            continue
        prev = parts[-1] if parts else None
        if (seen_geo and prev is not None and prev.term.kind == "role" and match.term.kind in _GEO
                and _PORTFOLIO.match(text[prev.match.end:match.start])):
            parts[-1] = Part(prev.match, text[match.start:match.end])
            continue
        seen_geo = seen_geo or is_geo(match.term)
        parts.append(Part(match))
    return parts


def is_geo(term: Term) -> bool:
    """Whether a term names a country or organisation with its own code."""
    return term.kind in _GEO or (term.kind == "organisation" and term.code is not None)


def person_actor(person: Person, on: date | None, text: str | None, *,
                 past: bool = False, hint: str | None = None) -> Actor:
    """A person coded by the role held on ``on`` (or, for "the then X", the past role)."""
    role: Role | None = person.role_on(on)
    if role is not None and hint and past and role.role != hint:
        role = None
    if role is None and past:
        role = person.role_before(on, hint) or person.role_before(on)
    if role is None:
        return Actor(person.home, None, person.name, None, text)
    return Actor(role.code, role.sector, person.name, role.role, text, role.start, role.end)


def term_actor(part: Part, on: date | None, text: str | None) -> Actor:
    """The actor one term names on its own (code "" when it names no country)."""
    term = part.term
    if term.kind == "person" and term.person is not None:
        return person_actor(term.person, on, text)
    return Actor(term.code or "", term.sector, term.name, part.role, text)


def combine(text: str, parts: Sequence[Part], on: date | None, titles: set[str], *,
            past: bool = False) -> list[Actor]:
    """The actors a phrase names: persons, or countries combined with sector words."""
    roles = [p for p in parts if p.term.kind == "role"]
    hint = roles[0].term.role if roles else None
    actors = [person_actor(p.term.person, on, text, past=past, hint=hint)
              for p in parts if p.term.kind == "person" and p.term.person is not None]
    geos = [p for p in parts if is_geo(p.term)]
    sector = _phrase_sector(parts)
    taken = {a.code for a in actors}
    for part in _most_specific(geos):
        if part.term.code not in taken:
            actors.append(_geo_actor(part, sector, text))
    if not actors:  # "protesters in Lagos": a place gives its country, never the government
        actors = _place_actors(parts, sector, text)
    if len(actors) == 1 and not any(p.term.kind == "person" for p in parts):
        if roles:
            actors[0].role = roles[0].role
        name = unknown_name(text, parts, titles) if roles or sector else None
        if name:
            actors[0].name = name
    return actors


_SPECIFIC = {"organisation": 0, "igo": 1, "capital": 2, "country": 3}


def _most_specific(geos: Sequence[Part]) -> list[Part]:
    """One part per code, the most specific ("US Department of Defense" -> the department)."""
    best: dict[str, Part] = {}
    for part in geos:
        code = part.term.code or ""
        if code not in best or _SPECIFIC[part.term.kind] < _SPECIFIC[best[code].term.kind]:
            best[code] = part
    return list(best.values())


def _geo_actor(part: Part, sector: str | None, text: str) -> Actor:
    """A country, capital, seat or organisation with the phrase's sector; an
    organisation and a seat of one institution keep their own ("Pentagon
    officials" are MIL, though "officials" alone are GOV)."""
    term = part.term
    seat = term.kind == "capital" and term.name is not None
    own = term.sector if term.kind in ("organisation", "igo") or seat else None
    chosen = own or sector or term.sector
    return Actor(term.code or "", chosen, term.name, None, text)


def _place_actors(parts: Sequence[Part], sector: str | None, text: str) -> list[Actor]:
    """One actor per country of the cities and regions a phrase names."""
    codes = dict.fromkeys(p.term.code for p in parts if p.term.kind == "city" and p.term.code)
    return [Actor(code, sector, None, None, text) for code in codes if code]


def _phrase_sector(parts: Sequence[Part]) -> str | None:
    for kinds in (("sector",), ("role",)):
        for part in parts:
            if part.term.kind in kinds and part.term.sector:
                return part.term.sector
    for part in parts:  # "the Ministry of National Defense": an organisation without a code
        if part.term.kind == "organisation" and part.term.code is None and part.term.sector:
            return part.term.sector
    return None


def unknown_name(text: str, parts: Sequence[Part], titles: set[str]) -> str | None:
    """A capitalised name left over once every known term is removed ("Michael Chase")."""
    masked = list(text)
    for part in parts:
        masked[part.match.start:part.match.end] = " " * (part.match.end - part.match.start)
    skip = _NOT_NAME | {word for title in titles for word in title.split()}
    for run in _NAME_RUN.finditer("".join(masked)):
        words = [w for w in run.group().split() if w not in skip]
        if len(words) >= 2:
            return " ".join(words)
    return None
