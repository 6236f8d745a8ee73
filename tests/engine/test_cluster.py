"""A Dask cluster of the user's own: checked before any task, and never waited on for ever."""

from __future__ import annotations

import contextlib
import re
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dask.config
import pytest

from eventwire.engine import cluster, run
from eventwire.errors import EngineError, UsageError
from eventwire.records import RawArticle


@contextlib.contextmanager
def a_cluster(port: int, *, workers: int = 1, pythonpath: Path | None = None,
              worker_args: tuple[str, ...] = (),
              scheduler_args: tuple[str, ...] = ()) -> Iterator[tuple[str, list]]:
    """A scheduler and ``workers`` worker processes started as a user starts
    them (with ``scheduler_args`` and ``worker_args`` added); with
    ``pythonpath``, the workers import what it holds first."""
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).with_name("dask"))
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    env = dict(os.environ, PYTHONPATH=str(pythonpath)) if pythonpath else None
    started = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                 "--no-dashboard", *scheduler_args], **quiet)]
    try:
        from distributed import Client
        with Client(address, timeout="60s") as client:
            started += [subprocess.Popen([dask, "worker", address, "--nthreads", "1", "--no-dashboard", *worker_args],
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


def _start_environment(client) -> dict[str, dict[str, str]]:
    """Each worker's environment as its process started (what glibc read)."""
    raw = client.run(Path("/proc/self/environ").read_bytes)
    return {address: dict(item.split("=", 1) for item in data.decode().split("\0") if "=" in item)
            for address, data in raw.items()}


def test_workers_started_with_our_nanny_preload_start_as_a_local_clusters_do(free_port, caplog, coder_loaded_on):
    from distributed import Client
    with a_cluster(free_port(), worker_args=("--preload-nanny", "eventwire.engine.nanny")) as (address, _):
        with Client(address, timeout="30s") as client:
            (env,) = _start_environment(client).values()
            (loaded,) = coder_loaded_on(client).values()
            (profiling,) = client.run(dask.config.get, "distributed.worker.profile.enabled").values()
        coded = list(run([RawArticle(source="a", text="Seoul urged Tokyo to act.")], engine="dask",
                         scheduler=address))
    assert "MALLOC_TRIM_THRESHOLD_" not in env  # Dask's default: glibc's mmap threshold stays dynamic
    assert env["OMP_NUM_THREADS"] == "1"  # the rest of Dask's settings stay
    assert loaded  # the coder loaded before any task
    assert "preload-nanny" not in caplog.text
    assert profiling is False  # no profiler sampling the coding thread
    assert [e.category for e in coded[0].events] == ["REQUEST"]


def test_without_it_a_users_worker_starts_with_dasks_malloc_setting_and_profiler(free_port, caplog,
                                                                                 coder_loaded_on):
    # what the preload is for: Dask sets a malloc tunable in every worker it
    # starts, and samples its threads every 10 ms
    from distributed import Client
    with a_cluster(free_port()) as (address, _):
        with Client(address, timeout="30s") as client:
            (env,) = _start_environment(client).values()
            (loaded,) = coder_loaded_on(client).values()
            (profiling,) = client.run(dask.config.get, "distributed.worker.profile.enabled").values()
        coded = list(run([RawArticle(source="a", text="Seoul urged Tokyo to act.")], engine="dask",
                         scheduler=address))
    assert env["MALLOC_TRIM_THRESHOLD_"] == "65536"
    assert not loaded and profiling is True
    # the ingest still codes, and says how to start the workers
    assert [e.category for e in coded[0].events] == ["REQUEST"]
    assert re.search(r"1 of 1 Dask workers \(tcp://127\.0\.0\.1:\d+\) were started without "
                     r"`--preload-nanny eventwire\.engine\.nanny`", caplog.text)


@pytest.mark.parametrize("own, expected", [
    ({}, {"OMP_NUM_THREADS": "1"}),
    ({"MALLOC_TRIM_THRESHOLD_": "65536"},  # the user's own choice stays
     {"OMP_NUM_THREADS": "1", "MALLOC_TRIM_THRESHOLD_": "65536"}),
])
def test_a_workers_environment_drops_dasks_malloc_setting_unless_the_user_made_it(own, expected):
    from eventwire.engine.nanny import worker_environment
    pre_spawn = {"OMP_NUM_THREADS": "1", "MALLOC_TRIM_THRESHOLD_": own.get("MALLOC_TRIM_THRESHOLD_", "65536")}
    assert worker_environment(pre_spawn, own) == expected
