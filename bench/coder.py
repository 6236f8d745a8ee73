"""Milliseconds per document of the unit of work, in one warm process.

    .venv/bin/python bench/coder.py [--repeat 3]

Normalises and codes the VOA stories and the seed reports (../shared) chunk
by chunk with ``process_chunk``, as one pool worker does, after a warm-up
chunk; reports the fastest of ``--repeat`` passes, in CPU time.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import SHARED, build_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (SHARED / "corpus").is_dir():
        sys.exit(f"{SHARED} is missing: the benchmark reads ../shared/corpus and ../shared/seeds")
    from eventwire.engine.engines import CHUNK_SIZE, chunks
    from eventwire.engine.work import process_chunk
    from eventwire.ingest import read_inputs
    from eventwire.records import RawArticle
    with tempfile.TemporaryDirectory(prefix="eventwire-coder-") as tmp:
        build_corpus(Path(tmp), 1)
        articles = [a for a in read_inputs([tmp]) if isinstance(a, RawArticle)]
    process_chunk(articles[:CHUNK_SIZE])  # loads the coder
    passes = []
    for _ in range(args.repeat):
        start = time.process_time()
        for chunk in chunks(articles, CHUNK_SIZE):
            process_chunk(chunk)
        passes.append((time.process_time() - start) / len(articles) * 1000)
    print(json.dumps({"documents": len(articles), "ms_per_document": round(min(passes), 1),
                      "all_passes": [round(p, 1) for p in passes]}))


if __name__ == "__main__":
    main()
