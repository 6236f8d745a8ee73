"""Cutting a stream of items into chunks, and keeping a bounded number in flight."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from eventwire.engine.work import Result

#: Articles a task codes, at most, on the process pool: a chunk of 16 costs
#: the caller and the workers half the messages of two chunks of 8, and gives
#: the parser larger batches; ``tapered_chunks`` keeps the end of a run from
#: waiting on one worker's last large chunk. Ingesting x5 on two workers
#: (3 runs each, taking turns): 8.0-8.2 s and 583 MB at the peak, against
#: 8.0-8.7 s and 576 MB in chunks of 8 and 8.0-8.2 s and 599 MB in chunks of
#: 32; at x10, chunks of 32 peaked at 604-608 MB against 583-586 MB.
CHUNK_SIZE = 16
#: ... and on Dask, where a task's messages cost more (the scheduler's round
#: trips, and the network on a cluster of the user's own). Against chunks of
#: 16: x5 on two local workers took 8.5-8.7 s against 8.7-8.9 s (3 runs
#: each); against chunks of 8, the caller's IO loop spent 0.22-0.23 s of CPU
#: against 0.47-0.50 s.
DASK_CHUNK_SIZE = 32


#: How far chunks shrink as the input ends: to a sixteenth of their size
#: (two articles a Dask task, one a pool task). Shrinking to a quarter, the
#: last Dask chunk (8 articles, a quarter of a second) left the other worker
#: idle for 0.06-0.2 s at the end of an x5 ingest on two workers; now they
#: finish within 0.05 s of each other (Dask's task stream, 3 runs). With
#: ``windowed`` counting items, two Dask workers made 1.74x one at x5
#: (fastest of 10 turns; 1.72x the median turn), against 1.69x before; two
#: more runs of 10 turns made 1.68x and, in a contended hour, 1.59x
#: (README). The pool's x5 took 8.0-8.5 s against 8.1-8.8 s (4 runs each,
#: taking turns).
TAPER = 16


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def tapered_chunks(items: Iterable[Any], size: int, workers: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items, then smaller ones (down to ``size // TAPER``)
    as the input ends, so that the workers finish together.

    The input is read two chunks a worker ahead, to see its end coming;
    from there each chunk takes a ``2 * workers``-th of what is left
    (guided self-scheduling): a large last chunk would leave the other
    workers idle while one worker codes it alone.
    """
    iterator = iter(items)
    ahead = 2 * workers * size + size
    buffer: deque[Any] = deque(islice(iterator, ahead))
    smallest = max(1, size // TAPER)
    while buffer:
        ended = len(buffer) < ahead
        share = min(size, max(smallest, -(-len(buffer) // (2 * workers)))) if ended else size
        yield [buffer.popleft() for _ in range(min(share, len(buffer)))]
        if not ended:
            buffer.extend(islice(iterator, ahead - len(buffer)))


def windowed(submit: Any, work_chunks: Iterable[list[Any]], window: int,
             result: Any) -> Iterator[Result]:
    """Submit chunks keeping at most ``window`` items in flight; yield results in order.

    The window counts items, not chunks, so that the small chunks at the
    end of an input are all in flight at once: counted as chunks, a worker
    done with its small ones waited on the oldest, larger chunk before it
    was given another.

    ``result(chunk, future, pending)`` gives a chunk's results; ``pending``
    holds the (chunk, future) pairs still in flight after it, which a result
    may take over (emptying it) when their futures are lost with its own.
    """
    pending: deque[tuple[list[Any], Any]] = deque()
    for chunk in work_chunks:
        pending.append((chunk, submit(chunk)))
        while pending and sum(len(c) for c, _ in pending) >= window:
            yield from result(*pending.popleft(), pending)
    while pending:
        yield from result(*pending.popleft(), pending)
