"""A Dask cluster of the user's own, for the benchmark: a scheduler and N
workers on loopback, started as the README tells a user to start them.

``bench/run.py --cluster-scales`` times `eventwire ingest --engine dask
--scheduler ADDRESS` against one: where a local cluster's ingest starts and
stops a cluster of its own each time, a user's cluster is started once, and
what an ingest costs on it is the engine itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: How the README tells a user to start a worker for eventwire: the nanny
#: preload drops Dask's malloc setting and has the worker process load the
#: coder as it starts (``eventwire/engine/nanny.py``).
WORKER_ARGS = ["--nthreads", "1", "--preload-nanny", "eventwire.engine.nanny"]
#: how long the scheduler and the workers may take to come up
START_S = 120.0


def _dask() -> str:
    return str(Path(sys.executable).with_name("dask"))


def _address(scheduler_file: Path, scheduler: subprocess.Popen) -> str:
    """The scheduler's address, once it has written it to ``scheduler_file``."""
    import json
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        if scheduler.poll() is not None:
            raise RuntimeError(f"`dask scheduler` exited with {scheduler.returncode}")
        try:
            return str(json.loads(scheduler_file.read_text(encoding="utf-8"))["address"])
        except (OSError, ValueError, KeyError):
            time.sleep(0.1)
    raise RuntimeError(f"`dask scheduler` wrote no address in {START_S:g} s")


def wait_for(address: str, workers: int) -> None:
    """Wait until ``workers`` workers have joined: each has loaded the coder
    (the nanny preload) by then."""
    from distributed import Client
    with Client(address, timeout=f"{START_S:g}s") as client:
        client.wait_for_workers(workers, timeout=START_S)


@contextmanager
def user_cluster(workers: int, env: dict[str, str]) -> Iterator[str]:
    """A scheduler and ``workers`` single-threaded workers on 127.0.0.1, each
    with the coder loaded; yields the scheduler's address, and stops them all at the end."""
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    with tempfile.TemporaryDirectory(prefix="eventwire-cluster-") as tmp:
        scheduler_file = Path(tmp) / "scheduler.json"
        started = [subprocess.Popen([_dask(), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                     "--no-dashboard", "--scheduler-file", str(scheduler_file)],
                                    env=env, **quiet)]
        try:
            address = _address(scheduler_file, started[0])
            started.append(subprocess.Popen(
                [_dask(), "worker", address, "--nworkers", str(workers), *WORKER_ARGS,
                 "--host", "127.0.0.1", "--no-dashboard"], env=env, **quiet))
            wait_for(address, workers)
            yield address
        finally:
            for process in reversed(started):
                process.terminate()
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


if __name__ == "__main__":  # a quick look: start, warm, print the address, stop
    with user_cluster(int(sys.argv[1]) if len(sys.argv) > 1 else 2,
                      {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}) as where:
        print(where)
