"""Answers of read-only API requests, kept while the database is unchanged.

Clients asking for the same page of events get the same bytes until some
writer commits (an ingest, a review, another process): SQLite's
``PRAGMA data_version``, read on a connection of the cache's own that never
writes, changes with every commit of any other connection. The version is
read before an answer is made, so an answer is never kept under a version
older than the data it shows. Other databases have no such counter: their
answers are made afresh each time.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable

from eventwire.store import Store
from eventwire.store.engine import sqlite_file

#: answers kept (each a page of events, some tens of kB)
CACHE_ENTRIES = 256


class AnswerCache:
    """Bytes by request, dropped all at once when the database changes."""

    def __init__(self, store: Store, size: int = CACHE_ENTRIES) -> None:
        self.size = size
        self._path = sqlite_file(store.url)
        self._connection: sqlite3.Connection | None = None
        self._answers: OrderedDict[str, bytes] = OrderedDict()
        self._version: int | None = None
        self._lock = threading.Lock()

    def answer(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The kept answer to ``key`` if the database is as it was, else ``make()``'s (kept)."""
        version = self._current_version()
        if version is None:
            return make()
        with self._lock:
            if version != self._version:
                self._answers.clear()
                self._version = version
            kept = self._answers.get(key)
            if kept is not None:
                self._answers.move_to_end(key)
                return kept
        made = make()
        with self._lock:
            if self._version == version:
                self._answers[key] = made
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return made

    def _current_version(self) -> int | None:
        """The database's data version; None when it has none to read (not SQLite)."""
        if self._path is None:
            return None
        with self._lock:
            try:
                if self._connection is None:
                    uri = self._path.resolve().as_uri() + "?mode=ro"
                    self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
                return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:  # gone or unreadable: answer afresh, the store says why
                self._connection = None
                return None

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
