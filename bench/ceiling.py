"""What this machine's cores give two processes at once: the most any
engine's two workers can make of them.

    .venv/bin/python bench/ceiling.py [--turns 3] [--repeat 2]

One process codes the corpus alone (``bench/coder.py``), then two identical
processes code it side by side, starting together once both are loaded,
then one alone again. With one process at ``a`` ms a document alone and the
two at ``p1`` and ``p2`` side by side, two workers code ``a * (1/p1 + 1/p2)``
times as many documents a second as one: 2.0 where the cores are whole and
independent, less where they share the hardware (hyperthreads of one core,
a memory bus, a virtual machine's host under load). Nothing of eventwire's engines is in it: no Dask,
no store, no messages; ``bench/run.py`` sets its Dask figures against it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

CODER = Path(__file__).resolve().parent / "coder.py"


def side_by_side(count: int, env: dict[str, str], repeat: int = 2,
                 documents: int | None = None) -> list[dict[str, object]]:
    """``count`` coder processes, loaded, then set coding at the same moment;
    what each reports (``bench/coder.py``)."""
    args = [sys.executable, str(CODER), "--repeat", str(repeat), "--wait-for-go"]
    if documents:
        args += ["--documents", str(documents)]
    procs = [subprocess.Popen(args, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
             for _ in range(count)]
    try:
        for proc in procs:
            if proc.stdout.readline().strip() != "ready":  # type: ignore[union-attr]
                raise RuntimeError(f"{CODER.name} did not load; run it alone to see why")
        for proc in procs:
            proc.stdin.write("go\n")  # type: ignore[union-attr]
            proc.stdin.flush()  # type: ignore[union-attr]
        reports = [json.loads(proc.communicate()[0]) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    if any(proc.returncode for proc in procs):
        raise RuntimeError(f"{CODER.name} failed; run it alone to see why")
    return reports


def ceiling(alone_ms: float, side_ms: list[float]) -> float:
    """How many times one process's documents a second the processes coding
    side by side make together."""
    return round(alone_ms * sum(1 / ms for ms in side_ms), 2)


def measure(env: dict[str, str], repeat: int = 2, documents: int | None = None) -> dict[str, object]:
    """One turn: a process alone, two side by side, and one alone again (wall
    ms a document). The pace alone is the mean of the runs before and after,
    so that a machine slowing down or speeding up over the turn does not
    count as what two processes at once cost."""
    before = side_by_side(1, env, repeat, documents)[0]["wall_ms_per_document"]
    pair = [r["wall_ms_per_document"] for r in side_by_side(2, env, repeat, documents)]
    after = side_by_side(1, env, repeat, documents)[0]["wall_ms_per_document"]
    alone = round((before + after) / 2, 2)
    return {"alone_ms": alone, "alone_before_after_ms": [before, after], "side_by_side_ms": pair,
            "ceiling": ceiling(alone, pair)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=2, help="passes over the corpus in each process")
    args = parser.parse_args()
    turns = []
    for _ in range(args.turns):
        turns.append(measure(dict(os.environ), args.repeat))
        print(json.dumps(turns[-1]), flush=True)
    print(json.dumps({"ceiling_median": statistics.median(t["ceiling"] for t in turns)}))


if __name__ == "__main__":
    main()
