"""Statements about the state of communication (sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire.analysis.statements import find_statements


def statuses(sentence: str) -> list[str]:
    return [s.status for s in find_statements(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    ("The defence ministry said the naval hotline has remained open all week.", ["active"]),
    ("Officials said staff talks between the two navies had not been interrupted.", ["active"]),
    ("Liaison channels between the armies were never fully closed, an officer said.", ["active"]),
    ("The two general staffs have maintained regular communication since May.", ["active"]),
    ("Both armies agreed to maintain communication on the border.", ["active"]),
    ("The air forces kept open contacts through the summer, a spokesman said.", ["active"]),
    ("Ankara suspended military talks with Athens on Monday.", ["suspended"]),
    ("Annual staff talks were cancelled after the collision.", ["suspended"]),
    ("The two navies resumed contacts at working level last week.", ["resumed"]),
    ("The ministers agreed to resume the dialogue in the autumn.", ["resumed"]),
    ("The ministry declined a request for a phone call from its counterpart.", ["refused"]),
])
def test_states_said_in_a_sentence(sentence: str, expected: list[str]) -> None:
    assert statuses(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "It is essential to maintain communication between the two militaries.",
    "Washington is seeking to restore the broken channels of communication.",
    "The envoy urged both sides to resume talks at an early date.",
    "The first round of talks since the mechanism was suspended ended on Friday.",
    "The minister rejected calls for an inquiry into the incident.",
    "Clear communication channels are needed between the two navies.",
])
def test_intentions_positions_and_past_suspensions_are_not_states(sentence: str) -> None:
    assert statuses(sentence) == []


def test_a_negated_interruption_is_not_a_suspension() -> None:
    found = find_statements("Naval contacts have not been suspended despite the quarrel.")
    assert [(s.status, s.rule) for s in found] == [("active", "negated interruption")]


def test_the_span_is_the_words_of_the_statement() -> None:
    sentence = "Defence officials said the hotline remains open."
    (statement,) = find_statements(sentence)
    assert statement.text(sentence) == "hotline remains open"
