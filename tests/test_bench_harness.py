"""The benchmark harness's memory sampler (bench/run.py): the peak-memory
targets of the scale benchmark are only as good as what it reads."""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

HARNESS = Path(__file__).resolve().parents[1] / "bench" / "run.py"


@pytest.fixture(scope="module")
def harness():
    spec = importlib.util.spec_from_file_location("bench_run", HARNESS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def bench_env() -> dict[str, str]:
    """The environment bench/run.py gives the processes it starts."""
    return {**os.environ, "PYTHONPATH": str(HARNESS.parents[1] / "src")}


def _status_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS line")


def test_the_sampler_finds_children_and_grandchildren_and_their_resident_memory(harness):
    # a child that starts a grandchild, both sleeping until killed
    code = "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); time.sleep(60)"
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        for _ in range(100):
            below = harness._tree(child.pid)
            if len(below) == 2:
                break
            time.sleep(0.05)
        assert below[0] == child.pid and len(below) == 2  # the child, then the grandchild
        assert set(below) <= set(harness._tree(os.getpid()))
        assert abs(harness._rss_kb(child.pid) - _status_rss_kb(child.pid)) < 1024
        assert harness._rss_kb(child.pid) > 1000
    finally:
        for pid in harness._tree(child.pid)[::-1]:
            os.kill(pid, 9)
        child.wait()
    assert harness._rss_kb(child.pid) == 0  # gone: nothing to count


def _args(**given: object) -> argparse.Namespace:
    """bench/run.py's options: none of its kinds of run unless ``given``."""
    return argparse.Namespace(**{"scales": [], "dask_scales": [], "cluster_scales": [], **given})


def _row(run: str, scale: int, seconds: list[float]) -> dict[str, object]:
    return {"run": run, "scale": scale, "seconds": min(seconds), "all_seconds": seconds,
            "docs_per_s": round(94 * scale / min(seconds), 2), "peak_mb": 600.0}


def test_the_summary_sets_two_dask_workers_against_one_whole_runs_and_what_more_documents_add(harness):
    rows = [_row("dask1-x5", 5, [15.0, 16.0]), _row("dask2-x5", 5, [9.0, 9.6]),
            _row("dask1-x10", 10, [28.0, 29.0]), _row("dask2-x10", 10, [16.0, 16.5])]
    args = _args(scales=[], dask_scales=[5, 10], cluster_scales=[])
    summary = harness.summarise(rows, args)
    assert summary["dask_2_over_1_x5"] == round(15.0 / 9.0, 2)
    assert summary["dask_2_over_1_x10_median_turn"] == round((28.0 / 16.0 + 29.0 / 16.5) / 2, 2)
    # x5 to x10 adds 13 s on one worker, 7 s on two: the cluster's start drops out
    assert summary["dask_2_over_1_added_x5_to_x10"] == round(13.0 / 7.0, 2)
    one_scale = harness.summarise(rows[:2], _args(scales=[], dask_scales=[5], cluster_scales=[]))
    assert not any(key.startswith("dask_2_over_1_added") for key in one_scale)


def test_the_summary_sets_the_dask_figures_against_what_the_cores_gave_two_processes(harness):
    rows = [_row("dask1-x5", 5, [15.0, 16.0, 15.5]), _row("dask2-x5", 5, [9.0, 9.6, 9.1])]
    turns = [{"ceiling": 1.8}, {"ceiling": 2.0}, {"ceiling": 1.6}]
    summary = harness.summarise(rows, _args(scales=[], dask_scales=[5], cluster_scales=[]), {5: turns})
    assert summary["two_processes_ceiling_median"] == 1.8
    shares = sorted([15.0 / 9.0 / 1.8, 16.0 / 9.6 / 2.0, 15.5 / 9.1 / 1.6])
    assert summary["dask_2_over_1_x5_of_ceiling_median_turn"] == round(shares[1], 2)
    assert "two_processes_ceiling_median" not in harness.summarise(rows, _args(
        scales=[], dask_scales=[5], cluster_scales=[]))


def test_the_summary_sets_eventwire_against_the_plain_spacy_baseline(harness):
    rows = [_row("eventwire-x10", 10, [20.0, 22.0]), _row("plain-x10", 10, [90.0, 110.0])]
    summary = harness.summarise(rows, _args(scales=[10]))
    assert summary["speedup_vs_plain_x10"] == 4.5
    assert summary["speedup_vs_plain_x10_median_turn"] == round((90 / 20 + 110 / 22) / 2, 2)


def test_the_summary_sets_a_cluster_of_the_users_own_apart_from_a_local_one(harness):
    rows = [_row("dask1-x5", 5, [15.0]), _row("dask2-x5", 5, [9.0]),
            _row("cluster1-x5", 5, [14.0, 14.4]), _row("cluster2-x5", 5, [8.0, 8.0]),
            _row("cluster1-x10", 10, [27.0, 27.4]), _row("cluster2-x10", 10, [15.0, 15.2])]
    args = _args(scales=[], dask_scales=[5], cluster_scales=[5, 10])
    summary = harness.summarise(rows, args, {5: [{"ceiling": 1.9}, {"ceiling": 1.9}]})
    assert summary["dask_2_over_1_x5"] == round(15.0 / 9.0, 2)
    assert summary["cluster_2_over_1_x5"] == round(14.0 / 8.0, 2)
    assert summary["cluster_2_over_1_x10_median_turn"] == round((27.0 / 15.0 + 27.4 / 15.2) / 2, 2)
    assert summary["cluster_2_over_1_added_x5_to_x10"] == round(13.0 / 7.0, 2)
    assert summary["cluster_2_over_1_x5_of_ceiling_median_turn"] == round(
        (14.0 / 8.0 / 1.9 + 14.4 / 8.0 / 1.9) / 2, 2)
    assert "dask_2_over_1_added_x5_to_x10" not in summary  # the local cluster ran at x5 only


def test_the_ceiling_is_what_the_processes_side_by_side_make_of_one_alone(harness):
    assert harness.ceiling.ceiling(30.0, [30.0, 30.0]) == 2.0  # whole cores: twice the documents
    assert harness.ceiling.ceiling(30.0, [40.0, 40.0]) == 1.5  # each a third slower side by side
    assert harness.ceiling.ceiling(30.0, [30.0]) == 1.0


def test_processes_set_side_by_side_code_at_the_same_time(harness, shared, bench_env):
    reports = harness.ceiling.side_by_side(2, bench_env, repeat=1, documents=8)
    assert [r["documents"] for r in reports] == [8, 8]
    assert all(r["wall_ms_per_document"] > 0 for r in reports)
    # both loaded before either began: the passes overlap
    assert max(r["began"] for r in reports) < min(r["ended"] for r in reports)
    assert abs(reports[0]["began"] - reports[1]["began"]) < 0.5


def test_a_ceiling_turn_takes_the_pace_alone_before_and_after_the_pair(harness, shared, bench_env):
    turn = harness.ceiling.measure(bench_env, repeat=1, documents=8)
    before, after = turn["alone_before_after_ms"]
    assert turn["alone_ms"] == round((before + after) / 2, 2)
    assert len(turn["side_by_side_ms"]) == 2
    assert turn["ceiling"] == harness.ceiling.ceiling(turn["alone_ms"], turn["side_by_side_ms"])
    assert 0.5 < turn["ceiling"] < 4  # a pace, not a stray figure: the same work, alone and in pairs


def test_the_near_duplicate_benchmark_times_each_step_as_the_store_grows(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_neardup", HARNESS.parent / "neardup.py")
    neardup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(neardup)
    monkeypatch.setattr(neardup, "STEP", 20)
    steps = neardup.measure(str(tmp_path / "n.db"), 50)
    assert [s["stored_before"] for s in steps] == [0, 20, 40]
    assert all(s["seconds"] > 0 and s["cpu_seconds"] >= 0 for s in steps)
    from eventwire.store import open_store
    with open_store(str(tmp_path / "n.db")) as store:
        counts = store.counts()
    assert counts["documents"] == 50 and counts["duplicates"] >= 40  # one story, told 50 times


def test_a_cluster_of_the_users_own_comes_up_warm_and_goes_away(harness, bench_env, coder_loaded_on):
    from distributed import Client
    with harness.usercluster.user_cluster(2, bench_env) as address:
        assert address.startswith("tcp://127.0.0.1:")
        with Client(address, timeout="30s") as client:
            loaded = coder_loaded_on(client)
            trim = client.run(os.getenv, "MALLOC_TRIM_THRESHOLD_")
    assert len(loaded) == 2 and all(loaded.values())  # each has the coder before the clock starts
    assert set(trim.values()) == {None}  # the nanny preload: Dask's malloc setting dropped
    with pytest.raises(OSError):  # stopped: nobody answers there
        Client(address, timeout="2s")
