"""Find stored documents that are near duplicates of a new one (MinHash LSH bands)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from eventwire.errors import EventwireError, StoreError
from eventwire.store.schema import band_keys, documents


def document_band_keys(signature: Sequence[int] | None) -> list[str]:
    """The LSH band keys of a MinHash signature (none without a signature)."""
    if not signature:
        return []
    from eventwire.normalize.dedup import band_keys as lsh_band_keys

    try:
        return sorted(set(lsh_band_keys(tuple(signature))))
    except (ValueError, EventwireError) as exc:
        raise StoreError(f"near-duplicate signature cannot be stored ({exc}); compute "
                         "it with eventwire.normalize.dedup.minhash_signature") from exc


#: A new document's candidates: the stored documents sharing one of its band
#: keys, earliest first. Built once: a wire story's copies make most of a
#: large ingest look its candidates up, and building and compiling the query
#: each time cost twice what running it did.
_CANDIDATES = (
    sa.select(documents.c.id, documents.c.near_dup_signature, documents.c.duplicate_of)
    .where(documents.c.id.in_(
        sa.select(band_keys.c.doc_id)
        .where(band_keys.c.band_key.in_(sa.bindparam("keys", expanding=True))).distinct()))
    .order_by(documents.c.published.is_(None), documents.c.published,
              documents.c.stored_at, documents.c.id))


def find_original(conn: sa.Connection, signature: Sequence[int] | None,
                  keys: list[str]) -> str | None:
    """The stored document a new one duplicates, or None.

    Candidates share a band key and are at least ``NEAR_DUPLICATE_THRESHOLD``
    similar; of those the earliest (publication date, then storage time) wins,
    and if it is itself a duplicate its own original is returned, so that
    ``duplicate_of`` always names the first telling of a story.
    """
    if not signature or not keys:
        return None
    from eventwire.normalize.dedup import NEAR_DUPLICATE_THRESHOLD, similarity

    target = tuple(signature)
    for row in conn.execute(_CANDIDATES, {"keys": keys}):
        other = row.near_dup_signature
        # a signature made with another num_perm cannot be compared: not a match
        if (other and len(other) == len(target)
                and similarity(target, tuple(other)) >= NEAR_DUPLICATE_THRESHOLD):
            return row.duplicate_of or row.id
    return None
