"""Choosing the event model: --model, EVENTWIRE_MODEL, the shipped one, the rules alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ModelError
from eventwire.learn.registry import load_model, model_dir, packaged_model_dir


def test_the_default_is_the_shipped_model(monkeypatch) -> None:
    monkeypatch.delenv("EVENTWIRE_MODEL", raising=False)
    assert model_dir() == packaged_model_dir()
    assert load_model().label == "eventwire-events-1"


def test_rules_means_no_model_and_the_environment_chooses(monkeypatch, small_model_dir: Path) -> None:
    assert model_dir("rules") is None and load_model("rules") is None
    monkeypatch.setenv("EVENTWIRE_MODEL", str(small_model_dir))
    assert load_model().label == "small-t1"


def test_a_folder_without_a_model_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="eventwire train --out DIR"):
        model_dir(tmp_path)


def test_the_coder_label_names_the_model(nlp, small_model_dir: Path) -> None:
    from eventwire.coder import DocumentCoder
    assert DocumentCoder(nlp, model=str(small_model_dir)).label.startswith("eventwire-0.2.0/small-t1/")
    assert DocumentCoder(nlp, model="rules").label.startswith("eventwire-0.2.0/rules/")
