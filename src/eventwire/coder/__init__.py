"""The event coder: triggers, dependency rules, actors, dates and quotes.

``code_document`` and ``DocumentCoder`` are imported lazily so that the light
modules (lexicon, contexts) load without spaCy and the actor dictionary.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CODER_NAME", "CODER_VERSION", "DocumentCoder", "code_document"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from eventwire.coder import document
        return getattr(document, name)
    raise AttributeError(name)
