"""Dask: a local cluster forked from the fork server, or a cluster of the user's own."""

from __future__ import annotations

import functools
import logging
import time
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from eventwire.engine.chunking import tapered_chunks, windowed
from eventwire.engine.forkserver import FORK_SERVER, adopt, caller_settings, fork_server
from eventwire.engine.work import Result, Work, worker_died
from eventwire.errors import EngineError, UsageError

log = logging.getLogger(__name__)


def _with_settings(work: Work, settings: dict[str, str], chunk: list[Any]) -> list[Result]:
    """``work(chunk)`` under the caller's settings (a local Dask cluster's task)."""
    adopt(settings)
    return work(chunk)


#: A local cluster's workers, and those a user starts with ``--preload-nanny
#: eventwire.engine.nanny``: no statistical profiler waking every 10 ms to
#: sample the coding thread. Dask also starts its workers with
#: MALLOC_TRIM_THRESHOLD_=65536; setting any glibc malloc tunable turns off
#: its dynamic mmap threshold, so every large array is mapped and unmapped
#: afresh: coding a document took 15-20% longer (83-89 ms against 70-75 ms,
#: measured in one process with and without it). The local workers keep
#: glibc's defaults and single-threaded BLAS. (Dask's monitors were paced
#: slower too, until measured: 2.9% on two workers over one at x10, under
#: the 3% a mechanism must earn; docs/benchmarks.md.)
WORKER_HOUSEKEEPING = {"distributed.worker.profile.enabled": False}


LOCAL_CLUSTER_CONFIG = {
    **WORKER_HOUSEKEEPING,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1,
                                            "OPENBLAS_NUM_THREADS": 1},
    # what a local worker does as it starts: ignore Ctrl-C, drop log noise
    "distributed.worker.preload": ["eventwire.engine.daskworker"],
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
    fork_server(dask=True)
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
    # a chunk holding a long article is a "large graph" to Dask: its advice
    # (load the data with Dask) is no use to a user ingesting files
    warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
    try:
        if scheduler:  # its address checked already (engines.check_options)
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
            work = functools.partial(_with_settings, work, caller_settings())
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}; "
                         "check the address (tcp://HOST:8786) and that the scheduler runs") from exc
    try:
        count = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        where = scheduler or "(local)"
        yield from windowed(lambda c: client.submit(work, c, pure=False),
                            tapered_chunks(items, chunk_size, count), 2 * count * chunk_size,
                            lambda chunk, f, _: dask_chunk_result(client, chunk, f, work, where))
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


def check_scheduler(address: str) -> None:
    """Refuse a scheduler address Dask cannot connect to, whatever is running."""
    try:
        from distributed.comm import get_address_host_port
    except ImportError as exc:  # pragma: no cover - a dependency
        raise UsageError("the dask engine needs `pip install 'dask[distributed]'`") from exc
    try:
        host, port = get_address_host_port(address)
    except (ValueError, TypeError) as exc:
        raise UsageError(f"--scheduler {address!r} is not a Dask scheduler's address ({exc}); "
                         "give it as tcp://HOST:PORT, as `dask scheduler` prints it") from exc
    if not host or not 0 < port < 65536:
        raise UsageError(f"--scheduler {address!r} needs a host and a port from 1 to 65535, "
                         "as in tcp://HOST:8786")


def check_workers(client: Any, scheduler: str) -> None:
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
        client.wait_for_workers(1, timeout=NO_WORKERS_S)
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
    warn_plain_workers(client)


#: what ``engine.nanny`` sets in the configuration of the workers it starts
NANNY_MARK = "eventwire.nanny-preload"


def warn_plain_workers(client: Any) -> None:
    """Say so when a user's workers were started without eventwire's nanny
    preload: each loads the coder in its first task, and codes slower."""
    import dask.config
    marked = client.run(dask.config.get, NANNY_MARK, False, on_error="return")
    plain = sorted(address for address, value in marked.items() if value is not True)
    if plain:
        log.warning("%d of %d Dask workers (%s) were started without `--preload-nanny "
                    "eventwire.engine.nanny`: each loads the coder in its first task and codes "
                    "about a fifth slower; start them as the README's 'Scaling out' says",
                    len(plain), len(marked), ", ".join(plain[:3]) + (", ..." if len(plain) > 3 else ""))


def dask_result(client: Any, future: Any, scheduler: str) -> Any:
    """The result of ``future``; an error, rather than a wait for ever, once the
    cluster has had no workers for ``NO_WORKERS_S`` seconds."""
    from distributed import wait
    patience = NO_WORKERS_S
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
