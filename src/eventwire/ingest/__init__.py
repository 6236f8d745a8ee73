"""Reading inputs (text, HTML, JSON Lines, RSS/Atom, stdin) into RawArticles.

Each input is read lazily; a bad one is yielded as an ``InputProblem`` and the
rest go on.
"""

from __future__ import annotations

from eventwire.ingest.paths import iter_files
from eventwire.ingest.reader import read_inputs

__all__ = ["iter_files", "read_inputs"]
