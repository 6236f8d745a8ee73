"""The learned event model: which PLOVER categories a sentence holds, with a
probability for each.

Two steps, both linear, so that every decision can be shown:

1. **Text model** (every sentence, no parse): logistic regressions over the
   hashed words and character n-grams (``learn.features``): one for "holds an
   event", one per category. Its event probability decides which sentences
   are worth parsing.
2. **Combiner** (parsed sentences): a logistic regression over, per
   category, the text model's two log-odds and what the rules found in the
   parse (a rule event of that category, its confidence, a negated one, any
   rule event at all). It learns on real news how far to trust each source;
   a final two-parameter (Platt) scaling, fitted on the real-news dev split,
   makes its output a calibrated probability.

Categories are PLOVER's own view (``plover.plover_view``): an announced
cooperative act is AGREE.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final

import numpy as np
from scipy.sparse import csr_matrix

from eventwire.errors import ModelError
from eventwire.learn import features
from eventwire.plover import CATEGORIES

FORMAT: Final = 2
ARRAYS: Final = "weights.npz"
META: Final = "model.json"
LABELS: Final[tuple[str, ...]] = tuple(CATEGORIES)
#: the combiner's inputs for one category, in order (``combiner_inputs``)
COMBINER_INPUTS: Final[tuple[str, ...]] = (
    "text log-odds of the category", "text log-odds of an event", "rule event of the category",
    "rule confidence", "negated rule event of the category", "any rule event", "top text category",
    *(f"rule event of {c}" for c in CATEGORIES), *(f"category {c}" for c in CATEGORIES))


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-5, 1 - 1e-5)
    return np.log(p / (1 - p))


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def text_probabilities(x: csr_matrix, event_w: np.ndarray, event_b: float, category_w: np.ndarray,
                       category_b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P(event) per row, and P(event of category k) = P(event) x P(k | event).

    The categories share one softmax: a long sentence full of names still
    tells which kind of event it holds, where one regression per category
    let each rare category's own bias drown its trigger word."""
    event = np.asarray(sigmoid(x @ event_w + event_b), dtype=np.float32).reshape(-1)
    given = softmax(np.asarray(x @ category_w.T) + category_b)
    return event, (given * event[:, None]).astype(np.float32)


@dataclass
class RuleFindings:
    """What the rules found in parsed sentences, one row a sentence, one column a category."""

    found: np.ndarray  # 1 where a rule event (not negated) of the category was found
    confidence: np.ndarray  # the highest rule confidence of the category
    negated: np.ndarray  # 1 where only a negated rule event of the category was found

    @property
    def triggered(self) -> np.ndarray:
        """Per sentence: whether the rules found any event in it, negated or not."""
        return (self.found.max(axis=1) > 0) | (self.negated.max(axis=1) > 0)

    @classmethod
    def empty(cls, rows: int) -> RuleFindings:
        zeros = np.zeros((rows, len(LABELS)), dtype=np.float32)
        return cls(zeros, zeros.copy(), zeros.copy())


def combiner_inputs(event_p: np.ndarray, category_p: np.ndarray, rules: RuleFindings) -> np.ndarray:
    """The combiner's input rows: one per (sentence, category), ``COMBINER_INPUTS`` wide."""
    n, k = category_p.shape
    top = (category_p == category_p.max(axis=1, keepdims=True)).astype(np.float32)
    any_rule = np.repeat(rules.found.max(axis=1, keepdims=True), k, axis=1)
    columns = [logit(category_p), np.repeat(logit(event_p)[:, None], k, axis=1), rules.found,
               rules.confidence, rules.negated * (1 - rules.found), any_rule, top]
    shared = np.stack([c.reshape(-1) for c in columns], axis=1)
    # per category: how far the rules are to be trusted for it, and how common it is
    which = np.tile(np.eye(k, dtype=np.float32), (n, 1))
    return np.hstack([shared, which * rules.found.reshape(-1, 1), which]).astype(np.float32)


@dataclass
class EventModel:
    """A trained event model: its weights, thresholds and the figures it was chosen on."""

    name: str
    version: str
    idf: np.ndarray  # (features.WIDTH,)
    event_w: np.ndarray  # (features.WIDTH,)
    event_b: float
    category_w: np.ndarray  # (len(LABELS), features.WIDTH)
    category_b: np.ndarray  # (len(LABELS),)
    combiner_w: np.ndarray  # (len(COMBINER_INPUTS),)
    combiner_b: float
    platt: tuple[float, float] = (1.0, 0.0)  # confidence = sigmoid(a * logit(p) + b)
    parse_threshold: float = 0.1  # text event probability from which a sentence is parsed
    trigger_floor: float = 0.0  # ... and from which one where a rule's trigger stands is
    event_threshold: float = 0.5  # calibrated probability from which a sentence's main event is coded
    extra_threshold: float = 0.5  # ... and from which a further category of the same sentence is
    figures: dict[str, Any] = field(default_factory=dict)
    trained_on: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """``name-version``, recorded with every event it codes."""
        return f"{self.name}-{self.version}"

    # --- the text model -------------------------------------------------------------
    def text_matrix(self, texts: list[str]) -> csr_matrix:
        return features.weighted(features.counts(texts), self.idf)

    def text_scores(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """P(event) and P(category) per sentence, from its words alone."""
        if not texts:
            return np.zeros(0, dtype=np.float32), np.zeros((0, len(LABELS)), dtype=np.float32)
        return text_probabilities(self.text_matrix(texts), self.event_w, self.event_b, self.category_w,
                                  self.category_b)

    def parses(self, text_event: float, triggered: bool) -> bool:
        """Whether a sentence is worth parsing: its words make an event likely
        enough, or a rule's trigger stands in it and they make one possible."""
        return text_event >= self.parse_threshold or (triggered and text_event >= self.trigger_floor)

    # --- the combiner ---------------------------------------------------------------
    def raw_combined(self, event_p: np.ndarray, category_p: np.ndarray, rules: RuleFindings) -> np.ndarray:
        """The combiner's probabilities before calibration, (sentences, categories)."""
        z = combiner_inputs(event_p, category_p, rules) @ self.combiner_w + self.combiner_b
        return sigmoid(z).reshape(category_p.shape)

    def combined(self, event_p: np.ndarray, category_p: np.ndarray, rules: RuleFindings) -> np.ndarray:
        """Calibrated probabilities that each sentence holds an event of each category."""
        a, b = self.platt
        return sigmoid(a * logit(self.raw_combined(event_p, category_p, rules)) + b)

    # --- explaining -----------------------------------------------------------------
    def weighing_words(self, text: str, category: str, limit: int = 5) -> list[tuple[str, float]]:
        """The sentence's words that weighed most for ``category``, with their weights."""
        k = LABELS.index(category)
        seen: dict[str, float] = {}
        for word in features.sentence_words(text):
            column = features.column(word)
            if column >= 0 and word not in seen:
                seen[word] = float(self.category_w[k, column] * self.idf[column])
        return sorted(seen.items(), key=lambda kv: -kv[1])[:limit]

    # --- files ----------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        """Write the model to ``folder`` (created): weights as float16, the rest as JSON."""
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(folder / ARRAYS, idf=self.idf.astype(np.float16),
                            event_w=self.event_w.astype(np.float16),
                            category_w=self.category_w.astype(np.float16))
        meta = {k: v for k, v in asdict(self).items() if k not in ("idf", "event_w", "category_w")}
        meta.update(format=FORMAT, labels=list(LABELS), combiner_inputs=list(COMBINER_INPUTS),
                    category_b=self.category_b.tolist(), combiner_w=self.combiner_w.tolist(),
                    buckets=features.BUCKETS)
        (folder / META).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> EventModel:
        """Read a model written by ``save``."""
        try:
            meta = json.loads((folder / META).read_text(encoding="utf-8"))
            arrays = np.load(folder / ARRAYS)
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder}: not an eventwire event model ({exc}); "
                             "train one with `eventwire train --out DIR`") from exc
        if meta.get("format") != FORMAT or meta.get("labels") != list(LABELS) or \
                meta.get("buckets") != features.BUCKETS:
            raise ModelError(f"{folder}: a model of another format or eventwire version; retrain it "
                             "with `eventwire train`")
        return cls(name=meta["name"], version=meta["version"],
                   idf=arrays["idf"].astype(np.float32), event_w=arrays["event_w"].astype(np.float32),
                   event_b=float(meta["event_b"]), category_w=arrays["category_w"].astype(np.float32),
                   category_b=np.asarray(meta["category_b"], dtype=np.float32),
                   combiner_w=np.asarray(meta["combiner_w"], dtype=np.float32),
                   combiner_b=float(meta["combiner_b"]), platt=tuple(meta["platt"]),
                   parse_threshold=float(meta["parse_threshold"]), event_threshold=float(meta["event_threshold"]),
                   extra_threshold=float(meta.get("extra_threshold", 0.5)),
                   trigger_floor=float(meta.get("trigger_floor", 0.0)),
                   figures=meta.get("figures", {}), trained_on=meta.get("trained_on", {}))
