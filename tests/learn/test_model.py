"""The event model: probabilities, files, explanations."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eventwire.errors import ModelError
from eventwire.learn.model import LABELS, EventModel, RuleFindings


def test_a_saved_model_loads_with_the_same_scores(small_model, small_model_dir: Path) -> None:
    loaded = EventModel.load(small_model_dir)
    texts = ["Rebels shelled the town on Monday.", "The weather was mild."]
    for a, b in zip(small_model.text_scores(texts), loaded.text_scores(texts)):
        assert np.allclose(a, b, atol=1e-3)
    rules = RuleFindings.empty(2)
    e, c = loaded.text_scores(texts)
    assert np.allclose(small_model.combined(e, c, rules), loaded.combined(e, c, rules), atol=1e-3)
    assert loaded.label == "small-t1" and loaded.figures == small_model.figures


def test_probabilities_are_per_category_and_in_range(small_model) -> None:
    e, c = small_model.text_scores(["Police arrested 40 protesters in the capital."])
    assert c.shape == (1, len(LABELS)) and 0 <= e[0] <= 1 and ((0 <= c) & (c <= 1)).all()
    p = small_model.combined(e, c, RuleFindings.empty(1))
    assert p.shape == (1, len(LABELS)) and ((0 <= p) & (p <= 1)).all()


def test_a_rule_event_raises_its_category(small_model) -> None:
    e, c = small_model.text_scores(["The ministers met in Hanoi."])
    none = RuleFindings.empty(1)
    found = RuleFindings.empty(1)
    k = LABELS.index("CONSULT")
    found.found[0, k], found.confidence[0, k] = 1, 0.9
    assert small_model.combined(e, c, found)[0, k] > small_model.combined(e, c, none)[0, k]


def test_the_words_that_weighed_are_from_the_sentence(small_model) -> None:
    words = small_model.weighing_words("Artillery shelled the village overnight.", "ASSAULT")
    assert words and all(w in "artillery shelled the village overnight" for w, _ in words)


def test_a_folder_that_is_no_model_is_refused_with_advice(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="eventwire train --out DIR"):
        EventModel.load(tmp_path)


def test_a_model_of_another_format_is_refused(small_model_dir: Path, tmp_path: Path) -> None:
    meta = json.loads((small_model_dir / "model.json").read_text())
    meta["format"] = 99
    (tmp_path / "model.json").write_text(json.dumps(meta))
    (tmp_path / "weights.npz").write_bytes((small_model_dir / "weights.npz").read_bytes())
    with pytest.raises(ModelError, match="retrain it"):
        EventModel.load(tmp_path)


def test_the_parse_gate_and_its_trigger_floor_are_saved_with_the_model(small_model, tmp_path: Path) -> None:
    from dataclasses import replace
    replace(small_model, parse_threshold=0.4, trigger_floor=0.1).save(tmp_path / "gated")
    loaded = EventModel.load(tmp_path / "gated")
    assert (loaded.parse_threshold, loaded.trigger_floor) == (0.4, 0.1)
    assert loaded.parses(0.45, False) and loaded.parses(0.15, True)
    assert not loaded.parses(0.15, False) and not loaded.parses(0.05, True)
