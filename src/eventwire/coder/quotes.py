"""Direct quotations and their speakers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.coder.discourse import SPEECH_LEMMAS

# “curly” pairs, or straight pairs; a quote of fewer than MIN_WORDS words is a
# scare quote ("open", "broken") and not something a side said.
QUOTE_RE = re.compile(r"“([^”\n]+)”|\"([^\"\n]+)\"")
MIN_WORDS = 4


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # offsets of the quoted words, without the marks
    end: int
    text: str  # what the speaker said (see ``said``)


def said(inner: str) -> str:
    """The words inside the marks as the speaker's statement: without the comma
    that wire style puts inside them before the attribution ("…,” he said)."""
    return inner.strip().removesuffix(",").rstrip()


def quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted passages long enough to be statements."""
    spans = []
    for match in QUOTE_RE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        inner = said(match.group(group))
        if len(inner.split()) >= MIN_WORDS:
            spans.append(QuoteSpan(match.start(group), match.end(group), inner))
    return spans


def speech_verb(sentence: Span, outside: tuple[int, int] | None = None) -> Token | None:
    """The reporting verb of a sentence ("said", "added"), outside a quote."""
    candidates = [t for t in sentence if t.lemma_ in SPEECH_LEMMAS and t.pos_ in ("VERB", "AUX")
                  and not (outside and outside[0] <= t.idx < outside[1])]
    # prefer the root, then the last one ("…,” Wu said.")
    candidates.sort(key=lambda t: (t.dep_ != "ROOT", -t.i))
    return candidates[0] if candidates else None


def speaker_token(verb: Token) -> Token | None:
    """Who said it: the subject of the reporting verb."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def according_to(sentence: Span) -> Token | None:
    """The X of "according to X"."""
    for token in sentence:
        if token.lower_ == "according":
            for child in token.children:
                if child.lower_ == "to":
                    for grandchild in child.children:
                        if grandchild.dep_ == "pobj":
                            return grandchild
    return None
