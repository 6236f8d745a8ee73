"""Benchmark: storing a story told many times, as the store grows.

A daily template, or a wire story every outlet runs, gives a store thousands
of near-identical documents. Each new one looks its near-duplicate candidates
up through the band keys it shares with stored documents; this measures the
time to store each further 1,000 of them (normalised, not coded: the store's
cost alone) while the store grows, so that a lookup whose cost grows with the
store shows at once. The documents are synthetic (written here): one short
report repeated, each with its own item number. Results go to
``bench/results/neardup.json``.

    .venv/bin/python bench/neardup.py [--documents 20000] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import tempfile
import time
from pathlib import Path

from eventwire.normalize import normalize
from eventwire.records import CodedDocument, RawArticle
from eventwire.store import open_store
from eventwire.store.store import MAX_KEY_HOLDERS

RESULTS = Path(__file__).resolve().parent / "results" / "neardup.json"
REPORT = "SEOUL, March 6 (Yonhap) -- South Korea urged North Korea on Monday to return to talks on item {n}. "
#: documents per transaction, as an ingest stores them
BATCH = 16
STEP = 1000


def measure(db: str, count: int) -> list[dict[str, float]]:
    """Seconds (wall and CPU) to store each further ``STEP`` documents."""
    documents = [normalize(RawArticle(source=f"r{n}", text=REPORT.format(n=n) * 20)) for n in range(count)]
    steps = []
    with open_store(db) as store:
        for start in range(0, count, STEP):
            wall, cpu = time.perf_counter(), _cpu()
            for first in range(start, min(start + STEP, count), BATCH):
                store.save_many([CodedDocument(d) for d in documents[first:min(first + BATCH, start + STEP)]])
            steps.append({"stored_before": start, "seconds": round(time.perf_counter() - wall, 3),
                          "cpu_seconds": round(_cpu() - cpu, 3)})
            print(f"{start + STEP:7d} stored: the last {STEP} in {steps[-1]['seconds']:.2f} s", flush=True)
        linked = store.counts()["duplicates"]
    print(f"{linked} of {count} linked to an earlier copy")
    return steps


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--db", help="SQLite file to build (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        steps = measure(args.db or str(Path(scratch) / "neardup.db"), args.documents)
    first, last = steps[0]["seconds"], steps[-1]["seconds"]
    result = {"documents": args.documents, "step": STEP, "max_key_holders": MAX_KEY_HOLDERS,
              "first_step_s": first, "last_step_s": last, "last_over_first": round(last / first, 2),
              "steps": steps, "machine": platform.platform()}
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"last {STEP} over first {STEP}: {result['last_over_first']}x; written to {RESULTS}")


if __name__ == "__main__":
    main()
