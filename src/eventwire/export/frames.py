"""Events from a store as files and as a pandas DataFrame."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import UsageError
from eventwire.export.parquet import arrow_schema, typed_row
from eventwire.export.writers import EXPORT_FORMATS, write_events
from eventwire.records import Event
from eventwire.store import Store, open_store

if TYPE_CHECKING:
    import pandas as pd

#: events read from the store per query while exporting
PAGE = 10_000


def iter_events(store: Store, *, page: int = PAGE, limit: int | None = None,
                offset: int = 0, **filters: Any) -> Iterator[Event]:
    """What ``store.events(limit=..., offset=..., **filters)`` returns, read a page
    at a time so that memory stays flat."""
    left = limit
    while left is None or left > 0:
        size = page if left is None else min(page, left)
        batch = store.events(limit=size, offset=offset, **filters)
        yield from batch
        if len(batch) < size:
            return
        offset += size
        left = None if left is None else left - size


def export_to_path(store: Store, fmt: str, path: Path, **filters: Any) -> int:
    """Write the filtered events to ``path`` in ``fmt``; return how many."""
    name = fmt.strip().lower()
    if name not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of: "
                         f"{', '.join(EXPORT_FORMATS)}")
    events = iter_events(store, **filters)
    if name == "parquet":
        with path.open("wb") as out:
            return write_events(events, name, out)
    with path.open("w", encoding="utf-8", newline="") as text:
        return write_events(events, name, text)


def events_frame(events: list[Event]) -> pd.DataFrame:
    """Events as a DataFrame with the export columns (dates as datetime64)."""
    import pandas as pd

    schema = arrow_schema()
    frame = pd.DataFrame([typed_row(e) for e in events], columns=schema.names)
    for column in ("date", "date_end"):
        frame[column] = pd.to_datetime(frame[column])
    for column in ("negated", "hypothetical", "future", "historical"):
        frame[column] = frame[column].astype(bool)
    frame["sentence_index"] = frame["sentence_index"].astype("int64")
    return frame


def read_events(db: str | Store | None = None, **filters: Any) -> pd.DataFrame:
    """The events of a store (a ``Store``, a URL or a SQLite path) as a DataFrame;
    ``filters`` are those of ``Store.events`` (actor, recipient, category, since...)."""
    if isinstance(db, Store):
        return events_frame(list(iter_events(db, **filters)))
    with open_store(db, create=False) as store:  # a mistyped path is an error, not an empty frame
        return events_frame(list(iter_events(store, **filters)))
