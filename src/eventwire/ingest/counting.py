"""How many articles an ingest will read, counted before it reads them, for its
progress bar: a file holds one, a JSON Lines file one a line, a feed one an item.

Standard input and web addresses cannot be counted without reading them. The
count is a cheap estimate (a feed's items are counted by their tags), so a bar
that runs past it grows its total instead of passing 100%.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from eventwire.ingest.fetch import is_url
from eventwire.ingest.formats import FEED, JSONL, SNIFF_BYTES, format_from_suffix, sniff_format
from eventwire.ingest.paths import iter_files
from eventwire.records import InputProblem

STDIN = "-"
_ITEM = re.compile(rb"<(?:item|entry)[\s>]", re.IGNORECASE)


def expected_articles(paths: Sequence[str]) -> int | None:
    """The articles (and unreadable inputs) under ``paths``, or None when some
    input is standard input or a web address."""
    if any(raw == STDIN or is_url(raw) for raw in paths):
        return None
    total = 0
    for found in iter_files(paths):
        total += 1 if isinstance(found, InputProblem) else articles_in(found)
    return total


def articles_in(path: Path) -> int:
    """How many articles reading ``path`` gives (an unreadable file counts once:
    it is reported once)."""
    try:
        fmt = format_from_suffix(path)
        if fmt is None:
            with path.open("rb") as stream:
                fmt = sniff_format(stream.read(SNIFF_BYTES))
        if fmt == JSONL:
            with path.open("rb") as stream:
                return max(1, sum(1 for line in stream if line.strip()))
        if fmt == FEED:
            return max(1, len(_ITEM.findall(path.read_bytes())))
    except OSError:
        pass
    return 1
