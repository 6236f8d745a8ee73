"""Sentence boundaries: ranks, titles and abbreviations, quotation marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.coder.sentences import split_sentences


def sentences(nlp, text: str) -> list[str]:
    spans = split_sentences(nlp.make_doc(text))
    assert all(text[s.start_char:s.end_char] == s.text for s in spans)
    return [s.text for s in spans]


def test_a_rank_before_a_name_does_not_end_the_sentence_in_the_seed(nlp, shared: Path) -> None:
    text = (shared / "seeds" / "003_5114188dcac77269.txt").read_text(encoding="utf-8")
    found = [s for s in sentences(nlp, text) if "Huang Xueping" in s]
    assert len(found) == 1
    assert found[0].startswith("The Chinese Defense Ministry Thursday said, Maj. Gen. Huang Xueping")
    assert found[0].endswith("two days ago.")


@pytest.mark.parametrize("text", [
    "Lt. Col. Ann Lee and Sen. Jim Risch met on Dec. 26 in St. Louis.",
    "Brig. Gen. Pat Ryder said Adm. John Aquilino and Capt. Ross had not spoken.",
    "Rep. Adam Smith, D-Wash., said No. 5 was ready.",
    "John F. Kennedy met Nikita Khrushchev in Vienna.",
    "Gov. Jones visited Acme Corp. on Monday with Dr. Ruth Ito.",
])
def test_ranks_titles_initials_and_abbreviations_do_not_end_a_sentence(nlp, text: str) -> None:
    assert sentences(nlp, text) == [text]


def test_a_country_abbreviation_ends_a_sentence_when_a_new_one_opens(nlp) -> None:
    assert sentences(nlp, "The envoy came from the U.S. The ministry agreed to talks.") == [
        "The envoy came from the U.S.", "The ministry agreed to talks."]
    assert sentences(nlp, "Officials of the U.S. Navy met.") == ["Officials of the U.S. Navy met."]


@pytest.mark.parametrize(("text", "expected"), [
    ('The talks ended. "We will win," he said. "They lost."',
     ["The talks ended.", '"We will win," he said.', '"They lost."']),
    ("“We will win,” he said. “They lost.” Then he left.",
     ["“We will win,” he said.", "“They lost.”", "Then he left."]),
    ('He said: "We are ready." Then he left.', ['He said: "We are ready."', "Then he left."]),
])
def test_quotation_marks_stay_with_their_sentence(nlp, text: str, expected: list[str]) -> None:
    assert sentences(nlp, text) == expected


def test_lower_case_after_a_stop_continues_the_sentence(nlp) -> None:
    assert sentences(nlp, "The talks, held in Geneva etc. continued on Monday.") == [
        "The talks, held in Geneva etc. continued on Monday."]


def test_plain_sentences_and_paragraphs_split_as_before(nlp) -> None:
    assert sentences(nlp, "One.\n\nTwo! Three? Four") == ["One.", "Two!", "Three?", "Four"]
