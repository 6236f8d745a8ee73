"""eventwire: news articles in, a reviewable PLOVER event database out."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from eventwire.errors import EventwireError
from eventwire.records import Actor, CodedDocument, Document, Event, Quote, RawArticle

__version__ = "0.1.0"
__all__ = ["Actor", "CodedDocument", "Document", "Event", "EventwireError", "Quote",
           "RawArticle", "__version__", "read_events"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    import pandas as pd

    from eventwire.store import Store


def read_events(db: str | Store | None = None, **filters: Any) -> pd.DataFrame:
    """The stored events as a pandas DataFrame (one row per event, export columns).

    ``db`` is a SQLite path, a database URL or an open ``Store``; ``filters`` are
    those of ``Store.events``: ``actor``, ``recipient``, ``category``, ``since``,
    ``until``, ``doc_id``, ``include_negated``, ``include_rejected``, ``limit``.
    """
    # imported here: pandas and the store are heavy, and ``import eventwire`` is not
    from eventwire.export.frames import read_events as _read_events
    return _read_events(db, **filters)
