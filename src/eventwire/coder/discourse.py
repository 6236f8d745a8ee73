"""What the coder remembers across the sentences of one document.

Wire reports name a speaker once ("said Zhang Xiaogang, the spokesperson") and
then write "he said", "the spokesperson added", "Wu told reporters"; they call
the two parties "the two sides" or "both militaries".  This state resolves
those references to the actors named earlier.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Span, Token

from eventwire.actors import ActorDictionary
from eventwire.actors.dictionary import Mention
from eventwire.coder.roles import is_time
from eventwire.records import Actor

SPEECH_LEMMAS = frozenset({
    "say", "add", "tell", "state", "stress", "note", "insist", "reiterate", "claim",
    "emphasize", "emphasise", "announce", "declare", "assert", "remark", "comment",
    "explain", "point", "write", "respond", "reply", "indicate", "affirm", "underline",
    "believe", "maintain", "confirm", "disclose", "reveal", "argue", "contend",
})
PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"we", "us", "our"}
DEFINITE_ROLES = {"spokesperson", "spokesman", "spokeswoman", "minister", "secretary",
                  "official", "ambassador", "envoy", "president", "general", "admiral",
                  "commander", "chief", "premier"}
DYAD_HEADS = {"side": None, "sides": None, "country": "GOV", "countries": "GOV",
              "military": "MIL", "militaries": "MIL", "army": "MIL", "armies": "MIL",
              "force": "MIL", "forces": "MIL", "official": None, "officials": None,
              "government": "GOV", "governments": "GOV", "nation": "GOV", "nations": "GOV",
              "defense": "MIL", "ministries": None, "delegations": None, "leaders": "GOV",
              "ministers": None, "party": None, "parties": None, "allies": None,
              "neighbours": "GOV", "neighbors": "GOV", "rivals": None, "powers": "GOV",
              "navies": "MIL", "delegation": None, "teams": None, "commanders": "MIL",
              "chiefs": None, "counterparts": None}


@dataclass
class DocContext:
    """Per-document memory: known persons, the last speaker, the main dyad."""

    dictionary: ActorDictionary
    on: date | None
    known_persons: list[Actor] = field(default_factory=list)
    last_speaker: Actor | None = None
    last_person: Actor | None = None
    country_counts: Counter[str] = field(default_factory=Counter)

    def observe_text(self, text: str) -> None:
        """Remember the countries and known persons a text names, from the dictionary alone."""
        for mention in self.dictionary.find_mentions(text, self.on):
            actor = mention.actor
            if actor.code and len(actor.code) == 3:
                self.country_counts[actor.code] += 1
            if actor.name and mention.kind in ("person", "sector"):
                self.remember_person(actor)

    def observe(self, sentence: Span) -> None:
        """Remember the persons and countries a sentence names."""
        self.observe_text(sentence.text)
        # people the dictionary does not know, introduced with a title ("Greek Prime Minister X"):
        # a proper-noun chain with its compounds and modifiers
        known = {p.name for p in self.known_persons}
        for token in sentence:
            if token.pos_ != "PROPN" or token.dep_ == "compound" or token.text in known:
                continue
            chain = [t for t in token.subtree if t.i <= token.i and t.dep_ in ("compound", "amod")] + [token]
            if len(chain) < 3:  # a title and at least two names, or two titles and a name
                continue
            titled = sentence.doc[min(t.i for t in chain):token.i + 1]
            for actor in self.dictionary.resolve_phrase(titled.text, self.on):
                if actor.name and actor.code:
                    self.remember_person(actor)

    def remember_person(self, actor: Actor) -> None:
        if actor.name and all(p.name != actor.name for p in self.known_persons):
            self.known_persons.append(actor)
        self.last_person = actor

    def set_speaker(self, actor: Actor) -> None:
        self.last_speaker = actor
        if actor.name:
            self.remember_person(actor)

    def dyad(self, sector: str | None, text: str) -> list[Actor]:
        """The two countries the report is about, for "the two sides"."""
        top = [code for code, _ in self.country_counts.most_common(2)]
        if len(top) < 2:
            return []
        return [Actor(code=code, sector=sector, text=text) for code in top]


def organisation_of(actor: Actor | None, text: str) -> list[Actor]:
    """The organisation a speaker speaks for ("we" in a spokesperson's quote)."""
    if actor is None:
        return []
    return [Actor(code=actor.code, sector=actor.sector, text=text)]


def dyad_reference(phrase: Span) -> str | None | bool:
    """For "the two sides", "officers of both militaries": the sector word's sector; else False."""
    for token in phrase:
        if token.lower_ in DYAD_HEADS and any(c.lower_ in ("two", "both") for c in token.children):
            sector = DYAD_HEADS[token.lower_]
            if sector is None and token != phrase.root:
                sector = DYAD_HEADS.get(phrase.root.lower_)
            return sector
    return False


def resolve_reference(token: Token, phrase: Span, ctx: DocContext,
                      speaker: Actor | None) -> list[Actor] | None:
    """Actors for pronouns, "the two sides" and bare titles; None if not a reference."""
    lower = token.lower_
    pronoun = token.pos_ == "PRON" and token.text != "US"  # "US" is a country, "us" a pronoun
    if pronoun and lower in PERSONAL_PRONOUNS:
        person = ctx.last_speaker or ctx.last_person
        return [replace(person, text=token.text)] if person else []
    if pronoun and lower in GROUP_PRONOUNS:
        return organisation_of(speaker or ctx.last_speaker, token.text)
    sector = dyad_reference(phrase)
    if sector is not False:
        return ctx.dyad(sector if isinstance(sector, str) else None, phrase.text)
    if len(phrase) <= 3 and lower in DEFINITE_ROLES and phrase[0].lower_ == "the":
        if ctx.last_speaker and ctx.last_speaker.role and lower in ctx.last_speaker.role.lower():
            return [replace(ctx.last_speaker, text=phrase.text)]
    return None


def known_by_surname(phrase: Span, ctx: DocContext) -> list[Actor]:
    """"Erdogan" after "Turkish President Recep Tayyip Erdogan" was named."""
    names = [t.text for t in phrase if t.pos_ == "PROPN"]
    if not names or len(names) > 2:
        return []
    for person in reversed(ctx.known_persons):
        parts = (person.name or "").split()
        if parts and names[-1] == parts[-1]:
            return [replace(person, text=phrase.text)]
    return []


AGENT_NOUNS = {  # heads of phrases that name someone even when the dictionary cannot say who
    "people": "CVL", "protesters": "CVL", "demonstrators": "CVL", "workers": "CVL",
    "students": "CVL", "farmers": "CVL", "doctors": "CVL", "nurses": "CVL", "teachers": "CVL",
    "activists": "CVL", "residents": "CVL", "villagers": "CVL", "crowds": "CVL", "thousands": "CVL",
    "hundreds": "CVL", "families": "CVL", "union": "CVL", "unions": "CVL",
    "gunmen": "REB", "militants": "REB", "fighters": "REB", "insurgents": "REB", "rebels": "REB",
    "jihadists": "REB", "militia": "REB", "militias": "REB",
    "hackers": "", "group": "", "groups": "", "company": "BUS", "firm": "BUS",
}


#: heads of phrases that name an activity or a tie, not a party to it: a
#: sector word before them ("military talks", "any military alliance") says
#: what kind of activity, not whose. A thing keeps its owner's sector word
#: ("government computer systems" were attacked: the government was).
ACTIVITY_HEADS = frozenset({
    "talk", "talks", "dialogue", "dialogues", "consultation", "consultations", "negotiation",
    "negotiations", "meeting", "meetings", "contact", "contacts", "exchange", "exchanges",
    "channel", "channels", "hotline", "hotlines", "mechanism", "mechanisms", "cooperation",
    "tie", "ties", "relations", "relationship", "alliance", "alliances", "pact", "pacts",
    "treaty", "agreement", "agreements", "deal", "partnership", "drill", "drills", "exercise",
    "exercises", "manoeuvres", "maneuvers", "operation", "operations", "activity", "activities",
    "presence", "buildup", "build-up", "pressure", "aid", "assistance", "spending", "budget",
    "takeover", "coup", "report", "reports", "rally", "rallies", "campaign", "action",
    "actions", "crackdown", "offensive", "intervention", "support",
})


def _says_whose(mention: Mention, phrase: Span) -> bool:
    """Whether a sector word names a party: not "military" in "military
    talks" or "any military alliance", where it says what kind of activity
    or tie the phrase's head is."""
    head = phrase.root
    before_head = mention.end <= head.idx - phrase.start_char
    return not (before_head and head.lower_ in ACTIVITY_HEADS)


def fallback_actors(token: Token, phrase: Span, ctx: DocContext, speaker: Actor | None) -> list[Actor]:
    """Who a phrase names when the dictionary has no entry for it.

    A sector word without a country ("the army") takes the speaker's country;
    a proper name or a people noun is kept with an unknown code so the event
    is not lost. A sector word that only says what kind of activity the
    phrase is ("military talks") names no one.
    """
    mentions = ctx.dictionary.find_mentions(phrase.text, ctx.on)
    places = [m.actor.code for m in mentions if m.actor.code]  # "demonstrators in Lagos"
    sectors = [m.actor for m in mentions if m.actor.sector and _says_whose(m, phrase)]
    if sectors:
        code = sectors[0].code or (places[0] if places else "") or (speaker.code if speaker else "")
        return [Actor(code=code, sector=sectors[0].sector, text=phrase.text)]
    head = phrase.root
    if is_time(head):  # "on Wednesday" is when, never who
        return []
    if head.pos_ == "PROPN" or head.lower_ in AGENT_NOUNS:
        return [Actor(code=places[0] if places else "", sector=AGENT_NOUNS.get(head.lower_) or None,
                      text=phrase.text)]
    return []


def resolve_token(token: Token, phrase: Span, ctx: DocContext, speaker: Actor | None) -> list[Actor]:
    """All the ways a phrase can name actors, in order of reliability."""
    referred = resolve_reference(token, phrase, ctx, speaker)
    if referred is not None:
        return referred
    actors = ctx.dictionary.resolve_phrase(phrase.text, ctx.on, known_persons=ctx.known_persons)
    if not actors:
        actors = known_by_surname(phrase, ctx)
    for actor in actors:
        if actor.name:
            ctx.remember_person(actor)
    if not actors and token.lower_ in DEFINITE_ROLES and ctx.last_speaker:
        return [replace(ctx.last_speaker, text=phrase.text)]
    if not actors:
        return fallback_actors(token, phrase, ctx, speaker)
    return [replace(a, text=a.text or phrase.text) for a in actors]
