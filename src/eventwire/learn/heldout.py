"""Figures of a model on held-out labelled sentences (the reviews ``train
--with-reviews`` keeps back), from each sentence's words and what the rules
found in it, as the coder decides at ingest."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from eventwire.learn.model import EventModel
from eventwire.learn.train import Example, findings, main_labels, parsed_mask, sentence_figures


def probabilities(model: EventModel, examples: Sequence[Example]) -> np.ndarray:
    """The model's calibrated probability per sentence and category (zero for a sentence it would not parse)."""
    event, category = model.text_scores([e.text for e in examples])
    rules = findings(examples)
    p = model.combined(event, category, rules)
    return p * parsed_mask(event, rules.triggered, model.parse_threshold, model.trigger_floor)


def held_figures(model: EventModel, examples: Sequence[Example]) -> dict[str, float]:
    """Detection, category accuracy and end to end of ``model`` on ``examples``."""
    if not examples:
        return {}
    return sentence_figures(probabilities(model, examples), main_labels(examples), model.event_threshold)
