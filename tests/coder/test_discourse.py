"""Who a phrase names when the dictionary has no entry for it (``coder.discourse``)."""

from __future__ import annotations

import pytest

from eventwire.coder import DocumentCoder
from eventwire.records import Document


def recipients(event) -> list[tuple[str, str | None]]:
    return [(a.code, a.sector) for a in event.recipient]


def test_a_sector_word_that_says_what_kind_of_tie_names_no_one(event_of):
    # was IDN MIL: "military" took the speaker's country though no military is meant
    event = event_of("Prabowo said Indonesia welcomed closer cooperation but would not join any military "
                     "alliance, in line with Jakarta's free and active foreign policy.", "REJECT")
    assert [a.code for a in event.actor] == ["IDN"] and recipients(event) == []


def test_talks_of_a_sector_give_way_to_the_party_they_are_with(event_of):
    event = event_of("China's foreign ministry announced on Friday that it was cancelling theater commander "
                     "talks with the US military.", "SANCTION")
    assert recipients(event) == [("USA", "MIL")]


@pytest.mark.parametrize(("text", "category", "expected"), [
    # a thing stands for its owner: attacking government systems attacks the government
    ("Albanian officials said hackers working for Iran had attacked government computer systems "
     "on Tuesday.", "ASSAULT", [("ALB", "GOV")]),
    ("Sri Lankan police said thousands of protesters had occupied the president's official "
     "residence on Saturday.", "PROTEST", [("LKA", "GOV")]),
])
def test_a_sector_word_before_a_thing_still_names_its_owner(event_of, text, category, expected):
    assert recipients(event_of(text, category)) == expected


@pytest.mark.parametrize("text", [
    # "on Wednesday" was a party, given the country of the meeting's place
    "NATO leaders gathered in Madrid on Wednesday for a summit expected to name Russia as the "
    "alliance's most direct threat.",
    "Serbian and Kosovo negotiators resumed EU-brokered talks in Brussels on Tuesday after a "
    "six-month pause.",
    "Israel and Hezbollah traded heavy fire across the Lebanese border early on Sunday.",
])
def test_a_day_is_never_a_party(coder: DocumentCoder, text):
    coded = coder.code(Document(id="d", source="d.txt", text=text))
    assert coded.events
    named = [a.text for e in coded.events for a in e.actor + e.recipient]
    assert not any(day in " ".join(named) for day in ("Monday", "Tuesday", "Wednesday", "Sunday"))


def test_a_past_tense_conjunct_goes_with_the_reporting_verb(event_of):
    # the parser hangs "accused" on "must bear"; it cannot share that subject
    event = event_of("Chinese Defense Ministry spokesperson Wu Qian said the U.S. side must bear full "
                     "responsibility for the consequences of the visit, and accused Washington of "
                     "emboldening separatist forces.", "ACCUSE")
    assert [(a.code, a.sector) for a in event.actor] == [("CHN", "MIL")]
    assert [a.code for a in event.recipient] == ["USA"]
