"""Near-duplicate signatures recomputed with eventwire's own MinHash.

Up to this revision, signatures came from datasketch, whose 2.0 release
changed its hashing scheme; eventwire now computes its own
(``eventwire.normalize.dedup``). Stored signatures and band keys are
recomputed from the stored text, which is what they were computed from, so
a new copy of a story stored earlier is still linked to it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 500

documents = sa.table("documents", sa.column("id", sa.String), sa.column("text", sa.Text),
                     sa.column("near_dup_signature", sa.JSON))
band_keys = sa.table("band_keys", sa.column("band_key", sa.String), sa.column("doc_id", sa.String))


def upgrade() -> None:
    # the scheme of the code that ships with this revision: a later scheme
    # change must bring its own revision
    from eventwire.normalize.dedup import band_keys as keys_of
    from eventwire.normalize.dedup import minhash_signature

    conn = op.get_bind()
    signed = [row.id for row in conn.execute(sa.select(documents.c.id, documents.c.near_dup_signature))
              if row.near_dup_signature]
    for start in range(0, len(signed), BATCH):
        ids = signed[start:start + BATCH]
        new_keys = []
        for doc_id, text in conn.execute(sa.select(documents.c.id, documents.c.text)
                                         .where(documents.c.id.in_(ids))).all():
            signature = list(minhash_signature(text))
            conn.execute(documents.update().where(documents.c.id == doc_id)
                         .values(near_dup_signature=signature))
            new_keys += [{"band_key": key, "doc_id": doc_id} for key in sorted(set(keys_of(tuple(signature))))]
        conn.execute(band_keys.delete().where(band_keys.c.doc_id.in_(ids)))
        if new_keys:
            conn.execute(band_keys.insert(), new_keys)


def downgrade() -> None:
    pass  # the new signatures serve the older code as well as any (it compares like with like)
