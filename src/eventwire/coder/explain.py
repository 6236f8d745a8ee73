"""Why each sentence of a text got the events it got, or none (``code --explain``,
and the workbench's "why" of an event)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from eventwire.records import CodedDocument, Document

if TYPE_CHECKING:  # the coder (spaCy, the model) loads when first asked, not on import
    from eventwire.coder.decide import SentenceTrace
    from eventwire.coder.document import DocumentCoder


def explain_text(document: Document) -> tuple[CodedDocument, list[SentenceTrace]]:
    """Code ``document`` with the default coder and trace every decision (with the
    rules alone there is nothing to trace: their rule is on each event)."""
    return Explainer().explain(document)


class Explainer:
    """A coder kept for tracing documents again, one at a time (its traces are
    per call, so calls from a web server's threads take turns)."""

    def __init__(self, coder: DocumentCoder | None = None) -> None:
        self._coder = coder
        self._lock = threading.Lock()

    @property
    def coder(self) -> DocumentCoder:
        if self._coder is None:  # spaCy and the model load on the first question only
            from eventwire.coder import DocumentCoder
            self._coder = DocumentCoder()
        return self._coder

    @property
    def label(self) -> str:
        return self.coder.label

    def explain(self, document: Document) -> tuple[CodedDocument, list[SentenceTrace]]:
        with self._lock:
            coder = self.coder
            if coder.decider is None:
                return coder.code(document), []
            coder.decider.traces = []
            try:
                coded = coder.code(document)
                return coded, coder.decider.traces
            finally:
                coder.decider.traces = None

    def sentence(self, document: Document, index: int) -> SentenceTrace | None:
        """The trace of sentence ``index`` of ``document``, if the coder splits it there."""
        _, traces = self.explain(document)
        return next((t for t in traces if t.index == index), None)
