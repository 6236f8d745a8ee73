"""The size limit per input, and how a breach is told to the user."""

from __future__ import annotations


def megabytes(size: int) -> str:
    """``20000000`` -> ``"20.0 MB"`` (decimal units; small sizes in kB or bytes)."""
    if size >= 100_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def over_limit(size: int | None, max_bytes: int, what: str = "file") -> str:
    """The one-line problem for an input bigger than ``max_bytes`` (``size`` if known)."""
    how_big = f"is {megabytes(size)}, over" if size is not None else "is over"
    return (f"{what} {how_big} the {megabytes(max_bytes)} limit per input; "
            "split it or raise --max-bytes")
