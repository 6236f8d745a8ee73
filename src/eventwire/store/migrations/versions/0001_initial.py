"""Initial schema: documents, events, event actors, quotes, band keys.

Revision ID: 0001
Revises:
Create Date: 2024-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _evidence_columns() -> list[sa.Column]:
    return [
        sa.Column("sentence_index", sa.Integer, nullable=False),
        sa.Column("sentence_start", sa.Integer, nullable=False),
        sa.Column("sentence_end", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("trigger_start", sa.Integer, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("date_source", sa.String(32), nullable=False),
        sa.Column("published_earliest", sa.Date),
        sa.Column("published_latest", sa.Date),
        sa.Column("date_note", sa.Text),
        sa.Column("dateline_place", sa.Text),
        sa.Column("dateline_date", sa.Date),
        sa.Column("agency", sa.Text),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("near_dup_signature", sa.JSON),
        sa.Column("duplicate_of", sa.String(128)),
        sa.Column("stored_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("doc_id", sa.String(128),
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(64)),
        sa.Column("medium", sa.String(32)),
        sa.Column("context", sa.JSON, nullable=False),
        sa.Column("actor", sa.JSON, nullable=False),
        sa.Column("recipient", sa.JSON, nullable=False),
        sa.Column("actor_code", sa.String(32)),
        sa.Column("recipient_code", sa.String(32)),
        sa.Column("event_date", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.String(16), nullable=False),
        sa.Column("date_resolution", sa.Text, nullable=False),
        sa.Column("location", sa.Text),
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("hypothetical", sa.Boolean, nullable=False),
        sa.Column("future", sa.Boolean, nullable=False),
        sa.Column("historical", sa.Boolean, nullable=False),
        sa.Column("intensity", sa.Float, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("coder", sa.Text, nullable=False),
        *_evidence_columns(),
    )
    for column in ("doc_id", "category", "actor_code", "recipient_code", "event_date"):
        op.create_index(f"ix_events_{column}", "events", [column])

    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.String(128),
                  sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("side", sa.String(16), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("sector", sa.String(32)),
    )
    op.create_index("ix_event_actors_side_code_sector", "event_actors",
                    ["side", "code", "sector"])

    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(128),
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speaker", sa.JSON),
        sa.Column("speaker_code", sa.String(32)),
        sa.Column("speaker_name", sa.Text),
        sa.Column("speaker_text", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        *_evidence_columns(),
    )
    op.create_index("ix_quotes_doc_id", "quotes", ["doc_id"])
    op.create_index("ix_quotes_speaker_code", "quotes", ["speaker_code"])

    op.create_table(
        "band_keys",
        sa.Column("band_key", sa.String(255), primary_key=True),
        sa.Column("doc_id", sa.String(128),
                  sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    )
    # the primary key leads with band_key; lookups by document need their own index
    op.create_index("ix_band_keys_doc_id", "band_keys", ["doc_id"])


def downgrade() -> None:
    for table in ("band_keys", "quotes", "event_actors", "events", "documents"):
        op.drop_table(table)
