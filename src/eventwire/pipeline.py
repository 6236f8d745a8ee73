"""The main job: inputs -> documents -> coded documents -> store.

``ingest`` streams inputs through an engine (``eventwire.engine``: here, a
process pool, or Dask) into a store, a batch of documents and the inputs they
came from per transaction, so a killed run resumes with no duplicates.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from eventwire.engine import run
from eventwire.engine.chunking import chunks
from eventwire.timebound import DOC_TIMEOUT_S
from eventwire.engine.work import process_chunk
from eventwire.errors import StoreError
from eventwire.ingest import read_inputs
from eventwire.ingest.fetch import FETCH_DEADLINE_S
from eventwire.records import CodedDocument, Event, InputProblem, RawArticle
from eventwire.store import Store
from eventwire.store.inputs import fingerprint, remember_many, seen_many
from eventwire.store.store import SaveResult

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
    new_events: list[Event] = field(default_factory=list)  # the first ones, for the summary table
    waiting: int = 0  # files of a watched folder still being written, left for the next poll

    @property
    def skipped(self) -> int:
        return len(self.problems)

    @property
    def exit_code(self) -> int:
        """0 when every input was read, 1 when some were skipped."""
        return 1 if self.problems else 0


def ingest(paths: Sequence[str], store: Store, *, published: date | None = None,
           max_bytes: int = 10_000_000, keep_events: int = 1000, keep_negated: bool = False,
           engine: str = "local", workers: int | None = None, scheduler: str | None = None,
           chunk_size: int | None = None, doc_timeout: float | None = DOC_TIMEOUT_S,
           fetch_timeout: float = FETCH_DEADLINE_S,
           on_item: Callable[[str, IngestReport], None] | None = None) -> IngestReport:
    """Read, normalise, code and store every article under ``paths``.

    Normalising and coding run on ``engine`` (see ``eventwire.engine``);
    results come back in input order and are stored a batch per transaction,
    with the fingerprints of their inputs.  Negated statements ("talks have
    not been suspended") are not events and are not stored unless
    ``keep_negated`` asks for them. An article that takes longer than
    ``doc_timeout`` seconds to normalise, or to code, is skipped (None: no bound);
    a URL is given ``fetch_timeout`` seconds in all.
    """
    items = read_inputs(paths, published=published, max_bytes=max_bytes, fetch_timeout=fetch_timeout,
                        doc_timeout=doc_timeout)
    return ingest_items(items, store,
                        keep_events=keep_events, keep_negated=keep_negated, engine=engine,
                        workers=workers, scheduler=scheduler, chunk_size=chunk_size,
                        doc_timeout=doc_timeout, on_item=on_item)


def ingest_items(items: Iterable[RawArticle | InputProblem], store: Store, *, keep_events: int = 1000,
                 keep_negated: bool = False, engine: str = "local", workers: int | None = None,
                 scheduler: str | None = None, chunk_size: int | None = None,
                 doc_timeout: float | None = DOC_TIMEOUT_S,
                 on_item: Callable[[str, IngestReport], None] | None = None) -> IngestReport:
    """``ingest`` for articles already read (a fetched feed, a watcher's new files).

    An article whose fingerprint the store has seen is skipped before any
    work: re-reading a folder that gained ten files processes those ten.
    """
    report = IngestReport()
    keys: deque[tuple[str, str]] = deque()

    def articles() -> Iterator[RawArticle]:
        for group in chunks(items, LOOKUP_BATCH):  # one fingerprint query per group
            for item in group:
                if isinstance(item, InputProblem):
                    report.problems.append(item)
            read = [(fingerprint(item), item) for item in group if isinstance(item, RawArticle)]
            report.read += len(read)
            known = seen_many(store.engine, [key for key, _ in read])
            for key, item in read:
                if key in known:
                    report.already_stored += 1
                    continue
                known.add(key)  # the same article twice in one run is read once
                keys.append((key, item.source))
                yield item

    batch: list[tuple[CodedDocument, str, str]] = []

    def flush() -> None:
        _store_batch(batch, store, report, keep_events, keep_negated)
        if on_item is not None:
            for _, _, source in batch:
                on_item(source, report)
        batch.clear()

    work = functools.partial(process_chunk, doc_timeout=doc_timeout)
    # an article bounded in its worker takes three bounds at most (normalising,
    # its coding batch, coding alone): past that, it is stuck where no bound reaches
    stall_s = 3 * doc_timeout + STALL_SLACK_S if doc_timeout else None
    for result in run(articles(), engine=engine, workers=workers, scheduler=scheduler,
                      chunk_size=chunk_size, work=work, stall_s=stall_s):
        key, source = keys.popleft()
        if isinstance(result, InputProblem):
            report.problems.append(result)
            if on_item is not None:
                on_item(source, report)
            continue
        batch.append((result, key, source))
        if len(batch) >= max(chunk_size or 0, MIN_BATCH):
            flush()
    flush()
    return report


#: seconds a stuck article's worker is given on top of its time bounds
STALL_SLACK_S = 30.0
#: articles whose fingerprints are looked up in one query
LOOKUP_BATCH = 64
#: documents stored per transaction: fewer commits, and a killed run loses at
#: most one batch of work (its inputs are re-read, nothing is stored twice)
MIN_BATCH = 16


def _store_batch(batch: list[tuple[CodedDocument, str, str]], store: Store, report: IngestReport,
                 keep_events: int, keep_negated: bool) -> None:
    """Store coded documents and remember their inputs, in one transaction if all goes well."""
    if not batch:
        return
    fingerprints = {id(coded): (key, source) for coded, key, source in batch}

    def record(conn: sa.Connection, saved: list[tuple[CodedDocument, SaveResult]]) -> None:
        remember_many(conn, [(*fingerprints[id(coded)], coded.document.id, coded.coder)
                             for coded, _ in saved])

    documents = [_without_negated(coded, keep_negated) for coded, _, _ in batch]
    try:
        results = store.save_many(documents, after=record)
    except StoreError:  # find the document the store refuses; store the others
        results = []
        for coded in documents:
            try:
                results.extend(store.save_many([coded], after=record))
            except StoreError as exc:
                report.problems.append(InputProblem(coded.document.source, str(exc), retry=True))
                results.append(None)
    for coded, saved in zip(documents, results):
        if saved is not None:
            _count(coded, saved, report, keep_events)


def _without_negated(coded: CodedDocument, keep_negated: bool) -> CodedDocument:
    if not keep_negated:
        coded.events = [e for e in coded.events if not e.negated]
    return coded


def _count(coded: CodedDocument, saved: SaveResult, report: IngestReport, keep_events: int) -> None:
    """Count a stored document and keep a sample of its events for the summary."""
    if saved.status == "exists":
        report.already_stored += 1
        return
    report.stored += 1
    report.near_duplicates += saved.status == "near_duplicate"
    events = [e for e in coded.events if not e.negated]
    report.categories.update(e.category for e in events)
    room = keep_events - len(report.new_events)  # a sample for the summary: memory stays flat
    if room > 0:
        report.new_events.extend(events[:room])
