"""Codes a user types (``--actor XYZ``, ``--dyad CHN-XYZ``): whether the actor
dictionary knows them, and the known codes nearest to one it does not.

A code nobody can have gives an empty answer that looks like "no events": the
warning says so, and what was probably meant.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.actors.dictionary import ActorDictionary, default_dictionary
from eventwire.actors.sectors import SECTORS

#: how alike a known code must be to be offered (two letters of three in place)
CUTOFF = 0.6


@dataclass(frozen=True, slots=True)
class UnknownCode:
    """A code the dictionary does not know, and the known ones nearest to it."""

    typed: str
    kind: str  # "code" | "sector"
    nearest: tuple[str, ...]

    def __str__(self) -> str:
        known = (f"did you mean {' or '.join(self.nearest)}?" if self.nearest
                 else "actor codes are ISO 3166 alpha-3 codes (CHN, USA) or organisation "
                      "codes (NATO, ASEAN, UN)" if self.kind == "code"
                 else f"sectors are {', '.join(SECTORS)}")
        return f"no actor in the dictionary has the {self.kind} {self.typed}; {known}"


def nearest_codes(typed: str, dictionary: ActorDictionary | None = None, n: int = 3) -> tuple[str, ...]:
    """The known codes a mistyped one was probably meant to be: the code of a
    name ("China" -> CHN), else codes spelled alike ("CHA" -> CHE, CHL, CHN)."""
    dictionary = dictionary or default_dictionary()
    named = [a.code for a in dictionary.resolve_phrase(typed) if a.code]
    if named:
        return tuple(dict.fromkeys(named))[:n]
    return tuple(alike(typed.upper(), dictionary.codes, n))


def alike(typed: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The ``n`` strings of ``known`` most like ``typed``; among equals, those
    that begin as it does, then in alphabetical order."""
    scored = []
    for candidate in known:
        ratio = difflib.SequenceMatcher(None, typed, candidate).ratio()
        if ratio >= CUTOFF:
            prefix = len(os.path.commonprefix([typed, candidate]))
            scored.append((-ratio, -prefix, candidate))
    return [candidate for *_, candidate in sorted(scored)[:n]]


def check_actor(value: str, dictionary: ActorDictionary | None = None) -> list[UnknownCode]:
    """What is unknown in an actor filter ("CHN", "CHN MIL", "China"): nothing
    when the dictionary knows its code and sector."""
    from eventwire.store.queries import parse_actor_filter
    code, sector = parse_actor_filter(value)
    problems: list[UnknownCode] = []
    dictionary = dictionary or default_dictionary()
    typed = value.replace("-", " ").replace("/", " ").split()
    if code not in dictionary.codes:
        problems.append(UnknownCode(typed[0], "code", nearest_codes(typed[0], dictionary)))
    if sector is not None and sector not in SECTORS:
        problems.append(UnknownCode(typed[1], "sector", tuple(alike(sector, SECTORS))))
    return problems


def check_dyad(first: str, second: str, dictionary: ActorDictionary | None = None) -> list[UnknownCode]:
    """The codes of a dyad ("CHN", "USA") that the dictionary does not know."""
    dictionary = dictionary or default_dictionary()
    return [UnknownCode(code, "code", nearest_codes(code, dictionary))
            for code in (first, second) if code not in dictionary.codes]
