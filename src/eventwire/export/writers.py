"""Write events as CSV, JSON Lines or a PLOVER JSON array, one event at a time."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import TextIO

from eventwire.errors import UsageError
from eventwire.export.columns import COLUMNS, flat_row
from eventwire.records import Event

FORMATS: tuple[str, ...] = ("csv", "jsonl", "plover")


def write_csv(events: Iterable[Event], out: TextIO) -> int:
    """A header and one flat row per event."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(flat_row(event))
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


def write_events(events: Iterable[Event], fmt: str, out: TextIO) -> int:
    """Write ``events`` to ``out`` in format ``fmt``; return how many were written."""
    writer = _WRITERS.get(fmt.strip().lower())
    if writer is None:
        raise UsageError(f"unknown export format {fmt!r}; choose one of: "
                         f"{', '.join(FORMATS)}")
    return writer(events, out)
