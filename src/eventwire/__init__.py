"""eventwire: news articles in, a reviewable PLOVER event database out."""

from __future__ import annotations

import logging

from eventwire.errors import EventwireError
from eventwire.records import Actor, CodedDocument, Document, Event, Quote, RawArticle

__version__ = "0.1.0"
__all__ = ["Actor", "CodedDocument", "Document", "Event", "EventwireError", "Quote",
           "RawArticle", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
