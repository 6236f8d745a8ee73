"""Every engine gives the same stored and exported result, byte for byte."""

from __future__ import annotations

import io
import json
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.engine import run
from eventwire.engine.chunking import CHUNK_SIZE, DASK_CHUNK_SIZE
from eventwire.errors import UsageError
from eventwire.export import write_events
from eventwire.pipeline import ingest
from eventwire.records import InputProblem, RawArticle
from eventwire.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def export(db: Path, engine: str, workers: int, scheduler: str | None = None) -> str:
    with open_store(str(db)) as store:
        report = ingest([str(EXAMPLES)], store, engine=engine, workers=workers, chunk_size=3,
                        scheduler=scheduler)
        assert report.problems == [] and report.stored > 20
        out = io.StringIO()
        write_events(store.events(), "jsonl", out)
    return out.getvalue()


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> str:
    return export(tmp_path_factory.mktemp("serial") / "s.db", "local", 1)


def test_process_pool_matches_serial(serial, tmp_path):
    assert export(tmp_path / "p.db", "process", 2) == serial


def test_dask_local_cluster_matches_serial(serial, tmp_path):
    assert export(tmp_path / "d.db", "dask", 2) == serial


@pytest.fixture(scope="module")
def users_cluster(free_port):
    """A Dask scheduler and worker started as a user starts them (``dask
    scheduler``, ``dask worker``), on loopback: the address for --scheduler."""
    address = f"tcp://127.0.0.1:{free_port()}"
    dask = str(Path(sys.executable).with_name("dask"))
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    scheduler = subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1],
                                  "--no-dashboard"], **quiet)
    worker = subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                               "--no-dashboard"], **quiet)
    try:
        from distributed import Client
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(1, timeout=120)
        yield address
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=60)


def test_a_dask_cluster_of_the_users_own_matches_serial(serial, tmp_path, users_cluster):
    assert export(tmp_path / "r.db", "dask", 1, scheduler=users_cluster) == serial


def test_results_keep_input_order_and_problems():
    raws = [RawArticle(source=f"s{i}", text=f"Seoul urged Tokyo to act on day {i}.") for i in range(5)]
    raws.insert(2, RawArticle(source="empty", text="   "))
    results = list(run(raws, engine="process", workers=2, chunk_size=2))
    assert [r.source if isinstance(r, InputProblem) else r.document.source for r in results] == \
        ["s0", "s1", "empty", "s2", "s3", "s4"]
    assert isinstance(results[2], InputProblem)


@pytest.mark.parametrize("kwargs", [{"engine": "spark"}, {"workers": 0}, {"engine": "process", "scheduler": "tcp://x:1"}])
def test_bad_engine_options(kwargs):
    with pytest.raises(UsageError):
        list(run([], **kwargs))


@pytest.mark.parametrize("address, message", [
    ("garbage", "missing port number"),
    ("http://127.0.0.1:8786", "unknown address scheme 'http'"),
    ("tcp://127.0.0.1", "missing port number"),
    ("tcp://:8786", "needs a host and a port"),
    ("tcp://127.0.0.1:0", "needs a host and a port"),
    ("tcp://127.0.0.1:70000", "needs a host and a port"),
])
def test_a_scheduler_address_dask_cannot_use_is_refused_with_its_form(address, message):
    with pytest.raises(UsageError, match=message) as refused:
        list(run([RawArticle(source="a", text="x")], engine="dask", scheduler=address))
    assert "tcp://HOST:" in str(refused.value)


def test_unreachable_scheduler_is_a_usage_error():
    with pytest.raises(UsageError, match="scheduler"):
        list(run([RawArticle(source="a", text="x")], engine="dask", scheduler="tcp://127.0.0.1:1"))


def test_dask_run_prints_no_cluster_chatter(tmp_path):
    article = sorted(EXAMPLES.glob("*.txt"))[0]
    with socket.socket() as dashboard:  # Dask's dashboard port, taken as by a user's own cluster
        dashboard.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            dashboard.bind(("127.0.0.1", 8787))
            dashboard.listen()
        except OSError:
            pass  # taken already
        done = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(article), "--db",
                               str(tmp_path / "q.db"), "--engine", "dask", "--workers", "1", "-q"],
                              capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "stored (new)" in done.stdout
    assert "INFO" not in done.stderr and "distributed." not in done.stderr, done.stderr
    assert "already in use" not in done.stderr, done.stderr


@pytest.fixture()
def fresh_fork_server() -> None:
    """The fork server is started anew: one an earlier test in this process
    started (for the pool, or under other settings) runs on, and would hide
    what these tests check of how the server starts."""
    from multiprocessing import forkserver
    forkserver._forkserver._stop()  # private, but the standard library's own tests use it


def _malloc_and_blas(chunk: list[RawArticle]) -> list[str]:
    from threadpoolctl import threadpool_info
    threads = {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}
    return [f"{os.environ.get('MALLOC_TRIM_THRESHOLD_', 'unset')}/{threads}"] * len(chunk)


@pytest.mark.usefixtures("fresh_fork_server")
def test_local_dask_workers_keep_glibc_malloc_defaults_and_one_blas_thread():
    # MALLOC_TRIM_THRESHOLD_ (dask's default for workers) made coding 15-20% slower
    assert list(run([RawArticle(source="a", text="x")], engine="dask", workers=1,
                    work=_malloc_and_blas)) == ["unset/{1}"]


def _coder_state(chunk: list[RawArticle]) -> list[tuple[str, bool]]:
    from eventwire.engine import work
    return [(os.environ.get("EVENTWIRE_SPACY_MODEL", "unset"), work._coder is not None)] * len(chunk)


@pytest.mark.usefixtures("fresh_fork_server")
def test_local_dask_workers_start_with_the_coder_and_follow_the_callers_settings(monkeypatch):
    raws = [RawArticle(source=str(i), text="x") for i in range(2)]
    assert list(run(raws, engine="dask", workers=1, chunk_size=1, work=_coder_state)) == [("unset", True)] * 2
    monkeypatch.setenv("EVENTWIRE_SPACY_MODEL", "some_other_pipeline")
    assert list(run(raws, engine="dask", workers=1, chunk_size=1, work=_coder_state)) == \
        [("some_other_pipeline", False)] * 2


@pytest.mark.usefixtures("fresh_fork_server")
def test_pool_workers_start_with_the_coder_loaded():
    # the fork server loaded it once; workers forked from it need not load their own
    raws = [RawArticle(source=str(i), text="x") for i in range(4)]
    assert list(run(raws, engine="process", workers=2, chunk_size=1, work=_coder_state)) == [("unset", True)] * 4


def test_pool_workers_follow_settings_changed_after_the_fork_server_started(monkeypatch):
    raws = [RawArticle(source=str(i), text="x") for i in range(2)]
    list(run(raws, engine="process", workers=2, chunk_size=1, work=_coder_state))  # the server runs
    monkeypatch.setenv("EVENTWIRE_SPACY_MODEL", "some_other_pipeline")
    assert list(run(raws, engine="process", workers=2, chunk_size=1, work=_coder_state)) == \
        [("some_other_pipeline", False)] * 2


def test_a_local_dask_run_leaves_dasks_optional_dependencies_unimported(tmp_path):
    # distributed would import numpy, pandas and lz4 in the caller only to list
    # them as the fork server's preload, which ours replaces
    article = sorted(EXAMPLES.glob("*.txt"))[0]
    code = ("import json, sys\n"
            "from eventwire.engine import run\n"
            "from eventwire.ingest import read_inputs\n"
            f"done = list(run(read_inputs([{str(article)!r}]), engine='dask', workers=1))\n"
            "print(json.dumps({'coded': len(done[0].events) > 0, 'pandas': 'pandas' in sys.modules}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {"coded": True, "pandas": False}


def test_a_failed_local_dask_task_is_reported_once_without_the_workers_traceback(tmp_path):
    article = sorted(EXAMPLES.glob("*.txt"))[0]
    done = subprocess.run([sys.executable, "-m", "eventwire", "ingest", str(article), "--db",
                           str(tmp_path / "f.db"), "--engine", "dask", "--workers", "1", "-q"],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "EVENTWIRE_SPACY_MODEL": "no_such_pipeline"})
    assert done.returncode == 1
    assert "error: no spaCy pipeline could be loaded" in done.stderr
    assert "Compute Failed" not in done.stderr and "Traceback" not in done.stderr, done.stderr


def _chunk_size(chunk: list[RawArticle]) -> list[int]:
    return [len(chunk)] * len(chunk)


@pytest.mark.parametrize("engine,workers,size", [("process", 2, CHUNK_SIZE), ("dask", 1, DASK_CHUNK_SIZE),
                                                 ("local", 1, CHUNK_SIZE)])
def test_each_engine_codes_in_chunks_of_its_own_size_by_default(engine, workers, size):
    raws = [RawArticle(source=str(i), text="x") for i in range(6 * size)]
    sizes = list(run(raws, engine=engine, workers=workers, work=_chunk_size))
    assert len(sizes) == len(raws) and max(sizes) == size


def _worker_logs(chunk: list[RawArticle]) -> list[tuple[bool, bool]]:
    logger = logging.getLogger("distributed.worker")

    def shown(message: str) -> bool:
        return bool(logger.filter(logger.makeRecord(logger.name, logging.ERROR, __file__, 1, message, (), None)))
    return [(shown("Failed to communicate with scheduler during heartbeat."),
             shown("Worker stream died during communication"))] * len(chunk)


def test_a_local_dask_worker_drops_the_heartbeat_traceback_of_a_closing_run_and_keeps_other_errors():
    # a heartbeat in flight as the run ends finds the scheduler gone (dask/distributed#7105)
    assert list(run([RawArticle(source="a", text="x")], engine="dask", workers=1, work=_worker_logs)) == \
        [(False, True)]


def _articles_with_a_killer(count: int, killer: int) -> list[RawArticle]:
    from crashing_work import MARK
    raws = [RawArticle(source=f"s{i}", text=f"Seoul urged Tokyo to act on day {i}.") for i in range(count)]
    raws[killer] = RawArticle(source="killer", text=f"Seoul urged Tokyo to act. {MARK}")
    return raws


@pytest.mark.parametrize("engine", ["process", "dask"])
def test_an_article_that_kills_its_worker_is_reported_and_the_run_goes_on(engine):
    from crashing_work import crash_on_mark
    raws = _articles_with_a_killer(24, killer=9)
    results = list(run(raws, engine=engine, workers=2, chunk_size=4, work=crash_on_mark))
    assert [r.source if isinstance(r, InputProblem) else r.document.source for r in results] == \
        [raw.source for raw in raws]  # every article, in input order
    problems = [r for r in results if isinstance(r, InputProblem)]
    assert [p.source for p in problems] == ["killer"]
    assert "worker process coding it died" in problems[0].reason
    # the workers after the death code as before
    assert all(r.events for r in results if not isinstance(r, InputProblem))


def _interrupt_handling(chunk: list[RawArticle]) -> list[bool]:
    import signal
    return [signal.getsignal(signal.SIGINT) is signal.SIG_IGN] * len(chunk)


@pytest.mark.parametrize("engine", ["process", "dask"])
def test_workers_leave_ctrl_c_to_the_caller(engine):
    # a terminal's Ctrl-C reaches the workers too: one waiting for its next
    # chunk printed a traceback; the caller stops the run and says so
    raws = [RawArticle(source=str(i), text="x") for i in range(2)]
    assert list(run(raws, engine=engine, workers=2, chunk_size=1, work=_interrupt_handling)) == [True, True]
