"""Statements about the state of a channel that are not events.

"Communication channels remained open", "exchanges have not been
interrupted", "the two sides maintained communication", "suspended military
talks", "agreed to resume", "declined a request for a call": PLOVER codes some
of these as nothing (a negated interruption is no event), but for a channel
each says what state it was in.  Careful patterns over sentences, with guards
for intentions ("seeking to restore"), infinitives of position ("important to
maintain") and negation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: what a channel is called in running text
NOUN = (r"(?:channels?|lines?(?:\s+of\s+communications?)?|hotlines?|communications?|contacts?"
        r"|exchanges|dialogues?|talks|mechanisms?|links?|calls?|consultations?|meetings?)")
_QUOTE = r"[\"“”'‘’]?"
_NEAR = r"[^.;:]{0,90}?"

_NOT_INTERRUPTED = re.compile(
    rf"\b{NOUN}\b{_NEAR}\b(?:has|have|had|was|were|is|are)\s+(?:not|never)\s+(?:been\s+)?"
    r"(?:fully\s+|entirely\s+|completely\s+|totally\s+)?"
    r"(?:interrupted|cut(?:\s+off)?|suspended|broken(?:\s+off)?|severed|halted|closed|stopped"
    r"|frozen|shut)\b", re.IGNORECASE)
_OPEN = re.compile(
    rf"\b{NOUN}\b{_NEAR}\b(?:remain(?:s|ed)?|stay(?:s|ed)?|(?:is|are|was|were)(?:\s+still)?)"
    rf"\s+{_QUOTE}(?:open|unblocked|smooth|operational|in\s+place)\b"
    rf"|\b{NOUN}\b{_NEAR}\bcontinu(?:es|ed)\s+to\s+(?:operate|function|work)\b", re.IGNORECASE)
_MAINTAIN = re.compile(
    r"\b(?P<verb>maintain(?:ed|s)?|kept|keeps?)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:communications?|contacts?|channels?|dialogues?|exchanges)\b", re.IGNORECASE)
_SUSPEND = re.compile(
    r"\b(?P<verb>suspend(?:ed|s|ing)?|suspension\s+of|cancel(?:l?ed|s|ling)?|halt(?:ed|s)?"
    r"|cut\s+off|froze|freez(?:e|es|ing)|sever(?:ed|s)?|call(?:ed|s)?\s+off)\b"
    rf"(?P<what>{_NEAR}\b{NOUN}\b)", re.IGNORECASE)
_SUSPENDED_PASSIVE = re.compile(
    rf"\b{NOUN}\b[^.;:]{{0,40}}?\b(?:was|were|has\s+been|have\s+been|had\s+been)\s+"
    r"(?P<verb>suspended|cancell?ed|halted|cut\s+off|frozen|severed)\b", re.IGNORECASE)
_RESUME = re.compile(
    r"\b(?P<verb>resum(?:e|ed|es|ing|ption\s+of)|restor(?:e|ed|es|ing|ation\s+of)"
    r"|re-?open(?:ed|s|ing)?|reviv(?:e|ed|es))\b"
    rf"(?P<what>{_NEAR}\b{NOUN}\b)", re.IGNORECASE)
_REFUSE = re.compile(
    r"\b(?P<verb>declin(?:e|ed|es)|refus(?:e|ed|es)|reject(?:ed|s)?|rebuff(?:ed|s)?"
    r"|turn(?:ed|s)?\s+down)\b"
    r"(?P<what>[^.;:]{0,80}?\b(?:calls?|phone\s+call|meetings?|talks|dialogue|video\s+call))\b"
    r"(?!\s+(?:for|to|on)\b)",
    re.IGNORECASE)

#: words before a verb that make it an intention, a wish or a position, not a fact
_INTENT = re.compile(
    r"\b(?:seek(?:s|ing)?|sought|hope[sd]?|hoping|wants?|wanted|wish(?:es|ed)?|urg(?:e|ed|es|ing)"
    r"|call(?:ed|s|ing)?\s+(?:on|for)|press(?:ed|es)?\s+for|ask(?:ed|s)?|need(?:s|ed)?"
    r"|should|must|would|could|might|important|essential|necessary|willing|ready|if|unless"
    r"|threaten(?:s|ed)?|importance\s+of)\b[^.;]{0,40}$", re.IGNORECASE)
_AGREED = re.compile(r"\b(?:agree[sd]?|decided|continue[sd]?)\s+to\s+$", re.IGNORECASE)
_TO = re.compile(r"\bto\s+$", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never|no\s+longer)\s+(?:\w+\s+){0,2}$|n['’]t\s+$", re.IGNORECASE)
_SINCE = re.compile(r"\bsince\b[^,;]{0,50}$", re.IGNORECASE)
#: a state of channels says something about militaries only when the sentence is military
MILITARY = re.compile(r"\b(?:militar(?:y|ies)|defen[cs]e|arm(?:y|ies)|armed\s+forces|navy|navies"
                      r"|air\s+forces?|theat(?:er|re)|commanders?|pla)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Statement:
    """A state of communication said in a sentence, at ``sentence[start:end]``."""

    status: str  # active | suspended | resumed | refused
    start: int
    end: int
    rule: str

    def text(self, sentence: str) -> str:
        return sentence[self.start:self.end]


def _before(sentence: str, start: int) -> str:
    return sentence[max(0, start - 60):start]


def _is_fact(sentence: str, start: int, *, allow_agreed: bool = False) -> bool:
    """Not an intention, a position, an infinitive or a negation."""
    before = _before(sentence, start)
    if allow_agreed and _AGREED.search(before):
        return True
    if _TO.search(before) or _NEGATION.search(before):
        return False
    return not _INTENT.search(before)


def find_statements(sentence: str) -> list[Statement]:
    """Every statement about the state of communication in one sentence."""
    found: list[Statement] = []
    for match in _NOT_INTERRUPTED.finditer(sentence):
        found.append(Statement("active", match.start(), match.end(), "negated interruption"))
    for match in _OPEN.finditer(sentence):
        if not _INTENT.search(_before(sentence, match.start())):
            found.append(Statement("active", match.start(), match.end(), "remains open"))
    for match in _MAINTAIN.finditer(sentence):
        if _is_fact(sentence, match.start(), allow_agreed=True):
            found.append(Statement("active", match.start(), match.end(), "maintained communication"))
    for match in _SUSPEND.finditer(sentence):
        if _is_fact(sentence, match.start()) and not _SINCE.search(_before(sentence, match.start())):
            found.append(Statement("suspended", match.start(), match.end(), "suspended"))
    for match in _SUSPENDED_PASSIVE.finditer(sentence):
        verb = match.start("verb")
        if not _NEGATION.search(sentence[match.start():verb]) and not _SINCE.search(
                sentence[:verb]) and _is_fact(sentence, match.start()):
            found.append(Statement("suspended", match.start(), match.end(), "was suspended"))
    for match in _RESUME.finditer(sentence):
        if _is_fact(sentence, match.start(), allow_agreed=True):
            found.append(Statement("resumed", match.start(), match.end(), "resumed"))
    for match in _REFUSE.finditer(sentence):
        if _is_fact(sentence, match.start()):
            found.append(Statement("refused", match.start(), match.end(), "refused"))
    return _without_overlaps(found)


def _without_overlaps(found: list[Statement]) -> list[Statement]:
    """Earlier rules win over later ones on the same words ("not been suspended")."""
    kept: list[Statement] = []
    for statement in found:
        if not any(statement.start < k.end and k.start < statement.end for k in kept):
            kept.append(statement)
    return sorted(kept, key=lambda s: s.start)
