"""Why each sentence of a text got the events it got, or none (``code --explain``)."""

from __future__ import annotations

from eventwire.coder.decide import SentenceTrace
from eventwire.records import CodedDocument, Document


def explain_text(document: Document) -> tuple[CodedDocument, list[SentenceTrace]]:
    """Code ``document`` with the default coder and trace every decision (with the
    rules alone there is nothing to trace: their rule is on each event)."""
    from eventwire.coder.document import DocumentCoder
    coder = DocumentCoder()
    if coder.decider is None:
        return coder.code(document), []
    coder.decider.traces = []
    coded = coder.code(document)
    return coded, coder.decider.traces
