"""Analysis: stories, their events and pairs, channel observations, analysis state.

Revision ID: 0003
Revises: 0002
Create Date: 2024-06-15
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "analysis_state",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("codes", sa.JSON, nullable=False),
        sa.Column("story_date", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(64)),
        sa.Column("medium", sa.String(32)),
        sa.Column("location", sa.Text),
        sa.Column("future", sa.Boolean, nullable=False),
        sa.Column("intensity", sa.Float, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
    )
    op.create_index("ix_stories_story_date", "stories", ["story_date"])
    op.create_table(
        "story_events",
        sa.Column("story_id", sa.String(64),
                  sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("event_id", sa.String(128),
                  sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_story_events_event_id", "story_events", ["event_id"])
    op.create_table(
        "story_dyads",
        sa.Column("story_id", sa.String(64),
                  sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("dyad", sa.String(32), primary_key=True),
    )
    op.create_index("ix_story_dyads_dyad", "story_dyads", ["dyad"])
    op.create_table(
        "channel_observations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("dyad", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("obs_date", sa.Date),
        sa.Column("date_end", sa.Date),
        sa.Column("date_precision", sa.String(16), nullable=False),
        sa.Column("level", sa.String(32)),
        sa.Column("medium", sa.String(32)),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("link", sa.Text, nullable=False),
        sa.Column("story_id", sa.String(64)),
        sa.Column("evidence", sa.JSON, nullable=False),
    )
    op.create_index("ix_channel_observations_dyad_date", "channel_observations",
                    ["dyad", "obs_date"])


def downgrade() -> None:
    op.drop_table("channel_observations")
    op.drop_table("story_dyads")
    op.drop_table("story_events")
    op.drop_table("stories")
    op.drop_table("analysis_state")
