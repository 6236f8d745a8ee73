"""A small event model trained in the tests from part of the corpus (seconds, not minutes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.learn.corpus import corpus_files, load_records

PER_FILE = 60


@pytest.fixture(scope="session")
def small_records() -> list[dict]:
    """The first sentences of every corpus file."""
    records = []
    for path in corpus_files():
        records += load_records([path])[:PER_FILE]
    return records


@pytest.fixture(scope="session")
def small_data(small_records, nlp, tmp_path_factory):
    from eventwire.coder import DocumentCoder
    from eventwire.learn.data import gather
    folder = tmp_path_factory.mktemp("small")
    path = folder / "small.jsonl"
    import json
    path.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "_where"}) + "\n"
                            for r in small_records), encoding="utf-8")
    return gather([path], [], None, DocumentCoder(nlp, model="rules"), with_corpus=False)


@pytest.fixture(scope="session")
def small_model(small_data):
    from eventwire.learn.train import train
    return train(small_data, name="small", version="t1", seed=3, folds=3)


@pytest.fixture(scope="session")
def small_model_dir(small_model, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("model")
    small_model.save(folder)
    return folder
