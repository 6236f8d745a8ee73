"""The fork server the workers come from: started early, loading the coder once."""

from __future__ import annotations

import multiprocessing
import os
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
    context.set_forkserver_preload([DASK_PRELOAD, PRELOAD] if dask else [PRELOAD])
    from multiprocessing import forkserver
    forkserver.ensure_running()
    return context


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
