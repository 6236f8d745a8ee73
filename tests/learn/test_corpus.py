"""The training corpus: big and varied enough, valid, and our own writing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.labelled import validate_record
from eventwire.learn.corpus import Floors, corpus_files, load_records, near_duplicates, report

WORD = re.compile(r"\w+")
COPY_WORDS = 8  # a run of this many words shared with a third-party text counts as copied


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return load_records(corpus_files())


def test_the_packaged_corpus_meets_every_floor(records: list[dict]) -> None:
    result = report(records)
    assert result.shortfalls() == []
    assert result.sentences >= Floors().sentences


def test_a_missed_floor_is_named() -> None:
    record = {"id": "x", "date": "1999-01-01", "text": "Troops shelled the town.", "region": "Europe",
              "style": "AP", "tags": [], "reason": None, "_where": "f:1",
              "events": [{"event": "ASSAULT", "actor": [], "recipient": [], "trigger": "shelled"}]}
    missed = report([record]).shortfalls()
    assert "1 sentences, fewer than 8000" in missed
    assert "AGREE: 0 sentences, fewer than 300" in missed


def test_near_duplicates_are_found_and_distinct_sentences_are_not() -> None:
    def rec(text: str, where: str) -> dict:
        return {"text": text, "_where": where}
    found = near_duplicates([rec("Rebels shelled the northern town of Kidal on Monday morning.", "a:1"),
                             rec("Rebels shelled the northern town of Kidal on Tuesday morning.", "a:2"),
                             rec("The minister met his Japanese counterpart in Tokyo.", "a:3")])
    assert [(a, b) for a, b, _ in found] == [("a:1", "a:2")]


def test_an_invalid_record_is_reported_with_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "b1", "date": "2001-02-03", "text": "Police detained ten.", "region": "Asia", '
                    '"events": [{"event": "ARREST", "actor": [], "recipient": [], "trigger": "held"}]}\n',
                    encoding="utf-8")
    problems = report(load_records([path])).invalid
    assert any("bad.jsonl:1" in p and "'ARREST' is not a PLOVER category" in p for p in problems)
    assert any("trigger 'held' is not in the sentence" in p for p in problems)


def test_every_sentence_is_valid_and_every_trigger_verbatim(records: list[dict]) -> None:
    assert [r["_where"] for r in records if validate_record(r)] == []


def _runs(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i:i + COPY_WORDS]) for i in range(len(words) - COPY_WORDS + 1)}


def test_nothing_is_copied_from_the_third_party_texts(records: list[dict], shared: Path) -> None:
    import json
    theirs: set[tuple[str, ...]] = set()
    for line in (shared / "corpus" / "voa" / "voa_stories.jsonl").read_text(encoding="utf-8").splitlines():
        theirs |= _runs(json.loads(line)["text"])
    for seed in (shared / "seeds").glob("*.txt"):
        theirs |= _runs(seed.read_text(encoding="utf-8"))
    copied = [r["_where"] for r in records if _runs(r["text"]) & theirs]
    assert copied == []
