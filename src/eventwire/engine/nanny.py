"""Workers a user starts for ``--scheduler``, made like a local cluster's:

    dask worker tcp://HOST:8786 --nthreads 1 --preload-nanny eventwire.engine.nanny

Dask runs ``dask_setup`` in each worker's nanny before the nanny starts its
worker process, which then:

- starts with eventwire's glibc malloc tunables (``forkserver.WORKER_TUNABLES``)
  joined to the user's own ``GLIBC_TUNABLES``, and without the
  ``MALLOC_TRIM_THRESHOLD_`` Dask sets by default (unless the user set it):
  setting any malloc tunable turns off glibc's dynamic mmap threshold, and
  coding took 15-20% longer (see ``cluster.LOCAL_CLUSTER_CONFIG``);
- loads the coder as it starts, before it takes any task, and leaves what it
  loaded out of the garbage collector's walks (``engine.pause``, then
  ``engine.preload``, as the fork server does);
- keeps house as a local cluster's workers do (``cluster.WORKER_HOUSEKEEPING``):
  no statistical profiler waking every 10 ms to sample the coding thread,
  slower monitors (the nanny's own too: ``cluster.keep_house``). An ingest
  of x10 on two such workers took 15.1-15.6 s against 16.4-17.0 s with
  Dask's defaults, on one 26.4-27.4 s against 27.9-28.2 s (3 runs each,
  taking turns).

Without it, a worker loads the coder in its first task and then codes
slower: with ``GLIBC_TUNABLES`` set by hand and Dask's profiler off, an
ingest of x5 on one worker took 17.4-18.3 s against 14.5-15.2 s on a local
cluster's; with it, 12.9-13.6 s against 13.4-14.4 s (``bench/run.py
--cluster-scales``).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from typing import Any

import dask.config

from eventwire.engine.cluster import NANNY_MARK, WORKER_HOUSEKEEPING, keep_house
from eventwire.engine.forkserver import PRELOAD, PRELOAD_FIRST, worker_tunables

#: set by Dask in a worker's environment before it starts (its
#: ``distributed.nanny.pre-spawn-environ``), unless the user set it
DASK_TRIM = "MALLOC_TRIM_THRESHOLD_"
#: what each worker imports as it starts, after the user's own preloads
WORKER_PRELOAD = [PRELOAD_FIRST, PRELOAD]


def worker_environment(pre_spawn: Mapping[str, str], own: Mapping[str, str]) -> dict[str, str]:
    """What a worker process starts with, from the nanny's ``pre_spawn``
    settings and the environment the user started ``dask worker`` in (``own``)."""
    env = dict(pre_spawn)
    if DASK_TRIM not in own:
        env.pop(DASK_TRIM, None)
    env["GLIBC_TUNABLES"] = worker_tunables(own.get("GLIBC_TUNABLES"))
    return env


def dask_setup(nanny: Any) -> None:
    """Called by Dask as a nanny starts, before it starts its worker."""
    nanny.pre_spawn_env = worker_environment(nanny.pre_spawn_env, os.environ)
    # what the worker sets once it runs: kept in line, though glibc read its
    # tunables as the process started
    if DASK_TRIM not in nanny.pre_spawn_env:
        nanny.env.pop(DASK_TRIM, None)
    nanny.env["GLIBC_TUNABLES"] = nanny.pre_spawn_env["GLIBC_TUNABLES"]
    # the configuration the nanny hands its worker; a copy, as it shares its
    # nested parts with the nanny's own (``set`` writes the dotted keys into it)
    config = copy.deepcopy(nanny.config)
    dask.config.set({**WORKER_HOUSEKEEPING, NANNY_MARK: True}, config=config)
    nanny.config = config
    own = list(nanny.preload or [])
    nanny.preload = own + [module for module in WORKER_PRELOAD if module not in own]
    keep_house(nanny)  # and the nanny's own monitors, in the process beside the worker
