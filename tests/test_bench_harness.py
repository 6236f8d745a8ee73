"""The benchmark harness's memory sampler (bench/run.py): the peak-memory
targets of the scale benchmark are only as good as what it reads."""

from __future__ import annotations

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
