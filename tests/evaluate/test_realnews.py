"""Scoring on the real-news gold: sentences of whole stories, PLOVER's terms, calibration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.evaluate.realnews import (GoldSentence, SentencePrediction, assign_events, calibration_table,
                                         evaluate_stories, load_story_gold, score)
from eventwire.plover import plover_view
from eventwire.records import Actor, Event, Evidence


def gold(index: int, *categories: str, future: bool = False, actor: str = "USA") -> GoldSentence:
    events = tuple({"event": c, "actor": [{"code": actor, "sector": "GOV"}], "recipient": [], "future": future}
                   for c in categories)
    return GoldSentence("s1", index, index * 100, index * 100 + 99, f"sentence {index}", events,
                        None if categories else "background")


def event(category: str, offset: int, confidence: float = 0.9, future: bool = False, actor: str = "USA") -> Event:
    evidence = Evidence(doc_id="d", sentence_index=0, start=offset, end=offset + 10, sentence="x",
                        trigger="t", trigger_start=offset)
    return Event(category=category, actor=[Actor(actor, "GOV")], recipient=[], evidence=evidence,
                 confidence=confidence, future=future)


def test_events_go_to_the_sentence_their_trigger_is_in() -> None:
    sentences = [gold(0, "ACCUSE"), gold(1)]
    [first, second] = assign_events(sentences, {"s1": [event("ACCUSE", 120), event("ASSAULT", 10)]})
    assert [e.category for e in first.events] == ["ASSAULT"]
    assert [e.category for e in second.events] == ["ACCUSE"]


def test_detection_category_and_end_to_end() -> None:
    predictions = [
        SentencePrediction(gold(0, "ACCUSE"), [event("ACCUSE", 0)]),           # right
        SentencePrediction(gold(1, "REQUEST"), [event("ACCUSE", 100)]),        # detected, wrong category
        SentencePrediction(gold(2, "ASSAULT"), []),                            # missed
        SentencePrediction(gold(3), [event("CONSULT", 300)]),                  # spurious
        SentencePrediction(gold(4), []),                                       # right: nothing
    ]
    report = score(predictions)
    assert report.detection["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert report.detection["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert report.category_accuracy == 0.5
    assert report.end_to_end == pytest.approx(1 / 3, abs=1e-4)
    assert report.confusion["REQUEST"] == {"ACCUSE": 1} and report.confusion["NONE"] == {"CONSULT": 1, "NONE": 1}
    assert report.actor_country_accuracy == 1.0


def test_the_main_event_is_the_most_confident_and_others_count_as_events() -> None:
    p = SentencePrediction(gold(0, "ASSAULT", "ACCUSE"),
                           [event("ACCUSE", 5, confidence=0.6), event("ASSAULT", 10, confidence=0.8)])
    report = score([p])
    assert report.end_to_end == 1.0 and report.events["f1"] == 1.0


def test_an_announced_meeting_is_agree_on_both_sides() -> None:
    assert plover_view("CONSULT", future=True) == "AGREE"
    assert plover_view("CONSULT", future=False) == "CONSULT"
    assert plover_view("ASSAULT", future=True) == "ASSAULT"
    p = SentencePrediction(gold(0, "CONSULT", future=True), [event("AGREE", 0)])
    assert score([p]).end_to_end == 1.0


def test_actor_country_is_compared_on_right_categories() -> None:
    p = SentencePrediction(gold(0, "ACCUSE", actor="CHN"), [event("ACCUSE", 0, actor="USA")])
    assert score([p]).actor_country_accuracy == 0.0


def test_calibration_bins_and_expected_error() -> None:
    points = [(0.95, True)] * 9 + [(0.95, False)] + [(0.55, True), (0.55, False)]
    rows, error = calibration_table(points)
    assert [(r["low"], r["events"], r["right"]) for r in rows] == [(0.5, 2, 0.5), (0.9, 10, 0.9)]
    assert error == pytest.approx((10 * 0.05 + 2 * 0.05) / 12, abs=1e-4)
    assert calibration_table([(1.0, True)])[0][0]["events"] == 1  # 1.0 is in the last bin


def test_a_story_is_coded_whole_with_its_date(tmp_path: Path, nlp) -> None:
    from eventwire.coder import DocumentCoder
    text = ("Japan's foreign minister criticized China on Monday for the incursions. "
            "The weather in Tokyo was mild.")
    stories = {"7": {"id": "7", "text": text, "published": "2023-05-04 10:00:00Z", "title": "t"}}
    path = tmp_path / "g.jsonl"
    second = text.index("The weather")
    path.write_text("\n".join(json.dumps(r) for r in [
        {"story": "7", "s": 0, "start": 0, "end": second - 1, "anchor": "Japan's foreign minister criticized",
         "events": [{"event": "ACCUSE", "actor": [{"code": "JPN", "sector": "GOV"}],
                     "recipient": [{"code": "CHN", "sector": ""}], "trigger": "criticized"}], "reason": None},
        {"story": "7", "s": 1, "start": second, "end": len(text), "anchor": "The weather in Tokyo",
         "events": [], "reason": "background"}]) + "\n", encoding="utf-8")
    report = evaluate_stories(load_story_gold([path]), stories, DocumentCoder(nlp))
    assert report.end_to_end == 1.0 and report.detection["precision"] == 1.0
    assert report.actor_country_accuracy == 1.0 and report.recipient_country_accuracy == 1.0


def test_a_gold_that_no_longer_matches_its_corpus_is_refused(tmp_path: Path, nlp) -> None:
    from eventwire.coder import DocumentCoder
    from eventwire.errors import DataError
    stories = {"7": {"id": "7", "text": "Something else entirely.", "published": "2023-05-04"}}
    with pytest.raises(DataError, match="anchor 'Japan'"):
        evaluate_stories([GoldSentence("7", 0, 0, 10, "Japan", (), "background")], stories, DocumentCoder(nlp))
