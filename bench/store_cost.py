"""What storing a coded document costs the program that runs an ingest.

    .venv/bin/python bench/store_cost.py [--copies 3] [--pg postgresql://...]

The program that runs an ingest reads the inputs, hands them out and stores
every result; the store is most of its work, and with it the number of
workers one ingest keeps busy (docs/scaling.md). This codes the VOA stories
and the seed reports (``--copies`` distinct copies, as ``bench/run.py`` makes
them) once, in this process, then stores them into a fresh SQLite file and,
with ``--pg``, into a fresh PostgreSQL schema, in the pool's batches, and
reports per document the wall time and this process's CPU time. Results go
to ``bench/results/store_cost.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402 - beside this script: the corpus it builds

from eventwire.engine.work import process_chunk  # noqa: E402
from eventwire.ingest import read_inputs  # noqa: E402
from eventwire.records import CodedDocument, RawArticle  # noqa: E402
from eventwire.store import open_store  # noqa: E402

BATCH = 16


def coded_corpus(copies: int, folder: Path) -> list[CodedDocument]:
    """The corpus, ``copies`` distinct copies, coded as a worker codes them."""
    run.build_corpus(folder, copies)
    raws = [item for item in read_inputs([str(folder)]) if isinstance(item, RawArticle)]
    done = [result for i in range(0, len(raws), BATCH) for result in process_chunk(raws[i:i + BATCH])]
    return [result for result in done if isinstance(result, CodedDocument)]


def store_cost(url: str, coded: list[CodedDocument]) -> dict[str, float]:
    """Seconds of wall and of this process's CPU a document, storing ``coded`` at ``url``."""
    with open_store(url) as store:
        wall, cpu = time.perf_counter(), time.process_time()
        for i in range(0, len(coded), BATCH):
            store.save_many(coded[i:i + BATCH])
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"documents": len(coded), "wall_ms_per_doc": round(wall * 1000 / len(coded), 2),
            "program_cpu_ms_per_doc": round(cpu * 1000 / len(coded), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=3)
    parser.add_argument("--pg", help="a PostgreSQL URL whose database may be written (a fresh schema is made)")
    parser.add_argument("--out", type=Path, default=run.REPO / "bench" / "results" / "store_cost.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventwire-store-") as tmp:
        coded = coded_corpus(args.copies, Path(tmp) / "corpus")
        events = sum(len(c.events) for c in coded)
        result = {"events_per_doc": round(events / len(coded), 2),
                  "sqlite": store_cost(str(Path(tmp) / "cost.db"), coded)}
        if args.pg:
            result["postgresql"] = store_cost(fresh_pg_database(args.pg), coded)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


def fresh_pg_database(url: str) -> str:
    """A new, empty database beside the one ``url`` names, and its URL."""
    import sqlalchemy as sa
    name = f"eventwire_cost_{int(time.time())}"
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.rsplit("/", 1)[0] + "/" + name


if __name__ == "__main__":
    main()
