"""Stories and channel observations kept in the store, rebuilt when its content changes.

Why a cache rather than computing on every request: statements are found by
parsing text (spaCy), and the dashboard and CLI ask for the same dyads again
and again; tables also let SQL users query stories and channels directly.  Why
a full rebuild rather than an incremental one: a new report can merge stories
that were apart, so stories are a property of the whole store.  The rebuild
runs when the store's fingerprint (documents, events, reviews, catalogue,
analysis version) differs from the one saved with the last rebuild.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import date
from itertools import combinations
from typing import Any

import pandas as pd
import sqlalchemy as sa

from eventwire.analysis.catalogue import Catalogue, dyad_key, load_catalogue
from eventwire.analysis.channels import observe
from eventwire.analysis.observations import ChannelEvidence, ChannelObservation
from eventwire.analysis.stories import Story, build_stories
from eventwire.errors import StoreError
from eventwire.store import Store
from eventwire.store import schema

log = logging.getLogger(__name__)

ANALYSIS_VERSION = "1"  # bump when stories or observations are computed differently
_FINGERPRINT = "fingerprint"


def fingerprint(store: Store, catalogue: Catalogue) -> str:
    """A digest of what the analysis depends on; cheap to compute (aggregates only)."""
    d, e = schema.documents, schema.events
    parts: list[Any] = [ANALYSIS_VERSION, catalogue.fingerprint]
    queries = [sa.select(sa.func.count(), sa.func.max(d.c.stored_at)),
               sa.select(sa.func.count(), sa.func.min(e.c.id), sa.func.max(e.c.id))]
    review_log = getattr(schema, "review_log", None)
    if review_log is not None:
        queries.append(sa.select(sa.func.count()).select_from(review_log))
    with _connect(store) as conn:
        for query in queries:
            parts.extend(conn.execute(query).one())
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()


class _connect:
    """A read connection whose database errors become ``StoreError``."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn: sa.Connection | None = None

    def __enter__(self) -> sa.Connection:
        try:
            self._conn = self._store.engine.connect()
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"cannot read {self._store!r}: {exc}") from exc
        return self._conn

    def __exit__(self, *exc: object) -> None:
        assert self._conn is not None
        self._conn.close()


def saved_fingerprint(store: Store) -> str | None:
    table = schema.analysis_state
    with _connect(store) as conn:
        return conn.execute(sa.select(table.c.value)
                            .where(table.c.name == _FINGERPRINT)).scalar_one_or_none()


def compute(store: Store, catalogue: Catalogue) -> tuple[list[Story], list[ChannelObservation]]:
    """Stories and channel observations of everything stored (no writing)."""
    stories = build_stories(store.events())
    observations = observe(stories, store.documents(), catalogue)
    return stories, observations


def refresh(store: Store, *, catalogue: Catalogue | None = None, force: bool = False) -> bool:
    """Rebuild the stories and channel tables if the store changed; True when rebuilt."""
    catalogue = catalogue or load_catalogue()
    stamp = fingerprint(store, catalogue)
    if not force and saved_fingerprint(store) == stamp:
        return False
    stories, observations = compute(store, catalogue)
    try:
        with store.engine.connect() as conn:
            conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                _write(conn, stories, observations, stamp)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"cannot save the analysis to {store!r}: {exc}") from exc
    log.info("analysis rebuilt: %d stories, %d channel observations", len(stories),
             len(observations))
    return True


def _write(conn: sa.Connection, stories: Sequence[Story],
           observations: Sequence[ChannelObservation], stamp: str) -> None:
    for table in (schema.channel_observations, schema.story_dyads, schema.story_events,
                  schema.stories, schema.analysis_state):
        conn.execute(table.delete())
    if stories:
        conn.execute(schema.stories.insert(), [_story_row(s) for s in stories])
        conn.execute(schema.story_events.insert(),
                     [{"story_id": s.id, "event_id": e.id} for s in stories for e in s.events])
        dyads = [{"story_id": s.id, "dyad": dyad_key(a, b)}
                 for s in stories for a, b in combinations(sorted(s.codes), 2)]
        if dyads:
            conn.execute(schema.story_dyads.insert(), dyads)
    if observations:
        conn.execute(schema.channel_observations.insert(),
                     [_observation_row(o) for o in observations])
    conn.execute(schema.analysis_state.insert(), {"name": _FINGERPRINT, "value": stamp})


def _story_row(story: Story) -> dict[str, Any]:
    return {"id": story.id, "category": story.category, "codes": sorted(story.codes),
            "story_date": story.date, "date_end": story.date_end,
            "date_precision": story.date_precision, "mode": story.mode,
            "medium": story.medium, "location": story.location, "future": story.future,
            "intensity": story.intensity, "mentions": story.mentions,
            "sources": story.sources, "sentence": story.events[0].evidence.sentence.strip()}


def _observation_row(obs: ChannelObservation) -> dict[str, Any]:
    return {"id": obs.id, "channel": obs.channel, "dyad": obs.dyad, "status": obs.status,
            "obs_date": obs.date, "date_end": obs.date_end,
            "date_precision": obs.date_precision, "level": obs.level, "medium": obs.medium,
            "source": obs.source, "link": obs.link, "story_id": obs.story_id,
            "evidence": [e.to_dict() for e in obs.evidence]}


def _observation(row: sa.RowMapping) -> ChannelObservation:
    return ChannelObservation(
        id=row["id"], channel=row["channel"], dyad=row["dyad"], status=row["status"],
        date=row["obs_date"], date_end=row["date_end"], date_precision=row["date_precision"],
        level=row["level"], medium=row["medium"], source=row["source"], link=row["link"],
        evidence=[ChannelEvidence(**e) for e in row["evidence"]], story_id=row["story_id"])


def load_observations(store: Store, dyad: str, since: date | None = None) -> list[ChannelObservation]:
    """The saved observations of a pair, by date (those ending before ``since`` left out)."""
    table = schema.channel_observations
    query = sa.select(table).where(table.c.dyad == dyad)
    if since is not None:
        last = sa.func.coalesce(table.c.date_end, table.c.obs_date)
        query = query.where(last >= since)
    query = query.order_by(table.c.obs_date.is_(None), table.c.obs_date, table.c.channel,
                           table.c.id)
    with _connect(store) as conn:
        return [_observation(r) for r in conn.execute(query).mappings()]


STORY_COLUMNS = ("id", "category", "codes", "story_date", "date_end", "date_precision",
                 "mode", "medium", "location", "future", "intensity", "mentions", "sources",
                 "sentence")


def load_stories(store: Store, dyad: str | None = None, *, since: date | None = None,
                 until: date | None = None) -> pd.DataFrame:
    """The saved stories (of a pair) as a DataFrame, one row per story, by date."""
    table = schema.stories
    query = sa.select(table)
    if dyad is not None:
        query = query.where(table.c.id.in_(
            sa.select(schema.story_dyads.c.story_id).where(schema.story_dyads.c.dyad == dyad)))
    if since is not None:
        query = query.where(table.c.story_date >= since)
    if until is not None:
        query = query.where(table.c.story_date <= until)
    query = query.order_by(table.c.story_date.is_(None), table.c.story_date, table.c.id)  # undated last
    with _connect(store) as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
    return pd.DataFrame(rows, columns=list(STORY_COLUMNS))
