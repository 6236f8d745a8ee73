"""Watching a folder or a feed URL and ingesting what is new.

A folder is re-read each round; inputs already read are skipped by their
fingerprint, so only new files cost anything. A feed is fetched with
conditional GET (ETag / Last-Modified): an unchanged feed answers 304 and
nothing is read at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eventwire.errors import InputError, UsageError
from eventwire.ingest.fetch import fetch, is_url
from eventwire.ingest.reader import read_fetched
from eventwire.pipeline import IngestReport, ingest, ingest_items
from eventwire.records import InputProblem
from eventwire.store import Store


@dataclass
class Validators:
    """What the last fetch of a feed returned, to send back next time."""

    etag: str | None = None
    modified: str | None = None


def check_target(target: str) -> None:
    if not is_url(target) and not Path(target).is_dir():
        raise UsageError(f"{target!r} is neither a folder nor an http(s) feed URL")


def poll_feed(url: str, store: Store, validators: Validators, *, max_bytes: int,
              **options: object) -> IngestReport:
    """One conditional GET of a feed; new entries are ingested."""
    try:
        fetched = fetch(url, max_bytes=max_bytes, etag=validators.etag, modified=validators.modified)
    except InputError as error:
        report = IngestReport()
        report.problems.append(InputProblem(error.source, error.reason))
        return report
    validators.etag, validators.modified = fetched.etag, fetched.modified
    if fetched.data is None:
        return IngestReport()  # 304: nothing new
    return ingest_items(read_fetched(fetched, max_bytes), store, **options)  # type: ignore[arg-type]


def watch(target: str, store: Store, *, interval: float = 60, rounds: int | None = None,
          max_bytes: int = 10_000_000, sleep: Callable[[float], None] = time.sleep,
          **options: object) -> Iterator[IngestReport]:
    """Poll ``target`` every ``interval`` seconds; yield each round's report."""
    check_target(target)
    if interval < 0:
        raise UsageError("--interval must be zero or more seconds")
    validators = Validators()
    done = 0
    while rounds is None or done < rounds:
        if done:
            sleep(interval)
        if is_url(target):
            yield poll_feed(target, store, validators, max_bytes=max_bytes, **options)
        else:
            yield ingest([target], store, max_bytes=max_bytes, **options)  # type: ignore[arg-type]
        done += 1
