"""Workers a user starts for ``--scheduler``, made like a local cluster's:

    dask worker tcp://HOST:8786 --nthreads 1 --preload-nanny eventwire.engine.nanny

Dask runs ``dask_setup`` in each worker's nanny before the nanny starts its
worker process, which then:

- starts without the ``MALLOC_TRIM_THRESHOLD_`` Dask sets by default (unless
  the user set it): setting any malloc tunable turns off glibc's dynamic mmap
  threshold, and coding took 15-20% longer (see ``cluster.LOCAL_CLUSTER_CONFIG``);
- loads the coder as it starts, before it takes any task (``engine.preload``,
  as the fork server does);
- runs no statistical profiler waking every 10 ms to sample the coding
  thread, as a local cluster's workers do (``cluster.WORKER_HOUSEKEEPING``).

Without it, a worker loads the coder in its first task and then codes
slower (``bench/run.py --cluster-scales``).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping
from typing import Any

import dask.config

from eventwire.engine.cluster import NANNY_MARK, WORKER_HOUSEKEEPING
from eventwire.engine.forkserver import PRELOAD

#: set by Dask in a worker's environment before it starts (its
#: ``distributed.nanny.pre-spawn-environ``), unless the user set it
DASK_TRIM = "MALLOC_TRIM_THRESHOLD_"
#: what each worker imports as it starts, after the user's own preloads
WORKER_PRELOAD = [PRELOAD]


def worker_environment(pre_spawn: Mapping[str, str], own: Mapping[str, str]) -> dict[str, str]:
    """What a worker process starts with, from the nanny's ``pre_spawn``
    settings and the environment the user started ``dask worker`` in (``own``)."""
    env = dict(pre_spawn)
    if DASK_TRIM not in own:
        env.pop(DASK_TRIM, None)
    return env


def dask_setup(nanny: Any) -> None:
    """Called by Dask as a nanny starts, before it starts its worker."""
    nanny.pre_spawn_env = worker_environment(nanny.pre_spawn_env, os.environ)
    # what the worker sets once it runs: kept in line, though glibc reads it
    # as the process starts
    if DASK_TRIM not in nanny.pre_spawn_env:
        nanny.env.pop(DASK_TRIM, None)
    # the configuration the nanny hands its worker; a copy, as it shares its
    # nested parts with the nanny's own (``set`` writes the dotted keys into it)
    config = copy.deepcopy(nanny.config)
    dask.config.set({**WORKER_HOUSEKEEPING, NANNY_MARK: True}, config=config)
    nanny.config = config
    own = list(nanny.preload or [])
    nanny.preload = own + [module for module in WORKER_PRELOAD if module not in own]
