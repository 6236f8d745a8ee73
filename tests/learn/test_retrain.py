"""``eventwire train --with-reviews`` on a tiny corpus and a store of reviews, and
the saved versions ``eventwire models`` lists and ``--model NAME`` finds."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))  # the store tests' record factory
from store_factory import make_coded  # noqa: E402

from eventwire.cli import app  # noqa: E402
from eventwire.errors import ModelError  # noqa: E402
from eventwire.learn.registry import load_model, model_dir, versions  # noqa: E402
from eventwire.store import open_store, reviews  # noqa: E402
from eventwire.store.missed import add_missed  # noqa: E402

PER_FILE = 12


@pytest.fixture(scope="module")
def tiny_corpus(small_records, tmp_path_factory) -> Path:
    by_file: dict[str, int] = {}
    chosen = []
    for record in small_records:
        where = record["_where"].split(":")[0]
        by_file[where] = by_file.get(where, 0) + 1
        if by_file[where] <= PER_FILE:
            chosen.append({k: v for k, v in record.items() if k != "_where"})
    path = tmp_path_factory.mktemp("tiny") / "tiny.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in chosen), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reviewed_db(tmp_path_factory) -> str:
    url = str(tmp_path_factory.mktemp("reviews") / "reviews.db")
    with open_store(url) as store:
        for i in range(1, 9):
            coded = make_coded(i * 3 + 2)  # three events each
            store.save(coded)
            first, second, third = sorted(store.events(doc_id=coded.document.id, include_negated=True),
                                          key=lambda e: e.evidence.sentence_index)
            reviews.accept(store, first.id, "alice")
            reviews.correct(store, second.id, "alice", {"category": "REQUEST"})
            reviews.reject(store, third.id, "alice")
            add_missed(store, coded.document.id, coded.document.text.split(". ")[3], "REQUEST", "alice",
                       trigger="urged")
    return url


def test_train_with_reviews_saves_a_version_with_held_out_figures(tiny_corpus: Path, reviewed_db: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    args = ["train", "--no-corpus", "--data", str(tiny_corpus), "--with-reviews", "--db", reviewed_db,
            "--held-out", "0.4", "--folds", "2", "--name", "taught"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "reviewed sentences to learn from" in first.output
    assert "held-out reviews" in first.output and "after (new model)" in first.output
    assert "--model taught" in first.output
    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert versions("taught") == ["1", "2"]
    model = load_model("taught")  # the latest version
    assert model.label == "taught-2"
    assert load_model("taught:1").label == "taught-1"
    from eventwire.cli import use_model  # what ingest and recode --model NAME do
    monkeypatch.setenv("EVENTWIRE_MODEL", "default")
    use_model("taught:1")
    assert Path(os.environ["EVENTWIRE_MODEL"]) == model_dir("taught:1").resolve()
    assert model.trained_on["reviews"]["sentences"] > 0
    held = model.figures["held_out_reviews"]
    assert held["sentences"] > 0 and "end_to_end" in held["after"] and held["before_model"]
    again = runner.invoke(app, args + ["--version", "2"])
    assert again.exit_code == 1 and "already saved" in str(again.exception)
    listing = runner.invoke(app, ["models"])
    assert listing.exit_code == 0 and "taught:1" in listing.output and "taught:2" in listing.output
    assert "reviews" in listing.output


def test_training_with_reviews_needs_some(tmp_path: Path, tiny_corpus: Path) -> None:
    empty = str(tmp_path / "empty.db")
    open_store(empty).close()
    result = CliRunner().invoke(app, ["train", "--no-corpus", "--data", str(tiny_corpus), "--with-reviews",
                                      "--db", empty])
    assert result.exit_code == 1 and "review some in the workbench" in str(result.exception)


def test_an_unknown_name_says_where_to_look() -> None:
    with pytest.raises(ModelError, match="eventwire models"):
        model_dir("nobody-trained-this")
