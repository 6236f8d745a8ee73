"""Engines: where ``process_chunk`` runs — here, in a process pool, or on Dask.

Every engine yields results in input order and keeps only a bounded number
of articles in flight, so memory stays flat however long the input stream is,
and the stored (and exported) results are the same whichever engine ran.
The pool is in ``engine.pool``, Dask in ``engine.cluster``, the fork server
their workers come from in ``engine.forkserver``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.engine.chunking import CHUNK_SIZE, DASK_CHUNK_SIZE, chunks
from eventwire.engine.cluster import check_scheduler, run_dask
from eventwire.engine.forkserver import default_workers
from eventwire.engine.pool import run_process_pool
from eventwire.engine.work import Result, Work, process_chunk
from eventwire.errors import UsageError

ENGINES = ("local", "process", "dask")


def check_options(engine: str, workers: int | None = None, scheduler: str | None = None,
                  chunk_size: int | None = None) -> None:
    """Refuse engine options that cannot run: the command line checks them
    before it opens the database or reads an input."""
    if engine not in ENGINES:
        raise UsageError(f"--engine {engine!r} is not one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise UsageError("--workers must be at least 1")
    if chunk_size is not None and chunk_size < 1:
        raise UsageError("the chunk size must be at least 1")
    if scheduler:
        if engine != "dask":
            raise UsageError("--scheduler only applies to --engine dask")
        check_scheduler(scheduler)


def run_local(items: Iterable[Any], chunk_size: int, work: Work) -> Iterator[Result]:
    for chunk in chunks(items, chunk_size):
        yield from work(chunk)


def run(items: Iterable[Any], *, engine: str = "process", workers: int | None = None,
        chunk_size: int | None = None, scheduler: str | None = None,
        work: Work = process_chunk, stall_s: float | None = None) -> Iterator[Result]:
    """Run ``work`` (by default: normalise and code raw articles) over ``items``
    on the chosen engine, results in input order, in chunks of ``chunk_size``
    items at most (by default the engine's: ``CHUNK_SIZE``, ``DASK_CHUNK_SIZE``).
    On the process pool, a chunk waited on ``stall_s`` seconds an item (and
    one more) is stuck where no time bound reaches: its workers are stopped."""
    check_options(engine, workers, scheduler, chunk_size)
    count = workers or default_workers()
    chunk_size = chunk_size or (DASK_CHUNK_SIZE if engine == "dask" else CHUNK_SIZE)
    if engine == "dask":
        return run_dask(items, count, chunk_size, work, scheduler)
    if engine == "local" or count == 1:
        return run_local(items, chunk_size, work)
    return run_process_pool(items, count, chunk_size, work, stall_s)
