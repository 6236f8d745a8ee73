"""The fork server the workers come from: started early, loading the coder
once, in an environment of its own."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import BaseContext


def default_workers() -> int:
    """The cores this process may run on: the workers an engine starts by default."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


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


def fork_server(dask: bool = False) -> BaseContext:
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


def worker_tunables(own: str | None) -> str:
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
    os.environ["GLIBC_TUNABLES"] = worker_tunables(before)
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
        fork_server(dask=local_dask)


def caller_settings() -> dict[str, str]:
    """The environment that decides how articles are coded."""
    return {key: value for key, value in os.environ.items() if key.startswith("EVENTWIRE_")}


def adopt(settings: dict[str, str]) -> None:
    """Take the caller's settings, dropping a coder loaded under others.

    A fork server keeps the environment of its start; should the caller's
    settings have changed since (a library user, a test), its workers would
    otherwise code with the old ones.
    """
    current = caller_settings()
    if current != settings:
        for key in current.keys() - settings.keys():
            del os.environ[key]
        os.environ.update(settings)
        from eventwire.engine import work
        work.forget_coder()
