"""Scoring the coder on the real-news gold: whole stories, every sentence annotated.

The gold (``tests/gold/voa/``) points into a corpus of stories by story id and
character offsets (``docs/codebook.md``, section 6). Each story is coded
whole, with its publication date, as an ingest would code it; each coded
event is given to the gold sentence its trigger falls in. Categories are
compared in PLOVER's terms (``plover.plover_view``: an announced cooperative
act is AGREE), on both sides.

Figures (``RealNewsReport``):

- detection: a sentence holds an event, or not (precision, recall, F1);
- category accuracy: among sentences where both see an event, the coder's
  main event (its most confident) has the gold main event's category;
- end to end: the same over every gold event sentence, a miss counting wrong;
- event P/R/F1: (sentence, category) pairs, every event counted;
- actor and recipient country accuracy: on sentences whose main category is
  right, the code sets of the coder's main event and the gold event of that
  category are equal;
- calibration: every coded event binned by its confidence, with the share of
  them whose category the sentence really holds, and the expected
  calibration error.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from eventwire.errors import DataError
from eventwire.plover import CATEGORIES, plover_view
from eventwire.records import Document, Event

#: where the corpus lies, relative to a ``shared`` folder above the gold file
DEFAULT_CORPUS = "corpus/voa/voa_stories.jsonl"
CONFIDENCE_BINS = 10
NONE = "NONE"


@dataclass(frozen=True)
class GoldSentence:
    """One annotated sentence of a story."""

    story: str
    index: int
    start: int
    end: int
    anchor: str
    events: tuple[dict[str, Any], ...]
    reason: str | None

    @property
    def categories(self) -> list[str]:
        """Its categories in PLOVER's terms, main first, each once."""
        out: list[str] = []
        for event in self.events:
            category = plover_view(event["event"], bool(event.get("future")))
            if category not in out:
                out.append(category)
        return out

    def event_of(self, category: str) -> dict[str, Any] | None:
        return next((e for e in self.events
                     if plover_view(e["event"], bool(e.get("future"))) == category), None)


def is_story_gold(first: dict[str, Any]) -> bool:
    """Whether a gold record is a sentence of the real-news gold."""
    return "story" in first and "start" in first and "events" in first


def load_story_gold(paths: Iterable[Path]) -> list[GoldSentence]:
    """Every gold sentence of the files, in file order."""
    out = []
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                r = json.loads(line)
                out.append(GoldSentence(str(r["story"]), int(r["s"]), int(r["start"]), int(r["end"]),
                                        str(r.get("anchor", "")), tuple(r.get("events") or ()), r.get("reason")))
            except (ValueError, KeyError, TypeError) as exc:
                raise DataError(f"{path}:{number}: not a real-news gold record ({exc})") from exc
    return out


def load_corpus(path: Path) -> dict[str, dict[str, Any]]:
    """The corpus stories by id."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"{path}: cannot read the story corpus ({exc.strerror})") from exc
    stories = {}
    for line in lines:
        if line.strip():
            story = json.loads(line)
            stories[str(story["id"])] = story
    return stories


def check_anchors(gold: Sequence[GoldSentence], stories: dict[str, dict[str, Any]]) -> list[str]:
    """Gold sentences whose story is missing or whose anchor no longer resolves."""
    problems = []
    for sentence in gold:
        story = stories.get(sentence.story)
        if story is None:
            problems.append(f"story {sentence.story}: not in the corpus")
        elif not story["text"][sentence.start:sentence.end].startswith(sentence.anchor):
            problems.append(f"story {sentence.story} sentence {sentence.index}: anchor {sentence.anchor!r} "
                            f"does not resolve at {sentence.start}")
    return problems


def story_document(story: dict[str, Any]) -> Document:
    """A corpus story as the coder sees it: its text and its publication day."""
    from eventwire.normalize.dedup import content_hash
    published = date.fromisoformat(str(story["published"])[:10])
    return Document(id=content_hash(story["text"]), source=f"voa:{story['id']}", text=story["text"],
                    title=story.get("title"), published=published, date_source="metadata")


@dataclass
class SentencePrediction:
    """A gold sentence and the events the coder gave it."""

    gold: GoldSentence
    events: list[Event]

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(plover_view(e.category, e.future) for e in self.events))

    @property
    def main(self) -> Event | None:
        # the most confident event; the first of equals
        return max(self.events, key=lambda e: e.confidence) if self.events else None


def assign_events(gold: Sequence[GoldSentence], coded: dict[str, list[Event]]) -> list[SentencePrediction]:
    """Give each coded event of a story to the gold sentence its trigger lies in."""
    by_story: dict[str, list[GoldSentence]] = defaultdict(list)
    for sentence in gold:
        by_story[sentence.story].append(sentence)
    out = []
    for story, sentences in by_story.items():
        events = [e for e in coded.get(story, []) if not e.negated]
        for sentence in sentences:
            mine = [e for e in events if sentence.start <= _anchor_offset(e) < sentence.end]
            out.append(SentencePrediction(sentence, mine))
    return out


def _anchor_offset(event: Event) -> int:
    return event.evidence.trigger_start if event.evidence.trigger_start >= 0 else event.evidence.start


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "support": tp + fn}


def _ratio(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


@dataclass
class RealNewsReport:
    """Every figure of a real-news evaluation."""

    sentences: int = 0
    event_sentences: int = 0
    detection: dict[str, float] = field(default_factory=dict)
    category_accuracy: float = 0.0
    end_to_end: float = 0.0
    end_to_end_any: float = 0.0  # the main event's category is any of the sentence's
    events: dict[str, float] = field(default_factory=dict)
    per_category: dict[str, dict[str, float]] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    actor_country_accuracy: float = 0.0
    recipient_country_accuracy: float = 0.0
    actor_sector_accuracy: float = 0.0
    calibration: list[dict[str, float]] = field(default_factory=list)
    expected_calibration_error: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self, with_errors: bool = False) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "errors"}
        if with_errors:
            out["errors"] = self.errors
        return out

    def pinned(self) -> dict[str, float]:
        """The figures the evaluation gate pins."""
        return {"detection.precision": self.detection["precision"], "detection.recall": self.detection["recall"],
                "detection.f1": self.detection["f1"], "category_accuracy": self.category_accuracy,
                "end_to_end": self.end_to_end, "events.f1": self.events["f1"],
                "actor_country_accuracy": self.actor_country_accuracy,
                "recipient_country_accuracy": self.recipient_country_accuracy,
                "expected_calibration_error": self.expected_calibration_error}


def _codes(actors: Iterable[Any]) -> frozenset[str]:
    return frozenset((a["code"] if isinstance(a, dict) else a.code) for a in actors
                     if (a["code"] if isinstance(a, dict) else a.code))


def _sectors(actors: Iterable[Any]) -> frozenset[tuple[str, str]]:
    return frozenset(((a["code"], a.get("sector") or "") if isinstance(a, dict) else (a.code, a.sector or ""))
                     for a in actors)


def calibration_table(points: Sequence[tuple[float, bool]], bins: int = CONFIDENCE_BINS) -> tuple[list[dict[str, float]], float]:
    """Events binned by confidence: count, mean confidence, share right; and the
    expected calibration error (the bins' gaps weighted by their counts)."""
    rows = []
    error = 0.0
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in points if low <= c < high or (b == bins - 1 and c == high)]
        if not inside:
            continue
        confidence = sum(c for c, _ in inside) / len(inside)
        right = sum(ok for _, ok in inside) / len(inside)
        error += len(inside) / len(points) * abs(confidence - right)
        rows.append({"low": low, "high": high, "events": len(inside), "confidence": round(confidence, 4),
                     "right": round(right, 4)})
    return rows, round(error, 4)


def score(predictions: Sequence[SentencePrediction]) -> RealNewsReport:
    """Every figure of ``RealNewsReport`` from the sentences and their coded events."""
    report = RealNewsReport(sentences=len(predictions))
    tp = fp = fn = 0
    both = right_main = right_any = 0
    etp = efp = efn = 0
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    per: dict[str, Counter[str]] = defaultdict(Counter)
    actor_hits: list[bool] = []
    recipient_hits: list[bool] = []
    sector_hits: list[bool] = []
    points: list[tuple[float, bool]] = []
    for p in predictions:
        gold = p.gold.categories
        coded = p.categories
        main = p.main
        main_category = plover_view(main.category, main.future) if main else NONE
        confusion[gold[0] if gold else NONE][main_category] += 1
        report.event_sentences += bool(gold)
        tp += bool(gold) and bool(coded)
        fp += not gold and bool(coded)
        fn += bool(gold) and not coded
        if gold and main is not None:
            both += 1
            right_main += main_category == gold[0]
            right_any += main_category in gold
            counterpart = p.gold.event_of(main_category)
            if counterpart is not None:
                actor_hits.append(_codes(counterpart.get("actor", [])) == _codes(main.actor))
                recipient_hits.append(_codes(counterpart.get("recipient", [])) == _codes(main.recipient))
                if actor_hits[-1]:
                    sector_hits.append(_sectors(counterpart.get("actor", [])) == _sectors(main.actor))
        for category in set(coded) | set(gold):
            hit_c, in_gold = category in coded, category in gold
            etp += hit_c and in_gold
            efp += hit_c and not in_gold
            efn += in_gold and not hit_c
            per[category]["tp" if hit_c and in_gold else "fp" if hit_c else "fn"] += 1
        for event in p.events:
            points.append((event.confidence, plover_view(event.category, event.future) in gold))
        if (gold[:1] or [NONE])[0] != main_category:
            report.errors.append({"story": p.gold.story, "sentence": p.gold.index, "anchor": p.gold.anchor,
                                  "gold": gold or [NONE], "coded": coded or [NONE],
                                  "main": main_category, "reason": p.gold.reason,
                                  "rule": main.evidence.rule if main else ""})
    report.detection = _f1(tp, fp, fn)
    report.category_accuracy = _ratio(right_main, both)
    report.end_to_end = _ratio(right_main, report.event_sentences)
    report.end_to_end_any = _ratio(right_any, report.event_sentences)
    report.events = _f1(etp, efp, efn)
    report.per_category = {c: _f1(per[c]["tp"], per[c]["fp"], per[c]["fn"]) for c in CATEGORIES if c in per}
    report.confusion = {g: dict(c) for g, c in sorted(confusion.items())}
    report.actor_country_accuracy = _ratio(sum(actor_hits), len(actor_hits))
    report.recipient_country_accuracy = _ratio(sum(recipient_hits), len(recipient_hits))
    report.actor_sector_accuracy = _ratio(sum(sector_hits), len(sector_hits))
    report.calibration, report.expected_calibration_error = calibration_table(points)
    return report


def evaluate_stories(gold: Sequence[GoldSentence], stories: dict[str, dict[str, Any]], coder: Any) -> RealNewsReport:
    """Code every story the gold covers and score it."""
    problems = check_anchors(gold, stories)
    if problems:
        raise DataError("the gold does not match the corpus: " + "; ".join(problems[:3]) +
                        (f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""))
    ids = list(dict.fromkeys(s.story for s in gold))
    coded = coder.code_many([story_document(stories[i]) for i in ids])
    return score(assign_events(gold, {i: c.events for i, c in zip(ids, coded)}))
