"""Precision and recall of the coder on the hand-checked document gold.

The floors in ``tests/gold/floors.json`` are pinned from a measured run and
only ever raised: a change that lowers a figure below its floor fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.coder import DocumentCoder
from eventwire.evaluate.documents import Scores, load_gold, locate, score_document
from eventwire.ingest import read_inputs
from eventwire.normalize import normalize

GOLD = Path(__file__).resolve().parents[1] / "gold"
REPO = GOLD.parents[1]
FLOORS = json.loads((GOLD / "floors.json").read_text(encoding="utf-8"))


def score_set(gold_dir: Path, base: Path, coder: DocumentCoder) -> Scores:
    total = Scores()
    for path in sorted(gold_dir.glob("*.json")):
        gold = load_gold(path)
        source = base / gold["document"]
        [raw] = list(read_inputs([str(source)]))
        document = normalize(raw)
        coded = coder.code(document)
        total.add(score_document(locate(gold, document.text, str(path)), coded.events))
    return total


@pytest.fixture(scope="module")
def coder(nlp) -> DocumentCoder:
    return DocumentCoder(nlp)


def check(scores: Scores, floors: dict[str, float]) -> None:
    figures = scores.as_dict()
    print(json.dumps(figures), "missed:", scores.missed, "spurious:", scores.spurious)
    low = {k: (figures[k], v) for k, v in floors.items() if figures[k] < v}
    assert not low, f"below the pinned floor (measured, floor): {low}"


def test_seed_reports(coder, shared):
    check(score_set(GOLD / "seeds", shared, coder), FLOORS["seeds"])


def test_example_reports(coder):
    check(score_set(GOLD / "examples", REPO, coder), FLOORS["examples"])
