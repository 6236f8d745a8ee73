"""Where an event happened, and what that says of its parties (``coder.places``)."""

from __future__ import annotations

import pytest


def test_protests_held_in_a_place_are_its_civilians(event_of):
    event = event_of("Protests over the death of a young woman in police custody were held in at least "
                     "15 Iranian cities on Wednesday.", "PROTEST")
    assert [(a.code, a.sector, a.text) for a in event.actor] == [("IRN", "CVL", "at least 15 Iranian cities")]
    assert event.recipient == []


def test_a_protest_with_no_place_and_no_one_named_is_not_an_event(categories_of):
    assert "PROTEST" not in categories_of("Protests were held on Wednesday.")


@pytest.mark.parametrize(("text", "category", "actor", "target"), [
    ("The Chinese navy held live-fire drills in the waters around Taiwan on Monday.", "MOBILIZE", "CHN", "TWN"),
    ("Russian forces launched a wave of drone strikes on cities across Ukraine overnight.", "ASSAULT", "RUS",
     "UKR"),
    ("Gunmen killed at least 12 farmers in northern Burkina Faso on Friday.", "ASSAULT", "BFA", "BFA"),
])
def test_a_show_of_force_or_an_attack_is_aimed_at_the_place_it_goes(event_of, text, category, actor, target):
    event = event_of(text, category)
    assert actor in [a.code for a in event.actor]
    assert [a.code for a in event.recipient] == [target]


def test_drills_at_home_are_aimed_at_no_one(event_of):
    event = event_of("The Chinese navy held live-fire drills in the waters off Shanghai on Monday.", "MOBILIZE")
    assert event.recipient == []


def test_an_occasion_in_a_place_is_no_target(event_of):
    # "at a press conference in Hanoi" says where it was said, not whom the drills aim at
    event = event_of("China will deploy more warships, a spokesman said at a press conference in Hanoi.",
                     "MOBILIZE")
    assert event.recipient == []
