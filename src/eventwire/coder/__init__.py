"""The event coder: triggers, dependency rules, actors, dates and quotes."""

from eventwire.coder.document import CODER_NAME, CODER_VERSION, DocumentCoder, code_document

__all__ = ["CODER_NAME", "CODER_VERSION", "DocumentCoder", "code_document"]
