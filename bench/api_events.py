"""Benchmark: the events JSON endpoint on a SQLite store with 1,000,000 events.

Builds a synthetic store (invented events, written straight into the store's
tables in big executemany batches), then times ``GET /api/events`` filtered by a
country pair and a date range, 50 rows a page, in-process with FastAPI's
TestClient, and prints p50/p95 in milliseconds.  Results go to
``bench/results/api_events.json``.

    .venv/bin/python bench/api_events.py [--events 1000000] [--requests 300] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sqlite3
import statistics
import time
import warnings
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from eventwire.plover import CATEGORIES
from eventwire.store import open_store
from eventwire.store.rows import pair_rows
from eventwire.store.schema import documents, event_actors, event_pairs, events

RESULTS = Path(__file__).resolve().parent / "results" / "api_events.json"
FIRST_DAY = date(2010, 1, 1)
DAYS = 15 * 365
# a skewed world: a few countries appear in most events, as in real wire news
COUNTRIES = ["CHN", "USA", "RUS", "UKR", "JPN", "KOR", "PRK", "IND", "PAK", "IRN", "ISR",
             "GBR", "FRA", "DEU", "TUR", "SAU", "EGY", "PHL", "VNM", "TWN", "AUS", "IDN",
             "BRA", "MEX", "ZAF", "NGA", "ETH", "SYR", "IRQ", "AFG", "NATO", "UNO", "EU",
             "ASEAN", "POL", "ITA", "ESP", "CAN", "THA", "MYS"]
WEIGHTS = [1.0 / (rank + 2) for rank in range(len(COUNTRIES))]
SECTORS = ["GOV", "MIL", "GOV", None, "LEG"]
EVENTS_PER_DOC = 50
BATCH = 50_000


def _actor(code: str, sector: str | None) -> dict[str, Any]:
    return {"code": code, "sector": sector, "name": None, "role": None, "text": code,
            "role_start": None, "role_end": None}


def _rows(n: int, rng: random.Random, doc_ids: list[str]) -> tuple[list[dict[str, Any]],
                                                                   list[dict[str, Any]]]:
    """``n`` synthetic events (and their actor rows), ids continuing a counter."""
    categories = list(CATEGORIES)
    event_rows, actor_rows = [], []
    for _ in range(n):
        i = _rows.counter  # type: ignore[attr-defined]
        _rows.counter += 1  # type: ignore[attr-defined]
        a, r = rng.choices(COUNTRIES, WEIGHTS, k=2)
        while r == a:
            r = rng.choices(COUNTRIES, WEIGHTS)[0]
        actors = [(a, rng.choice(SECTORS))]
        if rng.random() < 0.1:
            actors.append((rng.choices(COUNTRIES, WEIGHTS)[0], None))
        recipients = [(r, rng.choice(SECTORS))]
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        category = rng.choice(categories)
        event_id = f"ev{i:09d}"
        doc_id = doc_ids[i // EVENTS_PER_DOC]
        sentence = f"Synthetic sentence {i}: {a} and {r} did something of kind {category}."
        event_rows.append({
            "id": event_id, "doc_id": doc_id, "seq": i % EVENTS_PER_DOC, "category": category,
            "mode": None, "medium": None, "context": ["military"],
            "actor": [_actor(c, s) for c, s in actors],
            "recipient": [_actor(c, s) for c, s in recipients],
            "actor_code": a, "recipient_code": r, "event_date": day, "date_end": None,
            "date_precision": "day", "date_resolution": "synthetic", "location": None,
            "negated": rng.random() < 0.03, "hypothetical": False, "future": False,
            "historical": False, "intensity": CATEGORIES[category][1],
            "confidence": round(rng.uniform(0.5, 1.0), 2), "coder": "bench",
            "sentence_index": i % EVENTS_PER_DOC, "sentence_start": 0,
            "sentence_end": len(sentence), "sentence": sentence, "trigger": "did",
            "trigger_start": sentence.index("did"), "rule": "bench"})
        for side, people in (("actor", actors), ("recipient", recipients)):
            for position, (code, sector) in enumerate(people):
                actor_rows.append({"event_id": event_id, "side": side, "position": position,
                                   "code": code, "sector": sector, "event_date": day})
    return event_rows, actor_rows


_rows.counter = 0  # type: ignore[attr-defined]


def _insert(dbapi: Any, table: sa.Table, dialect: sa.Dialect,
            values: list[dict[str, Any]]) -> None:
    """executemany of the table's own INSERT, with values already in SQLite's types
    (dates as ISO text, JSON as text): SQLAlchemy's per-row processing would
    triple the build time."""
    compiled = table.insert().compile(dialect=dialect)
    order = compiled.positiontup or []
    dbapi.executemany(str(compiled), [tuple(_sqlite(row[k]) for k in order) for row in values])


def _sqlite(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return value


def build(path: Path, n_events: int, seed: int = 7) -> float:
    """Create the synthetic store; returns the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    n_docs = -(-n_events // EVENTS_PER_DOC)
    doc_ids = [f"doc{i:07d}" for i in range(n_docs)]
    now = datetime(2025, 1, 1)
    with open_store(str(path)) as store, store.engine.connect() as conn:
        dialect = store.engine.dialect
        with conn.begin():
            dbapi = conn.connection.driver_connection
            # room for the indexes being built: a small cache makes every insert a read
            dbapi.execute("PRAGMA cache_size = -1000000")
            _insert(dbapi, documents, dialect, [
                {"id": d, "source": f"synthetic/{d}", "text": "synthetic", "title": d,
                 "url": None, "published": FIRST_DAY, "date_source": "user",
                 "published_earliest": None, "published_latest": None, "date_note": None,
                 "dateline_place": None, "dateline_date": None, "agency": None,
                 "language": "en", "near_dup_signature": None, "duplicate_of": None,
                 "stored_at": now} for d in doc_ids])
        written = 0
        while written < n_events:
            event_rows, actor_rows = _rows(min(BATCH, n_events - written), rng, doc_ids)
            with conn.begin():
                _insert(dbapi, events, dialect, event_rows)
                _insert(dbapi, event_actors, dialect, actor_rows)
                _insert(dbapi, event_pairs, dialect, pair_rows(actor_rows))
            written += len(event_rows)
            print(f"  {written:,} events", end="\r", flush=True)
    print()
    return time.perf_counter() - started


def _requests(n: int, seed: int = 11) -> list[dict[str, str]]:
    """Query strings: a pair among the frequent countries and a 3 to 24 month window."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = rng.sample(COUNTRIES[:8], 2)
        start = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 730))
        end = start + timedelta(days=rng.randrange(90, 730))
        out.append({"actor": a, "recipient": b, "since": start.isoformat(),
                    "until": end.isoformat(), "per_page": "50"})
    return out


def measure(path: Path, n_requests: int) -> dict[str, Any]:
    """Time the endpoint; the first 10 requests warm up and are not counted."""
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from eventwire.web import create_app
    params = _requests(n_requests + 10)
    times, rows, totals = [], [], []
    with TestClient(create_app(str(path))) as client:
        for i, query in enumerate(params):
            started = time.perf_counter()
            answer = client.get("/api/events", params=query)
            elapsed = (time.perf_counter() - started) * 1000
            answer.raise_for_status()
            data = answer.json()
            if i >= 10:
                times.append(elapsed)
                rows.append(len(data["events"]))
                totals.append(data["total"])
    times.sort()
    return {"requests": len(times), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
            "mean_ms": round(statistics.fmean(times), 2), "max_ms": round(times[-1], 2),
            "rows_per_page_mean": round(statistics.fmean(rows), 1),
            "matching_events_mean": round(statistics.fmean(totals), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-bench-1m.db"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing database")
    args = parser.parse_args()
    build_s = None
    if not (args.reuse and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
        print(f"building {args.events:,} events in {args.db} ...")
        build_s = round(build(args.db, args.events), 1)
        print(f"built in {build_s} s")
    with open_store(str(args.db)) as store:
        stored = store.count_events(include_negated=True)
    figures = measure(args.db, args.requests)
    result = {"benchmark": "GET /api/events?actor=A&recipient=B&since=..&until=..&per_page=50",
              "events_in_store": stored, "build_seconds": build_s, **figures,
              "target_p95_ms": 100, "passed": figures["p95_ms"] < 100,
              "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
              "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
              "measured_at": datetime.now().isoformat(timespec="seconds")}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
