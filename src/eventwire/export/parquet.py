"""Events as a Parquet file (pyarrow), written in row groups so memory stays flat."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, BinaryIO

from eventwire.export.columns import COLUMNS, flat_row
from eventwire.records import Event

#: rows per Parquet row group
BATCH = 10_000
_BOOLS = ("negated", "hypothetical", "future", "historical")
_FLOATS = ("intensity", "confidence")
_DATES = ("date", "date_end")


def arrow_schema() -> Any:
    """The Parquet schema: the CSV columns with real dates, booleans and numbers."""
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name in _DATES:
            return pa.date32()
        if name in _BOOLS:
            return pa.bool_()
        if name in _FLOATS:
            return pa.float64()
        if name == "sentence_index":
            return pa.int32()
        return pa.string()

    return pa.schema([pa.field(name, kind(name)) for name in COLUMNS])


def typed_row(event: Event) -> dict[str, Any]:
    """``flat_row`` with dates as dates (None when unknown) instead of ISO strings."""
    row = flat_row(event)
    row["date"], row["date_end"] = event.date, event.date_end
    return row


def _batches(events: Iterable[Event]) -> Iterator[list[dict[str, Any]]]:
    it = iter(events)
    while batch := [typed_row(e) for e in islice(it, BATCH)]:
        yield batch


def write_parquet(events: Iterable[Event], out: BinaryIO) -> int:
    """Write ``events`` to a binary file object as Parquet; return how many."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _batches(events):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:  # a valid file with the columns and no rows
            writer.write_table(schema.empty_table())
    return n
