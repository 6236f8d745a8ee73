"""A database written before reviews existed is upgraded: dates on event_actors and
the pairs index are filled in from the stored events."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command

from eventwire.store import open_store
from eventwire.store.migrate import alembic_config
from eventwire.store.schema import event_actors, event_pairs, events


def test_upgrade_from_the_first_schema_fills_pairs_and_dates(db_copy: Path) -> None:
    with open_store(str(db_copy)) as store:
        before = {(e.id, e.category) for e in store.events(actor="CHN", recipient="USA")}
        with store.engine.connect() as conn:
            expected = set(conn.execute(sa.select(event_pairs.c.event_id,
                                                  event_pairs.c.actor_code,
                                                  event_pairs.c.recipient_code)))
        config = alembic_config()
        with store.engine.connect() as conn, conn.begin():
            config.attributes["connection"] = conn
            command.downgrade(config, "0001")
        with store.engine.connect() as conn:
            names = set(sa.inspect(conn).get_table_names())
            assert "event_pairs" not in names and "event_reviews" not in names
    assert len(before) > 3 and len(expected) > 20
    with open_store(str(db_copy)) as store:  # migrates back to the newest schema
        with store.engine.connect() as conn:
            pairs = set(conn.execute(sa.select(event_pairs.c.event_id,
                                               event_pairs.c.actor_code,
                                               event_pairs.c.recipient_code)))
            # every actor row carries its event's date again
            mismatched = conn.execute(
                sa.select(sa.func.count()).select_from(event_actors)
                .join(events, events.c.id == event_actors.c.event_id)
                .where(sa.or_(events.c.event_date != event_actors.c.event_date,
                              sa.and_(events.c.event_date.is_not(None),
                                      event_actors.c.event_date.is_(None))))).scalar_one()
        assert pairs == expected
        assert mismatched == 0
        assert {(e.id, e.category) for e in store.events(actor="CHN", recipient="USA")} == before
