"""Milliseconds per document of the unit of work, in one warm process.

    .venv/bin/python bench/coder.py [--repeat 3] [--documents N] [--wait-for-go]

Normalises and codes the VOA stories and the seed reports (../shared) chunk
by chunk with ``process_chunk``, as one pool worker does, after a warm-up
chunk; reports the fastest of ``--repeat`` passes, in CPU time, and the
median pass in wall time. It also times the learned event model alone over
every sentence of the same articles (``model_ms_per_sentence``, CPU time, and
the share of sentences it sends to the parser). With --wait-for-go it prints ``ready`` once loaded
and waits for a line on its input before the passes, so that processes run
side by side code at the same time (bench/ceiling.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import SHARED, build_corpus  # noqa: E402


def model_cost(texts: list[str], repeat: int) -> dict[str, float]:
    """CPU milliseconds per sentence of the learned model reading every sentence,
    and the share it finds worth parsing (the rules' triggers add more)."""
    from eventwire.coder.sentences import split_sentences
    from eventwire.learn.registry import load_model
    from eventwire.nlp import load_nlp
    model = load_model(None)
    if model is None:
        return {}
    nlp = load_nlp()
    sentences = [s.text for t in texts for s in split_sentences(nlp.make_doc(t))]
    costs = []
    for _ in range(repeat):
        start = time.process_time()
        event, _ = model.text_scores(sentences)
        costs.append((time.process_time() - start) / len(sentences) * 1000)
    return {"sentences": len(sentences), "model_ms_per_sentence": round(min(costs), 3),
            "model_parse_share": round(float((event >= model.parse_threshold).mean()), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--documents", type=int, default=None, help="code only the first N articles")
    parser.add_argument("--wait-for-go", action="store_true",
                        help="print `ready` once loaded, then wait for a line on standard input")
    args = parser.parse_args()
    if not (SHARED / "corpus").is_dir():
        sys.exit(f"{SHARED} is missing: the benchmark reads ../shared/corpus and ../shared/seeds")
    from eventwire.engine.chunking import CHUNK_SIZE, chunks
    from eventwire.engine.work import process_chunk
    from eventwire.ingest import read_inputs
    from eventwire.records import RawArticle
    with tempfile.TemporaryDirectory(prefix="eventwire-coder-") as tmp:
        build_corpus(Path(tmp), 1)
        articles = [a for a in read_inputs([tmp]) if isinstance(a, RawArticle)]
    articles = articles[:args.documents]
    process_chunk(articles[:CHUNK_SIZE])  # loads the coder
    if args.wait_for_go:
        print("ready", flush=True)
        sys.stdin.readline()
    passes, walls = [], []
    began = time.time()
    for _ in range(args.repeat):
        start, wall = time.process_time(), time.perf_counter()
        for chunk in chunks(articles, CHUNK_SIZE):
            process_chunk(chunk)
        passes.append((time.process_time() - start) / len(articles) * 1000)
        walls.append((time.perf_counter() - wall) / len(articles) * 1000)
    model = model_cost([a.text for a in articles], args.repeat)
    print(json.dumps({"documents": len(articles), "ms_per_document": round(min(passes), 1),
                      "all_passes": [round(p, 1) for p in passes],
                      "wall_ms_per_document": round(statistics.median(walls), 2),
                      "all_wall": [round(w, 2) for w in walls], **model,
                      "began": round(began, 3), "ended": round(time.time(), 3)}))


if __name__ == "__main__":
    main()
