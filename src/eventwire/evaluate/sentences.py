"""Scoring the coder on PLOVER sentence records.

Each gold sentence is coded on its own (its ``date`` as the report date).  The
predicted event compared with the gold one is the event whose trigger overlaps
the gold ``eventText``, else the most confident one: the coder's main event.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eventwire.coder import DocumentCoder
from eventwire.evaluate.gold import GoldActor, SentenceGold
from eventwire.normalize.dedup import content_hash
from eventwire.records import Actor, Document, Event

NONE = "NONE"


@dataclass
class Pair:
    """A gold sentence and the coder's main event for it (or None)."""

    gold: SentenceGold
    predicted: Event | None


def main_event(gold: SentenceGold, events: list[Event]) -> Event | None:
    """The predicted event to compare: trigger overlapping the gold anchor, else most confident."""
    events = [e for e in events if not e.negated]
    if not events:
        return None
    if gold.event_text:
        start = gold.text.find(gold.event_text)
        end = start + len(gold.event_text)
        overlapping = [e for e in events if start <= e.evidence.trigger_start - e.evidence.start < end
                       or (e.evidence.trigger_start - e.evidence.start <= start <
                           e.evidence.trigger_start - e.evidence.start + len(e.evidence.trigger))]
        if overlapping:
            return overlapping[0]
    return max(events, key=lambda e: e.confidence)


def code_sentences(records: Iterable[SentenceGold], coder: DocumentCoder) -> list[Pair]:
    """Run the coder on every gold sentence."""
    pairs = []
    texts = [(r, Document(id=content_hash(r.text), source=r.id, text=r.text, published=r.report_date,
                          date_source="user" if r.report_date else "unknown")) for r in records]
    for record, document in texts:
        coded = coder.code(document)
        pairs.append(Pair(record, main_event(record, coded.events)))
    return pairs


def _codes(actors: Iterable[GoldActor | Actor]) -> frozenset[str]:
    return frozenset(a.code for a in actors if a.code)


def _sectors(actors: Iterable[GoldActor | Actor]) -> frozenset[tuple[str, str]]:
    return frozenset((a.code, (a.sector or "").upper()) for a in actors if a.code)


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "support": tp + fn}


@dataclass
class SentenceReport:
    """Every figure of a sentence-level evaluation."""

    sentences: int = 0
    detection: dict[str, float] = field(default_factory=dict)
    category_accuracy: float = 0.0
    category_macro_f1: float = 0.0
    per_category: dict[str, dict[str, float]] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    actor_country_accuracy: float = 0.0
    actor_sector_accuracy: float = 0.0
    recipient_country_accuracy: float = 0.0
    recipient_sector_accuracy: float = 0.0
    mode_f1: float = 0.0
    context_f1: float = 0.0
    date_accuracy: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self, with_errors: bool = False) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "errors"}
        if with_errors:
            out["errors"] = self.errors
        return out


def _ratio(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def score_pairs(pairs: list[Pair]) -> SentenceReport:
    """Detection, category, actor, mode, context and date figures."""
    report = SentenceReport(sentences=len(pairs))
    tp = fp = fn = 0
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    both: list[Pair] = []
    for pair in pairs:
        gold = pair.gold.category or NONE
        predicted = pair.predicted.category if pair.predicted else NONE
        confusion[gold][predicted] += 1
        tp += gold != NONE and predicted != NONE
        fp += gold == NONE and predicted != NONE
        fn += gold != NONE and predicted == NONE
        if gold != NONE and predicted != NONE:
            both.append(pair)
        if gold != predicted:
            report.errors.append({"id": pair.gold.id, "gold": gold, "predicted": predicted,
                                  "text": pair.gold.text,
                                  "rule": pair.predicted.evidence.rule if pair.predicted else ""})
    report.detection = _f1(tp, fp, fn)
    report.confusion = {g: dict(c) for g, c in sorted(confusion.items())}
    report.category_accuracy = _ratio(sum(p.predicted.category == p.gold.category for p in both), len(both))
    labels = sorted({g for g in confusion if g != NONE} | {p for c in confusion.values() for p in c if p != NONE})
    for label in labels:
        ltp = confusion[label][label]
        lfp = sum(c[label] for g, c in confusion.items() if g != label)
        lfn = sum(n for p, n in confusion[label].items() if p != label)
        report.per_category[label] = _f1(ltp, lfp, lfn)
    report.category_macro_f1 = round(sum(v["f1"] for v in report.per_category.values()) /
                                     len(report.per_category), 4) if report.per_category else 0.0
    _actor_figures(report, both)
    _mode_context_date(report, both)
    return report


def _actor_figures(report: SentenceReport, both: list[Pair]) -> None:
    assert all(p.predicted for p in both)
    a_country = [_codes(p.gold.actor) == _codes(p.predicted.actor) for p in both]  # type: ignore[union-attr]
    a_sector = [_sectors(p.gold.actor) == _sectors(p.predicted.actor) for p, ok in zip(both, a_country) if ok]  # type: ignore[union-attr]
    r_country = [_codes(p.gold.recipient) == _codes(p.predicted.recipient) for p in both]  # type: ignore[union-attr]
    r_sector = [_sectors(p.gold.recipient) == _sectors(p.predicted.recipient)  # type: ignore[union-attr]
                for p, ok in zip(both, r_country) if ok]
    report.actor_country_accuracy = _ratio(sum(a_country), len(a_country))
    report.actor_sector_accuracy = _ratio(sum(a_sector), len(a_sector))
    report.recipient_country_accuracy = _ratio(sum(r_country), len(r_country))
    report.recipient_sector_accuracy = _ratio(sum(r_sector), len(r_sector))


def _mode_context_date(report: SentenceReport, both: list[Pair]) -> None:
    mtp = mfp = mfn = ctp = cfp = cfn = 0
    dated = date_hits = 0
    for p in both:
        assert p.predicted is not None
        gold_mode, predicted_mode = p.gold.mode, (p.predicted.mode or "")
        if gold_mode and gold_mode == predicted_mode:
            mtp += 1
        else:
            mfp += bool(predicted_mode)
            mfn += bool(gold_mode)
        predicted_context = set(p.predicted.context)
        ctp += len(p.gold.context & predicted_context)
        cfp += len(predicted_context - p.gold.context)
        cfn += len(p.gold.context - predicted_context)
        if p.gold.event_date is not None:
            dated += 1
            start, end = p.predicted.date, p.predicted.date_end or p.predicted.date
            date_hits += bool(start and end and start <= p.gold.event_date <= end)
    report.mode_f1 = _f1(mtp, mfp, mfn)["f1"]
    report.context_f1 = _f1(ctp, cfp, cfn)["f1"]
    report.date_accuracy = _ratio(date_hits, dated)
