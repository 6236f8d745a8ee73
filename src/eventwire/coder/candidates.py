"""The cheap pass: which sentences are worth parsing.

A sentence goes through the parser only if one of the lexicon's trigger words
(in any inflection) occurs in it, or a quotation ends in it (its speaker is
found by parsing).  Everything else only feeds the actor memory through the
dictionary's fast matcher.
"""

from __future__ import annotations

import re
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


def trigger_forms(lexicon: Lexicon) -> frozenset[str]:
    """Every surface form of every trigger verb and noun (lower case)."""
    forms: set[str] = set()
    for lemma in list(lexicon.verbs) + list(lexicon.nouns):
        for part in lemma.split():
            forms |= inflections(part)
    return frozenset(forms)


def is_candidate(text: str, forms: frozenset[str]) -> bool:
    """Whether a sentence holds a trigger word."""
    return any(word in forms for word in WORD.findall(text.lower()))


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
