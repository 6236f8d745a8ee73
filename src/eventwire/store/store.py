"""The event store: save coded documents once, read documents, events and quotes."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from types import TracebackType
from typing import Any

import sqlalchemy as sa

from eventwire.errors import NotFoundError, StoreError, UsageError
from eventwire.records import CodedDocument, Document, Event, Quote
from eventwire.store import engine as engines
from eventwire.store import migrate, queries, reviews, rows
from eventwire.store.inputs import record_coders
from eventwire.store.neardup import document_band_keys, find_original
from eventwire.store.schema import (band_keys, documents, event_actors, event_pairs,
                                    event_reviews, events, quotes)

log = logging.getLogger(__name__)

#: shortest id prefix ``Store.document`` accepts
MIN_PREFIX = 6
STATUSES = ("new", "exists", "near_duplicate")


@dataclass(slots=True)
class _Rows:
    """A document's rows, ready to insert."""

    events: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    keys: list[str]


@dataclass(slots=True)
class SaveResult:
    """What ``Store.save`` did with one document."""

    doc_id: str
    status: str  # one of STATUSES
    duplicate_of: str | None
    events: int


#: run inside a batch's transaction once its documents are saved
AfterSave = Callable[[sa.Connection, list[tuple[CodedDocument, "SaveResult"]]], None]


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (and create or migrate) the store at ``url``.

    ``None`` means ``$EVENTWIRE_DB`` or ``sqlite:///eventwire.db``; a bare path
    means a SQLite file; other URLs (``postgresql://...``) pass through.
    ``create=False`` is for commands that only read: a database that does not
    exist, or holds no eventwire tables, is an error instead of being made
    (a mistyped ``--db`` would otherwise show an empty store, and leave an
    empty file, or eventwire's tables in a server's other database).
    """
    resolved = engines.resolve_url(url)
    path = engines.sqlite_file(resolved)
    if not create and path is not None and not path.exists():
        raise StoreError(f"no eventwire database at {path.resolve()}: the file does not exist; "
                         f"{_MISSING}")
    engine = engines.create_engine(resolved)
    try:
        if not create and not migrate.has_schema(engine):
            raise StoreError(f"{_safe(resolved)} holds no eventwire tables; {_MISSING}")
        migrate.upgrade(engine)
    except sa.exc.SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open database {_safe(resolved)}: {_reason(exc)}; "
                         f"{_advice(resolved)}") from exc
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, resolved)


#: what to do about a database a reading command found missing or empty
_MISSING = ("give the --db (or EVENTWIRE_DB) an earlier ingest stored into, "
            "or store articles there first with `eventwire ingest PATH --db ...`")


def _advice(url: str) -> str:
    """What to check when the database at ``url`` cannot be opened."""
    if url.startswith("sqlite"):
        return "check the path, that the file is an eventwire database and that you may write to it"
    return ("check the URL (host, port, database name, user and password), that the "
            "database server runs and accepts connections from here, and that the "
            "database exists")


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _reason(exc: sa.exc.SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    # a driver's message may run over several lines (libpq's does): one line reads better
    return " ".join(str(orig).split()) if orig is not None else str(exc).splitlines()[0]


class Store:
    """Documents, events, quotes and near-duplicate keys in one SQL database."""

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self._engine = engine
        self.url = url

    def __repr__(self) -> str:
        return f"Store({_safe(self.url)!r})"

    @property
    def engine(self) -> sa.Engine:
        """The SQLAlchemy engine, for views that need their own queries."""
        return self._engine

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Release every connection."""
        self._engine.dispose()

    # -- writing ---------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with self._engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                yield conn

    def save(self, coded: CodedDocument) -> SaveResult:
        """Store a document with its events, quotes and band keys in one transaction.

        Saving a document whose id is already stored does nothing (status
        ``"exists"``).  A document similar enough to a stored one is saved with
        ``duplicate_of`` set (status ``"near_duplicate"``).
        """
        return self.save_many([coded])[0]

    def save_many(self, coded: Iterable[CodedDocument],
                  after: AfterSave | None = None) -> list[SaveResult]:
        """Save several documents in one transaction: all of them or, after a crash, none.

        ``after(conn, saved)`` runs inside the same transaction with every
        (document, result) pair (the pipeline records the inputs they came
        from there, so a killed run re-reads exactly what was not stored).
        If any document cannot be saved, none is and ``StoreError`` says why;
        save them one at a time to find which.
        """
        coded = list(coded)
        prepared = [self._prepare(c) for c in coded]
        try:
            with self._write() as conn:
                results = _save_batch(conn, coded, prepared)
                if after is not None:
                    after(conn, list(zip(coded, results)))
                return results
        except sa.exc.IntegrityError as exc:
            if len(coded) == 1 and self.has_document(coded[0].document.id):
                return [SaveResult(coded[0].document.id, "exists", None, 0)]  # another writer was first
            raise StoreError(f"{_which(coded)} could not be saved: {_reason(exc)}; an "
                             "event id may already belong to another document") from exc
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"{_which(coded)} could not be saved to "
                             f"{_safe(self.url)}: {_reason(exc)}") from exc

    def _prepare(self, coded: CodedDocument) -> _Rows:
        """The rows of a document, checked before any transaction opens."""
        doc = coded.document
        event_rows, actor_rows = self._event_rows(coded)
        quote_rows = [rows.quote_row(q, doc.id, i) for i, q in enumerate(coded.quotes)]
        return _Rows(event_rows, actor_rows, quote_rows, document_band_keys(doc.near_dup_signature))

    def _event_rows(
            self, coded: CodedDocument) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        doc_id = coded.document.id
        event_rows: list[dict[str, Any]] = []
        actor_rows: list[dict[str, Any]] = []
        seen: set[str] = set()
        for seq, event in enumerate(coded.events):
            _check_evidence(doc_id, event)
            event_id = event.id or _unique(rows.derive_event_id(doc_id, event), seen)
            if event_id in seen:
                raise StoreError(f"document {doc_id} has two events with id {event_id}; "
                                 "event ids must be unique (leave Event.id empty to let "
                                 "the store derive one)")
            seen.add(event_id)
            event_rows.append(rows.event_row(event, event_id, doc_id, seq))
            actor_rows.extend(rows.event_actor_rows(event, event_id))
        return event_rows, actor_rows

    # -- reading ---------------------------------------------------------------

    def _all(self, query: sa.Select) -> list[sa.RowMapping]:
        try:
            with self._engine.connect() as conn:
                return list(conn.execute(query).mappings())
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"cannot read {_safe(self.url)}: {_reason(exc)}") from exc

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with exactly this id is stored."""
        return bool(self._all(sa.select(documents.c.id).where(documents.c.id == doc_id)))

    def document(self, doc_id: str) -> Document:
        """The document with this id, or the only one whose id starts with it."""
        found = self._all(sa.select(documents).where(documents.c.id == doc_id))
        if not found and len(doc_id) >= MIN_PREFIX:
            found = self._all(sa.select(documents)
                              .where(documents.c.id.startswith(doc_id, autoescape=True))
                              .limit(2))
            if len(found) > 1:
                raise UsageError(f"id prefix {doc_id} matches several documents; give "
                                 "more characters")
        if not found:
            raise NotFoundError(f"no document {doc_id} in DB; list them with "
                                "`eventwire docs`")
        return rows.document_from_row(found[0])

    def documents(self, *, since: date | None = None, until: date | None = None,
                  search: str | None = None, newest_first: bool = False,
                  limit: int | None = None, offset: int = 0) -> list[Document]:
        """Documents published between ``since`` and ``until`` (inclusive) whose
        title, source, agency, place or text contain ``search``; the oldest first
        unless ``newest_first``."""
        query = queries.select_documents(since=since, until=until, search=search,
                                         newest_first=newest_first, limit=limit, offset=offset)
        return [rows.document_from_row(r) for r in self._all(query)]

    def count_documents(self, **filters: Any) -> int:
        """How many documents ``documents(**filters)`` returns without ``limit``/``offset``."""
        return int(self._all(queries.count_documents(**filters))[0]["n"])

    def event_counts(self, doc_ids: Sequence[str]) -> dict[str, int]:
        """How many events (not negated, not rejected) each document has."""
        found = self._all(queries.events_per_document(list(doc_ids))) if doc_ids else []
        return {doc_id: 0 for doc_id in doc_ids} | {r["doc_id"]: int(r["n"]) for r in found}

    def events(self, *, actor: str | None = None, recipient: str | None = None,
               category: str | None = None, since: date | None = None,
               until: date | None = None, doc_id: str | None = None,
               include_negated: bool = False, include_rejected: bool = False,
               min_confidence: float | None = None,
               order_by: str = "date", limit: int | None = None,
               offset: int = 0) -> list[Event]:
        """Events matching every filter, as reviewers corrected them; ``actor``/
        ``recipient`` are "CODE" or "CODE SECTOR" and match any actor of the list.
        Rejected events are left out unless asked. Ordered by date, then id, or by
        ``order_by`` (see ``queries.ORDER_KEYS``; "-confidence" sorts descending)."""
        query = queries.select_events(
            actor=actor, recipient=recipient, category=category, since=since,
            until=until, doc_id=doc_id, include_negated=include_negated,
            include_rejected=include_rejected, min_confidence=min_confidence, order_by=order_by,
            limit=limit, offset=offset)
        return [rows.event_from_row(r) for r in self._all(query)]

    def count_events(self, **filters: Any) -> int:
        """How many events ``events(**filters)`` returns without ``limit``/``offset``."""
        return int(self._all(queries.count_events(**filters))[0]["n"])

    def event(self, event_id: str) -> Event:
        """The event with this id (rejected or not), as reviewers corrected it."""
        found = self._all(sa.select(events).where(events.c.id == event_id))
        if not found:
            raise NotFoundError(f"no event {event_id} in the database; list them with "
                                "`eventwire events`")
        return rows.event_from_row(found[0])

    def replace_events(self, doc_id: str, new_events: Sequence[Event], *,
                       new_quotes: Sequence[Quote] | None = None, coder: str | None = None) -> int:
        """Replace a document's machine events by ``new_events`` (a re-run of the
        coder), in one transaction; reviewed events stay as the reviewer left them
        and a new event that re-codes one of them is dropped. Returns how many
        events were written.

        ``new_quotes`` replace the document's quotes (nobody reviews quotes), and
        ``coder`` is recorded as the coder that coded it, in the same
        transaction: a re-code killed part-way leaves each document all old or
        all new, and the next one codes only the old."""
        event_rows, actor_rows = self._event_rows(CodedDocument(
            Document(id=doc_id, source="", text=""), list(new_events)))
        try:
            with self._write() as conn:
                if not _exists(conn, doc_id):
                    raise NotFoundError(f"no document {doc_id} in the database; ingest "
                                        "it before re-coding it")
                kept = reviews.reviewed_keys(conn, doc_id)
                fresh = [r for r in event_rows if not reviews.recodes(r, kept)]
                ids = {r["id"] for r in fresh}
                machine = (sa.select(events.c.id).where(events.c.doc_id == doc_id)
                           .where(events.c.id.not_in(sa.select(event_reviews.c.event_id))))
                for table in (event_actors, event_pairs):
                    conn.execute(table.delete().where(table.c.event_id.in_(machine)))
                conn.execute(events.delete().where(events.c.id.in_(machine)))
                fresh_actors = [a for a in actor_rows if a["event_id"] in ids]
                quote_rows = None
                if new_quotes is not None:
                    conn.execute(quotes.delete().where(quotes.c.doc_id == doc_id))
                    quote_rows = [rows.quote_row(q, doc_id, i) for i, q in enumerate(new_quotes)]
                for table, values in ((events, fresh), (event_actors, fresh_actors),
                                      (event_pairs, rows.pair_rows(fresh_actors)), (quotes, quote_rows)):
                    if values:
                        conn.execute(table.insert(), values)
                if coder:
                    record_coders(conn, {doc_id: coder})
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"events of document {doc_id} could not be replaced in "
                             f"{_safe(self.url)}: {_reason(exc)}") from exc
        log.debug("re-coded %s: %d machine events", doc_id, len(fresh))
        return len(fresh)

    def quotes(self, *, doc_id: str | None = None, speaker: str | None = None) -> list[Quote]:
        """Quotes of a document and/or a speaker (code, or part of a name)."""
        query = queries.select_quotes(doc_id=doc_id, speaker=speaker)
        return [rows.quote_from_row(r) for r in self._all(query)]

    def counts(self) -> dict[str, int]:
        """How many documents, duplicates, events, negated events and quotes are stored.

        ``events`` leaves out negated events, which PLOVER does not count, and
        events a reviewer rejected.
        """
        query = sa.select(
            sa.select(sa.func.count()).select_from(documents).scalar_subquery(),
            sa.select(sa.func.count()).select_from(documents)
            .where(documents.c.duplicate_of.is_not(None)).scalar_subquery(),
            sa.select(sa.func.count()).select_from(events)
            .where(events.c.negated == sa.false(), queries.not_rejected()).scalar_subquery(),
            sa.select(sa.func.count()).select_from(events)
            .where(events.c.negated == sa.true()).scalar_subquery(),
            sa.select(sa.func.count()).select_from(quotes).scalar_subquery(),
        )
        values = self._all(query)[0].values()
        return dict(zip(("documents", "duplicates", "events", "negated_events", "quotes"),
                        (int(v) for v in values), strict=True))

    def category_counts(self) -> dict[str, int]:
        """Non-negated, non-rejected events per PLOVER category, largest first."""
        n = sa.func.count().label("n")
        query = (sa.select(events.c.category, n)
                 .where(events.c.negated == sa.false(), queries.not_rejected())
                 .group_by(events.c.category).order_by(n.desc(), events.c.category))
        return {r["category"]: int(r["n"]) for r in self._all(query)}


def _which(coded: Sequence[CodedDocument]) -> str:
    return f"document {coded[0].document.id}" if len(coded) == 1 else f"{len(coded)} documents"


#: the documents a band key is stored for, at most (see ``_save_batch``)
MAX_KEY_HOLDERS = 32


def _save_batch(conn: sa.Connection, coded: Sequence[CodedDocument],
                prepared: Sequence[_Rows]) -> list[SaveResult]:
    """Insert the documents not stored yet, a table's rows in one statement.

    Two queries serve the whole batch (which ids exist, which band keys are
    known); a document's near-duplicate candidates are looked up only when
    one of its band keys is known, and what the batch has so far is written
    first only when a candidate may be among it: a wire story's later copies
    arrive far apart, and writing before each lookup made the inserts one
    document at a time again.

    A band key is stored for its first ``MAX_KEY_HOLDERS`` documents only.
    A story told ten thousand times (a daily template, a wire story every
    outlet runs) would otherwise give each new copy ten thousand candidates
    to sort through, and the time to store a document would grow with the
    store: 1,000 near-identical documents took 6 s to store after 1,000
    and 24 s after 3,000. A new copy finds the story through the key's
    earliest holders, and through the rarer keys its own words make.
    """
    ids = [c.document.id for c in coded]
    stored = set(conn.execute(sa.select(documents.c.id).where(documents.c.id.in_(ids))).scalars())
    wanted = sorted({k for p in prepared for k in p.keys})
    holders: Counter[str] = Counter({key: count for key, count in conn.execute(  # documents holding each key
        sa.select(band_keys.c.band_key, sa.func.count()).where(band_keys.c.band_key.in_(wanted))
        .group_by(band_keys.c.band_key))}) if wanted else Counter()
    pending = _Pending()
    pending_keys: set[str] = set()  # the band keys of the documents not written yet
    results = []
    for c, p in zip(coded, prepared):
        doc = c.document
        if doc.id in stored:
            results.append(SaveResult(doc.id, "exists", None, 0))
            continue
        original = None
        if any(holders[k] for k in p.keys):
            if pending_keys.intersection(p.keys):  # a candidate is an earlier document of this batch
                pending.write(conn)
                pending_keys.clear()
            original = find_original(conn, doc.near_dup_signature, p.keys)
        original = original or doc.duplicate_of
        keys = [k for k in p.keys if holders[k] < MAX_KEY_HOLDERS]
        pending.add(doc, original, p, keys)
        stored.add(doc.id)
        holders.update(keys)
        pending_keys.update(keys)
        status = "near_duplicate" if original else "new"
        log.debug("saved %s (%s, %d events)", doc.id, status, len(p.events))
        results.append(SaveResult(doc.id, status, original, len(p.events)))
    pending.write(conn)
    return results


@dataclass(slots=True)
class _Pending:
    """Rows waiting to be inserted, a list per table, in foreign-key order."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    keys: list[dict[str, Any]] = field(default_factory=list)

    def add(self, doc: Document, original: str | None, prepared: _Rows, keys: list[str]) -> None:
        self.documents.append(rows.document_row(doc, original))
        self.events.extend(prepared.events)
        self.actors.extend(prepared.actors)
        self.pairs.extend(rows.pair_rows(prepared.actors))
        self.quotes.extend(prepared.quotes)
        self.keys.extend({"band_key": k, "doc_id": doc.id} for k in keys)

    def write(self, conn: sa.Connection) -> None:
        for table, values in ((documents, self.documents), (events, self.events),
                              (event_actors, self.actors), (event_pairs, self.pairs),
                              (quotes, self.quotes), (band_keys, self.keys)):
            if values:
                conn.execute(table.insert(), values)
                values.clear()


def _exists(conn: sa.Connection, doc_id: str) -> bool:
    query = sa.select(documents.c.id).where(documents.c.id == doc_id)
    return conn.execute(query).first() is not None


def _unique(event_id: str, seen: set[str]) -> str:
    """``event_id``, or ``event_id-N`` when the document already has it."""
    candidate, n = event_id, 1
    while candidate in seen:
        n += 1
        candidate = f"{event_id}-{n}"
    return candidate


def _check_evidence(doc_id: str, event: Event) -> None:
    if event.evidence.doc_id not in ("", doc_id):
        raise StoreError(f"event {event.id or event.category} of document {doc_id} has "
                         f"evidence from document {event.evidence.doc_id}; the coder must "
                         "attach events to the document they came from")
