"""What a store remembers about its own work: inputs read, coder used.

An incremental run (a folder that gained ten files, a feed polled again)
skips an input whose fingerprint is here before normalising or coding it;
``eventwire recode`` re-runs the coder on documents coded by another version.
"""

from __future__ import annotations

import hashlib
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


def set_coder(engine: sa.Engine, doc_id: str, coder: str) -> None:
    """Record which coder version coded a document."""
    with engine.begin() as conn:
        _set_coder(conn, doc_id, coder)


def stale_documents(engine: sa.Engine, coder_prefix: str, everything: bool = False) -> list[str]:
    """Ids of documents not coded by a coder whose label starts with ``coder_prefix``."""
    from eventwire.store.schema import documents
    query = sa.select(documents.c.id).order_by(documents.c.id)
    if not everything:
        current = sa.select(document_coders.c.doc_id).where(document_coders.c.coder.startswith(coder_prefix))
        query = query.where(documents.c.id.not_in(current))
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(query)]


def fingerprint(raw: RawArticle) -> str:
    """Hash of what the article says and of the metadata that changes its coding."""
    key = "\x1f".join((raw.text, raw.title or "", raw.published or "",
                       raw.published_override.isoformat() if raw.published_override else ""))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def seen(engine: sa.Engine, key: str) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(inputs.c.fingerprint).where(inputs.c.fingerprint == key)).first() is not None


def remember(engine: sa.Engine, key: str, source: str, doc_id: str | None, coder: str = "") -> None:
    """Record an input as read and, with ``coder``, who coded its document (one transaction)."""
    with engine.begin() as conn:
        remember_in(conn, key, source, doc_id, coder)


def remember_in(conn: sa.Connection, key: str, source: str, doc_id: str | None, coder: str = "") -> None:
    """``remember`` inside the caller's transaction (the one that stored the document)."""
    if conn.execute(sa.select(inputs.c.fingerprint).where(inputs.c.fingerprint == key)).first() is None:
        conn.execute(inputs.insert().values(fingerprint=key, source=source, doc_id=doc_id,
                                            seen_at=_now()))
    if coder and doc_id:
        _set_coder(conn, doc_id, coder)


def _set_coder(conn: sa.Connection, doc_id: str, coder: str) -> None:
    conn.execute(document_coders.delete().where(document_coders.c.doc_id == doc_id))
    conn.execute(document_coders.insert().values(doc_id=doc_id, coder=coder, coded_at=_now()))
