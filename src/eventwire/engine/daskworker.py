"""Preloaded by each worker of a local Dask cluster (``cluster.LOCAL_CLUSTER_CONFIG``):
what such a worker does as it starts, before any task.

Ctrl-C on the terminal reaches every process of the program's group, the
local cluster's workers too. A worker's event loop died of the interrupt
while its coding thread ran on, so it no longer answered its nanny: each one
held the program's exit up by 4 s, until its nanny killed it with a warning.
The program that started the cluster handles Ctrl-C and closes the cluster;
its workers ignore it.

A local worker's logs share the program's terminal; what they would repeat
of what the program reports itself, once and with advice, is dropped.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any


class _LocalWorkerNoise(logging.Filter):
    """Drops two tracebacks a local cluster's worker logs that tell the user
    nothing: a "Compute Failed" report (the failure reaches the caller, which
    reports it once, with advice), and a heartbeat that found the scheduler
    closed as the run ended (dask/distributed#7105; a local scheduler lives in
    the caller, so it is only ever gone at the end)."""

    NOISE = ("Compute Failed", "Failed to communicate with scheduler during heartbeat")

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.NOISE)


class _CancelledAtClose(logging.Filter):
    """Drops the warning a worker logs for each task cancelled as the cluster
    closes (after Ctrl-C, or an error the program reports itself)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Async instruction for") and message.endswith("CancelledError"))


def dask_setup(worker: Any) -> None:
    """Called by Dask as the worker starts, in the thread of its event loop."""
    if threading.current_thread() is threading.main_thread():  # only there may handlers change
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger("distributed.worker").addFilter(_LocalWorkerNoise())
    logging.getLogger("distributed.worker.state_machine").addFilter(_CancelledAtClose())
