"""Metadata values as tidy one-line strings."""

from __future__ import annotations

from typing import Any


def clean_field(value: Any) -> str | None:
    """A metadata value as a one-line string; None for missing, blank or nested values."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None
