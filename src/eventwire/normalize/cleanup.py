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


# Control (Cc), private-use (Co) and surrogate (Cs) characters, newline kept: one
# regex pass instead of a category lookup per character (the hot path of normalising).
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd\ud800-\udfff]")


def _drop_controls(text: str) -> str:
    """Remove control and private-use characters, keeping newlines."""
    return _CONTROLS.sub("", text)


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
