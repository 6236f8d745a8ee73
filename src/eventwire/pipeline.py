"""The main job: inputs -> documents -> coded documents -> store.

``process`` is the one function every engine runs on a document; ``ingest``
streams inputs through it into a store, one transaction per document, so a
killed run resumes with no duplicates.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from eventwire.coder import code_document
from eventwire.errors import EventwireError
from eventwire.ingest import read_inputs
from eventwire.normalize import normalize
from eventwire.records import CodedDocument, Document, Event, InputProblem, RawArticle
from eventwire.store import Store

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one ingest run did, for the summary and the exit code."""

    read: int = 0  # articles read from the inputs
    stored: int = 0  # new documents stored
    already_stored: int = 0  # identical to a stored document: nothing to do
    near_duplicates: int = 0  # stored, linked to an earlier copy of the story
    problems: list[InputProblem] = field(default_factory=list)
    categories: Counter[str] = field(default_factory=Counter)
    new_events: list[Event] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.problems)

    @property
    def exit_code(self) -> int:
        """0 when every input was read, 1 when some were skipped."""
        return 1 if self.problems else 0


def process(document: Document) -> CodedDocument:
    """Code one normalised document (the unit of work of every engine)."""
    return code_document(document)


def _safely(source: str, step: Callable[[], CodedDocument | Document]) -> CodedDocument | Document | InputProblem:
    """Run one step on one article; a failure becomes a reported problem."""
    try:
        return step()
    except EventwireError as exc:
        return InputProblem(source, str(exc).removeprefix(f"{source}: "))
    except Exception as exc:  # one bad article must never stop a run
        log.exception("unexpected failure on %s", source)
        return InputProblem(source, f"internal error while processing ({type(exc).__name__}: {exc}); "
                                    "please report it with this input")


def ingest(paths: Sequence[str], store: Store, *, published: date | None = None,
           max_bytes: int = 10_000_000, keep_events: bool = True, keep_negated: bool = False,
           on_item: Callable[[str, IngestReport], None] | None = None) -> IngestReport:
    """Read, normalise, code and store every article under ``paths``.

    Negated statements ("talks have not been suspended") are not events and
    are not stored unless ``keep_negated`` asks for them (flagged ``negated``).
    """
    report = IngestReport()
    for item in read_inputs(paths, published=published, max_bytes=max_bytes):
        _ingest_one(item, store, report, keep_events, keep_negated)
        if on_item is not None:
            on_item(item.source, report)
    return report


def _ingest_one(item: RawArticle | InputProblem, store: Store, report: IngestReport,
                keep_events: bool, keep_negated: bool) -> None:
    if isinstance(item, InputProblem):
        report.problems.append(item)
        return
    report.read += 1
    document = _safely(item.source, lambda: normalize(item))
    if isinstance(document, InputProblem):
        report.problems.append(document)
        return
    assert isinstance(document, Document)
    if store.has_document(document.id):
        report.already_stored += 1
        return
    coded = _safely(item.source, lambda: process(document))
    if isinstance(coded, InputProblem):
        report.problems.append(coded)
        return
    assert isinstance(coded, CodedDocument)
    if not keep_negated:
        coded.events = [e for e in coded.events if not e.negated]
    result = store.save(coded)
    if result.status == "exists":
        report.already_stored += 1
        return
    report.stored += 1
    report.near_duplicates += result.status == "near_duplicate"
    events = [e for e in coded.events if not e.negated]
    report.categories.update(e.category for e in events)
    if keep_events:
        report.new_events.extend(events)


def count_by_category(events: Iterable[Event]) -> Counter[str]:
    return Counter(e.category for e in events)
