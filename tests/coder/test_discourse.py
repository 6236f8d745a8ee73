"""Who a phrase names when the dictionary has no entry for it (``coder.discourse``)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.coder import DocumentCoder
from eventwire.records import Document, Event


@pytest.fixture(scope="module")
def coder(nlp) -> DocumentCoder:
    return DocumentCoder(nlp)


def main_event(coder: DocumentCoder, text: str, category: str) -> Event:
    coded = coder.code(Document(id="d", source="d.txt", text=text, published=date(2023, 2, 23)))
    return next(e for e in coded.events if e.category == category)


def recipients(event: Event) -> list[tuple[str, str | None]]:
    return [(a.code, a.sector) for a in event.recipient]


def test_a_sector_word_that_says_what_kind_of_tie_names_no_one(coder):
    # was IDN MIL: "military" took the speaker's country though no military is meant
    event = main_event(coder, "Prabowo said Indonesia welcomed closer cooperation but would not join "
                              "any military alliance, in line with Jakarta's free and active foreign policy.",
                       "REJECT")
    assert [a.code for a in event.actor] == ["IDN"] and recipients(event) == []


def test_talks_of_a_sector_give_way_to_the_party_they_are_with(coder):
    event = main_event(coder, "China's foreign ministry announced on Friday that it was cancelling "
                              "theater commander talks with the US military.", "SANCTION")
    assert recipients(event) == [("USA", "MIL")]


@pytest.mark.parametrize(("text", "category", "expected"), [
    # a thing stands for its owner: attacking government systems attacks the government
    ("Albanian officials said hackers working for Iran had attacked government computer systems "
     "on Tuesday.", "ASSAULT", [("ALB", "GOV")]),
    ("Sri Lankan police said thousands of protesters had occupied the president's official "
     "residence on Saturday.", "PROTEST", [("LKA", "GOV")]),
])
def test_a_sector_word_before_a_thing_still_names_its_owner(coder, text, category, expected):
    event = main_event(coder, text, category)
    assert recipients(event) == expected
