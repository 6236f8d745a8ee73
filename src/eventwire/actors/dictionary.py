"""The actor dictionary: load it once, then find and resolve actor mentions."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from eventwire.actors.combine import PAST, Part, combine, parts_of, term_actor
from eventwire.actors.countries import country_terms
from eventwire.actors.entries import Person, Term
from eventwire.actors.loading import Catalogue, read_file
from eventwire.actors.matcher import Match, Matcher, select
from eventwire.errors import DataError
from eventwire.records import Actor

log = logging.getLogger(__name__)

ENV_EXTRA = "EVENTWIRE_ACTORS"
#: what may sit between the words of one actor phrase: "China's Ministry", "spokesperson for"
_GLUE = re.compile(r"^(?:[ \t]*|['\u2019]s[ \t]+|[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?)$")
_KIND = {"role": "sector", "ignore": "sector"}


@dataclass(slots=True)
class Mention:
    """An actor named in a text at ``text[start:end]``."""

    start: int
    end: int
    text: str
    actor: Actor
    kind: str  # country | capital | city | sector | organisation | person | igo


@dataclass(frozen=True, slots=True)
class TenureClue:
    """A person named in a text and a period in which they held a role."""

    name: str
    role: str
    code: str
    start: date | None
    end: date | None
    past_reference: bool  # "the then X", "former X", "late X"


class ActorDictionary:
    """Countries, sectors, organisations, IGOs and persons with dated roles."""

    def __init__(self, catalogue: Catalogue, sources: Sequence[Path] = ()) -> None:
        self.persons = catalogue.persons
        self.titles = catalogue.titles
        self.sources = tuple(sources)
        self._matcher = Matcher(catalogue.terms)
        #: every actor code the dictionary can give: countries, organisations, persons' posts
        self.codes: frozenset[str] = frozenset(
            [t.code for t in catalogue.terms if t.code]
            + [r.code for p in catalogue.persons.values() for r in p.roles if r.code]
            + [p.country for p in catalogue.persons.values() if p.country])
        # names of organisations and seats: never taken for a known person
        self._bodies = {t.name for t in catalogue.terms if t.name and t.kind != "person"}

    @classmethod
    def load(cls, extra: Sequence[Path] = ()) -> ActorDictionary:
        """The packaged dictionary merged with the user files in ``extra``."""
        files = packaged_files() + [Path(p) for p in extra]
        catalogue = Catalogue(terms=country_terms())
        for path in files:
            if not Path(path).is_file():
                raise DataError(f"{path}: actor file not found; check the path "
                                f"(or the {ENV_EXTRA} variable)")
            read_file(Path(path), catalogue)
        log.debug("actor dictionary: %d files, %d persons", len(files), len(catalogue.persons))
        return cls(catalogue, files)

    def person(self, name: str) -> Person | None:
        """The person of that full name, if the dictionary knows them."""
        return self.persons.get(name)

    def find_mentions(self, text: str, on: date | None = None) -> list[Mention]:
        """Every actor mention in ``text``: longest first, non-overlapping, in order."""
        matches = [m for m in self._matches(text) if m.term.kind != "ignore"]
        mentions: list[Mention] = []
        for group in _groups(text, matches):
            mentions.extend(self._group_mentions(text, group, on))
        return mentions

    def resolve_phrase(self, phrase: str, on: date | None = None, *,
                       known_persons: Sequence[Actor] = ()) -> list[Actor]:
        """The actors a noun phrase names (see the package docstring for examples)."""
        matches = [m for m in select(self._matcher.candidates(phrase)) if not m.term.alias]
        parts = parts_of(phrase, matches)
        if not any(p.term.kind == "person" for p in parts):
            free = _uncovered(phrase, matches)
            for known in known_persons:
                if known.name and known.name not in self._bodies and _names(free, known.name):
                    return [replace(known, text=phrase)]
        return combine(phrase, parts, on, self.titles, past=bool(PAST.search(phrase)))

    def tenure_clues(self, text: str) -> list[TenureClue]:
        """Persons named in ``text`` with the periods of their (matching) roles."""
        matches = self._matches(text)
        clues: dict[tuple[str, str, date | None, bool], TenureClue] = {}
        previous: Match | None = None  # the person named last (kept, not searched for:
        for index, match in enumerate(matches):  # a search per match was quadratic)
            person = match.term.person
            if match.term.kind == "person":
                earlier, previous = previous, match
            if match.term.kind != "person" or person is None or match.term.alias:
                continue
            window = [m for m in matches[max(0, index - 4):index + 4]
                      if m.term.kind == "role" and abs(m.start - match.start) < 80]
            named = {m.term.role for m in window}
            roles = [r for r in person.roles if r.role in named] or person.roles
            past = bool(PAST.search(_before(text, match, earlier)))
            for role in roles:
                clues.setdefault((person.name, role.role, role.start, past), TenureClue(
                    person.name, role.role, role.code, role.start, role.end, past))
        return list(clues.values())

    def _matches(self, text: str) -> list[Match]:
        """Selected matches; a short form counts only after its person's full name."""
        candidates = self._matcher.candidates(text)
        first_seen: dict[str, int] = {}
        for m in candidates:
            if m.term.kind == "person" and not m.term.alias and m.term.person is not None:
                for alias in m.term.person.aliases:
                    first_seen[alias] = min(first_seen.get(alias, m.start), m.start)
        kept = [m for m in candidates
                if not m.term.alias or first_seen.get(m.term.text, len(text)) < m.start]
        return _latest_alias(select(kept))

    def _group_mentions(self, text: str, group: list[Match], on: date | None) -> list[Mention]:
        start, end = group[0].start, group[-1].end
        piece = text[start:end]
        shifted = [Match(m.start - start, m.end - start, m.term) for m in group]
        parts = parts_of(piece, shifted)
        past = bool(PAST.search(text[max(0, start - 12):start] + piece))
        actors = combine(piece, parts, on, self.titles, past=past) if len(parts) > 1 else []
        if len(parts) == 1:
            actors = [term_actor(parts[0], on, piece)]
        elif not actors:
            sector_parts = [p for p in parts if p.term.sector]
            role = next((p.role for p in parts if p.term.kind == "role"), None)
            sector = sector_parts[0].term.sector if sector_parts else None
            actors = [Actor("", sector, None, role, piece)]
        if len(actors) == 1:
            return [Mention(start, end, piece, actors[0], _group_kind(group))]
        return [Mention(m.start, m.end, text[m.start:m.end],
                        term_actor(Part(m), on, text[m.start:m.end]),
                        _KIND.get(m.term.kind, m.term.kind)) for m in group]


def _groups(text: str, matches: list[Match]) -> list[list[Match]]:
    """Runs of adjacent matches that form one phrase ("China's defense ministry")."""
    groups: list[list[Match]] = []
    for match in matches:
        last = groups[-1] if groups else None
        if last is not None and _GLUE.match(text[last[-1].end:match.start]) and _joins(last, match):
            last.append(match)
        else:
            groups.append([match])
    return groups


def _joins(group: list[Match], match: Match) -> bool:
    kinds = [m.term.kind for m in group]
    if match.term.kind == "person":
        return "person" not in kinds
    if match.term.kind in ("country", "capital", "igo", "city"):
        # only "<role> for China" after an earlier country, or a first country
        has_geo = any(k in ("country", "capital", "igo", "city", "person") for k in kinds)
        return not has_geo or kinds[-1] == "role"
    return "person" not in kinds or kinds[-1] != "person"


def _group_kind(group: list[Match]) -> str:
    kinds = [m.term.kind for m in group]
    if "person" in kinds:
        return "person"
    for kind in ("organisation", "igo", "sector", "role", "capital", "country", "city"):
        if kind in kinds:
            return _KIND.get(kind, kind)
    return "sector"


def _latest_alias(matches: list[Match]) -> list[Match]:
    """A short form shared by two persons ("Wang") names the one named last."""
    last_full: dict[str, Person] = {}
    out: list[Match] = []
    for m in matches:
        person = m.term.person
        if m.term.kind == "person" and person is not None:
            if not m.term.alias:
                for alias in person.aliases:
                    last_full[alias] = person
            elif m.term.text in last_full and last_full[m.term.text] is not person:
                m = Match(m.start, m.end, _alias_term(m, last_full[m.term.text]))
        out.append(m)
    return out


def _alias_term(match: Match, person: Person) -> Term:
    return replace(match.term, person=person)


def _before(text: str, match: Match, previous: Match | None) -> str:
    """The words just before a match, back to the sentence or previous match."""
    start = max(0, match.start - 60, previous.end if previous else 0)
    window = text[start:match.start]
    cut = max(window.rfind(". "), window.rfind("\n"))
    return window[cut + 1:] if cut >= 0 else window


def _uncovered(phrase: str, matches: Sequence[Match]) -> str:
    """The phrase with every matched term blanked out."""
    chars = list(phrase)
    for m in matches:
        chars[m.start:m.end] = " " * (m.end - m.start)
    return "".join(chars)


def _names(phrase: str, name: str) -> bool:
    """Whether ``phrase`` names ``name`` in full or by its first or last word."""
    if name in phrase:
        return True
    words = name.split()
    tokens = set(re.findall(r"[\w'\u2019.-]+", phrase))
    return bool(words) and (words[0] in tokens or words[-1] in tokens)


def packaged_files() -> list[Path]:
    """The YAML files shipped under ``eventwire/data/actors``."""
    folder = resources.files("eventwire") / "data" / "actors"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith((".yaml", ".yml")))


def env_files() -> list[Path]:
    """Extra actor files listed in ``EVENTWIRE_ACTORS`` (os.pathsep-separated)."""
    raw = os.environ.get(ENV_EXTRA, "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def default_dictionary() -> ActorDictionary:
    """The packaged dictionary plus ``EVENTWIRE_ACTORS`` files, built once per setting."""
    return _cached(tuple(env_files()))


@lru_cache(maxsize=4)
def _cached(extra: tuple[Path, ...]) -> ActorDictionary:
    return ActorDictionary.load(extra)
