"""A band key is kept for its first 32 documents only.

From this revision the store writes a near-duplicate band key for the first
``MAX_KEY_HOLDERS`` documents that have it (``eventwire.store.store``): a
story told thousands of times made each new copy's lookup sort through every
earlier copy. Keys stored before are thinned the same way, keeping each
key's earliest stored holders, so that a store built by an older eventwire
looks its candidates up as fast as a new one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: the holders a key keeps: the store's MAX_KEY_HOLDERS when this revision was written
HOLDERS = 32

documents = sa.table("documents", sa.column("id", sa.String), sa.column("stored_at", sa.DateTime))
band_keys = sa.table("band_keys", sa.column("band_key", sa.String), sa.column("doc_id", sa.String))


def upgrade() -> None:
    rank = sa.func.row_number().over(partition_by=band_keys.c.band_key,
                                     order_by=(documents.c.stored_at, documents.c.id)).label("rank")
    ranked = (sa.select(band_keys.c.band_key, band_keys.c.doc_id, rank)
              .join(documents, documents.c.id == band_keys.c.doc_id).subquery())
    beyond = sa.select(ranked.c.band_key, ranked.c.doc_id).where(ranked.c.rank > HOLDERS)
    op.get_bind().execute(band_keys.delete().where(
        sa.tuple_(band_keys.c.band_key, band_keys.c.doc_id).in_(beyond)))


def downgrade() -> None:
    pass  # the keys an older eventwire finds are a subset of what it wrote: it still links copies
