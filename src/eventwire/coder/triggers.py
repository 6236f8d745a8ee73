"""Finding trigger words in a parsed sentence.

A trigger is a verb from the lexicon (with its particle when one is required)
or a nominal trigger governed by a light verb ("held talks").  Each match
carries the token that anchors the event clause: the verb whose subject is the
actor and whose flags (negation, tense) are the event's.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.coder.lexicon import Lexicon, VerbTrigger
from eventwire.coder.roles import is_time

SPEECH_OBJECTS = {"view", "views", "opinion", "opinions", "idea", "ideas", "note", "notes"}
PREPS_OF_MEDIUM = {"by", "via", "over", "through", "on", "in"}
AUX_FUTURE = {"will", "shall", "'ll"}


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a sentence."""

    category: str
    mode: str | None
    verb: Token  # the clause's verb: subject, negation and tense hang on it
    anchor: Token  # the trigger word itself (verb or noun)
    recipient_deps: tuple[str, ...]
    rule: str
    swap: bool = False
    reported: bool = False

    @property
    def text(self) -> str:
        """The words of the trigger, e.g. "called on", "held talks"."""
        tokens = sorted({self.verb, self.anchor}, key=lambda t: t.i)
        particles = [c for c in self.verb.children if c.dep_ == "prt"]
        tokens = sorted(set(tokens) | set(particles), key=lambda t: t.i)
        return " ".join(t.text for t in tokens)


IRREGULAR = {"held": "hold", "met": "meet", "spoke": "speak", "spoken": "speak", "made": "make",
             "took": "take", "taken": "take", "sent": "send", "gave": "give", "given": "give",
             "shot": "shoot", "struck": "strike", "fought": "fight", "began": "begin",
             "begun": "begin", "sought": "seek", "drew": "draw", "froze": "freeze",
             "frozen": "freeze", "withdrew": "withdraw", "withdrawn": "withdraw", "told": "tell",
             "said": "say", "had": "have", "led": "lead", "paid": "pay", "hit": "hit",
             "stood": "stand", "fled": "flee", "sold": "sell", "brought": "bring", "threw": "throw",
             "thrown": "throw", "swore": "swear", "sworn": "swear", "broke": "break",
             "broken": "break", "won": "win", "lost": "lose", "kept": "keep", "left": "leave",
             "forbade": "forbid", "forbidden": "forbid", "withheld": "withhold", "drove": "drive",
             "driven": "drive", "wrote": "write", "written": "write", "chose": "choose",
             "chosen": "choose", "flew": "fly", "flown": "fly", "got": "get", "went": "go",
             "gone": "go", "came": "come", "saw": "see", "seen": "see", "knew": "know",
             "thought": "think", "overthrew": "overthrow", "undertook": "undertake", "bore": "bear",
             "shut": "shut", "cut": "cut", "set": "set", "put": "put", "let": "let", "spread": "spread"}


def lemmas(token: Token) -> set[str]:
    """The lemma spaCy gives and plain de-inflections of the word.

    The small model's lemmatizer sometimes errs ("staged" -> "stag"); trying
    the regular English de-inflections of the surface form as well keeps a
    lexicon verb from being missed for that reason.
    """
    word = token.lower_
    out = {token.lemma_.lower(), word}
    if word in IRREGULAR:
        out.add(IRREGULAR[word])
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: len(word) - len(suffix)] + repl
            out.add(stem)
            if len(stem) > 3 and stem[-1] == stem[-2] and not repl:  # "stopped" -> "stop"
                out.add(stem[:-1])
    return out


TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
              "jul", "aug", "sep", "sept", "oct", "nov", "dec", "day", "week", "month", "year",
              "morning", "evening", "night", "afternoon", "weekend", "occasion", "anniversary"}


def has_particle(verb: Token, particle: str) -> bool:
    """Whether ``verb`` has a particle or preposition child ``particle``.

    A preposition heading a time ("called … on Saturday") is not the particle.
    """
    for child in verb.children:
        if child.lower_ != particle or child.dep_ not in ("prt", "prep", "advmod"):
            continue
        if child.dep_ == "prep" and any(g.lower_ in TIME_WORDS for g in child.children):
            continue
        return True
    return False


def has_complement(verb: Token) -> bool:
    """Whether ``verb`` governs a clause or infinitive ("asked X to leave", "asked X for Y")."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp"):
            return True
        # the small parser often hangs "to resume" as an adverbial clause
        if child.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children):
            return True
        if child.dep_ == "prep" and child.lower_ == "for":
            return True
    return False


PERSON_NOUNS = {"delegation", "counterpart", "minister", "president", "envoy", "official", "leader",
                "premier", "chancellor", "secretary", "ambassador", "king", "prince", "chief",
                "commander", "general", "admiral", "head", "foreign", "prime", "emir", "sultan"}
ORGANISATION_NOUNS = {"alliance", "bloc", "coalition", "organisation", "organization", "union",
                      "pact", "treaty", "group", "court", "convention", "agreement"}
POSITION_NOUNS = {"position", "stance", "objection", "objections", "demand", "opposition", "line"}
RESPONSIBILITY_NOUNS = {"responsibility", "blame", "liability"}
MILITARY_NOUNS = {"troops", "troop", "forces", "force", "soldiers", "soldier", "army", "military",
                  "contingent", "peacekeepers", "marines", "units", "battalion", "brigade"}
CIVILIAN_NOUNS = {"protester", "protesters", "demonstrator", "demonstrators", "worker", "workers",
                  "student", "students", "people", "thousands", "hundreds", "farmer", "farmers",
                  "doctor", "doctors", "nurse", "nurses", "teacher", "teachers", "activist",
                  "activists", "supporter", "supporters", "union", "unions", "resident", "residents",
                  "crowd", "crowds", "employees", "miners", "drivers", "truckers", "villagers",
                  "women", "mothers", "families", "pensioners", "lawyers", "journalists", "fans"}
BORDER_NOUNS = {"border", "borders", "airspace", "embassy", "consulate", "port", "ports",
                "crossing", "crossings", "mission", "office"}
WEAPON_NOUNS = {"missile", "missiles", "rocket", "rockets", "device", "bomb", "satellite", "shell",
                "shells", "weapon", "weapons", "drone", "drones", "torpedo", "artillery", "mortar",
                "mortars", "round", "rounds", "salvo", "shots", "shot", "bullets", "icbm", "projectile",
                "projectiles", "warhead", "grenade", "grenades", "gun", "guns", "flares"}
OFFICE_NOUNS = {"office", "offices", "home", "homes", "headquarters", "premises", "newsroom"}


#: nouns that count or group a trigger noun: "a new round of talks", "a
#: wave of drone strikes", "a series of airstrikes"
MEASURE_NOUNS = frozenset({
    "round", "rounds", "series", "wave", "waves", "barrage", "barrages", "spate", "volley",
    "volleys", "string", "flurry", "salvo", "salvos", "set", "sets", "couple", "pair", "number",
    "batch", "raft", "slew", "host", "spree", "campaign", "cycle",
})


def _objects(verb: Token) -> list[Token]:
    """The verb's objects, and what a measure among them counts ("fired a
    barrage of missiles": the missiles)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    return objects + [g for o in objects if _a_measure(o) for c in o.children
                      if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _a_measure(token: Token) -> bool:
    return token.lower_ in MEASURE_NOUNS or token.lemma_.lower() in MEASURE_NOUNS


def _object_in(verb: Token, nouns: set[str]) -> bool:
    for obj in _objects(verb):
        if obj.lower_ in nouns or obj.lemma_.lower() in nouns:
            return True
        if any(c.dep_ == "conj" and c.lower_ in nouns for c in obj.children):
            return True
    return False


def _subject_in(verb: Token, nouns: set[str]) -> bool:
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child.lower_ in nouns or child.lemma_.lower() in nouns
        if current.dep_ in ("xcomp", "conj", "advcl") and current.head != current:
            current = current.head
        else:
            break
    # "Hundreds of thousands of people marched": the parser may make the verb an acl
    if verb.dep_ == "acl":
        return verb.head.lower_ in nouns or verb.head.lemma_.lower() in nouns
    return False


def _person_object(verb: Token) -> bool:
    for obj in _objects(verb):
        if obj.pos_ == "PROPN" or obj.lemma_.lower() in PERSON_NOUNS:
            return True
    return False


def has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)


def has_meeting_cue(verb: Token, lexicon: Lexicon) -> bool:
    """"spoke by phone", "spoke via video conference", "spoke with X"."""
    cues = {w for phrases in lexicon.media.values() for p in phrases for w in p.split()}
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            return True
        if child.dep_ == "prep" and child.lower_ in PREPS_OF_MEDIUM:
            if any(t.lower_ in cues for t in child.subtree):
                return True
    return False


def is_future(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in AUX_FUTURE for c in verb.children)


def _verb_ok(trigger: VerbTrigger, token: Token, lexicon: Lexicon) -> bool:
    if trigger.particle and not has_particle(token, trigger.particle):
        return False
    if trigger.unless and any(c.lower_ in trigger.unless or f"dep:{c.dep_}" in trigger.unless
                              for c in token.children):
        return False
    needs = trigger.needs
    if needs == "complement":
        return has_complement(token)
    if needs == "object":
        return has_object(token)
    if needs == "meeting_cue":
        return has_meeting_cue(token, lexicon)
    if needs == "views_object":
        return any(c.dep_ == "dobj" and c.lower_ in SPEECH_OBJECTS for c in token.children)
    if needs == "not_future":  # nor habitual: "the two navies cooperate closely"
        return not is_future(token) and not token.dep_ == "xcomp" and token.tag_ not in ("VBP", "VBZ")
    if needs == "future":
        return is_future(token) or any(c.lower_ in ("would", "could") for c in token.children)
    if needs == "predicate":  # "called the drills provocative", not "what he called X"
        return any(c.dep_ in ("oprd", "ccomp") for c in token.children) and \
            any(c.dep_ == "dobj" and c.tag_ not in ("WP", "WDT") for c in token.children)
    if needs == "destination":  # "travel to Beijing", "arrived in Taipei"
        return any(c.dep_ == "prep" and c.lower_ in ("to", "in") for c in token.children)
    if needs == "not_negated":
        return not any(c.dep_ == "neg" for c in token.children)
    if needs == "not_diplomats":
        return not any(t.lemma_ in ("diplomat", "ambassador", "envoy") for t in token.subtree)
    return _needs_more(needs, token)


def _needs_more(needs: str | None, token: Token) -> bool:
    """The conditions that look at the verb's subject and objects."""
    if needs == "negated":
        return any(c.dep_ == "neg" for c in token.children)
    if needs == "meeting_place":
        return any(c.dep_ == "prep" and c.lower_ in ("in", "for", "at") for c in token.children)
    if needs == "person_object":
        return _person_object(token)
    if needs == "person_object_only":
        # "which Beijing calls Diaoyu" names a thing; "called his counterpart" is a phone call
        return _person_object(token) and token.dep_ != "relcl" and \
            not any(c.dep_ in ("oprd", "ccomp", "xcomp") or c.tag_ in ("WDT", "WP") for c in token.children)
    if needs == "organisation_object":
        return any(o.pos_ == "PROPN" or o.lemma_.lower() in ORGANISATION_NOUNS for o in _objects(token))
    if needs == "position_object":
        return _object_in(token, POSITION_NOUNS)
    if needs == "responsibility_object":
        return _object_in(token, RESPONSIBILITY_NOUNS)
    if needs == "with_partner":
        return any(c.dep_ == "prep" and c.lower_ in ("with", "alongside", "aboard") for c in token.children)
    if needs == "military_subject":
        return _subject_in(token, MILITARY_NOUNS)
    if needs == "intransitive":
        return not _objects(token)
    if needs == "civilian_subject":
        return _subject_in(token, CIVILIAN_NOUNS)
    if needs == "noncivilian_object":
        return has_object(token) and not _subject_in(token, CIVILIAN_NOUNS)
    if needs == "border_object":
        return _object_in(token, BORDER_NOUNS)
    if needs == "weapon_object":  # "launched missiles", or "fired at the ship" with no object
        return _object_in(token, WEAPON_NOUNS) or (not _objects(token) and any(
            c.dep_ == "prep" and c.lower_ in ("at", "on", "into")
            and not any(is_time(g) for g in c.children) for c in token.children))
    if needs == "office_object":
        return _object_in(token, OFFICE_NOUNS)
    return True


def verb_triggers(token: Token, lexicon: Lexicon) -> list[TriggerMatch]:
    """Triggers anchored on a verb token (the most specific entry wins)."""
    if token.pos_ not in ("VERB", "AUX") and not (token.pos_ == "NOUN" and token.dep_ == "ROOT"):
        return []
    if token.dep_ == "amod":  # "wounded prisoners", "the suspended talks": a description
        return []
    entries = [t for lemma in lemmas(token) for t in lexicon.verbs.get(lemma, ())
               if _verb_ok(t, token, lexicon)]
    if not entries:
        return []
    # an entry with a particle ("call on") beats the bare verb, a conditioned one an open one
    entries.sort(key=lambda t: (t.particle is None, t.needs is None))
    best = entries[0]
    return [TriggerMatch(best.category, best.mode, token, token, best.recipient,
                         rule=f"verb:{best.lemma}{' ' + best.particle if best.particle else ''}",
                         swap=best.swap, reported=best.reported)]


#: modifiers that make a "strike" an attack, not a walkout
ARMED_MODIFIERS = frozenset({
    "air", "airborne", "drone", "missile", "rocket", "artillery", "military", "retaliatory",
    "precision", "nuclear", "preemptive", "pre-emptive", "cruise", "ballistic", "aerial", "naval",
    "armed", "deadly", "lethal", "bombing", "kamikaze", "suicide", "terrorist", "terror",
})


def _noun_category(noun: Token, categories: tuple[str, ...], lexicon: Lexicon,
                   light: set[str]) -> str | None:
    joint = any(t.lower_ in lexicon.joint_words for t in noun.subtree if t.i < noun.i) or \
        any(c.lower_ in ("jointly", "together") for c in noun.head.children)
    if "ASSAULT" in categories and "ASSAULT" in light and \
            any(c.dep_ in ("compound", "amod") and c.lower_ in ARMED_MODIFIERS for c in noun.children):
        return "ASSAULT"  # "drone strikes" are attacks; a "general strike" is a protest
    if "AID" in categories and "MOBILIZE" in categories and "AID" in light and \
            any(c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ == "to") for c in noun.head.children):
        return "AID"  # "send tanks to Ukraine" is aid; "send warships" a show of force
    for category in categories:
        if category not in light:
            continue
        if category == "COOPERATE" and not joint:
            continue
        if category == "MOBILIZE" and joint:
            continue
        if category == "CONSULT" and noun.lemma_ == "call" and not _phone_call(noun, lexicon):
            continue
        return category
    return None


def _phone_call(noun: Token, lexicon: Lexicon) -> bool:
    words = {w for p in lexicon.media["phone"] + lexicon.media["video"] for w in p.split()}
    return any(c.lower_ in words for c in noun.children)


def noun_triggers(token: Token, lexicon: Lexicon) -> list[TriggerMatch]:
    """Triggers anchored on a noun governed by a light verb ("held talks")."""
    categories = lexicon.nouns.get(token.lemma_.lower())
    if not categories or token.pos_ not in ("NOUN", "PROPN"):
        return []
    head = token.head
    dep = token.dep_
    if dep == "pobj" and head.lower_ == "of" and _a_measure(head.head):
        dep, head = head.head.dep_, head.head.head  # "held a new round of talks": the talks are held
    if dep == "conj" and head.dep_ in ("dobj", "nsubjpass", "attr"):
        dep, head = head.dep_, head.head  # "sent rescue teams and aid": aid is sent too
    if dep in ("dobj", "nsubjpass", "attr") and head.pos_ in ("VERB", "AUX"):
        light = set().union(*(lexicon.light_categories(lemma) for lemma in lemmas(head)))
        category = _noun_category(token, categories, lexicon, light)
        if category:
            return [TriggerMatch(category, None, head, token, ("pobj_with",),
                                 rule=f"noun:{head.lemma_} {token.lemma_}")]
    if token.dep_ == "nsubj" and "take" in lemmas(head) and any(c.lower_ == "place" for c in head.children):
        category = _noun_category(token, categories, lexicon, set(categories))
        if category:
            return [TriggerMatch(category, None, head, token, ("pobj_with",),
                                 rule=f"noun:{token.lemma_} take place")]
    return []


def find_triggers(sentence: Span, lexicon: Lexicon) -> list[TriggerMatch]:
    """All trigger matches in a sentence, at most one per verb."""
    matches: list[TriggerMatch] = []
    used_verbs: set[int] = set()
    for token in sentence:
        for match in noun_triggers(token, lexicon) + verb_triggers(token, lexicon):
            if match.verb.i in used_verbs:
                continue
            used_verbs.add(match.verb.i)
            matches.append(match)
    return matches
