"""One Aho-Corasick automaton over every term: the fast path of the resolver."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from eventwire.actors.entries import Term


@dataclass(frozen=True, slots=True)
class Match:
    """A term found at ``text[start:end]``."""

    start: int
    end: int
    term: Term


def fold(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets must survive)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # e.g. "İ" lowers to two code points
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("\u2019", "'")


def normalise_term(term: Term) -> Term:
    """Drop a leading article and decide case-sensitivity from the spelling.

    Names written with a capital ("US", "China", "Wu Qian") match only that
    spelling (or its all-capitals form in headlines); sector and role words
    ("military", "defense ministry") match in any case.
    """
    text = term.text.replace("\u2019", "'")
    if text[:4] in ("the ", "The ") and len(text) > 4:
        text = text[4:]
    if term.kind in ("role", "sector"):
        # common nouns match in any case ("Deputy Assistant Secretary of Defense
        # for China"); only acronyms ("PM", "MPs") keep their case
        sensitive = any(a.isupper() and b.isupper() for a, b in zip(text, text[1:]))
    else:
        sensitive = any(c.isupper() for c in text)
    return Term(text, term.kind, term.code, term.sector, term.role, term.name,
                term.person, term.alias, sensitive)


class Matcher:
    """Finds every term in a text in one pass, on word boundaries."""

    def __init__(self, terms: Iterable[Term]) -> None:
        table: dict[str, dict[str, Term]] = {}
        for raw in terms:
            term = normalise_term(raw)
            # later files win: a user file can redefine a packaged term
            table.setdefault(fold(term.text), {})[term.text if term.case_sensitive else ""] = term
        self._automaton = ahocorasick.Automaton()
        for key, variants in table.items():
            self._automaton.add_word(key, tuple(variants.values()))
        self._size = len(table)
        if self._size:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return self._size

    def candidates(self, text: str) -> list[Match]:
        """All term occurrences, overlapping, that pass the case and boundary checks."""
        if not self._size or not text:
            return []
        folded = fold(text)
        found: list[Match] = []
        for last, variants in self._automaton.iter(folded):
            first = last - len(variants[0].text) + 1
            if not _bounded(text, first, last + 1):
                continue
            piece = text[first:last + 1].replace("\u2019", "'")
            found.extend(Match(first, last + 1, t) for t in variants if _same_case(piece, t))
        return found


def select(candidates: Sequence[Match]) -> list[Match]:
    """Longest matches first, then leftmost; no two overlap. Sorted by position."""
    if not candidates:
        return []
    taken = bytearray(max(m.end for m in candidates))
    chosen: list[Match] = []
    order = sorted(candidates, key=lambda m: (m.start - m.end, m.start, m.term.alias,
                                              _PRIORITY.get(m.term.kind, 9)))
    for match in order:
        if any(taken[match.start:match.end]):
            continue
        taken[match.start:match.end] = b"\x01" * (match.end - match.start)
        chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


# on equal spans: an explicit "ignore" wins, then the most specific kind
_PRIORITY = {"ignore": 0, "person": 1, "organisation": 2, "igo": 3, "capital": 4,
             "country": 5, "city": 6, "role": 7, "sector": 8}


def _bounded(text: str, start: int, end: int) -> bool:
    if text[start].isalnum() and start > 0 and text[start - 1].isalnum():
        return False
    return not (text[end - 1].isalnum() and end < len(text) and text[end].isalnum())


def _same_case(piece: str, term: Term) -> bool:
    if not term.case_sensitive or piece == term.text:
        return True
    # headlines in capitals: "CHINA" still names China, but "US"/"WHO" stay exact
    return (piece.isupper() and not term.text.isupper()
            and sum(c.isalpha() for c in term.text) >= 4 and piece == term.text.upper())
