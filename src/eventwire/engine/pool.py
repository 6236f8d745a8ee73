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
from eventwire.records import InputProblem

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

    def __init__(self, workers: int, stall_s: float | None = None) -> None:
        self.workers = workers
        self.stall_s = stall_s
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
        """The results of ``chunk``; after a worker's death, or a chunk stuck
        past its articles' time bounds, those of every chunk in flight too
        (``pending`` is emptied), coded an article at a time."""
        try:
            results = _unless_broken(future, self._limit(chunk))
            what = "a worker process died"
        except _Stuck:
            self._stop_workers()
            results, what = None, "a chunk ran far past its articles' time bounds"
        if results is not None:
            return results
        redo = chunk + [item for lost, _ in pending for item in lost]
        pending.clear()
        log.warning("%s; coding the %d articles in flight one at a time", what, len(redo))
        self.renew()
        return [result for item in redo for result in self._alone(work, item)]

    def _alone(self, work: Work, item: Any) -> list[Result]:
        try:
            results = _unless_broken(self.submit(work, [item]), self._limit([item]))
        except _Stuck:  # stuck where no time bound reaches (in native code): the worker is stopped
            self._stop_workers()
            self.renew()
            return [stuck(item, self.stall_s)]
        if results is None:
            self.renew()
            return [worker_died(item)]
        return results

    def _limit(self, chunk: list[Any]) -> float | None:
        """How long a chunk may keep the caller waiting before it counts as stuck:
        a stall time an article, and one more (None: as long as it takes)."""
        return self.stall_s * (len(chunk) + 1) if self.stall_s else None

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


class _Stuck(Exception):
    """A chunk kept the caller waiting past its limit."""


def _unless_broken(future: Future[list[Result]] | None,
                   timeout: float | None = None) -> list[Result] | None:
    """The future's results; None when a worker's death broke the pool;
    ``_Stuck`` when they take longer than ``timeout`` seconds."""
    if future is None:
        return None
    try:
        return future.result(timeout=timeout)
    except BrokenProcessPool:
        return None
    except TimeoutError:
        raise _Stuck() from None


def stuck(item: Any, stall_s: float | None) -> InputProblem:
    """The report of an article whose worker had to be stopped: it ran far past
    its time bound, somewhere the bound cannot interrupt."""
    return InputProblem(getattr(item, "source", str(item)[:80]),
                        f"still running {stall_s:g} s past its time bound, so its worker was stopped; "
                        "skipped (give it more time with --doc-timeout, or split it)")


def run_process_pool(items: Iterable[Any], workers: int, chunk_size: int, work: Work,
                     stall_s: float | None = None) -> Iterator[Result]:
    """``work`` on chunks of ``items`` in a pool of ``workers`` processes; a
    chunk that keeps the caller waiting ``stall_s`` seconds an article (and one
    more) is taken for stuck: its workers are stopped (None: wait for ever)."""
    pool = _RenewingPool(workers, stall_s)
    try:
        yield from windowed(lambda chunk: pool.submit(work, chunk), tapered_chunks(items, chunk_size, workers),
                            2 * workers * chunk_size, lambda chunk, future, pending: pool.result(chunk, future, pending, work))
    finally:
        pool.close()
