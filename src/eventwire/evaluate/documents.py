"""Scoring the coder against hand-checked expected events (document gold).

A document gold file (see ``tests/gold/README.md``) lists the events an analyst
would code in one document; each is anchored by a short trigger phrase
(``eventText``, with ``occurrence`` when it repeats).  A predicted event
matches a gold event when it has the same category and its evidence sentence
contains the gold anchor; matching is one-to-one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import DataError
from eventwire.records import Event


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One expected event, located in the document text."""

    category: str
    offset: int  # where its anchor starts in the document text
    actor_codes: frozenset[str]
    recipient_codes: frozenset[str]
    raw: dict[str, Any]


@dataclass
class Scores:
    """Counts and the figures derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    actor_hits: int = 0  # matched pairs whose actor codes agree
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def actor_accuracy(self) -> float:
        return self.actor_hits / self.tp if self.tp else 0.0

    def add(self, other: "Scores") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.actor_hits += other.actor_hits
        self.missed += other.missed
        self.spurious += other.spurious

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "actor_accuracy": round(self.actor_accuracy, 4)}


def load_gold(path: Path) -> dict[str, Any]:
    """A document gold file, checked for the fields scoring needs."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: cannot read gold file ({exc})") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("events"), list):
        raise DataError(f"{path}: a document gold file needs an `events` list")
    return gold


def _nth(text: str, needle: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            return -1
    return start


def locate(gold: dict[str, Any], text: str, where: str = "gold") -> list[GoldEvent]:
    """The gold events with the offsets of their anchors in ``text``."""
    located = []
    for raw in gold["events"]:
        anchor = raw.get("eventText", "")
        offset = _nth(text, anchor, int(raw.get("occurrence", 1))) if anchor else -1
        if offset < 0:
            raise DataError(f"{where}: anchor {anchor!r} (occurrence {raw.get('occurrence', 1)}) "
                            "is not in the document text")
        located.append(GoldEvent(raw["event"], offset, _codes(raw.get("actor")),
                                 _codes(raw.get("recipient") or raw.get("target")), raw))
    return located


def _codes(actors: Any) -> frozenset[str]:
    return frozenset(a.get("code", "") for a in actors or [] if isinstance(a, dict))


def score_document(gold: Sequence[GoldEvent], predicted: Iterable[Event]) -> Scores:
    """Match predicted events to gold events one-to-one and count."""
    scores = Scores()
    remaining = [e for e in predicted if not e.negated]
    for g in gold:
        hit = next((e for e in remaining if e.category == g.category
                    and e.evidence.start <= g.offset < e.evidence.end), None)
        if hit is None:
            scores.fn += 1
            scores.missed.append(f"{g.category} @{g.raw.get('eventText')!r}")
            continue
        remaining.remove(hit)
        scores.tp += 1
        predicted_codes = {a.code for a in hit.actor}
        if not g.actor_codes or g.actor_codes & predicted_codes:
            scores.actor_hits += 1
    scores.fp += len(remaining)
    scores.spurious += [f"{e.category} @{e.evidence.trigger!r}: {e.evidence.sentence[:60]}" for e in remaining]
    return scores


def find_document(name: str, gold_path: Path) -> Path:
    """The article a document gold file refers to.

    Tried in order: the path as given, then relative to each folder above the
    gold file and to a ``shared`` folder beside each of them (where the real
    reports live), then relative to the working directory.
    """
    candidates = [Path(name)]
    for folder in gold_path.resolve().parents:
        candidates += [folder / name, folder / "shared" / name]
    candidates.append(Path.cwd() / name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise DataError(f"{gold_path}: document {name!r} not found next to the gold file, "
                    "in a `shared` folder above it, or in the working directory")
