"""Untrusted text made safe for a terminal: control characters shown, not obeyed.

A file name, a feed's title or a reviewer's note may hold escape sequences
(ESC [ ...) that recolour, retitle or clear a terminal, or bidirectional
overrides that reorder what it shows; printed as they are, they act.
"""

from __future__ import annotations

import logging
import re

# C0 controls but tab and newline, DEL, C1 controls, bidirectional overrides and isolates
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character written as its escape (``\\x1b``);
    with ``one_line``, tabs and newlines too."""
    return (_UNSAFE_LINE if one_line else _UNSAFE).sub(_escape, text)


class PrintableFormatter(logging.Formatter):
    """A log formatter whose lines carry no raw control characters."""

    def format(self, record: logging.LogRecord) -> str:
        lines = super().format(record).split("\n")  # a traceback keeps its lines
        return "\n".join(printable(line) for line in lines)
