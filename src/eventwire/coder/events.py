"""Turning a trigger match into an Event: actors, recipient, mode, date, flags."""

from __future__ import annotations

import hashlib
from dataclasses import replace
import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from eventwire.coder import roles
from eventwire.coder.contexts import contexts_for
from eventwire.coder.discourse import SPEECH_LEMMAS, DocContext, resolve_token
from eventwire.coder.flags import flags_for, is_historical
from eventwire.coder.lexicon import Lexicon
from eventwire.coder.modes import mode_for
from eventwire.coder.places import PLACE_TARGETED, located, place_target, protesters_of_the_place
from eventwire.coder.timex import resolve_event_date
from eventwire.coder.triggers import TriggerMatch
from eventwire.plover import score
from eventwire.records import Actor, Evidence, Event

CLAUSE_DEPS = {"ccomp", "advcl", "parataxis", "relcl", "conj", "xcomp"}
PLACE_KINDS = {"country", "capital", "city"}
MULTILATERAL = {"UNO", "NATO", "ASEAN", "EU", "AU", "SCO", "G7", "G20", "BRICS", "OSCE", "GCC"}


@dataclass(frozen=True, slots=True)
class Anchor:
    """The report's own day, against which relative dates resolve."""

    start: date | None
    end: date | None


def clause_text(verb: Token, anchor: Token) -> str:
    """The words of the trigger's own clause, without embedded clauses."""
    keep: list[Token] = []
    stack = [verb]
    while stack:
        token = stack.pop()
        keep.append(token)
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS and child != anchor and \
                    not any(a == child for a in anchor.ancestors):
                continue
            stack.append(child)
    keep.sort(key=lambda t: t.i)
    return "".join(t.text_with_ws for t in keep).strip()


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[tuple[str, str | None, str | None]] = set()
    out = []
    for actor in actors:
        key = (actor.code, actor.sector, actor.name)
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out


def medium_of(text: str, lexicon: Lexicon) -> str | None:
    """phone | video | written from cue phrases in the clause."""
    lower = text.lower()
    for medium in ("video", "phone", "written"):
        if any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", lower) for cue in lexicon.media[medium]):
            return medium
    return None


def location_of(verb: Token, anchor: Token, ctx: DocContext) -> str | None:
    """A place attached to the event ("held a meeting in Fiji"): a name the dictionary knows as a place."""
    for head in (anchor, verb):
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                for pobj in child.children:
                    if pobj.dep_ != "pobj" or pobj.pos_ != "PROPN":
                        continue
                    name = roles.core(pobj).text
                    if any(m.kind in PLACE_KINDS for m in ctx.dictionary.find_mentions(name, ctx.on)):
                        return name.removeprefix("the ").strip()
    return None


def consult_mode(match: TriggerMatch, medium: str | None, location: str | None,
                 place_codes: set[str], party_codes: set[str]) -> tuple[str | None, str | None]:
    """PLOVER mode and eventwire medium of a CONSULT."""
    if medium in ("phone", "video", "written"):
        return "phone", medium
    if match.mode and match.mode != "visit" or (match.mode == "visit" and len(party_codes) < 3):
        return match.mode, "in_person"
    if len(party_codes - {""}) >= 3 or any(c in MULTILATERAL for c in party_codes):
        return "multilateral", "in_person"
    if location and place_codes and not (place_codes & party_codes):
        return "third-party", "in_person"
    return None, "in_person" if location else None


def event_id(doc_id: str, sentence_index: int, category: str, trigger_start: int) -> str:
    key = f"{doc_id}:{sentence_index}:{category}:{trigger_start}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def resolve_date(match: TriggerMatch, anchor: Anchor, future: bool):
    """The event's date from its clause, else from the reporting clause."""
    text = clause_text(match.verb, match.anchor)
    resolution = resolve_event_date(text, anchor.start, anchor.end, future=future)
    if resolution.note.startswith("no date"):
        speech = roles.governing_speech_verb(match.verb, SPEECH_LEMMAS)
        if speech is not None:
            outer = resolve_event_date(clause_text(speech, speech), anchor.start, anchor.end)
            if not outer.note.startswith("no date"):
                return outer
    return resolution


REFUSABLE = {"CONSULT", "AGREE", "COOPERATE", "AID", "RETREAT", "CONCEDE", "SUPPORT"}
WILL = {"will", "would", "wo", "shall", "'ll"}


def refusal(match: TriggerMatch, negated: bool, rule: str) -> tuple[str, bool, str]:
    """"would not negotiate", "will never accept": a refusal (REJECT), not a negated event."""
    if negated and match.category in REFUSABLE and any(
            c.dep_ == "aux" and c.lower_ in WILL for c in match.verb.children):
        return "REJECT", False, rule + "; refusal"
    return match.category, negated, rule


#: categories whose object is the actor's own: what a show of force moves
#: (troops, warships, missiles) is not whom it is aimed at
OWN_OBJECT = frozenset({"MOBILIZE"})


def find_recipients(match: TriggerMatch, ctx: DocContext, speaker: Actor | None) -> list[Actor]:
    """The first candidate phrase that names a known party ("urged Japan", "sent aid to Beirut").

    Unlike actors, a recipient phrase that names no one known is left out:
    objects are more often things ("the situation", "an agreement") than parties.
    """
    candidates = roles.recipient_candidates(match.verb, match.recipient_deps, match.anchor)
    if match.category in CONDITIONAL:
        candidates += threatened(match.verb)
    elif match.category in PROMISED:
        candidates += beneficiaries(match.verb, ctx)
    for token in candidates:
        if match.category in OWN_OBJECT and token.head == match.verb and token.dep_ in ("dobj", "nsubjpass"):
            continue  # "massed troops", "reinforcements were sent": the actor's own
        span = roles.core(token)
        named = names_someone(span, ctx)
        found = [a for a in located(resolve_token(token, span, ctx, speaker), match, ctx)
                 if a.code or (a.sector and named)]
        if found:
            return found
    return []


#: categories whose target is often named only in what is threatened, or in
#: the condition it hangs on: "threatened to impose sanctions on Moscow",
#: "warned ... if Tehran attacked Americans"
CONDITIONAL = frozenset({"THREATEN"})


#: categories whose party is often named only in what is offered or promised:
#: "offered to help the Philippines", "pledged $500 million to help Ethiopia"
PROMISED = frozenset({"AGREE"})


def beneficiaries(verb: Token, ctx: DocContext) -> list[Token]:
    """Further candidates for whom an offer or a promise is made: the objects
    of the act offered that name a country or a body of one ("to train
    Papua New Guinea's soldiers"), not a thing ("to redevelop a base")."""
    acts = [c for c in verb.children if _an_act(c) and c.pos_ == "VERB"]
    objects = [c for act in acts for c in act.children if c.dep_ in ("dobj", "dative")]
    return [o for o in objects
            if any(m.actor.code for m in ctx.dictionary.find_mentions(roles.core(o).text, ctx.on))]


def _an_act(token: Token) -> bool:
    """A clause that says what is threatened: "to impose …" (which the parser
    may hang as an adverbial clause after "on Thursday"), "that … would strike"."""
    return token.dep_ in ("xcomp", "ccomp") or (
        token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children))


def threatened(verb: Token) -> list[Token]:
    """Further candidates for the target of a threat, after the verb's own:
    the parties of the threatened act ("to impose sanctions on Moscow", "that
    Washington would strike Iranian sites"), then the subject of its
    condition ("if Russian troops crossed into Ukraine")."""
    acts = [c for c in verb.children if _an_act(c)]
    acts += [g for c in acts for g in c.children if _an_act(g)]
    out = [t for act in acts if act.pos_ == "VERB" for t in roles.recipient_candidates(act, ())]
    for clause in (c for head in (verb, *acts) for c in head.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
            out += [c for c in clause.children if c.dep_ == "nsubj"]
    return out


def names_someone(span: Span, ctx: DocContext) -> bool:
    """Whether the phrase's head word is itself an actor word ("the police", not "a military base")."""
    root = span.root.idx - span.start_char
    return any(m.start <= root < m.end for m in ctx.dictionary.find_mentions(span.text, ctx.on))


#: categories whose unnamed civilian victims are not the attacker's own
#: people: "Russian forces fired missiles at cities across Ukraine, killing
#: several civilians"
VIOLENT = frozenset({"ASSAULT", "COERCE"})
#: categories done together, where a country named again among the
#: recipients ("talks ... between the two countries") is no one new
JOINT = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def domestic(recipients: list[Actor], actors: list[Actor], category: str = "") -> list[Actor]:
    """"Lawmakers called on the government": a body named without a country
    is the actor's own; not so civilians attacked, who keep no country
    rather than take the attacker's."""
    home = next((a.code for a in actors if a.code), "")
    return [r if r.code else replace(r, code=home) for r in recipients
            if r.code or (home and not (category in VIOLENT and r.sector == "CVL"))]


def no_one_new(recipients: list[Actor], actors: list[Actor], category: str) -> list[Actor]:
    """Drop, from a joint event's recipients, a bare country already among
    its actors ("Sunak and Macron held talks ... between the two countries")."""
    if category not in JOINT:
        return recipients
    codes = {a.code for a in actors}
    return [r for r in recipients if r.sector or r.code not in codes]


ARMED = {"MIL", "REB"}
OFFICIAL = {"GOV", "IGO"}
DIPLOMATIC_CATEGORIES = {"CONSULT", "SUPPORT", "AGREE"}


def event_contexts(category: str, parties: list[Actor], sentence: str) -> list[str]:
    """Context tags: the sentence's keywords, plus what the parties and the category say.

    A show of force or an armed party is military; a meeting, endorsement or
    agreement between governments or organisations is diplomatic.
    """
    tags = contexts_for(sentence)
    sectors = {p.sector for p in parties if p.sector}
    if (category in ("MOBILIZE", "ASSAULT") or sectors & ARMED) and "military" not in tags:
        tags.append("military")
    if category in DIPLOMATIC_CATEGORIES and sectors & OFFICIAL and not sectors & ARMED \
            and "diplomatic" not in tags:
        tags.append("diplomatic")
    return tags


def reporting_party(match: TriggerMatch, ctx: DocContext, speaker: Actor | None) -> list[Actor]:
    """"The ministry said … and rejected X", "China announced it will cancel Y": the one reporting."""
    speech = roles.governing_speech_verb(match.verb, SPEECH_LEMMAS)
    if speech is None:
        return []
    subject = roles.subject(speech)
    if subject is None:
        return []
    return resolve_token(subject, roles.phrase(subject), ctx, speaker)


def build_event(match: TriggerMatch, sentence: Span, index: int, doc_id: str,
                ctx: DocContext, speaker: Actor | None, lexicon: Lexicon,
                anchor: Anchor, coder: str, base: int = 0) -> Event:
    """One Event from a trigger, with everything the rules can say about it."""
    flags = flags_for(match.verb, match.anchor)
    subject = roles.subject(match.verb)
    actors = resolve_token(subject, roles.phrase(subject), ctx, speaker) if subject is not None else []
    recipients = find_recipients(match, ctx, speaker)
    rule = match.rule
    if match.reported:
        accuser = reporting_party(match, ctx, speaker)
        if accuser:  # "X said Y violated Z": X accuses Y
            actors, recipients, rule = accuser, actors, rule + "; reported allegation"
    if match.swap:
        actors, recipients = recipients, actors
    passive = roles.passive_subject(match.verb)
    if not actors and passive is not None and match.category in OWN_OBJECT:
        # "UN forces have been deployed": they show the force; forces of no known country make no event
        actors = [a for a in located(resolve_token(passive, roles.phrase(passive), ctx, speaker), match, ctx)
                  if a.code]
        rule += "; actors: the forces moved" if actors else ""
    if not actors and passive is None:
        actors = reporting_party(match, ctx, speaker)
        rule += "; actor: the reporting party" if actors else ""
    if not actors and match.category == "PROTEST":
        actors = protesters_of_the_place(match, ctx)
        rule += "; actors: the place's civilians" if actors else ""
    if not actors and match.category in ("CONSULT", "AGREE"):
        actors = ctx.dyad(None, "(the two parties of the report)")
        rule += "; actors: report dyad"
    actors = located(_dedupe(actors), match, ctx)
    recipients = domestic(recipients, actors, match.category)
    recipients = no_one_new(recipients, actors, match.category)
    if not recipients and match.category in PLACE_TARGETED:
        recipients = place_target(match, ctx, actors)
        rule += "; recipient: the place" if recipients else ""
    actor_keys = {(a.code, a.sector) for a in actors}
    recipients = [r for r in _dedupe(recipients) if (r.code, r.sector) not in actor_keys]
    clause = clause_text(match.verb, match.anchor)
    category, negated, rule = refusal(match, flags.negated, rule)
    mode, medium = mode_for(category, match.verb, match.anchor, match.mode), None
    location = None
    if category == "CONSULT":
        location = location_of(match.verb, match.anchor, ctx)
        place_codes = ({m.actor.code for m in ctx.dictionary.find_mentions(location, ctx.on)}
                       if location else set())
        mode, medium = consult_mode(match, medium_of(clause, lexicon), location, place_codes,
                                    {a.code for a in actors + recipients})
    future = flags.future
    dated = resolve_date(match, anchor, future)
    if dated.date and anchor.end and dated.date > (anchor.end or anchor.start):
        future = True
    historical = not future and is_historical(dated.date, anchor.start)
    confidence = 0.45 + (0.25 if actors else 0) + (0.15 if recipients else 0) + \
        (0.1 if match.anchor == match.verb else 0.05)
    evidence = Evidence(doc_id=doc_id, sentence_index=index, start=base + sentence.start_char,
                        end=base + sentence.end_char, sentence=sentence.text, trigger=match.text,
                        trigger_start=base + match.anchor.idx, rule=rule)
    return Event(
        category=category, actor=actors, recipient=recipients, evidence=evidence,
        mode=mode, medium=medium, context=event_contexts(category, actors + recipients, sentence.text), date=dated.date,
        date_end=dated.date_end, date_precision=dated.precision, date_resolution=dated.note,
        location=location, negated=negated, hypothetical=flags.hypothetical,
        future=future, historical=historical, intensity=score(category),
        confidence=round(min(confidence, 0.95), 2), coder=coder,
        id=event_id(doc_id, index, category, base + match.anchor.idx),
    )
