"""The cheap pass: which sentences are worth parsing.

A sentence goes through the parser only if one of the lexicon's trigger words
(in any inflection) occurs in it, or a quotation ends in it next to a
reporting verb or "according to" (its speaker is found by parsing).
Everything else only feeds the actor memory through the dictionary's fast
matcher; a quotation there is given the last speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy
from spacy.attrs import NORM
from spacy.tokens import Doc, Span

from eventwire.coder.lexicon import Lexicon
from eventwire.coder.sentences import split_sentences
from eventwire.coder.triggers import IRREGULAR

WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a lemma, plus the irregular ones we know."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "stopped", "planning"
    forms |= {form for form, base in IRREGULAR.items() if base == lemma}
    return forms


@dataclass(frozen=True, slots=True)
class TriggerForms:
    """Surface forms (lower case) of trigger verbs, trigger nouns and light verbs."""

    verbs: frozenset[str]
    nouns: frozenset[str]
    light: frozenset[str]


def _forms(lemmas: object) -> frozenset[str]:
    forms: set[str] = set()
    for lemma in lemmas:  # type: ignore[attr-defined]
        for part in str(lemma).split():
            forms |= inflections(part)
    return frozenset(forms)


def trigger_forms(lexicon: Lexicon) -> TriggerForms:
    """Every surface form of the lexicon's words."""
    light = {verb for verbs in lexicon.light_verbs.values() for verb in verbs}
    return TriggerForms(_forms(lexicon.verbs), _forms(lexicon.nouns), _forms(light | {"take"}))


def speech_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Every surface form of the reporting verbs ("said", "told", "adds")."""
    return _forms(lemmas)


def names_speaker(text: str, speech: frozenset[str]) -> bool:
    """Whether a sentence may name a quotation's speaker: a reporting verb or "according to"."""
    lowered = text.lower()
    return "according to" in lowered or bool(set(WORD.findall(lowered)) & speech)


def is_candidate(text: str, forms: TriggerForms) -> bool:
    """Whether a sentence holds a trigger verb, or a trigger noun with a light verb ("held talks")."""
    words = set(WORD.findall(text.lower()))
    return bool(words & forms.verbs) or bool(words & forms.nouns and words & forms.light)


def standalone(span: Span) -> Doc:
    """A sentence as a document of its own, ready for the parser: the same
    tokens, and the norms the tokenizer's special cases gave them ("n’t" is
    "not"), which the model reads."""
    words = [token.text for token in span]
    spaces = [bool(token.whitespace_) for token in span]
    spaces[-1] = False
    doc = Doc(span.doc.vocab, words=words, spaces=spaces)
    doc.from_array([NORM], numpy.array([token.norm for token in span], dtype=numpy.uint64))
    return doc
