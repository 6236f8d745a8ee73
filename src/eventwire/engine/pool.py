"""The process pool: workers forked from the fork server, renewed when one dies."""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from eventwire.engine.chunking import tapered_chunks, windowed
from eventwire.engine.forkserver import adopt, caller_settings, fork_server
from eventwire.engine.work import Result, Work, worker_died
from eventwire.gcpause import resume

log = logging.getLogger(__name__)


def _init_worker(main: int, settings: dict[str, str]) -> None:
    """Pool worker initializer: take the caller's settings and leave Ctrl-C
    to the caller; then exit once the caller is gone (killed), instead of
    waiting forever on a queue the other workers still hold open.

    Ctrl-C on a terminal signals the workers too. The caller stops the run:
    it cancels the chunks not started and waits for those being coded (a
    chunk is half a second). A worker interrupted while it waited for its
    next chunk printed a traceback on the terminal, as a Dask worker would
    (which ignores it the same way, ``engine.daskworker``).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    adopt(settings)
    parent = os.getppid()  # the fork server, or the caller itself

    def watch() -> None:
        while os.getppid() == parent and _alive(main):
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="eventwire-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):  # gone, or its pid is someone else's now
        return False
    return True


class _RenewingPool:
    """A process pool that starts afresh when one of its workers dies.

    A worker that dies (a crash in a native library, the kernel's
    out-of-memory killer) breaks the whole pool: every chunk in flight fails.
    Those chunks are coded again an article at a time in a fresh pool, so the
    article a worker dies on is found, reported and skipped, and the run goes
    on with the others.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=fork_server(),
                                   initializer=_init_worker, initargs=(os.getpid(), caller_settings()))

    def submit(self, work: Work, chunk: list[Any]) -> Future[list[Result]] | None:
        """The chunk's future; None when the pool is broken already."""
        try:
            return self.pool.submit(work, chunk)
        except BrokenProcessPool:
            return None

    def renew(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._start()

    def result(self, chunk: list[Any], future: Future[list[Result]] | None,
               pending: deque[tuple[list[Any], Future[list[Result]] | None]], work: Work) -> list[Result]:
        """The results of ``chunk``; after a worker's death, those of every chunk
        in flight too (``pending`` is emptied), coded an article at a time."""
        results = _unless_broken(future)
        if results is not None:
            return results
        redo = chunk + [item for lost, _ in pending for item in lost]
        pending.clear()
        log.warning("a worker process died; coding the %d articles in flight one at a time", len(redo))
        self.renew()
        return [result for item in redo for result in self._alone(work, item)]

    def _alone(self, work: Work, item: Any) -> list[Result]:
        results = _unless_broken(self.submit(work, [item]))
        if results is None:
            self.renew()
            return [worker_died(item)]
        return results

    def close(self) -> None:
        """Shut the pool down, however often Ctrl-C is pressed meanwhile.

        A second Ctrl-C used to land inside the shutdown and cut it short:
        the pool's queues and locks were never released, and the resource
        tracker warned of "5 leaked semaphore objects". Now a Ctrl-C during
        the shutdown stops the workers at once instead (the chunks they were
        coding are lost, their articles read again by the next run), and
        the shutdown ends as it should; the interrupt is raised after it.
        """
        with _interrupts_held(self._stop_workers) as pressed:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if pressed:
            raise KeyboardInterrupt

    def _stop_workers(self) -> None:
        processes = getattr(self.pool, "_processes", None) or {}
        for process in list(processes.values()):
            if process.is_alive():
                process.terminate()


@contextmanager
def _interrupts_held(on_interrupt: Callable[[], None]) -> Iterator[list[int]]:
    """Run the block with Ctrl-C calling ``on_interrupt`` instead of raising;
    yields the list of the interrupts pressed meanwhile. Only the main thread
    receives signals: elsewhere the block runs as it is."""
    pressed: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return

    def interrupted(signum: int, _frame: object) -> None:
        pressed.append(signum)
        on_interrupt()

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


def _unless_broken(future: Future[list[Result]] | None) -> list[Result] | None:
    """The future's results; None when a worker's death broke the pool."""
    if future is None:
        return None
    try:
        return future.result()
    except BrokenProcessPool:
        return None


def run_process_pool(items: Iterable[Any], workers: int, chunk_size: int, work: Work) -> Iterator[Result]:
    pool = _RenewingPool(workers)
    try:
        resume()
        yield from windowed(lambda chunk: pool.submit(work, chunk), tapered_chunks(items, chunk_size, workers),
                            2 * workers * chunk_size, lambda chunk, future, pending: pool.result(chunk, future, pending, work))
    finally:
        pool.close()
