"""The tables of the event store, as SQLAlchemy Core metadata.

Core rather than the ORM: the pipeline's records are plain dataclasses that
pickle to workers, so the store maps them to rows itself instead of keeping a
second, ORM-mapped class per record (and an identity map) in step with them.
Only portable types are used so that the same schema runs on SQLite and
PostgreSQL.  The Alembic revisions in ``migrations/`` create these tables; a
test checks that the two agree.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("date_source", sa.String(32), nullable=False),
    sa.Column("published_earliest", sa.Date),
    sa.Column("published_latest", sa.Date),
    sa.Column("date_note", sa.Text),
    sa.Column("dateline_place", sa.Text),
    sa.Column("dateline_date", sa.Date),
    sa.Column("agency", sa.Text),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("near_dup_signature", sa.JSON),
    sa.Column("duplicate_of", sa.String(128), index=True),
    sa.Column("stored_at", sa.DateTime, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    sa.Column("doc_id", sa.String(128),
              sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("seq", sa.Integer, nullable=False),  # order within the document
    sa.Column("category", sa.String(32), nullable=False, index=True),
    sa.Column("mode", sa.String(64)),
    sa.Column("medium", sa.String(32)),
    sa.Column("context", sa.JSON, nullable=False),
    sa.Column("actor", sa.JSON, nullable=False),
    sa.Column("recipient", sa.JSON, nullable=False),
    sa.Column("actor_code", sa.String(32), index=True),  # first actor's code
    sa.Column("recipient_code", sa.String(32), index=True),  # first recipient's code
    sa.Column("event_date", sa.Date, index=True),
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
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
)

# One row per actor or recipient of an event, so that "any actor is CHN" is an
# indexed lookup instead of a scan of the JSON lists.
event_actors = sa.Table(
    "event_actors",
    metadata,
    sa.Column("event_id", sa.String(128),
              sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("side", sa.String(16), primary_key=True),  # actor | recipient
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("code", sa.String(32), nullable=False),
    sa.Column("sector", sa.String(32)),
    # a copy of the event's date: "CHN acted between these dates" is one index range
    sa.Column("event_date", sa.Date),
    sa.Index("ix_event_actors_side_code_sector", "side", "code", "sector"),
    sa.Index("ix_event_actors_side_code_date", "side", "code", "event_date", "event_id"),
)

# One row per (actor code, recipient code) an event joins, with its date: "CHN to
# USA between these dates" reads only the matching rows of one index range
# instead of every event where CHN acts.
event_pairs = sa.Table(
    "event_pairs",
    metadata,
    sa.Column("event_id", sa.String(128),
              sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("actor_code", sa.String(32), primary_key=True),
    sa.Column("recipient_code", sa.String(32), primary_key=True),
    sa.Column("event_date", sa.Date),
    sa.Index("ix_event_pairs_pair_date", "actor_code", "recipient_code", "event_date",
             "event_id"),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(128),
              sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("speaker", sa.JSON),
    sa.Column("speaker_code", sa.String(32), index=True),
    sa.Column("speaker_name", sa.Text),
    sa.Column("speaker_text", sa.Text, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("sentence_index", sa.Integer, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("trigger", sa.Text, nullable=False),
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("rule", sa.Text, nullable=False),
)

band_keys = sa.Table(
    "band_keys",
    metadata,
    sa.Column("band_key", sa.String(255), primary_key=True),
    sa.Column("doc_id", sa.String(128),
              sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True,
              index=True),
)

# The review state of an event an analyst has looked at. Corrections are written
# into ``events`` itself (so every filter and index sees them); ``machine`` keeps
# the event as the coder made it, and re-coding never replaces a reviewed event.
event_reviews = sa.Table(
    "event_reviews",
    metadata,
    sa.Column("event_id", sa.String(128),
              sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("status", sa.String(16), nullable=False),  # accepted | corrected | rejected
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("reviewed_at", sa.DateTime, nullable=False),
    sa.Column("machine", sa.JSON, nullable=False),
    sa.Index("ix_event_reviews_status", "status"),
)

# Every review action, never updated or deleted: who did what, when, before and after.
review_log = sa.Table(
    "review_log",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(128), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("before", sa.JSON, nullable=False),
    sa.Column("after", sa.JSON, nullable=False),
    sa.Column("note", sa.Text),
    sa.Index("ix_review_log_event_id", "event_id"),
)

# --- analysis (issue 6): stories and channel observations, derived from the tables
# above by ``eventwire.analysis.cache.refresh`` and rebuilt whenever they change.

analysis_state = sa.Table(
    "analysis_state",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("codes", sa.JSON, nullable=False),
    sa.Column("story_date", sa.Date, index=True),
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

story_events = sa.Table(
    "story_events",
    metadata,
    sa.Column("story_id", sa.String(64),
              sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("event_id", sa.String(128),
              sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_story_events_event_id", "event_id"),
)

# one row per (story, pair): "stories of CHN-USA" is an indexed lookup
story_dyads = sa.Table(
    "story_dyads",
    metadata,
    sa.Column("story_id", sa.String(64),
              sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("dyad", sa.String(32), primary_key=True),
    sa.Index("ix_story_dyads_dyad", "dyad"),
)

channel_observations = sa.Table(
    "channel_observations",
    metadata,
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
    sa.Index("ix_channel_observations_dyad_date", "dyad", "obs_date"),
)
