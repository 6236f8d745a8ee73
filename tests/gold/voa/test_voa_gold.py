"""The real-news gold: big enough, split by story, every anchor still resolves.

The gold points into ../shared/corpus/voa by story id and character offsets;
no story text is stored here (docs/codebook.md, section 6).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from eventwire.evaluate.realnews import check_anchors, load_corpus, load_story_gold
from eventwire.labelled import validate_record

HERE = Path(__file__).resolve().parent
SPLITS = {name: HERE / f"{name}.jsonl" for name in ("train", "dev", "test")}
MIN_STORIES = 60
MIN_SENTENCES = 2000


def records(name: str) -> list[dict]:
    return [json.loads(line) for line in SPLITS[name].read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def stories(shared: Path) -> dict[str, dict]:
    return load_corpus(shared / "corpus" / "voa" / "voa_stories.jsonl")


def test_the_gold_covers_enough_stories_and_sentences() -> None:
    every = [r for name in SPLITS for r in records(name)]
    assert len({r["story"] for r in every}) >= MIN_STORIES
    assert len(every) >= MIN_SENTENCES


def test_splits_are_by_story_and_about_half_a_quarter_a_quarter() -> None:
    by_split = {name: {r["story"] for r in records(name)} for name in SPLITS}
    assert not (by_split["train"] & by_split["dev"] or by_split["train"] & by_split["test"]
                or by_split["dev"] & by_split["test"])
    total = sum(len(s) for s in by_split.values())
    assert 0.4 <= len(by_split["train"]) / total <= 0.6
    assert 0.2 <= len(by_split["dev"]) / total <= 0.3 and 0.2 <= len(by_split["test"]) / total <= 0.3


def test_every_sentence_of_a_story_is_annotated_once_in_order() -> None:
    for name in SPLITS:
        seen: dict[str, list[int]] = defaultdict(list)
        for r in records(name):
            seen[r["story"]].append(r["s"])
        for story, indexes in seen.items():
            assert indexes == list(range(len(indexes))), f"{name} {story}"


def test_every_anchor_resolves_and_every_record_is_valid(stories: dict[str, dict]) -> None:
    for name, path in SPLITS.items():
        assert check_anchors(load_story_gold([path]), stories) == []
        for r in records(name):
            sentence = stories[r["story"]]["text"][r["start"]:r["end"]]
            assert validate_record(r, sentence) == [], (name, r["story"], r["s"])


def test_sentences_tile_their_story_without_overlap(stories: dict[str, dict]) -> None:
    for name in SPLITS:
        last: dict[str, int] = {}
        for r in records(name):
            assert r["start"] >= last.get(r["story"], 0) and r["end"] > r["start"]
            last[r["story"]] = r["end"]


def test_no_story_text_is_stored_beyond_short_anchors(stories: dict[str, dict]) -> None:
    for name in SPLITS:
        text = SPLITS[name].read_text(encoding="utf-8")
        for r in records(name):
            sentence = stories[r["story"]]["text"][r["start"]:r["end"]]
            if len(sentence.split()) > 8:
                assert sentence not in text
            assert len(r["anchor"].split()) <= 4
