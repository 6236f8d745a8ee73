"""Is a date in a sentence told as future? A clause-level look at the words before it."""

from __future__ import annotations

import re

FUTURE = re.compile(r"\b(?:will|shall|to be held|is to|are to|plans? to|planned to|scheduled|"
                    r"expected to|agreed to|is set to|are set to|upcoming|intends? to|"
                    r"going to)\b", re.IGNORECASE)
# Where a new clause starts: "said on Friday that envoys spoke on March 2".
_CLAUSE = re.compile(r"[,;:]\s|\b(?:that|but|while|after|before|when|although)\s", re.IGNORECASE)


#: how far back (characters) the clause is looked for: far longer than any
#: real clause, and a bound, so that a sentence of a million characters with
#: a date every few words costs its length, not the square of it
_CLAUSE_REACH = 1000


def is_future_at(sentence: str, position: int) -> bool:
    """True when the clause holding ``sentence[position]`` speaks of the future."""
    before = sentence[max(0, position - _CLAUSE_REACH):position]
    starts = [m.end() for m in _CLAUSE.finditer(before)]
    clause = before[starts[-1]:] if starts else before
    return bool(FUTURE.search(clause))
