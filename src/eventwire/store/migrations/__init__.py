"""Alembic migrations of the event store (run by ``eventwire.store.migrate``)."""
