"""Training: reproducible, and it learns what the sentences say."""

from __future__ import annotations

import numpy as np

from eventwire.learn.model import LABELS
from eventwire.learn.train import best_threshold, parse_threshold, record_labels, sentence_figures, train


def test_the_same_data_and_seed_give_the_same_model(small_data, small_model) -> None:
    again = train(small_data, name="small", version="t1", seed=3, folds=3)
    assert np.array_equal(again.category_w, small_model.category_w)
    assert np.array_equal(again.combiner_w, small_model.combiner_w)
    assert again.figures == small_model.figures


def test_a_trained_model_tells_an_attack_from_a_meeting(small_model) -> None:
    _, c = small_model.text_scores(["Insurgents ambushed an army convoy, killing nine soldiers.",
                                    "The foreign minister met his Indian counterpart in Geneva on Tuesday."])
    assert LABELS[int(c[0].argmax())] == "ASSAULT"
    assert "CONSULT" in [LABELS[int(k)] for k in np.argsort(-c[1])[:2]]


def test_cross_validated_figures_are_reported(small_model) -> None:
    written = small_model.figures["cross_validated"]["written"]
    assert 0.5 < written["detection_f1"] <= 1 and 0 < written["category_accuracy"] <= 1


def test_an_announced_meeting_is_agree_in_the_labels() -> None:
    assert record_labels([{"event": "CONSULT", "future": True}, {"event": "ACCUSE"}]) == ["AGREE", "ACCUSE"]


def test_sentence_figures_and_thresholds() -> None:
    p = np.zeros((4, len(LABELS)))
    p[0, 0], p[1, 1], p[2, 2] = 0.9, 0.6, 0.3
    main = np.array([0, 2, -1, 3])  # right, wrong category, spurious at 0.3, missed
    f = sentence_figures(p, main, 0.5)
    assert f["precision"] == 1.0 and f["recall"] == round(2 / 3, 4)
    assert f["category_accuracy"] == 0.5 and f["end_to_end"] == round(1 / 3, 4)
    assert best_threshold(p, main) >= 0.3
    assert parse_threshold(np.array([0.9, 0.5, 0.01]), np.array([[1], [1], [0]])) == 0.5


def test_a_sentence_with_a_trigger_is_parsed_from_the_floor_and_any_other_from_the_threshold() -> None:
    from eventwire.learn.train import parsed_mask
    text_event = np.array([0.05, 0.15, 0.15, 0.45])
    triggered = np.array([True, True, False, False])
    assert parsed_mask(text_event, triggered, 0.4, 0.1).ravel().tolist() == [False, True, False, True]
