"""The four coders of issue 28 side by side on the real-news dev split, with speed.

    .venv/bin/python bench/models.py [--spacy-epochs 8] [--out bench/results/models.json]

(a) a spaCy ``textcat_multilabel`` (bag of words + CNN ensemble) trained from
    scratch with ``spacy train`` on the same sentences as the shipped model;
(b) the shipped model's text model alone (hashed words and character n-grams,
    scikit-learn logistic regressions), no parse;
(c) the hand-written rules alone (``--model rules``);
(d) the shipped combination (``--model default``).

(a) and (b) are scored at the sentence level (does the sentence hold an
event; is the top category the main one), at the probability threshold
that suits each best on dev; (c) and (d) as ``eventwire evaluate`` scores
them (whole stories, each event given to its sentence), and at the sentence
level too. Speed: milliseconds per sentence of the dev split, one process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = REPO / "tests" / "gold" / "voa"
CORPUS = SHARED / "corpus" / "voa" / "voa_stories.jsonl"


def sentence_level(p: np.ndarray, main: np.ndarray) -> dict[str, float]:
    from eventwire.learn.train import best_threshold, sentence_figures
    threshold = best_threshold(p, main)
    return {"threshold": threshold, **sentence_figures(p, main, threshold)}


def spacy_textcat(examples, dev, epochs: int) -> tuple[np.ndarray, float]:
    """Train (a) in a temporary folder; its dev probabilities and ms per sentence."""
    import spacy
    from spacy.tokens import DocBin

    from eventwire.learn.model import LABELS
    nlp = spacy.blank("en")
    with tempfile.TemporaryDirectory(prefix="eventwire-textcat-") as tmp:
        folder = Path(tmp)
        for name, rows in (("train", examples), ("dev", dev)):
            bin_ = DocBin()
            for e in rows:
                doc = nlp.make_doc(e.text)
                doc.cats = {c: float(c in e.labels) for c in LABELS} | {"EVENT": float(bool(e.labels))}
                bin_.add(doc)
            bin_.to_disk(folder / f"{name}.spacy")
        config = (Path(__file__).parent / "textcat.cfg").read_text(encoding="utf-8")
        (folder / "config.cfg").write_text(config.replace("MAX_EPOCHS", str(epochs)), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "spacy", "train", str(folder / "config.cfg"), "--output",
                        str(folder / "out"), "--paths.train", str(folder / "train.spacy"),
                        "--paths.dev", str(folder / "dev.spacy")], check=True, capture_output=True)
        trained = spacy.load(folder / "out" / "model-last")
        began = time.perf_counter()
        docs = list(trained.pipe([e.text for e in dev]))
        ms = (time.perf_counter() - began) / len(dev) * 1000
    event = np.array([d.cats["EVENT"] for d in docs])
    return np.array([[d.cats[c] for c in LABELS] for d in docs]) * event[:, None], ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--spacy-epochs", type=int, default=8)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "models.json")
    args = parser.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"{CORPUS} is missing: the benchmark reads the VOA stories")
    from eventwire.coder import DocumentCoder
    from eventwire.evaluate.realnews import evaluate_stories, load_corpus, load_story_gold
    from eventwire.learn.data import gather
    from eventwire.learn.registry import load_model
    from eventwire.learn.train import findings, main_labels

    rules = DocumentCoder(model="rules")
    data = gather([GOLD / "train.jsonl"], [GOLD / "dev.jsonl"], CORPUS, rules)
    dev, main = data.dev, main_labels(data.dev)
    model = load_model("default")
    results: dict[str, dict] = {}

    began = time.perf_counter()
    event, category = model.text_scores([e.text for e in dev])
    text_ms = (time.perf_counter() - began) / len(dev) * 1000
    results["b_text_model"] = {"sentence_level": sentence_level(category, main), "ms_per_sentence": round(text_ms, 3)}
    combined = model.combined(event, category, findings(dev))
    results["d_combined"] = {"sentence_level": sentence_level(combined, main)}
    rule_p = findings(dev).found * 0.9
    results["c_rules"] = {"sentence_level": sentence_level(rule_p, main)}

    gold, stories = load_story_gold([GOLD / "dev.jsonl"]), load_corpus(CORPUS)
    for key, coder in (("c_rules", rules), ("d_combined", DocumentCoder(rules.nlp, model="default"))):
        began = time.perf_counter()
        report = evaluate_stories(gold, stories, coder)
        results[key]["evaluate"] = report.pinned()
        results[key]["ms_per_sentence"] = round((time.perf_counter() - began) / len(gold) * 1000, 3)

    probabilities, ms = spacy_textcat(data.examples, dev, args.spacy_epochs)
    results["a_spacy_textcat"] = {"sentence_level": sentence_level(probabilities, main), "ms_per_sentence": round(ms, 3)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
