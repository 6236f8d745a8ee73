"""The cheap pass: which sentences are worth parsing.

A sentence goes through the parser only if one of the lexicon's trigger words
(in any inflection) occurs in it, or a quotation ends in it (its speaker is
found by parsing).  Everything else only feeds the actor memory through the
dictionary's fast matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.coder.lexicon import Lexicon
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


def is_candidate(text: str, forms: TriggerForms) -> bool:
    """Whether a sentence holds a trigger verb, or a trigger noun with a light verb ("held talks")."""
    words = set(WORD.findall(text.lower()))
    return bool(words & forms.verbs) or bool(words & forms.nouns and words & forms.light)


@lru_cache(maxsize=2)
def sentence_splitter(lang: str = "en") -> Language:
    """A rule-based sentence splitter: fast, no model needed."""
    import spacy
    splitter = spacy.blank(lang)
    splitter.add_pipe("sentencizer")
    return splitter


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a text."""
    doc: Doc = sentence_splitter()(text)
    spans = []
    for sent in doc.sents:
        raw = sent.text
        stripped = raw.strip()
        if stripped:
            start = sent.start_char + (len(raw) - len(raw.lstrip()))
            spans.append((start, start + len(stripped)))
    return spans
