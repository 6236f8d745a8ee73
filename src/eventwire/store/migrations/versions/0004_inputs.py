"""Inputs already read (incremental runs skip them) and the coder each document was coded with.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inputs",
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("doc_id", sa.String(64)),
        sa.Column("seen_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "document_coders",
        sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("coder", sa.Text, nullable=False),
        sa.Column("coded_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("document_coders")
    op.drop_table("inputs")
