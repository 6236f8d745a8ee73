"""The event model shipped in the package: small, and the figures it records are the ones it gets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.learn.registry import packaged_model_dir

GOLD = Path(__file__).resolve().parents[1] / "gold" / "voa"
MAX_BYTES = 25 * 1024 * 1024


def test_the_shipped_model_is_small_enough_to_ship() -> None:
    folder = packaged_model_dir()
    assert sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) <= MAX_BYTES


def test_its_dev_figures_are_what_make_model_reported(nlp, shared: Path) -> None:
    from eventwire.coder import DocumentCoder
    from eventwire.evaluate.realnews import evaluate_stories, load_corpus, load_story_gold
    recorded = json.loads((packaged_model_dir() / "model.json").read_text())["figures"]["dev"]
    report = evaluate_stories(load_story_gold([GOLD / "dev.jsonl"]),
                              load_corpus(shared / "corpus" / "voa" / "voa_stories.jsonl"),
                              DocumentCoder(nlp, model="default"))
    assert report.pinned() == pytest.approx(recorded, abs=1e-4)


def test_it_was_trained_on_the_corpus_and_the_real_news_train_split() -> None:
    trained_on = json.loads((packaged_model_dir() / "model.json").read_text())["trained_on"]
    assert trained_on["corpus"]["sentences"] >= 8000
    assert [r["file"] for r in trained_on["real_news"]] == ["train.jsonl"]
    assert [r["file"] for r in trained_on["dev"]] == ["dev.jsonl"]
