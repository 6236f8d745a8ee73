"""Watching a folder or a feed URL and ingesting what is new.

A folder is listed each round, and a file is read only once it has been left
alone for a while (``settle`` seconds): one that a download or a copy is still
writing would otherwise be stored cut short, and its whole text stored again,
as another document, a round later. A file is read again only once it
changes, so a poll of a large folder costs a stat a file, and a file that
cannot be read is reported once; an article read in an earlier run is
skipped by its fingerprint. A feed is fetched with
conditional GET (ETag / Last-Modified): an unchanged feed answers 304 and
nothing is read at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import InputError, UsageError
from eventwire.ingest.fetch import FETCH_DEADLINE_S, fetch, is_url
from eventwire.ingest.paths import iter_files
from eventwire.ingest.reader import read_fetched
from eventwire.pipeline import IngestReport, ingest, ingest_items
from eventwire.records import InputProblem
from eventwire.store import Store


@dataclass
class Validators:
    """What the last fetch of a feed returned, to send back next time."""

    etag: str | None = None
    modified: str | None = None


#: seconds a file of a watched folder must go unchanged before it is read
SETTLE_S = 5.0
#: a file as a poll found it: (size, modification time in ns)
State = tuple[int, int]
#: the state of a file that could not be looked at (gone, or unreadable)
UNREADABLE: State = (-1, -1)


@dataclass
class Settling:
    """The files of a watched folder that were still changing at the last poll:
    path -> (size, modification time in ns, when first seen so)."""

    changing: dict[str, tuple[int, int, float]] = field(default_factory=dict)

    def sort(self, files: list[Path], settle: float, now: float) -> tuple[dict[Path, State], int]:
        """The files ready to read, each with its state as the poll found it
        (before it is read), and how many are left for a later poll.

        A file is ready when it was last modified ``settle`` seconds ago or
        more, or when it has kept the same size and time for ``settle``
        seconds of polls (a clock ahead of ours, on a network share, stamps
        files in the future).
        """
        ready: dict[Path, State] = {}
        changing = {}
        for path in files:
            try:
                stat = path.stat()
            except OSError:  # gone or unreadable: the reader reports it
                ready[path] = UNREADABLE
                continue
            state = (stat.st_size, stat.st_mtime_ns)
            if stat.st_mtime <= now - settle:
                ready[path] = state
                continue
            size, mtime, since = self.changing.get(str(path), (*state, now))
            if (size, mtime) != state:
                since = now  # written again since the last poll
            if now - since >= settle:
                ready[path] = state
            else:
                changing[str(path)] = (*state, since)
        self.changing = changing  # files deleted meanwhile are forgotten
        return ready, len(changing)


@dataclass
class ReadFiles:
    """The files of a watched folder that polls have read: path -> (size,
    modification time in ns). A file is read again only once it has changed:
    a poll of a folder of a hundred thousand stored files costs a stat of
    each, not reading and fingerprinting them all again, and a file whose
    problem a poll reported is not reported again while it sits unmended."""

    files: dict[str, State] = field(default_factory=dict)
    #: what the last poll's walk of the folder reported (special files, link loops)
    walk_problems: set[str] = field(default_factory=set)

    def changed(self, ready: dict[Path, State]) -> dict[Path, State]:
        """The ``ready`` files (``Settling.sort``: each with its state taken
        before it is read, so that a change while it is being read makes it
        read again at the next poll) less those read already and unchanged since."""
        return {path: state for path, state in ready.items() if self.files.get(str(path)) != state}

    def remember(self, read: dict[Path, State], problems: list[InputProblem]) -> None:
        """Note the files ``changed`` gave as read, in the state they were read
        in; but not those the run failed on (``InputProblem.retry``: the
        database refused a write, a worker died), which the next poll retries."""
        retry = {_file_of(problem.source) for problem in problems if problem.retry}
        self.files.update((str(path), state) for path, state in read.items() if str(path) not in retry)


    def new_problems(self, problems: list[InputProblem]) -> list[InputProblem]:
        """The walk's problems that the last poll did not report: a named pipe
        left in the folder is reported once, not at every poll (and again if
        it comes back after it was gone)."""
        fresh = [problem for problem in problems if str(problem) not in self.walk_problems]
        self.walk_problems = {str(problem) for problem in problems}
        return fresh


def _file_of(source: str) -> str:
    """The file an article's source names: ``path``, or ``path#N`` for an
    entry of a file of many (JSON Lines, a feed)."""
    name, mark, number = source.rpartition("#")
    return name if mark and number.isdigit() else source


def poll_folder(folder: str, store: Store, settling: Settling, read_files: ReadFiles, *, settle: float,
                max_bytes: int, **options: object) -> IngestReport:
    """One poll of a folder: the files that have settled, and are new or
    changed since an earlier poll read them, are ingested."""
    files: list[Path] = []
    problems: list[InputProblem] = []
    for found in iter_files([folder]):
        (problems if isinstance(found, InputProblem) else files).append(found)  # type: ignore[arg-type]
    ready, waiting = settling.sort(files, settle, time.time())
    fresh = read_files.changed(ready)
    report = ingest([str(p) for p in fresh], store, max_bytes=max_bytes,  # type: ignore[arg-type]
                    **options) if fresh else IngestReport()
    read_files.remember(fresh, report.problems)
    report.problems[:0] = read_files.new_problems(problems)
    report.waiting = waiting
    return report


#: the shortest wait between polls: a shorter one re-reads a folder, or asks
#: a feed's server, many times a second, for what a person reading the
#: results could not tell from one poll a second
MIN_INTERVAL_S = 1.0


def check_options(target: str, interval: float, settle: float = SETTLE_S,
                  rounds: int | None = None) -> None:
    """Refuse a watch that cannot run, before anything is opened."""
    if not is_url(target) and not Path(target).is_dir():
        raise UsageError(f"{target!r} is neither a folder nor an http(s) feed URL")
    if not interval >= MIN_INTERVAL_S:  # NaN too
        raise UsageError(f"--interval must be at least {MIN_INTERVAL_S:g} second between polls")
    if not settle >= 0:
        raise UsageError("--settle must be zero or more seconds")
    if rounds is not None and rounds < 1:
        raise UsageError("--rounds must be at least 1 (leave it out to watch until stopped)")


def poll_feed(url: str, store: Store, validators: Validators, *, max_bytes: int,
              fetch_timeout: float = FETCH_DEADLINE_S, **options: object) -> IngestReport:
    """One conditional GET of a feed (within ``fetch_timeout`` seconds); new entries are ingested."""
    try:
        fetched = fetch(url, max_bytes=max_bytes, etag=validators.etag, modified=validators.modified,
                        deadline_s=fetch_timeout)
    except InputError as error:
        report = IngestReport()
        report.problems.append(InputProblem(error.source, error.reason))
        return report
    validators.etag, validators.modified = fetched.etag, fetched.modified
    if fetched.data is None:
        return IngestReport()  # 304: nothing new
    items = read_fetched(fetched, max_bytes, options.get("doc_timeout"))  # type: ignore[arg-type]
    return ingest_items(items, store, **options)  # type: ignore[arg-type]


def watch(target: str, store: Store, *, interval: float = 60, rounds: int | None = None,
          max_bytes: int = 10_000_000, settle: float = SETTLE_S,
          sleep: Callable[[float], None] = time.sleep, **options: object) -> Iterator[IngestReport]:
    """Poll ``target`` every ``interval`` seconds; yield each round's report.

    A folder's files are read once unchanged for ``settle`` seconds, and
    read again only once they change.
    """
    check_options(target, interval, settle, rounds)
    validators = Validators()
    settling, read_files = Settling(), ReadFiles()
    done = 0
    while rounds is None or done < rounds:
        if done:
            sleep(interval)
        if is_url(target):
            yield poll_feed(target, store, validators, max_bytes=max_bytes, **options)
        else:
            yield poll_folder(target, store, settling, read_files, settle=settle, max_bytes=max_bytes,
                              **options)
        done += 1
