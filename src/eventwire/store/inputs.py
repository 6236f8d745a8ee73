"""What a store remembers about its own work: inputs read, coder used.

An incremental run (a folder that gained ten files, a feed polled again)
skips an input whose fingerprint is here before normalising or coding it;
``eventwire recode`` re-runs the coder on documents coded by another version.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timezone

import sqlalchemy as sa

from eventwire.records import RawArticle
from eventwire.store.schema import metadata

inputs = sa.Table(
    "inputs", metadata,
    sa.Column("fingerprint", sa.String(64), primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("doc_id", sa.String(64)),
    sa.Column("seen_at", sa.DateTime, nullable=False),
)


document_coders = sa.Table(
    "document_coders", metadata,
    sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("coder", sa.Text, nullable=False),
    sa.Column("coded_at", sa.DateTime, nullable=False),
)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def stale_documents(engine: sa.Engine, coder_prefix: str, everything: bool = False, *,
                    after: str | None = None, limit: int | None = None) -> list[str]:
    """Ids of documents not coded by a coder whose label starts with
    ``coder_prefix`` (or all, with ``everything``), in id order: the first
    ``limit`` of them whose id comes after ``after``."""
    from eventwire.store.schema import documents
    query = sa.select(documents.c.id).order_by(documents.c.id).limit(limit)
    if after is not None:
        query = query.where(documents.c.id > after)
    if not everything:
        # escaped: a ``_`` or ``%`` in a coder's label is itself, not a LIKE wildcard
        coded_now = document_coders.c.coder.startswith(coder_prefix, autoescape=True)
        current = sa.select(document_coders.c.doc_id).where(coded_now)
        query = query.where(documents.c.id.not_in(current))
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(query)]


def fingerprint(raw: RawArticle) -> str:
    """Hash of what the article says and of the metadata that changes its coding."""
    key = "\x1f".join((raw.text, raw.title or "", raw.published or "",
                       raw.published_override.isoformat() if raw.published_override else ""))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def remember_many(conn: sa.Connection, read: Sequence[tuple[str, str, str | None, str]]) -> None:
    """Record inputs (fingerprint, source, document id, coder) in the caller's transaction."""
    now = _now()
    known = _known(conn, [key for key, *_ in read])
    new: dict[str, dict[str, object]] = {}
    for key, source, doc_id, _ in read:
        if key not in known and key not in new:
            new[key] = {"fingerprint": key, "source": source, "doc_id": doc_id, "seen_at": now}
    if new:
        conn.execute(inputs.insert(), list(new.values()))
    record_coders(conn, {doc_id: coder for _, _, doc_id, coder in read if coder and doc_id})


def seen_many(engine: sa.Engine, keys: Sequence[str]) -> set[str]:
    """Which of these input fingerprints the store has recorded."""
    if not keys:
        return set()
    with engine.connect() as conn:
        return _known(conn, keys)


def _known(conn: sa.Connection, keys: Sequence[str]) -> set[str]:
    return set(conn.execute(sa.select(inputs.c.fingerprint)
                            .where(inputs.c.fingerprint.in_(list(keys)))).scalars())


def record_coders(conn: sa.Connection, coders: dict[str, str]) -> None:
    """Record the coder of each document (replacing an earlier record), in ``conn``'s transaction."""
    if not coders:
        return
    now = _now()
    conn.execute(document_coders.delete().where(document_coders.c.doc_id.in_(list(coders))))
    conn.execute(document_coders.insert(), [{"doc_id": d, "coder": c, "coded_at": now}
                                            for d, c in coders.items()])
