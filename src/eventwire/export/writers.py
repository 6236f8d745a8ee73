"""Write events as CSV, JSON Lines, a PLOVER JSON array or Parquet, one event at a time."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import BinaryIO, TextIO

from eventwire.errors import UsageError
from eventwire.export.columns import COLUMNS, flat_row, safe_row
from eventwire.records import Event

#: text formats
FORMATS: tuple[str, ...] = ("csv", "jsonl", "plover")
#: every format ``write_events`` writes (Parquet needs a binary file)
EXPORT_FORMATS: tuple[str, ...] = (*FORMATS, "parquet")


def write_csv(events: Iterable[Event], out: TextIO) -> int:
    """A header and one flat row per event; text that a spreadsheet would run
    as a formula (a sentence quoting "=HYPERLINK(...)") starts with a ``'``."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    # Python's csv quotes a field holding the line terminator ("\n"), not one
    # holding a lone carriage return, which readers take for the end of a row
    quoted = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    n = 0
    for event in events:
        row = safe_row(flat_row(event))
        carriage = any(isinstance(v, str) and "\r" in v for v in row.values())
        (quoted if carriage else writer).writerow(row)
        n += 1
    return n


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """``Event.to_dict()`` as one JSON object per line."""
    n = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def write_plover(events: Iterable[Event], out: TextIO) -> int:
    """A JSON array of ``Event.to_plover()``, written element by element."""
    n = 0
    out.write("[")
    for event in events:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(event.to_plover(), ensure_ascii=False))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


_WRITERS: dict[str, Callable[[Iterable[Event], TextIO], int]] = {
    "csv": write_csv, "jsonl": write_jsonl, "plover": write_plover,
}


def write_events(events: Iterable[Event], fmt: str, out: TextIO | BinaryIO) -> int:
    """Write ``events`` to ``out`` in format ``fmt``; return how many were written.

    Text formats need a text file; Parquet a binary one (or a text file with a
    binary ``buffer``, such as ``sys.stdout``).
    """
    name = fmt.strip().lower()
    if name == "parquet":
        from eventwire.export.parquet import write_parquet
        return write_parquet(events, _binary(out))
    writer = _WRITERS.get(name)
    if writer is None:
        raise UsageError(f"unknown export format {fmt!r}; choose one of: "
                         f"{', '.join(EXPORT_FORMATS)}")
    if not isinstance(out, io.TextIOBase) and isinstance(out, (io.RawIOBase, io.BufferedIOBase)):
        raise UsageError(f"{name} is a text format: open the file in text mode")
    return writer(events, out)  # type: ignore[arg-type]


def _binary(out: TextIO | BinaryIO) -> BinaryIO:
    if isinstance(out, io.TextIOBase):
        buffer = getattr(out, "buffer", None)
        if buffer is None:
            raise UsageError("parquet is a binary format: write it to a file opened in "
                             "binary mode ('wb') or to a path")
        out.flush()
        return buffer
    return out  # type: ignore[return-value]
