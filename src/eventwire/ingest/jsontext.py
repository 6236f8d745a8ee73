"""JSON from untrusted inputs: whatever the text, a value or a reason, never a crash.

Python's parser raises ``ValueError`` on an integer of more than 4,300 digits
(a guard against quadratic conversions) and ``RecursionError`` on arrays or
objects nested about a thousand deep; either ended a whole ingest.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from eventwire.errors import EventwireError

#: the longest integer Python converts (``sys.get_int_max_str_digits``; 0 means no limit)
MAX_DIGITS = sys.get_int_max_str_digits() or 4300


class JSONRefused(EventwireError):
    """Text that is not JSON eventwire reads; ``reason`` completes "the line ..."
    (the caller adds what to do)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _LongNumber(Exception):
    """Raised from inside the parser: carries the number's length out."""

    def __init__(self, digits: int) -> None:
        super().__init__(digits)
        self.digits = digits


def _parse_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _LongNumber(digits)
    return int(text)


def parse_json(text: str) -> Any:
    """The value ``text`` holds; ``JSONRefused`` for text that is not JSON, a
    number too long to read, or nesting too deep (never another exception)."""
    try:
        return json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}" if error.lineno > 1 else f"column {error.colno}"
        raise JSONRefused(f"is not valid JSON ({error.msg} at {where})") from None
    except _LongNumber as error:
        raise JSONRefused(f"holds a number of {error.digits} digits (at most {MAX_DIGITS} "
                          "are read)") from None
    except RecursionError:
        raise JSONRefused("holds arrays or objects nested too deeply to read (more than "
                          f"about {sys.getrecursionlimit()} levels)") from None
    except ValueError as error:  # any other refusal of the parser's
        raise JSONRefused(f"is not valid JSON ({error})") from None
