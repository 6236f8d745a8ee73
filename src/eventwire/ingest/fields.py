"""Metadata values as tidy one-line strings."""

from __future__ import annotations

import re
from typing import Any

# lone surrogates ("\ud800" is valid in JSON) cannot be stored as UTF-8, and
# control characters have no place in a title, a URL or an outlet's name
_UNSTORABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_field(value: Any) -> str | None:
    """A metadata value as a one-line string; None for missing, blank or nested values."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(_UNSTORABLE.sub("", str(value)).split())
    return text or None
