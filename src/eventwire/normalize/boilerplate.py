"""Boilerplate removal: photo credits, site furniture, desk signatures, sign-offs.

The rules are data: each is a name, a whole-line regular expression and where in
the article it may match. Only whole lines (or a trailing agency word) are
removed, so real sentences are never cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.normalize.agencies import AGENCY_RE, canonical_agency


@dataclass(frozen=True, slots=True)
class LineRule:
    """A whole line to drop: ``where`` is "any", "first" (first line) or "tail"."""

    name: str
    pattern: re.Pattern[str]
    where: str


def _rule(name: str, pattern: str, where: str = "any") -> LineRule:
    return LineRule(name, re.compile(pattern, re.IGNORECASE if where != "tail" else 0), where)


LINE_RULES: tuple[LineRule, ...] = (
    # "Photo: VCG", "(Photo: Xinhua)", "Photos: AFP", "File photo"; short lines only,
    # so that captions which are real sentences ("Photo taken on ... shows") stay.
    _rule("photo credit", r"\(?\s*(?:file\s+)?photos?(?:\s+by)?\s*:\s*[^\n.]{1,60}?\)?"),
    _rule("file photo", r"\(?\s*file\s+photos?\s*\.?\)?"),
    # site furniture
    _rule("related links", r"(?:related\s+(?:articles|posts|news|stories|coverage)"
                           r"|read\s+more|you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?"
                           r"|most\s+(?:read|popular))\s*:?"),
    _rule("back to top", r"back\s+to\s+top(?:\s+button)?"),
    _rule("share buttons", r"share(?:\s+this)?(?:\s+(?:article|story))?\s*:?"),
    # a section label alone on the first line ("Politics")
    _rule("section label", r"(?:politics|world|china|business|economy|military|defen[cs]e"
                           r"|diplomacy|asia|asia[- ]pacific|americas|europe|opinion|sports"
                           r"|science|technology|society|nation|national|international"
                           r"|top\s+news|latest|news|breaking(?:\s+news)?)", "first"),
    # EFE desk signatures ("jco/bks", "jco-ssk"): lowercase initials, at the end
    _rule("desk signature", r"[a-z]{2,5}(?:[/-][a-z]{2,5})+", "tail"),
    # editor credits at the end ("Editor: Li Yan", "(Reporting by ...; Editing by ...)")
    _rule("editor credit", r"\(?(?:Editor|Edited by|Editing by|Reporting by|Writing by)"
                           r"\b[^\n]{0,120}\)?", "tail"),
)

_SIGN_OFF_LINE = re.compile(rf"(?:{AGENCY_RE})\.?")
# An agency name glued to the end of the last paragraph: "... research. EFE"
_SIGN_OFF_INLINE = re.compile(rf"(?<=[.!?\"”’)])\s+({AGENCY_RE})\.?\s*$")
_PHOTO_INLINE = re.compile(r"\s*\((?:file\s+)?photos?\s*:\s*[^)\n]{1,40}\)", re.IGNORECASE)


def _matches(rule: LineRule, line: str) -> bool:
    return rule.pattern.fullmatch(line) is not None


def _drop_any(lines: list[str]) -> list[str]:
    any_rules = [r for r in LINE_RULES if r.where == "any"]
    return [ln for ln in lines if not any(_matches(r, ln) for r in any_rules)]


def _drop_first(lines: list[str]) -> list[str]:
    first_rules = [r for r in LINE_RULES if r.where == "first"]
    nonblank = [i for i, ln in enumerate(lines) if ln]
    if len(nonblank) > 1 and any(_matches(r, lines[nonblank[0]]) for r in first_rules):
        return lines[nonblank[0] + 1:]
    return lines


def _drop_tail(lines: list[str]) -> tuple[list[str], str | None]:
    """Drop trailing signatures and sign-off lines; return the agency signed off."""
    tail_rules = [r for r in LINE_RULES if r.where == "tail"]
    agency: str | None = None
    while lines:
        last = lines[-1]
        if not last or any(_matches(r, last) for r in tail_rules):
            lines = lines[:-1]
        elif len(lines) > 1 and _SIGN_OFF_LINE.fullmatch(last) and canonical_agency(last):
            agency = agency or canonical_agency(last)
            lines = lines[:-1]
        else:
            break
    if lines:
        match = _SIGN_OFF_INLINE.search(lines[-1])
        if match and canonical_agency(match.group(1)):
            agency = agency or canonical_agency(match.group(1))
            lines[-1] = lines[-1][:match.start()]
    return lines, agency


def strip_boilerplate(text: str) -> tuple[str, str | None]:
    """Remove boilerplate lines from cleaned text; return the text and a signed-off agency."""
    lines = _drop_any(_PHOTO_INLINE.sub("", text).split("\n"))
    lines = _drop_first(lines)
    lines, agency = _drop_tail(lines)
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip(), agency
