"""PLOVER modes that the trigger word alone does not give ("urged X to withdraw": yield)."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.coder.triggers import lemmas

MEET = {"meet", "talk", "negotiate", "resume", "hold", "visit", "discuss", "dialogue", "talks",
        "meeting", "negotiation", "summit", "call", "mediation", "consultation"}
YIELD = {"release", "withdraw", "leave", "stop", "cease", "end", "halt", "refrain", "lift", "free",
         "pull", "abandon", "tow", "return", "reinstate", "surrender", "disarm", "retreat", "drop",
         "restore", "remove", "back"}
ASSIST = {"help", "aid", "provide", "send", "assist", "support", "supply", "deliver", "assistance",
          "access", "fund", "funding", "loan", "offer", "donate"}
VIOLENCE = {"attack", "strike", "force", "military", "retaliate", "fight", "crush", "war", "respond",
            "punish", "destroy", "invade", "bomb", "fire", "annihilate", "retaliation"}
RELATIONS = {"ties", "relations", "embassy", "ambassador", "diplomatic", "downgrade", "sever"}
RESTRICT = {"sanction", "sanctions", "ban", "restrict", "block", "fine", "fines", "tariff", "tariffs",
            "halt", "embargo", "cut", "expel"}
TERRITORY = {"territory", "border", "annex", "island", "islands", "sovereignty", "land"}
TROOPS = {"troops", "troop", "forces", "soldiers", "reservists", "battalion", "battalions",
          "brigade", "division", "units", "marines", "reinforcements", "personnel"}
WEAPONS = {"missile", "missiles", "jet", "jets", "warship", "warships", "carrier", "submarine",
           "submarines", "bomber", "bombers", "weapon", "weapons", "rocket", "rockets", "device",
           "satellite", "drone", "drones", "tank", "tanks", "aircraft", "destroyer", "frigate"}
WITHDRAW = {"recall", "expel", "withdraw", "close", "downgrade"}


def _words(verb: Token) -> set[str]:
    """Lemmas of the trigger's clause complements and objects."""
    words: set[str] = set()
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp", "dobj", "advcl", "prep", "dative", "nsubjpass"):
            for token in child.subtree:
                words |= lemmas(token)
    return words


def _first(words: set[str], table: tuple[tuple[set[str], str], ...]) -> str | None:
    for vocabulary, mode in table:
        if words & vocabulary:
            return mode
    return None


def mode_for(category: str, verb: Token, anchor: Token, given: str | None) -> str | None:
    """The lexicon's mode when it has one, else one read from the clause."""
    if given:
        return given
    words = _words(verb) | _words(anchor) | lemmas(anchor)
    if category in ("REQUEST", "REJECT"):
        return _first(words, ((MEET, "meet"), (YIELD, "yield"), (ASSIST, "assist"))) or "change"
    if category == "THREATEN":
        return _first(words, ((RELATIONS, "relations"), (RESTRICT, "restrict"), (TERRITORY, "territory"),
                              (VIOLENCE, "violence")))
    if category == "MOBILIZE":
        return _first(words, ((TROOPS, "troops"), (WEAPONS, "weapons")))
    if category == "SANCTION":
        return "withdraw" if lemmas(verb) & WITHDRAW else None
    return None
