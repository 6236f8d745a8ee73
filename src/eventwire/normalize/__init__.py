"""Normalise: RawArticle -> Document (clean text, boilerplate, dateline, date, ids).

``normalize`` (in ``article``) is imported on first use, so that a process
that only hashes or compares texts (``dedup``), such as the one that stores
an ingest's results, does not also load date parsing (dateparser, the era
and calendar tables).
"""

from __future__ import annotations

from typing import Any

__all__ = ["normalize"]


def __getattr__(name: str) -> Any:
    if name == "normalize":
        from eventwire.normalize.article import normalize
        return normalize
    raise AttributeError(name)
