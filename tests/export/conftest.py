"""Hand-made events (invented sentences) for the export tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.records import Actor, Event, Evidence

SENTENCES = [
    "The two fleet commanders held a video call on Friday, officials said.",
    'A ministry spokeswoman condemned the "reckless" flight near the strait.',
    "Neither side has cut the hotline, the envoy said, despite the row.",
]


def make_events() -> list[Event]:
    """Three events covering multi-actor lists, missing sectors, negation, no date."""
    one, two, three = SENTENCES
    return [
        Event(category="CONSULT",
              actor=[Actor("CHN", "MIL", name="Admiral Example", role="commander",
                           text="Chinese commander"),
                     Actor("USA", "MIL", text="his US counterpart")],
              recipient=[], mode="phone", medium="video",
              context=["military", "crisis_communication"], date=date(2023, 5, 5),
              date_precision="day", location="Beijing", intensity=2.5, confidence=0.9,
              coder="hand 1", id="ev-1",
              evidence=Evidence("doc-a", 0, 0, len(one), one, "held a video call", 27,
                                "consult-call")),
        Event(category="ACCUSE", actor=[Actor("JPN", None, text="A ministry spokeswoman")],
              recipient=[Actor("RUS", "MIL")], mode="disapprove",
              context=["military"], date=date(2023, 6, 1), date_end=date(2023, 6, 30),
              date_precision="month", intensity=-2.0, confidence=0.6, id="ev-2",
              evidence=Evidence("doc-b", 3, 100, 100 + len(two), two, "condemned", 130)),
        Event(category="SANCTION", actor=[Actor("KOR", "GOV")],
              recipient=[Actor("PRK", "GOV")], negated=True, id="ev-3",
              evidence=Evidence("doc-b", 4, 200, 200 + len(three), three, "cut", 215)),
    ]


@pytest.fixture
def events() -> list[Event]:
    """The hand-made events."""
    return make_events()
