"""The program's first step: an ingest on the process pool starts its workers' coder at once."""

from __future__ import annotations

import subprocess
import sys

import pytest

from eventwire import launcher


@pytest.fixture()
def started(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int | None, str | None]]:
    calls: list[tuple[str, int | None, str | None]] = []
    import eventwire.engine.forkserver as forkserver
    monkeypatch.setattr(forkserver, "start_early",
                        lambda engine, workers, scheduler: calls.append((engine, workers, scheduler)))
    monkeypatch.delenv("EVENTWIRE_WORKERS", raising=False)
    return calls


@pytest.mark.parametrize(("args", "expected"), [
    (["ingest", "corpus"], [("process", None, None)]),
    (["ingest", "corpus", "--workers", "3"], [("process", 3, None)]),
    (["ingest", "--workers=4", "corpus", "--engine=dask"], [("dask", 4, None)]),
    (["ingest", "c", "--engine", "dask", "--scheduler", "tcp://h:8786"], [("dask", None, "tcp://h:8786")]),
    (["ingest", "corpus", "--engine", "local"], [("local", None, None)]),
    (["ingest", "corpus", "--workers", "many"], []),  # the command line reports it
    (["ingest", "corpus", "--workers", "0"], []),
    (["ingest", "--help"], []),
    (["events", "--workers", "2"], []),
    ([], []),
])
def test_options_are_peeked_only_for_an_ingest(args, expected, started) -> None:
    launcher.start_workers_early(args)
    assert started == expected


def test_workers_from_the_environment(started, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_WORKERS", "2")
    launcher.start_workers_early(["ingest", "x"])
    assert started == [("process", 2, None)]


# whether the fork server runs is asked of multiprocessing itself: it keeps
# the server's pid once started (looking through /proc tripped on processes
# that came and went on a busy machine)
PROBE = """
import sys
from multiprocessing import forkserver
from eventwire.launcher import start_workers_early
start_workers_early(sys.argv[1:])
print(forkserver._forkserver._forkserver_pid is not None, "eventwire.cli" in sys.modules)
"""


@pytest.mark.parametrize(("args", "server"), [
    (["ingest", "x", "--workers", "2"], "True"),
    (["ingest", "x", "--workers", "1"], "False"),
    (["ingest", "x", "--engine", "dask", "--workers", "1"], "True"),  # a local cluster's workers
    (["ingest", "x", "--engine", "dask", "--scheduler", "tcp://h:8786"], "False"),
])
def test_the_fork_server_starts_before_the_command_line(args, server) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [server, "False"]  # and the command line is not imported yet


@pytest.mark.parametrize(("args", "paused"), [
    (["ingest", "corpus"], True),
    (["ingest", "corpus", "--help"], False),
    (["events"], False),
    ([], False),
])
def test_an_ingest_holds_off_the_garbage_collector_while_it_loads(args, paused, started, gc_collector) -> None:
    from eventwire import gcpause
    launcher.begin(args)
    assert gcpause.paused() is paused
    assert started == ([("process", None, None)] if paused else [])


def test_a_failed_head_start_leaves_the_run_to_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.engine.forkserver as forkserver

    def refuse(*_: object) -> None:
        raise OSError("no room for a socket")

    monkeypatch.setattr(forkserver, "start_early", refuse)
    launcher.start_workers_early(["ingest", "x"])  # nothing raised
