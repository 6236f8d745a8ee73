"""Dependency rules from a trigger to its actor and recipient phrases."""

from __future__ import annotations

from spacy.tokens import Span, Token

from eventwire.normalize.calendar_words import CALENDAR_NAMES

REPORTING = {"say", "add", "state", "tell", "stress", "note", "insist", "announce", "declare"}
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# clauses that share the subject of the verb they hang on ("he said, urging X")
INHERIT_DEPS = ("xcomp", "advcl", "conj", "pcomp", "acl")
# parts of a noun phrase that are not part of the name of who it is
CUT_DEPS = {"relcl", "acl", "advcl", "punct_end"}


def phrase(token: Token) -> Span:
    """The noun phrase headed by ``token``, without relative clauses."""
    doc = token.doc
    keep = [token]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ in CUT_DEPS:
            continue
        keep.append(child)
        stack.extend(child.children)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and doc[start].is_punct:
        start += 1
    return doc[start:end]


def subject(verb: Token) -> Token | None:
    """The grammatical subject of ``verb``, climbing shared-subject clauses.

    A trailing participle ("…, urging Washington to act") belongs to the
    reporting clause: its subject is the speaker's, wherever the parser hung it.
    """
    root = verb.sent.root
    if verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head != root and \
            verb.i > root.i and verb.i > 0 and verb.doc[verb.i - 1].text == "," and \
            not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        found = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if found is not None:
            return found
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN") \
            and verb.tag_ == "VBD":
        return verb.head  # "Leaders condemned X." parsed as a noun with a clause: the noun is the subject
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl") and \
            not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in verb.children):
        return agent(verb)  # "while asked to comment": a passive participle
    seen = 0
    current = verb
    while seen < 6:
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.tag_ in ("WDT", "WP") and current.dep_ == "relcl":
                    return current.head  # "Vietnam and China, which fought a war"
                return child
            if child.dep_ == "nsubjpass":
                return agent(current)
        if current.dep_ in INHERIT_DEPS and current.head != current:
            current = _past_reported_clause(current) or current.head
            seen += 1
            continue
        return None
    return None


def _past_reported_clause(verb: Token) -> Token | None:
    """The reporting verb a past-tense conjunct belongs with, where the parser
    hung it on the reported clause: in "Wu said the US must bear full
    responsibility, and accused Washington of …", "accused" cannot share
    "must bear"'s subject; it goes with "said"."""
    head = verb.head
    if verb.dep_ == "conj" and verb.tag_ == "VBD" and head.tag_ in ("VB", "VBP", "VBZ") \
            and head.dep_ == "ccomp" and head.head.tag_ == "VBD":
        return head.head
    return None


def agent(verb: Token) -> Token | None:
    """The "by X" agent of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def passive_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    return None


def is_time(token: Token) -> bool:
    """Whether a noun says when, never who ("Wednesday", "June"): the parser
    tags the names of days and months as proper nouns."""
    return token.ent_type_ in ("DATE", "TIME") or (token.pos_ == "PROPN" and token.lower_ in CALENDAR_NAMES)


def prep_object(verb: Token, prep: str) -> Token | None:
    """The object of the preposition ``prep`` hanging on ``verb``, not a time:
    "imposed sanctions on Monday on Belarusian officials"."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == prep:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and not is_time(grandchild):
                    return grandchild
    return None


GENERIC_RECIPIENT = ("dobj", "pobj_to", "pobj_on", "pobj_against", "pobj_with", "pobj_at",
                     "pobj_toward", "pobj_towards", "pobj_into", "pobj_over", "possessor")


def core(token: Token) -> Span:
    """The naming part of a noun phrase: no prepositional tails except "of"
    ("Chinese Defense Minister Wei Fenghe in Cambodia" -> without "in Cambodia")."""
    doc = token.doc
    keep = [token]
    stack = list(token.children)
    while stack:
        child = stack.pop()
        if child.dep_ in CUT_DEPS or (child.dep_ == "prep" and child.lower_ != "of"):
            continue
        keep.append(child)
        stack.extend(child.children)
    start, end = min(t.i for t in keep), max(t.i for t in keep) + 1
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def recipient_candidates(verb: Token, deps: tuple[str, ...], anchor: Token | None = None) -> list[Token]:
    """Tokens that may name the recipient: the lexicon's dependencies first, then the usual ones."""
    out: list[Token] = []
    for dep in deps + tuple(d for d in GENERIC_RECIPIENT if d not in deps):
        if dep == "possessor":
            for head in (c for c in verb.children if c.dep_ == "dobj"):
                out += [c for c in head.children if c.dep_ == "poss"]
            continue
        found = recipient(verb, (dep,), anchor)
        if found is None and dep.startswith("pobj_"):
            # "sent teams and equipment to Beirut": the parser may hang "to" on an object
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                for noun in [obj, *(c for c in obj.children if c.dep_ == "conj")]:
                    found = found or prep_object(noun, dep[5:])
        if found is not None and found not in out:
            out.append(found)
    return out


def recipient(verb: Token, deps: tuple[str, ...], anchor: Token | None = None) -> Token | None:
    """The recipient token following the lexicon's dependency list."""
    for dep in deps:
        if dep == "dobj":
            for child in verb.children:
                if child.dep_ in ("dobj", "dative") and child != anchor:
                    return child
            if passive_subject(verb) is not None:
                return passive_subject(verb)  # "three soldiers were killed": the victims
        elif dep == "ccomp_subject":  # "demanded that the US stop ..."
            for child in verb.children:
                if child.dep_ == "ccomp":
                    found = next((c for c in child.children if c.dep_ == "nsubj"), None)
                    if found is not None:
                        return found
        elif dep.startswith("pobj_"):
            found = prep_object(verb, dep[5:])
            if found is None and anchor is not None and anchor != verb:
                found = prep_object(anchor, dep[5:])
            if found is not None:
                return found
    return None


def governing_speech_verb(verb: Token, speech_lemmas: frozenset[str]) -> Token | None:
    """The "said" whose reported clause contains ``verb``, if any."""
    current = verb
    for _ in range(6):
        if current.head == current:
            return None
        if current.dep_ in ("ccomp", "parataxis", "advcl", "xcomp", "conj") and \
                current.head.lemma_ in speech_lemmas:
            return current.head
        current = current.head
    return None
