"""Unicode and whitespace cleanup of article text."""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters and soft hyphens carry no text; byte-order marks leak
# from files saved on Windows.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Non-breaking, thin, ideographic and other odd spaces become a plain space.
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c]")
_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")


def _drop_controls(text: str) -> str:
    """Remove control and private-use characters, keeping newlines."""
    return "".join(ch for ch in text
                   if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Co", "Cs"))


def clean_text(text: str) -> str:
    """NFC-normalise, drop invisible and control characters, tidy whitespace.

    Curly quotes and dashes are kept; paragraph breaks stay as one or two newlines.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\x85", "\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACE.sub(" ", text)
    text = _drop_controls(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", text).strip()
