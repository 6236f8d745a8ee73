"""A "strike" is an attack or a walkout; "launched" a show of force only with weapons."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "category"), [
    ("Russian forces launched drone strikes on cities across Ukraine overnight.", "ASSAULT"),
    ("Israel launched air strikes on Gaza on Tuesday.", "ASSAULT"),
    ("The dockworkers' union launched a general strike on Monday.", "PROTEST"),
    ("North Korea launched two ballistic missiles on Monday.", "MOBILIZE"),
    ("Militants launched an attack on a joint military base on Sunday.", "ASSAULT"),
])
def test_what_was_launched_says_what_the_event_is(categories_of, text, category):
    assert categories_of(text) == [category]


@pytest.mark.parametrize(("text", "category"), [
    # a trigger noun counted by a measure noun is what the verb does
    ("China and the US held a new round of talks in Geneva.", "CONSULT"),
    ("US forces carried out a series of airstrikes in Syria.", "ASSAULT"),
    ("North Korea fired a barrage of missiles into the sea on Monday.", "ASSAULT"),
    ("The French negotiator leveled a string of accusations at the British government.", "ACCUSE"),
])
def test_a_round_or_a_series_of_an_event_is_the_event(categories_of, text, category):
    assert category in categories_of(text)


@pytest.mark.parametrize(("text", "assault"), [
    ("The Chinese Foreign Ministry said in a statement that China will also suspend China-U.S. climate "
     "change talks and cooperation on repatriating illegal immigrants, fighting transnational crime and "
     "counter-narcotics.", False),
    ("The two ministers said their police forces were fighting corruption together.", False),
    ("Ukrainian troops fought Russian forces near Bakhmut on Sunday.", True),
])
def test_fighting_crime_is_no_attack(categories_of, text, assault):
    assert ("ASSAULT" in categories_of(text)) is assault
