"""Sentence boundaries of news text, from the tokens alone (no model).

spaCy's rule-based ``Sentencizer`` ends a sentence at every full stop, so
"Maj. Gen. Huang Xueping said…" became three sentences and an opening
quotation mark stayed behind with the sentence before it.  Wire copy is full
of ranks, titles and dated abbreviations; these rules repair the
sentencizer's cut:

* a stop after a title, rank or abbreviation ("Maj.", "Sen.", "No.", "Dec.")
  does not end a sentence, nor does one followed by a lower-case word;
* an abbreviation that is also a country ("U.S.") ends a sentence when a word
  that usually opens one follows ("…from the U.S. The ministry said");
* an opening quotation mark goes with the sentence it opens, a closing one
  with the sentence it closes.
"""

from __future__ import annotations

from typing import Final

from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span, Token

#: words that end with a stop that is no sentence end (lower case, no stop)
ABBREVIATIONS: Final[frozenset[str]] = frozenset("""
    mr mrs ms dr prof rev sr jr st mt ft
    gen lt col maj capt cpt cmdr cdr adm brig sgt cpl pvt spc pfc lieut comdr
    sen rep gov amb pres supt insp det atty gens sens reps
    no nos vol fig art sec ch para pp approx est dept univ assn
    jan feb apr jun jul aug sep sept oct nov dec
    inc corp co ltd bros vs etc al
""".split())

#: abbreviations written with inner stops that may end a sentence ("…the U.S.")
COUNTRY_ABBREVIATIONS: Final[frozenset[str]] = frozenset(
    {"u.s.", "u.k.", "u.n.", "e.u.", "u.s.a.", "d.c.", "s.", "n."})

#: capitalised words that usually open a sentence rather than continue a name
OPENERS: Final[frozenset[str]] = frozenset("""
    the a an he she it they we i his her its their this that these those there
    but and in on at for after before during while when if as since however
    meanwhile officials some many most both all no one in yet still
""".split())

OPENING_QUOTES: Final[frozenset[str]] = frozenset({"“", "‘", "«"})
CLOSING_QUOTES: Final[frozenset[str]] = frozenset({"”", "’", "»"})
STRAIGHT_QUOTES: Final[frozenset[str]] = frozenset({'"', "'"})

SENTENCIZER = Sentencizer()


def split_sentences(doc: Doc) -> list[Span]:
    """The sentences of a tokenized text, without whitespace tokens at their edges."""
    SENTENCIZER(doc)
    starts = [sent.start for sent in doc.sents]
    starts = _split_after_country_abbreviations(doc, _merge_abbreviations(doc, starts))
    starts = _move_quotes(doc, starts)
    return _trimmed(doc, starts)


def _ends_with_abbreviation(doc: Doc, end: int) -> bool:
    """Whether the token before ``end`` is a stop that belongs to an abbreviation."""
    last = doc[end - 1]
    if last.text.endswith(".") and len(last.text) > 1:  # "Gen." kept whole by the tokenizer
        word = last.text[:-1].lower()
    elif last.text == "." and end >= 2 and not doc[end - 2].whitespace_:
        word = doc[end - 2].text.lower()
    else:
        return False
    # a single letter is an initial ("John F. Kennedy")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _continues(token: Token) -> bool:
    """Whether a sentence opening with ``token`` is more likely a cut in the middle of one."""
    first = token.text[:1]
    return first.islower() or first.isdigit() or token.text in {",", ";", ":", ")"}


def _merge_abbreviations(doc: Doc, starts: list[int]) -> list[int]:
    """Drop the boundaries that follow an abbreviation or precede a lower-case word."""
    kept = [starts[0]] if starts else []
    for start in starts[1:]:
        first = _first_word(doc, start)
        if _ends_with_abbreviation(doc, start) or (first is not None and _continues(first)):
            continue
        kept.append(start)
    return kept


def _first_word(doc: Doc, start: int) -> Token | None:
    """The first token of a sentence that is not a space or a quotation mark."""
    for token in doc[start:start + 4]:
        if not token.is_space and token.text not in STRAIGHT_QUOTES | OPENING_QUOTES:
            return token
    return None


def _split_after_country_abbreviations(doc: Doc, starts: list[int]) -> list[int]:
    """Add a boundary after "U.S." when a sentence-opening word follows it."""
    boundaries = set(starts)
    for token in doc[:-1]:
        if token.lower_ in COUNTRY_ABBREVIATIONS and token.whitespace_:
            nxt = doc[token.i + 1]
            if nxt.text[:1].isupper() and nxt.lower_ in OPENERS and nxt.i not in boundaries:
                boundaries.add(nxt.i)
    return sorted(boundaries)


def _opening(token: Token) -> bool:
    """Whether a quotation mark opens a quotation (space before it, a word right after)."""
    if token.text in OPENING_QUOTES:
        return True
    if token.text not in STRAIGHT_QUOTES:
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    return (before is None or bool(before.whitespace_)) and not token.whitespace_


def _move_quotes(doc: Doc, starts: list[int]) -> list[int]:
    """Give each quotation mark at a boundary to the sentence it belongs to."""
    moved = []
    for start in starts:
        # an opening mark left at the end of the sentence before: start at it
        while start > 0 and (start - 1) not in moved and _opening(doc[start - 1]) and \
                (start - 1 == 0 or doc[start - 2].text in ".!?…" or doc[start - 2].whitespace_):
            start -= 1
        # a closing mark cut off at the start of this one: leave it behind
        while start < len(doc) and (doc[start].text in CLOSING_QUOTES or
                                    (doc[start].text in STRAIGHT_QUOTES and not _opening(doc[start]))) \
                and start > 0 and not doc[start - 1].whitespace_:
            start += 1
        if not moved or start > moved[-1]:
            moved.append(start)
    return [s for s in moved if s < len(doc)]


def _trimmed(doc: Doc, starts: list[int]) -> list[Span]:
    """Spans between the boundaries, whitespace tokens removed from their edges."""
    spans = []
    for start, end in zip(starts, starts[1:] + [len(doc)]):
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start < end:
            spans.append(doc[start:end])
    return spans
