"""Negation, hypothetical, future and historical flags of a trigger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Token

CONDITION_MARKS = {"if", "unless", "should", "whether", "provided"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
INTENT_VERBS = {"plan", "agree", "prepare", "intend", "expect", "hope", "seek", "want",
                "schedule", "set", "aim", "decide", "pledge", "promise", "vow", "propose"}
NEGATIVE_DETS = {"no", "neither", "never"}
HISTORICAL_DAYS = 7  # an event more than a week before the report is told, not reported


@dataclass(frozen=True, slots=True)
class Flags:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def is_negated(verb: Token, anchor: Token) -> bool:
    """"did not meet", "have not been interrupted", "no talks were held"."""
    if _children(verb, {"neg"}):
        return True
    if any(c.lower_ in NEGATIVE_DETS for c in anchor.children if c.dep_ in ("det", "neg")):
        return True
    # "had not decided to send jets": the negation of the governing verb carries over
    if verb.dep_ == "xcomp" and _children(verb.head, {"neg"}):
        return True
    # "refrained from meeting", "failed to hold talks"
    if verb.dep_ in ("xcomp", "pcomp") and verb.head.lemma_ in {"fail", "refrain", "decline"}:
        return True
    return False


def is_hypothetical(verb: Token) -> bool:
    """A condition ("if anyone dares…, China will…") or an unreal modal."""
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ == "advcl" and any(m.lower_ in CONDITION_MARKS for m in child.children
                                             if m.dep_ in ("mark", "advmod", "aux")):
                return True
            if child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_AUX:
                return True
        if current.dep_ not in ("xcomp", "conj") or current.head == current:
            break
        current = current.head
    # the trigger inside the if-clause itself
    if verb.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in verb.children if m.dep_ == "mark"):
        return True
    return False


def is_future(verb: Token) -> bool:
    """"will hold", "is going to visit", "agreed to conduct", "plans to meet"."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_ in INTENT_VERBS:
        return True
    if verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG":
        return True
    return False


def flags_for(verb: Token, anchor: Token) -> Flags:
    """All three flags of a trigger."""
    return Flags(negated=is_negated(verb, anchor), hypothetical=is_hypothetical(verb),
                 future=is_future(verb))


def is_historical(event_date: date | None, report_date: date | None) -> bool:
    """A past event told in a later report ("In August, … held a meeting")."""
    if event_date is None or report_date is None:
        return False
    return event_date < report_date - timedelta(days=HISTORICAL_DAYS)
