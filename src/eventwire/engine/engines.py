"""Engines: where ``process_chunk`` runs — here, in a process pool, or on Dask.

Every engine yields results in input order and keeps only a bounded number
of chunks in flight, so memory stays flat however long the input stream is,
and the stored (and exported) results are the same whichever engine ran.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from multiprocessing.context import BaseContext
from typing import Any

from eventwire.engine.work import process_chunk
from eventwire.errors import EngineError, UsageError
from eventwire.gcpause import resume
from eventwire.records import CodedDocument, InputProblem

log = logging.getLogger(__name__)

ENGINES = ("local", "process", "dask")
Result = CodedDocument | InputProblem
Work = Callable[[list[Any]], list[Result]]


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


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def tapered_chunks(items: Iterable[Any], size: int, workers: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items, then smaller ones (down to a quarter of
    ``size``) as the input ends, so that the workers finish together.

    The input is read two chunks a worker ahead, to see its end coming;
    from there each chunk takes a ``2 * workers``-th of what is left
    (guided self-scheduling): a large last chunk would leave the other
    workers idle while one worker codes it alone.
    """
    iterator = iter(items)
    ahead = 2 * workers * size + size
    buffer: deque[Any] = deque(islice(iterator, ahead))
    smallest = max(1, size // 4)
    while buffer:
        ended = len(buffer) < ahead
        share = min(size, max(smallest, -(-len(buffer) // (2 * workers)))) if ended else size
        yield [buffer.popleft() for _ in range(min(share, len(buffer)))]
        if not ended:
            buffer.extend(islice(iterator, ahead - len(buffer)))


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def run_local(items: Iterable[Any], chunk_size: int, work: Work) -> Iterator[Result]:
    for n, chunk in enumerate(chunks(items, chunk_size)):
        results = work(chunk)
        if n == 0:  # the first chunk loaded the coder here
            resume()
        yield from results


def _windowed(submit: Any, work_chunks: Iterable[list[Any]], window: int,
              result: Any) -> Iterator[Result]:
    """Submit chunks keeping at most ``window`` in flight; yield results in order.

    ``result(chunk, future)`` gives a chunk's results.
    """
    pending: deque[tuple[list[Any], Any]] = deque()
    for chunk in work_chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            yield from result(*pending.popleft())
    while pending:
        yield from result(*pending.popleft())


def worker_died(item: Any) -> InputProblem:
    """The report of an article whose worker process died coding it."""
    return InputProblem(getattr(item, "source", str(item)[:80]),
                        "the worker process coding it died (killed, out of memory or crashed); "
                        "skipped: run the same command again to retry it")


#: The module the fork server imports before it forks any worker: it loads
#: the coder (spaCy, the actor dictionary, the lexicon) once, and every worker
#: forked from it starts with the coder loaded and shared copy-on-write,
#: instead of each spending a second and a quarter loading its own. The server
#: can start loading as soon as the program starts (``start_early``).
PRELOAD = "eventwire.engine.preload"
#: ... and the one it imports first, which holds off the garbage collector
#: while the server loads (``eventwire.gcpause``)
PRELOAD_FIRST = "eventwire.engine.pause"
#: What a local Dask cluster's workers need as well: the module their process
#: runs in, and with it Dask itself.
DASK_PRELOAD = "distributed.nanny"
#: whether this platform has fork servers (Linux and macOS do; Windows does not)
FORK_SERVER = "forkserver" in multiprocessing.get_all_start_methods()


def _fork_server(dask: bool = False) -> BaseContext:
    """The fork server's context, the server started (in its environment)
    and preloading the coder (and Dask's worker for a local cluster); the
    preload only counts if the server was not running yet."""
    if not FORK_SERVER:  # pragma: no cover - not Linux
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([PRELOAD_FIRST, DASK_PRELOAD, PRELOAD] if dask
                                   else [PRELOAD_FIRST, PRELOAD])
    from multiprocessing import forkserver
    with _server_environment():
        forkserver.ensure_running()
    return context


#: The glibc malloc tunables the fork server, and every worker forked from
#: it, start with (glibc reads them once, as a process starts):
#:
#: - ``hugetlb=1``: malloc asks the kernel for transparent huge pages where it
#:   gives them on request (``madvise``, as Debian's and most kernels do):
#:   fewer page faults and TLB misses for the coder's matrices. Coding a
#:   document took 30.5 ms against 32.7 (median of 8 alternating runs of
#:   bench/coder.py); an ingest of x5 on two workers 8.5-8.8 s against
#:   8.9-9.2, at the same peak memory.
#: - ``arena_max=1``: every thread allocates from the main arena, where the
#:   server's freed memory lies ready. A Dask worker codes in a thread of its
#:   own; with an arena of its own, it faulted 110,000-330,000 fresh pages
#:   in on x5 (one worker kept giving memory back and faulting it in again
#:   all run long), against about 10,000 in the main arena. A pool worker
#:   codes in its main thread and allocates there already.
WORKER_TUNABLES = {"glibc.malloc.hugetlb": "1", "glibc.malloc.arena_max": "1"}
#: the older environment variables glibc reads for some tunables
TUNABLE_ALIASES = {"glibc.malloc.arena_max": "MALLOC_ARENA_MAX"}


def _tunables(own: str | None) -> str:
    """``GLIBC_TUNABLES`` for the fork server: the caller's own, and ours for
    each tunable the caller does not set, there or by its older variable
    (``glibc.malloc.hugetlb=0`` of the caller's turns huge pages off)."""
    settings = [item for item in (own or "").split(":") if item]
    named = {item.split("=", 1)[0] for item in settings}
    named |= {key for key, alias in TUNABLE_ALIASES.items() if alias in os.environ}
    return ":".join(settings + [f"{key}={value}" for key, value in WORKER_TUNABLES.items()
                                if key not in named])


@contextmanager
def _server_environment() -> Iterator[None]:
    """The environment the fork server, and every worker forked from it,
    starts in: the caller's, with ``WORKER_TUNABLES`` joined to its
    ``GLIBC_TUNABLES``; the caller's own is restored once the server runs."""
    before = os.environ.get("GLIBC_TUNABLES")
    os.environ["GLIBC_TUNABLES"] = _tunables(before)
    try:
        yield
    finally:
        if before is None:
            del os.environ["GLIBC_TUNABLES"]
        else:
            os.environ["GLIBC_TUNABLES"] = before


def start_early(engine: str = "process", workers: int | None = None,
                scheduler: str | None = None) -> None:
    """Start loading the workers' coder now, in the background, so that it is
    ready by the time the first articles are read and checked: for the process
    pool, and for the workers of a local Dask cluster."""
    local_dask = engine == "dask" and not scheduler
    if FORK_SERVER and (local_dask or (engine == "process" and (workers or default_workers()) > 1)):
        _fork_server(dask=local_dask)


def _settings() -> dict[str, str]:
    """The environment that decides how articles are coded."""
    return {key: value for key, value in os.environ.items() if key.startswith("EVENTWIRE_")}


def _adopt(settings: dict[str, str]) -> None:
    """Take the caller's settings, dropping a coder loaded under others.

    A fork server keeps the environment of its start; should the caller's
    settings have changed since (a library user, a test), its workers would
    otherwise code with the old ones.
    """
    current = _settings()
    if current != settings:
        for key in current.keys() - settings.keys():
            del os.environ[key]
        os.environ.update(settings)
        from eventwire.engine import work
        work.forget_coder()


class _LocalWorkerNoise(logging.Filter):
    """Drops two tracebacks a local cluster's worker logs that tell the user
    nothing: a "Compute Failed" report (the failure reaches the caller, which
    reports it once, with advice), and a heartbeat that found the scheduler
    closed as the run ended (dask/distributed#7105; a local scheduler lives in
    the caller, so it is only ever gone at the end)."""

    NOISE = ("Compute Failed", "Failed to communicate with scheduler during heartbeat")

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.NOISE)


_LOCAL_WORKER_NOISE = _LocalWorkerNoise()


def _with_settings(work: Work, settings: dict[str, str], chunk: list[Any]) -> list[Result]:
    """``work(chunk)`` under the caller's settings (a local Dask cluster's task)."""
    _adopt(settings)
    logging.getLogger("distributed.worker").addFilter(_LOCAL_WORKER_NOISE)  # added once
    return work(chunk)


def _init_worker(main: int, settings: dict[str, str]) -> None:
    """Pool worker initializer: take the caller's settings; then exit once the
    caller is gone (killed), instead of waiting forever on a queue the other
    workers still hold open."""
    _adopt(settings)
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
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=_fork_server(),
                                   initializer=_init_worker, initargs=(os.getpid(), _settings()))

    def submit(self, work: Work, chunk: list[Any]) -> Future[list[Result]] | None:
        """The chunk's future; None when the pool is broken already."""
        try:
            return self.pool.submit(work, chunk)
        except BrokenProcessPool:
            return None

    def renew(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._start()

    def result(self, pending: deque[tuple[list[Any], Future[list[Result]] | None]],
               chunk: list[Any], future: Future[list[Result]] | None, work: Work) -> list[Result]:
        """The results of ``chunk``; after a worker's death, those of every chunk
        in flight too (``pending`` is emptied), coded an article at a time."""
        try:
            if future is not None:
                return future.result()
        except BrokenProcessPool:
            pass
        redo = chunk + [item for lost, _ in pending for item in lost]
        pending.clear()
        log.warning("a worker process died; coding the %d articles in flight one at a time", len(redo))
        self.renew()
        return [result for item in redo for result in self._alone(work, item)]

    def _alone(self, work: Work, item: Any) -> list[Result]:
        future = self.submit(work, [item])
        try:
            if future is not None:
                return future.result()
        except BrokenProcessPool:
            pass
        self.renew()
        return [worker_died(item)]

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def run_process_pool(items: Iterable[Any], workers: int, chunk_size: int, work: Work) -> Iterator[Result]:
    pool = _RenewingPool(workers)
    try:
        resume()
        window = 2 * workers
        pending: deque[tuple[list[Any], Future[list[Result]] | None]] = deque()
        for chunk in tapered_chunks(items, chunk_size, workers):
            pending.append((chunk, pool.submit(work, chunk)))
            if len(pending) >= window:
                yield from pool.result(pending, *pending.popleft(), work)
        while pending:
            yield from pool.result(pending, *pending.popleft(), work)
    finally:
        pool.close()


#: A local cluster's housekeeping, tuned for a laptop where the client, the
#: scheduler and the workers share a few cores: no statistical profiler
#: sampling the workers' stacks every 10 ms, slower monitors. Idle, the
#: cluster then costs a fifth of the CPU it did (0.06 s against 0.28 s of
#: the main process's CPU in 10 s, measured with 2 workers).
#: Dask also starts its workers with MALLOC_TRIM_THRESHOLD_=65536; setting any
#: glibc malloc tunable turns off its dynamic mmap threshold, so every large
#: array is mapped and unmapped afresh: coding a document took 15-20% longer
#: (83-89 ms against 70-75 ms, measured in one process with and without it).
#: The local workers keep glibc's defaults and single-threaded BLAS.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "200ms",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1,
                                            "OPENBLAS_NUM_THREADS": 1},
}


#: A local scheduler still serves its health and metrics pages, by default on
#: the dashboard's port, 8787; where a cluster of the user's own holds that
#: port, Dask warned on the ingest's terminal that it took another. Ours
#: takes any free port on loopback, and no dashboard.
LOCAL_SCHEDULER = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}


def _dask_fork_server() -> dict[str, str]:
    """Have the local cluster fork its workers from our fork server, so they
    start with Dask imported and the coder loaded. With the server started by
    the program, an ingest of x5 took 9.1-10.1 s on two workers and 14.9-17.3 s
    on one, against 10.8-12.1 s and 16.5-18.9 s with workers spawned afresh
    (4 runs each, taking turns).

    The first time Dask asks for the context, it would import each of its
    optional dependencies (numpy, pandas, lz4) here, in the caller, to list
    them as the server's preload: 0.4-0.5 s at the start of every run, and
    on its critical path, for a list ours replaces. It is told that its
    preload is set already; should that flag ever go, Dask sets its own
    preload first and ours replaces it, unless the server runs already.
    Returns the config that makes the cluster use it.
    """
    if not FORK_SERVER:  # pragma: no cover - not Linux
        return {}
    import distributed.utils
    method = {"distributed.worker.multiprocessing-method": "forkserver"}
    if hasattr(distributed.utils, "_forkserver_preload_set"):
        distributed.utils._forkserver_preload_set = True
    else:  # pragma: no cover - another release of distributed
        import dask
        with dask.config.set(method):
            distributed.utils.get_mp_context()
    _fork_server(dask=True)
    return method


def quiet_dask_logs() -> None:
    """Dask's INFO lines (scheduler started, worker registered, …) are noise on
    an ingest's terminal; warnings and errors still show."""
    for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.core",
                 "distributed.http.proxy", "distributed.worker"):
        logger = logging.getLogger(name)
        if logger.getEffectiveLevel() < logging.WARNING:
            logger.setLevel(logging.WARNING)


def run_dask(items: Iterable[Any], workers: int, chunk_size: int, work: Work,
             scheduler: str | None = None) -> Iterator[Result]:
    """On a Dask cluster: the one at ``scheduler``, or a LocalCluster of ``workers`` processes."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a dependency
        raise UsageError("the dask engine needs `pip install 'dask[distributed]'`") from exc
    cluster = None
    quiet_dask_logs()
    try:
        if scheduler:
            client = Client(scheduler, timeout="10s")
            try:
                check_workers(client, scheduler)
            except BaseException:
                client.close()
                raise
        else:
            with dask.config.set({**LOCAL_CLUSTER_CONFIG, **_dask_fork_server()}):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, host="127.0.0.1",
                                       scheduler_kwargs=LOCAL_SCHEDULER)
            client = Client(cluster)
            work = functools.partial(_with_settings, work, _settings())
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}; "
                         "check the address (tcp://HOST:8786) and that the scheduler runs") from exc
    try:
        count = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        resume()
        where = scheduler or "(local)"
        yield from _windowed(lambda c: client.submit(work, c, pure=False),
                             tapered_chunks(items, chunk_size, count), 2 * count,
                             lambda chunk, f: dask_chunk_result(client, chunk, f, work, where))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


#: how long a cluster of the user's own may take to have a worker at the start
#: of an ingest, and may go without any during it, before the ingest stops
#: with an error instead of waiting on it for ever
NO_WORKERS_S = 60.0
#: how often a wait on a result looks at whether the cluster still has workers
RESULT_POLL_S = 5.0


def check_workers(client: Any, scheduler: str, patience: float | None = None) -> None:
    """Refuse a cluster of the user's own whose workers cannot code as we do.

    A worker without eventwire cannot even unpack a task: Dask drops its
    connection, and the ingest would wait for ever. So before any task, every
    worker is asked for its eventwire's version, by a function from the
    standard library that any worker can unpack; a worker that has none, or
    another version (whose events would differ), stops the run with advice.
    """
    import pkgutil

    from eventwire import __version__
    try:
        client.wait_for_workers(1, timeout=NO_WORKERS_S if patience is None else patience)
    except TimeoutError as exc:
        raise UsageError(f"the Dask scheduler {scheduler} has no workers; start some with "
                         f"`dask worker {scheduler}`, with eventwire {__version__} installed") from exc
    versions = client.run(pkgutil.resolve_name, "eventwire:__version__", on_error="return")
    for address, version in sorted(versions.items()):
        if isinstance(version, BaseException):
            raise UsageError(f"the Dask worker {address} cannot load eventwire ({type(version).__name__}: "
                             f"{version}); install eventwire {__version__} in the environment "
                             "its workers run in")
        if version != __version__:
            raise UsageError(f"the Dask worker {address} runs eventwire {version}, this program "
                             f"{__version__}; install the same version on every worker, or the "
                             "events would depend on which worker coded them")


def dask_result(client: Any, future: Any, scheduler: str, patience: float | None = None) -> Any:
    """The result of ``future``; an error, rather than a wait for ever, once the
    cluster has had no workers for ``patience`` seconds (``NO_WORKERS_S``)."""
    from distributed import wait
    patience = NO_WORKERS_S if patience is None else patience
    alone_since = None
    while True:
        try:
            # waited for first: a result asked for and abandoned leaves a task
            # that fails noisily when the client closes. Asked for with a
            # time-out all the same: a finished result whose worker has died
            # since must be computed again, and may find no worker to do it.
            wait(future, timeout=min(RESULT_POLL_S, patience))
            return future.result(timeout=min(RESULT_POLL_S, patience))
        except TimeoutError:
            if client.scheduler_info().get("workers"):
                alone_since = None
                continue
            alone_since = alone_since or time.monotonic()
            if time.monotonic() - alone_since >= patience:
                raise EngineError(f"the Dask cluster {scheduler} has had no workers for "
                                 f"{patience:g} s; start workers and run the same ingest again: "
                                 "what was stored is kept, and only the rest is read") from None


def dask_chunk_result(client: Any, chunk: list[Any], future: Any, work: Work,
                      scheduler: str) -> list[Result]:
    """The results of ``chunk``. Dask gives up on a task after it has seen
    workers die running it a few times (``KilledWorker``); the chunk's
    articles are then coded one at a time, and one that kills its worker
    again is reported and skipped."""
    from distributed import KilledWorker
    try:
        return dask_result(client, future, scheduler)  # type: ignore[no-any-return]
    except KilledWorker:
        log.warning("workers died coding a chunk; coding its %d articles one at a time", len(chunk))
    results: list[Result] = []
    for item in chunk:
        try:
            results.extend(dask_result(client, client.submit(work, [item], pure=False), scheduler))
        except KilledWorker:
            results.append(worker_died(item))
    return results


def run(items: Iterable[Any], *, engine: str = "process", workers: int | None = None,
        chunk_size: int | None = None, scheduler: str | None = None,
        work: Work = process_chunk) -> Iterator[Result]:
    """Run ``work`` (by default: normalise and code raw articles) over ``items``
    on the chosen engine, results in input order, in chunks of ``chunk_size``
    items at most (by default the engine's: ``CHUNK_SIZE``, ``DASK_CHUNK_SIZE``)."""
    if engine not in ENGINES:
        raise UsageError(f"--engine {engine!r} is not one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise UsageError("--workers must be at least 1")
    if chunk_size is not None and chunk_size < 1:
        raise UsageError("the chunk size must be at least 1")
    count = workers or default_workers()
    chunk_size = chunk_size or (DASK_CHUNK_SIZE if engine == "dask" else CHUNK_SIZE)
    if engine == "dask":
        return run_dask(items, count, chunk_size, work, scheduler)
    if scheduler:
        raise UsageError("--scheduler only applies to --engine dask")
    if engine == "local" or count == 1:
        return run_local(items, chunk_size, work)
    return run_process_pool(items, count, chunk_size, work)



