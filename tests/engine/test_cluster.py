"""A Dask cluster of the user's own: checked before any task, and never waited on for ever."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.engine import cluster, run
from eventwire.errors import EngineError, UsageError
from eventwire.records import RawArticle


@contextlib.contextmanager
def a_cluster(port: int, *, workers: int = 1, pythonpath: Path | None = None) -> Iterator[tuple[str, list]]:
    """A scheduler and ``workers`` worker processes started as a user starts
    them; with ``pythonpath``, the workers import what it holds first."""
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    env = dict(os.environ, PYTHONPATH=str(pythonpath)) if pythonpath else None
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                 "--no-dashboard"], **quiet)]
    try:
        from distributed import Client
        with Client(address, timeout="60s") as client:
            started += [subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard"],
                                         env=env, **quiet) for _ in range(workers)]
            if workers:
                client.wait_for_workers(workers, timeout=120)
        yield address, started[1:]
    finally:
        for process in reversed(started):
            process.terminate()
            process.wait(timeout=60)


def _fake_eventwire(folder: Path, source: str) -> Path:
    """A package named eventwire that shadows the real one on a worker."""
    (folder / "eventwire").mkdir(parents=True)
    (folder / "eventwire" / "__init__.py").write_text(source, encoding="utf-8")
    return folder


@pytest.mark.parametrize("source, message", [
    ("raise ModuleNotFoundError(\"No module named 'eventwire'\", name='eventwire')\n",
     r"cannot load eventwire \(ModuleNotFoundError.*install eventwire"),
    ("__version__ = '0.0.1'\n", r"runs eventwire 0\.0\.1, this program .*install the same version"),
])
def test_workers_that_cannot_code_as_we_do_are_refused_before_any_task(tmp_path, free_port, source, message):
    # a worker without eventwire could not even unpack a task: Dask dropped
    # it, and the ingest waited for ever
    with a_cluster(free_port(), pythonpath=_fake_eventwire(tmp_path, source)) as (address, _):
        with pytest.raises(UsageError, match=message):
            list(run([RawArticle(source="a", text="Seoul urged Tokyo to act.")], engine="dask",
                     scheduler=address))


def test_a_scheduler_without_workers_is_refused(free_port, monkeypatch):
    monkeypatch.setattr(cluster, "NO_WORKERS_S", 1.0)
    with a_cluster(free_port(), workers=0) as (address, _):
        with pytest.raises(UsageError, match=r"has no workers; start some with `dask worker tcp://"):
            list(run([RawArticle(source="a", text="Seoul urged Tokyo to act.")], engine="dask",
                     scheduler=address))


def test_a_cluster_that_loses_all_its_workers_stops_the_run_with_advice(free_port, monkeypatch):
    monkeypatch.setattr(cluster, "NO_WORKERS_S", 2.0)
    monkeypatch.setattr(cluster, "RESULT_POLL_S", 0.5)
    raws = [RawArticle(source=f"s{i}", text=f"Seoul urged Tokyo to act on day {i}.") for i in range(200)]
    received = []
    with a_cluster(free_port()) as (address, workers):
        with pytest.raises(EngineError, match=r"has had no workers for 2 s; start workers and run the same"):
            for result in run(raws, engine="dask", scheduler=address, chunk_size=1):
                received.append(result)
                if len(received) == 1:
                    workers[0].kill()  # the worker's nanny and its process, as a lost machine
    assert 1 <= len(received) < len(raws)
    assert [r.document.source for r in received] == [raw.source for raw in raws[:len(received)]]
