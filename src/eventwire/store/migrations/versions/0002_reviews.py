"""Reviews: event_reviews and review_log; event_pairs and event dates on event_actors
for fast country-pair and date-range queries.

Revision ID: 0002
Revises: 0001
Create Date: 2024-06-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("event_actors", sa.Column("event_date", sa.Date))
    actors = sa.table("event_actors", sa.column("event_id"), sa.column("event_date"))
    events = sa.table("events", sa.column("id"), sa.column("event_date"))
    op.execute(actors.update().values(event_date=sa.select(events.c.event_date)
                                      .where(events.c.id == actors.c.event_id)
                                      .scalar_subquery()))
    op.create_index("ix_event_actors_side_code_date", "event_actors",
                    ["side", "code", "event_date", "event_id"])

    op.create_table(
        "event_pairs",
        sa.Column("event_id", sa.String(128),
                  sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("actor_code", sa.String(32), primary_key=True),
        sa.Column("recipient_code", sa.String(32), primary_key=True),
        sa.Column("event_date", sa.Date),
    )
    _fill_pairs()
    op.create_index("ix_event_pairs_pair_date", "event_pairs",
                    ["actor_code", "recipient_code", "event_date", "event_id"])

    op.create_table(
        "event_reviews",
        sa.Column("event_id", sa.String(128),
                  sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("reviewed_at", sa.DateTime, nullable=False),
        sa.Column("machine", sa.JSON, nullable=False),
    )
    op.create_index("ix_event_reviews_status", "event_reviews", ["status"])

    op.create_table(
        "review_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(128), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("reviewer", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("before", sa.JSON, nullable=False),
        sa.Column("after", sa.JSON, nullable=False),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_review_log_event_id", "review_log", ["event_id"])


def _fill_pairs(batch: int = 20_000) -> None:
    """One event_pairs row per (actor code, recipient code) of each stored event.

    Read in event order and written in batches: a self-join of event_actors in SQL
    may be planned as a scan per row on SQLite.
    """
    sides = sa.table("event_actors", sa.column("event_id"), sa.column("side"),
                     sa.column("code"), sa.column("event_date"))
    pairs = sa.table("event_pairs", sa.column("event_id"), sa.column("actor_code"),
                     sa.column("recipient_code"), sa.column("event_date"))
    conn = op.get_bind()
    query = sa.select(sides.c.event_id, sides.c.side, sides.c.code,
                      sides.c.event_date).order_by(sides.c.event_id)
    pending: list[dict[str, object]] = []
    current: str | None = None
    actors: dict[str, None] = {}
    recipients: dict[str, None] = {}
    day = None

    def close_event() -> None:
        pending.extend({"event_id": current, "actor_code": a, "recipient_code": r,
                        "event_date": day} for a in actors for r in recipients)

    for event_id, side, code, event_date in conn.execute(query):
        if event_id != current:
            close_event()
            current, actors, recipients, day = event_id, {}, {}, event_date
            if len(pending) >= batch:
                conn.execute(pairs.insert(), pending)
                pending.clear()
        (actors if side == "actor" else recipients)[code] = None
    close_event()
    if pending:
        conn.execute(pairs.insert(), pending)


def downgrade() -> None:
    op.drop_table("review_log")
    op.drop_table("event_reviews")
    op.drop_table("event_pairs")
    op.drop_index("ix_event_actors_side_code_date", table_name="event_actors")
    with op.batch_alter_table("event_actors") as batch:
        batch.drop_column("event_date")
