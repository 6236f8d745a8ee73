"""The exceptions eventwire raises: one base class, grouped subclasses.

Every message says what went wrong and what the user can do about it; the CLI
prints ``str(error)`` as one line and exits non-zero.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class UsageError(EventwireError):
    """A command-line option or API argument the user can fix."""


class InputError(EventwireError):
    """One input (file, line, feed entry) could not be read; the run goes on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class DataError(EventwireError):
    """A packaged or user-supplied data file (dictionary, lexicon) is invalid."""


class StoreError(EventwireError):
    """The database could not be opened, read or written."""


class NotFoundError(StoreError):
    """A document or event id that is not in the store."""


class EngineError(EventwireError):
    """The engine could not run the work: a Dask cluster lost all its workers."""


class ModelError(EventwireError):
    """The spaCy pipeline could not be loaded."""
