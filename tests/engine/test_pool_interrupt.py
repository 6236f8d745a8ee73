"""Ctrl-C while the process pool shuts down (issue 26: a double Ctrl-C with
--workers 2 left "5 leaked semaphore objects" behind)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SCRIPT = """
import os, signal, threading, time
from pathlib import Path
from eventwire.engine.pool import _RenewingPool
from sleeping_work import sleep_long

marks = Path(os.environ["EVENTWIRE_TEST_MARKS"])
pool = _RenewingPool(2)
futures = [pool.submit(sleep_long, [str(i)]) for i in range(4)]
while len(list(marks.iterdir())) < 2:  # both workers are in a two-minute chunk
    time.sleep(0.05)
# the second Ctrl-C: it lands while the pool waits for those chunks to end
threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
started = time.monotonic()
try:
    pool.close()
except KeyboardInterrupt:
    print("interrupted after", round(time.monotonic() - started), "s")
"""


def test_ctrl_c_during_the_pool_shutdown_stops_the_workers_and_leaks_nothing(tmp_path):
    marks = tmp_path / "marks"
    marks.mkdir()
    env = {**os.environ, "EVENTWIRE_TEST_MARKS": str(marks),
           "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, timeout=200)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("interrupted after")
    seconds = int(done.stdout.split()[2])
    assert seconds < 100  # the workers were stopped, not waited for (their chunks take 120 s)
    assert "leaked" not in done.stderr and "Traceback" not in done.stderr, done.stderr
