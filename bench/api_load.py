"""Benchmark: concurrent clients on ``GET /api/events``, with or without an ingest writing.

Serves a store of the VOA corpus with ``eventwire serve`` on loopback, then
``--clients`` clients (20) each keep one HTTP/1.1 connection and send
requests one after another until ``--requests`` (2,000) have been answered:
50-row pages of the events list, unfiltered and filtered by actor, pair,
category and dates, in a fixed shuffled order. It reports requests a second,
latency percentiles and errors. With ``--ingest``, an ``eventwire ingest``
writes fresh copies of the corpus into the same database while the clients
run, and afterwards every one of them must be stored (no lost writes).

``--unique`` makes every request distinct, so that none is answered from the
server's cache of answers (which keeps a page while the database is
unchanged): the cost of making each answer.

Bounded and local: it listens and connects on 127.0.0.1 only, stops after
the requests or ``--max-seconds``, whichever comes first, and removes what
it made unless ``--keep``. Results go to ``bench/results/api_load.json``, which keeps
the latest run of each scenario (plain, ``--ingest``, ``--unique``, both).

    .venv/bin/python bench/api_load.py [--ingest] [--clients 20] [--requests 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[1] / "shared" / "corpus" / "voa" / "voa_stories.jsonl"
RESULTS = HERE / "results"
LOOPBACK = "127.0.0.1"
TARGET_RPS, TARGET_P95_MS = 150.0, 250.0


def eventwire(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventwire", *args]


def build_store(folder: Path, corpus: Path) -> Path:
    """The VOA corpus ingested into a new SQLite store."""
    db = folder / "voa.db"
    subprocess.run(eventwire("ingest", str(corpus), "--db", str(db), "--quiet"), check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    return db


def fresh_copies(corpus: Path, folder: Path, editions: int) -> tuple[Path, int]:
    """``editions`` copies of the corpus, each story changed a little (new documents)."""
    lines = []
    stories = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    for edition in range(editions):
        for story in stories:
            text = story["text"] + f" This is edition {edition} of the story, filed again."
            lines.append(json.dumps({"title": f"{edition} {story['title']}", "text": text,
                                     "published": story.get("published")}))
    path = folder / "copies.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(lines)


def paths(count: int, seed: int = 5, unique: bool = False) -> list[str]:
    """The request paths: 50-row pages, unfiltered and filtered; with ``unique``,
    each made distinct by a parameter the server ignores, so that no answer is
    served from the server's cache."""
    kinds = ["", "actor=CHN", "actor=USA&recipient=CHN", "category=CONSULT", "since=2024-01-01",
             "actor=RUS&order_by=-date", "order_by=-confidence", "until=2021-12-31"]
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        query = rng.choice(kinds)
        page = rng.choice([1, 1, 1, 2, 3, 5, 8])
        out.append(f"/api/events?per_page=50&page={page}" + (f"&{query}" if query else "")
                   + (f"&request={len(out)}" if unique else ""))
    return out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, port: int, extra: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "EVENTWIRE_TOKEN": ""}
    server = subprocess.Popen(eventwire("serve", "--db", str(db), "--host", LOOPBACK,
                                        "--port", str(port), *extra),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection((LOOPBACK, port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"the server did not start: {server.stderr.read().decode() if server.stderr else ''}")


async def one_client(port: int, queue: list[str], latencies: list[float], errors: list[str],
                     stop_at: float) -> None:
    """Send the queue's requests one after another on one keep-alive connection."""
    reader, writer = await asyncio.open_connection(LOOPBACK, port)
    try:
        while queue and time.monotonic() < stop_at:
            path = queue.pop()
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {LOOPBACK}:{port}\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            body = await reader.readexactly(length)
            latencies.append((time.perf_counter() - started) * 1000)
            if status != 200 or not body.startswith(b"{"):
                errors.append(f"{status} {path}")
    except (OSError, asyncio.IncompleteReadError, ValueError, StopIteration) as exc:
        errors.append(f"connection: {type(exc).__name__}: {exc}")
    finally:
        writer.close()


async def load(port: int, clients: int, requests: int, max_seconds: float,
               unique: bool = False) -> dict[str, Any]:
    queue = paths(requests, unique=unique)
    latencies: list[float] = []
    errors: list[str] = []
    started = time.perf_counter()
    stop_at = time.monotonic() + max_seconds
    await asyncio.gather(*(one_client(port, queue, latencies, errors, stop_at) for _ in range(clients)))
    elapsed = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else 0.0

    return {"clients": clients, "requests": len(latencies), "errors": len(errors),
            "first_errors": errors[:5], "seconds": round(elapsed, 2),
            "requests_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
            "max_ms": round(latencies[-1], 1) if latencies else 0.0,
            "mean_ms": round(statistics.fmean(latencies), 1) if latencies else 0.0}


def count_documents(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def keep_latest(path: Path, scenario: str, result: dict[str, Any]) -> None:
    """Write ``result`` as the latest run of ``scenario`` in ``path``, keeping the others'."""
    kept: dict[str, Any] = {}
    if path.is_file():
        kept = json.loads(path.read_text(encoding="utf-8")).get("scenarios", {})
    kept[scenario] = result
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"scenarios": dict(sorted(kept.items()))}, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument("--ingest", action="store_true", help="an ingest writes while the clients run")
    parser.add_argument("--ingest-workers", type=int, default=1)
    parser.add_argument("--editions", type=int, default=3, help="copies of the corpus the ingest writes")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--serve-option", action="append", default=[],
                        help="an option passed on to eventwire serve (repeatable)")
    parser.add_argument("--unique", action="store_true",
                        help="every request distinct: none answered from the server's cache")
    parser.add_argument("--results", type=Path, default=RESULTS / "api_load.json",
                        help="the file that keeps the latest run of each scenario")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if not 1 <= args.clients <= 200 or not 1 <= args.requests <= 100_000:
        raise SystemExit("--clients must be 1 to 200 and --requests 1 to 100000")
    folder = Path(tempfile.mkdtemp(prefix="eventwire-load-"))
    server = writer = None
    try:
        db = build_store(folder, args.corpus)
        before = count_documents(db)
        port = free_port()
        server = start_server(db, port, args.serve_option)
        asyncio.run(load(port, min(args.clients, 4), 40, 60))  # warm up: imports, caches
        expected = None
        if args.ingest:
            copies, new = fresh_copies(args.corpus, folder, args.editions)
            expected = before + new
            writer = subprocess.Popen(eventwire("ingest", str(copies), "--db", str(db), "--quiet",
                                                "--workers", str(args.ingest_workers)),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(2)  # the ingest's workers load the coder, then it writes
        figures = load_figures = asyncio.run(load(port, args.clients, args.requests, args.max_seconds,
                                                  unique=args.unique))
        ingest_done = None
        if writer is not None:
            ingest_running_at_end = writer.poll() is None
            writer.wait(timeout=600)
            stored = count_documents(db)
            ingest_done = {"exit_code": writer.returncode, "documents_expected": expected,
                           "documents_stored": stored, "lost_writes": (expected or 0) - stored,
                           "still_writing_when_the_load_ended": ingest_running_at_end}
        result = {"benchmark": "GET /api/events (50-row pages, filtered and not) on the VOA corpus",
                  "command": " ".join([Path(sys.executable).name, "bench/api_load.py", *sys.argv[1:]]),
                  "events_in_store": _events(db), "ingest": ingest_done, **load_figures,
                  "target": {"requests_per_s": TARGET_RPS, "p95_ms": TARGET_P95_MS},
                  "passed": figures["requests_per_s"] >= TARGET_RPS and figures["p95_ms"] < TARGET_P95_MS
                  and figures["errors"] == 0 and (ingest_done is None or ingest_done["lost_writes"] == 0),
                  "machine": f"{platform.machine()} {os.cpu_count()} cores",
                  "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                  "measured_at": datetime.now().isoformat(timespec="seconds")}
        scenario = "+".join(name for name, on in (("ingest", args.ingest), ("unique", args.unique)) if on) or "plain"
        keep_latest(args.results, scenario, result)
        print(json.dumps(result, indent=2))
    finally:
        for proc in (writer, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=30)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


def _events(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM events").fetchone()[0])


if __name__ == "__main__":
    main()
