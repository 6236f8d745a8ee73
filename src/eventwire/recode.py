"""Re-running the coder over stored documents when the coder changes.

Documents coded by another coder version (or every document, on request)
are coded again on any engine; their machine events and their quotes are
replaced, while events an analyst reviewed stay as the analyst left them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from eventwire.coder import CODER_NAME, CODER_VERSION
from eventwire.engine import run
from eventwire.engine.work import recode_chunk
from eventwire.errors import StoreError
from eventwire.records import CodedDocument, Document, InputProblem
from eventwire.store import Store
from eventwire.store.inputs import stale_documents


@dataclass
class RecodeReport:
    documents: int = 0
    events: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    changed: int = 0  # machine events whose sentence now holds another category
    appeared: int = 0  # machine events in sentences, or of categories, the coder had not coded
    went_away: int = 0  # machine events the coder no longer codes

    def count(self, before: dict[int, set[str]], after: dict[int, set[str]]) -> None:
        """Add the differences between a document's machine events before and after, sentence by sentence."""
        for start in before.keys() | after.keys():
            removed = before.get(start, set()) - after.get(start, set())
            added = after.get(start, set()) - before.get(start, set())
            changed = min(len(removed), len(added))
            self.changed += changed
            self.went_away += len(removed) - changed
            self.appeared += len(added) - changed


def machine_categories(store: Store, doc_id: str) -> dict[int, set[str]]:
    """A document's machine events (none an analyst reviewed) as categories per sentence start."""
    from eventwire.store.reviews import statuses
    found = store.events(doc_id=doc_id, include_rejected=True)
    reviewed = statuses(store, [e.id for e in found])
    out: dict[int, set[str]] = {}
    for event in found:
        if event.id not in reviewed:
            out.setdefault(event.evidence.start, set()).add(event.category)
    return out


def current_prefix() -> str:
    """The label prefix of this coder version and event model (``--model``,
    ``EVENTWIRE_MODEL``): documents coded by others are stale."""
    from eventwire.learn.registry import load_model
    model = load_model()
    return f"{CODER_NAME}-{CODER_VERSION}/{model.label if model is not None else 'rules'}/"


#: the ids of stale documents read in one query
ID_PAGE = 1000


def recode(store: Store, *, everything: bool = False, engine: str = "local", workers: int | None = None,
           scheduler: str | None = None, chunk_size: int | None = None,
           on_item: Callable[[str, RecodeReport], None] | None = None) -> RecodeReport:
    """Code stale (or all) stored documents again; reviewed events are kept."""
    report = RecodeReport()

    def documents() -> Iterator[Document]:
        # a page of ids at a time: a store of ten million documents would
        # otherwise hold all their ids in memory before the first is coded
        after = None
        while page := stale_documents(store.engine, current_prefix(), everything, after=after, limit=ID_PAGE):
            for doc_id in page:
                yield store.document(doc_id)
            after = page[-1]

    for result in run(documents(), engine=engine, workers=workers, scheduler=scheduler, chunk_size=chunk_size,
                      work=recode_chunk):
        if isinstance(result, InputProblem):
            report.problems.append(result)
            continue
        assert isinstance(result, CodedDocument)
        try:
            before = machine_categories(store, result.document.id)
            report.events += store.replace_events(result.document.id, [e for e in result.events if not e.negated],
                                                  new_quotes=result.quotes, coder=result.coder)
        except StoreError as exc:  # one document the store refuses (or lost meanwhile) never stops the run
            report.problems.append(InputProblem(result.document.source, str(exc), retry=True))
            continue
        report.count(before, machine_categories(store, result.document.id))
        report.documents += 1
        if on_item is not None:
            on_item(result.document.id, report)
    return report
